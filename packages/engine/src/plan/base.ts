import { type ErrorCode, GrdpError, type Issue, issue } from '../errors.ts';
import { isIndexUnit } from '../merge/index.ts';
import { Dec } from '../numeric/index.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Plan } from './types.ts';

/**
 * A plan's base level taken from a scenario file's base-year levels (`baseFrom`): typically the merged province's
 * base that `grdp merge` writes. The file's levels are of year `scenario.year − 1`; their annual sum (every
 * top-level sector, four quarters) is rolled forward to the plan's base year with `baseFrom.growth`, one growth %
 * for each year in between, exact decimals: level × Π (1 + g/100). The base keeps the file's unit and price basis.
 *
 * Levels that are an index cannot be a base in money; a growth missing for a year in between, or given for a year
 * outside, is an error: nothing is guessed.
 *
 * @example
 * // 2024 merged levels summing to 147,173.97 billion VND, growth 2025 8.39 % → baseLevel.value 159,521.866…
 * planBaseFromScenario(plan, merged).baseLevel
 */
export function planBaseFromScenario(plan: Plan, scenario: Scenario): Plan {
  const issues: Issue<ErrorCode>[] = [];
  const from = plan.baseFrom;
  if (!from) throw new GrdpError([issue('INPUT_INVALID', 'baseFrom', 'the plan names no baseFrom file')]);
  const base = scenario.base;
  if (!base) throw new GrdpError([issue('INPUT_MISSING_BASE', 'base', `${scenario.id} has no base-year levels`)]);
  if (isIndexUnit(base.unit))
    issues.push(
      issue('INPUT_INVALID', 'base.unit', `the levels of ${scenario.id} are an index ("${base.unit}"), not money`),
    );
  const levelsYear = scenario.year - 1;
  if (levelsYear > plan.baseYear)
    issues.push(
      issue(
        'INPUT_INVALID',
        'baseFrom.file',
        `${scenario.id} holds levels of ${levelsYear}, after the plan's base year ${plan.baseYear}`,
      ),
    );
  const growth = from.growth ?? {};
  for (const y of Object.keys(growth))
    if (Number(y) <= levelsYear || Number(y) > plan.baseYear)
      issues.push(
        issue(
          'INPUT_INVALID',
          `baseFrom.growth.${y}`,
          `the levels are of ${levelsYear}: growth runs from ${levelsYear + 1} to ${plan.baseYear}`,
        ),
      );
  for (let y = levelsYear + 1; y <= plan.baseYear; y++)
    if (growth[String(y)] === undefined)
      issues.push(
        issue(
          'INPUT_INVALID',
          `baseFrom.growth.${y}`,
          `the levels are of ${levelsYear}: give the growth of ${y} to reach the base year ${plan.baseYear}`,
        ),
      );
  const top = scenario.sectors.filter((s) => s.parent === undefined).map((s) => s.id);
  for (const id of top)
    if (!base.levels[id]) issues.push(issue('INPUT_MISSING_BASE', `base.levels.${id}`, `no levels for ${id}`));
  if (issues.length > 0) throw new GrdpError(issues);

  let level = new Dec(0);
  for (const id of top) for (const v of base.levels[id]!) level = level.plus(v);
  for (let y = levelsYear + 1; y <= plan.baseYear; y++)
    level = level.times(new Dec(growth[String(y)]!).div(100).plus(1));
  return {
    ...plan,
    baseLevel: { value: level.toNumber(), unit: base.unit, priceBasis: scenario.priceBasis },
  };
}
