import { type Evaluation, PERIODS, type Period, type Scenario, TOTAL } from '@grdp/engine';
import type { ActualPoint, BandChartInput, BandPoint, ContributionRow, ContributionsChartInput } from './types.ts';

/** A scenario's target bands and actuals for one key (`total` or a sector id), as band-chart input. */
export function bandInputFromScenario(
  scenario: Pick<Scenario, 'targets' | 'actuals'>,
  key: string = TOTAL,
): BandChartInput {
  const bands: BandPoint[] = [];
  for (const period of PERIODS) {
    const band = scenario.targets[period]?.[key];
    if (band) bands.push({ period, low: band.low, high: band.high });
  }
  const actuals: ActualPoint[] = [];
  for (const a of scenario.actuals) {
    const value = a.values[key];
    if (value !== undefined && Number.isFinite(value)) actuals.push({ period: a.period, value, vintage: a.vintage });
  }
  return { key, bands, actuals };
}

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
