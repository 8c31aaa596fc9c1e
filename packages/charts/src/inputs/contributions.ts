import {
  type ActualTable,
  type BaseTable,
  baselinePath,
  type Evaluation,
  evaluate,
  findFigure,
  PERIODS,
  type Period,
  type QuarterValues,
  type Scenario,
  TOTAL,
  topLevelSectors,
} from '@grdp/engine';
import type { ContributionRow, ContributionsChartInput } from '../types.ts';

/** Where the contributions chart takes sector growth from: the actual figures, or the scenario's mid path. */
export type ContributionSource = 'actual' | 'mid';

/**
 * Contributions (pp) of the given sectors and the total growth (%) from an evaluation, for every period.
 * Pass top-level sectors only: parts are not added into the total.
 */
export function contributionsFromEvaluation(
  evaluation: Evaluation,
  sectors: readonly string[],
  periods: readonly Period[] = PERIODS,
): ContributionsChartInput {
  const rows: ContributionRow[] = periods.map((period) => {
    const result = evaluation.periods[period];
    const contributions: Record<string, number> = {};
    for (const id of sectors) {
      const cell = result.sectors[id];
      if (cell) contributions[id] = cell.contributionPp;
    }
    return { period, contributions, total: result.total.growth };
  });
  return { sectors: sectors.map((key) => ({ key })), rows };
}

/**
 * Contributions from the actual figures (the engine's actual table, published and derived). A period is shown
 * only when every top-level sector has an actual figure for it: a period without actuals is left empty, never
 * filled with a projection. Each sector's contribution is B·g / ΣB over the period's quarters (evaluated with
 * the period's figure in each of its quarters, which gives the period's level). The total is the total chart's
 * figure for the period (the same actual), and `sum` the contributions added: they differ only when the
 * published total and the published sector figures disagree (rounding of the printed figures, or a finding).
 */
export function contributionsFromActuals(
  scenario: Pick<Scenario, 'sectors'>,
  base: Readonly<BaseTable>,
  table: ActualTable,
): ContributionsChartInput {
  const sectors = topLevelSectors(scenario.sectors);
  const ids = sectors.map((s) => s.id);
  const rows: ContributionRow[] = [];
  for (const period of PERIODS) {
    const growth: Record<string, QuarterValues> = {};
    for (const id of ids) {
      const value = findFigure(table, period, id)?.value;
      if (value === undefined) break;
      growth[id] = [value, value, value, value];
    }
    if (ids.length === 0 || Object.keys(growth).length !== ids.length) continue;
    const row = contributionsFromEvaluation(evaluate({ sectors, base, growth }), ids, [period]).rows[0]!;
    const total = findFigure(table, period, TOTAL)?.value ?? row.total;
    rows.push({ ...row, total, sum: row.total });
  }
  return { sectors: ids.map((key) => ({ key })), rows };
}

/** Contributions along the scenario's mid path (the middle of every band): a plan, not actuals. */
export function contributionsFromMid(
  scenario: Pick<Scenario, 'sectors' | 'targets' | 'actuals'>,
  base: Readonly<BaseTable>,
): ContributionsChartInput {
  const sectors = topLevelSectors(scenario.sectors);
  const { growth } = baselinePath(scenario, base, 'mid');
  return contributionsFromEvaluation(
    evaluate({ sectors, base, growth }),
    sectors.map((s) => s.id),
  );
}
