import { type ErrorCode, GrdpError, type Issue, issue } from '../errors.ts';
import { decimalOps } from '../numeric/index.ts';
import { QUARTERS } from '../periods.ts';
import type { BaseLevels, QuarterValues, Scenario } from '../scenario/types.ts';

/**
 * The next year's scenario skeleton: year t's levels, B · (1 + g/100) by sector and quarter (exact decimals),
 * become the base of year t + 1. Every sector of `base` (parts included) needs its four growths.
 *
 * The new base is `official` only when the old base is official and the scenario's actuals are all official
 * and cover Q1..Q4; otherwise `implied`. The unit is kept. Targets and actuals start empty; the id and titles
 * get the new year (in place of the old one where they contain it).
 *
 * @example
 * rollForward(anGiang2023, anGiang2023.base!, growth2023).base!.levels.services // 2023 levels of services
 */
export function rollForward(
  scenario: Scenario,
  base: BaseLevels,
  growthByQuarter: Readonly<Record<string, Readonly<QuarterValues>>>,
): Scenario {
  const issues: Issue<ErrorCode>[] = [];
  const ops = decimalOps;
  const levels: Record<string, QuarterValues> = {};
  for (const [id, b] of Object.entries(base.levels)) {
    const g = growthByQuarter[id];
    if (!g) {
      issues.push(issue('INPUT_INVALID', `growthByQuarter.${id}`, `no growth for ${id}`));
      continue;
    }
    const row: number[] = [];
    for (let q = 0; q < 4; q++) {
      const bq = b[q];
      const gq = g[q];
      if (!Number.isFinite(bq) || (bq as number) < 0) {
        issues.push(issue('INPUT_INVALID', `base.levels.${id}[${q}]`, 'a level must be a finite number ≥ 0'));
        continue;
      }
      if (!Number.isFinite(gq) || (gq as number) < -100) {
        issues.push(issue('INPUT_INVALID', `growthByQuarter.${id}[${q}]`, 'a growth is a finite number ≥ -100'));
        continue;
      }
      const bv = ops.from(bq as number);
      row.push(ops.toNumber(ops.add(bv, ops.div(ops.mul(bv, ops.from(gq as number)), ops.hundred))));
    }
    levels[id] = row as QuarterValues;
  }
  if (issues.length > 0) throw new GrdpError(issues);

  const official =
    base.origin === 'official' &&
    scenario.actuals.length > 0 &&
    scenario.actuals.every((a) => a.vintage === 'official') &&
    QUARTERS.every((q) => scenario.actuals.some((a) => a.period === q));
  const year = scenario.year;
  const next = year + 1;
  const withYear = (s: string, sep: string) =>
    s.includes(String(year)) ? s.replaceAll(String(year), String(next)) : `${s}${sep}${next}`;

  const out: Scenario = {
    id: withYear(scenario.id, '-'),
    title: { vi: withYear(scenario.title.vi, ' '), en: withYear(scenario.title.en, ' ') },
    region: scenario.region,
    year: next,
    source: `Base rolled forward from ${scenario.id}: the ${year} levels, base × (1 + growth), by sector and quarter`,
    priceBasis: scenario.priceBasis,
    sectors: scenario.sectors.map((s) => ({ ...s, name: { ...s.name } })),
    base: { unit: base.unit, origin: official ? 'official' : 'implied', levels },
    targets: {},
    actuals: [],
  };
  return out;
}
