/**
 * What-if analysis: shocks to a sector's growth or level in some quarters, applied in order to a baseline path
 * (the scenario's low, high or mid path, or the actuals to date then mid), evaluated and compared with the
 * baseline; and the sensitivity of full-year growth to each sector and quarter.
 */
import { actualTable, findFigure, latestQuarter } from '../actuals/index.ts';
import { type BaseTable, keyBase, modelledSectors } from '../base/index.ts';
import { fail } from '../errors.ts';
import { type Evaluation, evaluate } from '../evaluate/index.ts';
import { type Dec, decimalOps } from '../numeric/index.ts';
import { exactDiff, exactMid, POW10, SAFE, scaleAll } from '../numeric/scaled.ts';
import { isPeriod, isQuarter, PERIOD_QUARTERS, PERIODS, type Period, QUARTERS, type Quarter } from '../periods.ts';
import { componentIds } from '../scenario/sectors.ts';
import { type QuarterValues, type Scenario, TOTAL } from '../scenario/types.ts';

/**
 * A change to one sector in some periods (a cumulative period means its quarters). Exactly one of:
 * `deltaPp` adds pp to the path's growth, `growth` sets it (%), `levelPct` changes the level by %:
 * X' = X·(1 + levelPct/100), i.e. g' = g + levelPct + g·levelPct/100.
 * A shock to a part (a sector with a parent) moves its parent's level by the same amount.
 */
export interface Shock {
  sector: string;
  periods: Period[];
  deltaPp?: number;
  growth?: number;
  levelPct?: number;
}

/** low, high, mid (the band's midpoint), or actual: actuals to date (as of `asOf`) then mid. */
export type BaselineName = 'low' | 'high' | 'mid' | 'actual';

/** A named baseline, or explicit quarterly growth, %, by sector. */
export type Baseline = BaselineName | Readonly<Record<string, Readonly<QuarterValues>>>;

export interface PathOptions {
  /** For the actual baseline: the last quarter taken from actuals (default: the latest the actuals reach). */
  asOf?: Quarter;
}

export interface BaselinePath {
  /** Quarterly growth, %, by sector (every sector with base levels and a path). */
  growth: Record<string, QuarterValues>;
  /** For the actual baseline: the quarters of each sector taken from the actuals. */
  actualQuarters?: Record<string, Quarter[]>;
}

export interface Difference {
  /** New growth minus baseline growth, pp. */
  growthPp: number;
  /** New contribution to the total minus baseline contribution, pp. */
  contributionPp: number;
}

export interface WhatIfResult {
  baseline: BaselineName | 'custom';
  baselineGrowth: Record<string, QuarterValues>;
  /** The path after the shocks. */
  growth: Record<string, QuarterValues>;
  actualQuarters?: Record<string, Quarter[]>;
  baselineEvaluation: Evaluation;
  evaluation: Evaluation;
  /** By period, then `total` and sector ids. */
  diff: Record<Period, Record<string, Difference>>;
  /** FY total growth after the shocks minus before, pp. */
  fyImpactPp: number;
}

const ops = decimalOps;

/**
 * The quarterly growth path of a baseline, by sector. Top-level sectors must have a band in every quarter (else
 * INPUT_MISSING_TARGET naming the missing target); parts without bands or levels are left out.
 */
export function baselinePath(
  scenario: Pick<Scenario, 'sectors' | 'targets' | 'actuals'>,
  base: Readonly<BaseTable>,
  baseline: Baseline = 'mid',
  options: PathOptions = {},
): BaselinePath {
  const sectors = modelledSectors(scenario.sectors, base);
  const growth: Record<string, QuarterValues> = {};
  if (typeof baseline !== 'string') {
    for (const s of sectors) {
      const row = baseline[s.id];
      if (!row) {
        if (s.parent === undefined) fail('INPUT_INVALID', `baseline.${s.id}`, `no growth path for ${s.id}`);
        continue;
      }
      growth[s.id] = [row[0], row[1], row[2], row[3]];
    }
    return { growth };
  }
  if (!['low', 'high', 'mid', 'actual'].includes(baseline))
    fail('INPUT_INVALID', 'baseline', `baseline is low, high, mid or actual, not ${String(baseline)}`);
  for (const s of sectors) {
    const row: number[] = [];
    for (const q of QUARTERS) {
      const band = scenario.targets[q]?.[s.id];
      if (!band) break;
      row.push(baseline === 'low' ? band.low : baseline === 'high' ? band.high : exactMid(band.low, band.high));
    }
    if (row.length === 4) growth[s.id] = row as QuarterValues;
    else if (s.parent === undefined)
      fail('INPUT_MISSING_TARGET', `targets.${QUARTERS[row.length]}.${s.id}`, `no band for ${s.id} to build the path`);
  }
  if (baseline !== 'actual') return { growth };

  if (options.asOf !== undefined && !isQuarter(options.asOf))
    fail('INPUT_UNKNOWN_PERIOD', 'asOf', `asOf is one of Q1..Q4, not ${String(options.asOf)}`);
  const table = actualTable(scenario, base);
  const asOf = options.asOf ?? latestQuarter(table);
  const m = asOf === null ? 0 : QUARTERS.indexOf(asOf) + 1;
  const actualQuarters: Record<string, Quarter[]> = {};
  for (const id of Object.keys(growth)) {
    actualQuarters[id] = [];
    for (let q = 0; q < m; q++) {
      const figure = findFigure(table, QUARTERS[q]!, id);
      if (!figure) continue;
      growth[id]![q] = figure.value;
      actualQuarters[id].push(QUARTERS[q]!);
    }
  }
  return { growth, actualQuarters };
}

/**
 * Applies the shocks in order to a baseline and evaluates before and after: every period, the total and every
 * sector, the difference for each, and the full-year impact on the total. Unknown sector: INPUT_UNKNOWN_SECTOR at
 * `shocks[i].sector`; unknown period: INPUT_UNKNOWN_PERIOD at `shocks[i].periods[j]`.
 *
 * @example
 * // Agriculture −2 pp in Q3 on the low path; its Q3 base is 50 of a year of 400: FY total −2·50/400 = −0.25 pp.
 * whatIf(scenario, base, [parseShock('agriculture:Q3:-2pp')], { baseline: 'low' }).fyImpactPp // -0.25
 */
export function whatIf(
  scenario: Pick<Scenario, 'sectors' | 'targets' | 'actuals'>,
  base: Readonly<BaseTable>,
  shocks: readonly Shock[],
  options: PathOptions & { baseline?: Baseline } = {},
): WhatIfResult {
  const baseline = options.baseline ?? 'mid';
  const start = baselinePath(scenario, base, baseline, options);
  const quarters = shocks.map((shock, i) => checkShock(scenario, start.growth, shock, i));
  const sectors = scenario.sectors.filter((s) => start.growth[s.id] !== undefined);

  // Only the shocked cells (and their parents) are carried as exact decimals between shocks; every other cell
  // keeps its number (a number → decimal → number round trip is the identity).
  const touched = new Map<string, Dec>();
  const cell = (id: string, q: number) => touched.get(`${id}|${q}`) ?? ops.from(start.growth[id]![q]!);
  shocks.forEach((shock, i) => {
    const parent = sectors.find((s) => s.id === shock.sector)?.parent;
    for (const q of quarters[i]!) {
      const before = cell(shock.sector, q);
      const after = shocked(before, shock);
      touched.set(`${shock.sector}|${q}`, after);
      if (parent !== undefined && start.growth[parent]) {
        // The part's level change, ΔX = B_part·(g' − g)/100, is a change of the parent's level too.
        const bp = ops.from(base[parent]![q]!);
        if (!bp.isZero()) {
          const delta = ops.div(ops.mul(ops.from(base[shock.sector]![q]!), ops.sub(after, before)), bp);
          touched.set(`${parent}|${q}`, ops.add(cell(parent, q), delta));
        }
      }
    }
  });
  const growth: Record<string, QuarterValues> = {};
  for (const [id, row] of Object.entries(start.growth)) growth[id] = [row[0], row[1], row[2], row[3]];
  for (const [key, value] of touched) {
    const [id, q] = key.split('|') as [string, string];
    growth[id]![Number(q)] = ops.toNumber(value);
  }

  const baselineEvaluation = evaluate({ sectors, base, growth: start.growth });
  const evaluation = evaluate({ sectors, base, growth });
  const diff = {} as Record<Period, Record<string, Difference>>;
  for (const period of PERIODS) {
    const before = baselineEvaluation.periods[period];
    const after = evaluation.periods[period];
    const row: Record<string, Difference> = { [TOTAL]: difference(before.total, after.total) };
    for (const s of sectors) row[s.id] = difference(before.sectors[s.id]!, after.sectors[s.id]!);
    diff[period] = row;
  }
  return {
    baseline: typeof baseline === 'string' ? baseline : 'custom',
    baselineGrowth: start.growth,
    growth,
    ...(start.actualQuarters && { actualQuarters: start.actualQuarters }),
    baselineEvaluation,
    evaluation,
    diff,
    fyImpactPp: diff.FY[TOTAL]!.growthPp,
  };
}

function difference(
  before: { growth: number; contributionPp: number },
  after: { growth: number; contributionPp: number },
): Difference {
  return {
    growthPp: exactDiff(after.growth, before.growth),
    contributionPp: exactDiff(after.contributionPp, before.contributionPp),
  };
}

function shocked(g: Dec, shock: Shock): Dec {
  if (shock.deltaPp !== undefined) return ops.add(g, ops.from(shock.deltaPp));
  if (shock.growth !== undefined) return ops.from(shock.growth);
  const l = ops.from(shock.levelPct!);
  return ops.add(ops.add(g, l), ops.div(ops.mul(g, l), ops.hundred));
}

/** Validates one shock; returns its quarter indices, ascending, each once. */
function checkShock(
  scenario: Pick<Scenario, 'sectors'>,
  growth: Readonly<Record<string, QuarterValues>>,
  shock: Shock,
  i: number,
): number[] {
  const at = `shocks[${i}]`;
  if (typeof shock !== 'object' || shock === null) fail('INPUT_INVALID', at, 'a shock is an object');
  if (!scenario.sectors.some((s) => s.id === shock.sector))
    fail('INPUT_UNKNOWN_SECTOR', `${at}.sector`, String(shock.sector));
  if (!growth[shock.sector])
    fail('INPUT_MISSING_BASE', `${at}.sector`, `${shock.sector} has no base-year levels or no path`);
  if (!Array.isArray(shock.periods) || shock.periods.length === 0)
    fail('INPUT_INVALID', `${at}.periods`, 'at least one period');
  const quarters = new Set<number>();
  shock.periods.forEach((p, j) => {
    if (!isPeriod(p)) fail('INPUT_UNKNOWN_PERIOD', `${at}.periods[${j}]`, String(p));
    for (const q of PERIOD_QUARTERS[p]) quarters.add(q);
  });
  const given = (['deltaPp', 'growth', 'levelPct'] as const).filter((k) => shock[k] !== undefined);
  if (given.length !== 1) fail('INPUT_INVALID', at, 'exactly one of deltaPp, growth, levelPct');
  const value = shock[given[0]!];
  if (typeof value !== 'number' || !Number.isFinite(value)) fail('INPUT_INVALID', `${at}.${given[0]}`, 'a number');
  if (given[0] !== 'deltaPp' && value < -100)
    fail('INPUT_INVALID', `${at}.${given[0]}`, 'below −100 % a level would be negative');
  return [...quarters].sort((a, b) => a - b);
}

export interface Sensitivity {
  /** pp of FY total growth per +1 pp of growth in a sector and quarter: B[s][q] / Σ B over the year. */
  perPp: Record<string, QuarterValues>;
  /** pp of FY total growth per +1 % of a sector's level in a quarter on the path: X[s][q] / Σ B over the year. */
  perLevelPct: Record<string, QuarterValues>;
}

/**
 * How much FY total growth moves per unit shock in each sector and quarter. Per pp it does not depend on the
 * path (FY growth is linear in quarterly growth); per % of level it does. A part moves the total through its
 * parent by the same amount.
 *
 * @example
 * // Agriculture's Q3 base is 50 of a year of 400: +1 pp there adds 0.125 pp to FY growth.
 * sensitivity(scenario, base, 'low').perPp.agriculture[2] // 0.125
 */
export function sensitivity(
  scenario: Pick<Scenario, 'sectors' | 'targets' | 'actuals'>,
  base: Readonly<BaseTable>,
  path: Baseline = 'mid',
  options: PathOptions = {},
): Sensitivity {
  const { growth } = baselinePath(scenario, base, path, options);
  return sensitivityScaled(scenario, base, growth) ?? sensitivityDecimal(scenario, base, growth);
}

/**
 * On scaled integers: with B and G the scaled base and growth, Y = Σ B of the components over the year and
 * K = 100·10^dg, perPp = B / Y and perLevelPct = (B·K + B·G) / (Y·K), one exact division each. Null when the
 * table does not fit.
 */
function sensitivityScaled(
  scenario: Pick<Scenario, 'sectors'>,
  base: Readonly<BaseTable>,
  growth: Readonly<Record<string, QuarterValues>>,
): Sensitivity | null {
  const components = componentIds(scenario);
  if (components.length === 0 || components.some((id) => !base[id])) return null;
  const ids = scenario.sectors.filter((s) => growth[s.id] !== undefined).map((s) => s.id);
  const all = [...components, ...ids];
  const sb = scaleAll(all.flatMap((id) => base[id]!));
  const sg = scaleAll(ids.flatMap((id) => growth[id]!));
  if (!sb || !sg || sg.decimals + 2 >= POW10.length) return null;
  const K = 100 * POW10[sg.decimals]!;
  if (4 * (components.length + 1) * sb.max * (K + sg.max) * (1 + 2 ** -40) > SAFE) return null;
  let year = 0;
  for (let k = 0; k < 4 * components.length; k++) year += sb.ints[k]!;
  const perPp: Record<string, QuarterValues> = {};
  const perLevelPct: Record<string, QuarterValues> = {};
  if (year === 0) return { perPp, perLevelPct };
  const yearK = year * K;
  ids.forEach((id, i) => {
    const at = 4 * (components.length + i);
    const pp: number[] = [];
    const level: number[] = [];
    for (let q = 0; q < 4; q++) {
      const b = sb.ints[at + q]!;
      pp.push(b / year);
      level.push((b * K + b * sg.ints[4 * i + q]!) / yearK);
    }
    perPp[id] = pp as QuarterValues;
    perLevelPct[id] = level as QuarterValues;
  });
  return { perPp, perLevelPct };
}

/** The same numbers in decimal, for tables that do not fit the scaled path. */
function sensitivityDecimal(
  scenario: Pick<Scenario, 'sectors'>,
  base: Readonly<BaseTable>,
  growth: Readonly<Record<string, QuarterValues>>,
): Sensitivity {
  const yearBase = keyBase(ops, scenario, base, TOTAL)!.reduce((acc, v) => ops.add(acc, v), ops.zero);
  const perPp: Record<string, QuarterValues> = {};
  const perLevelPct: Record<string, QuarterValues> = {};
  for (const s of scenario.sectors) {
    if (!growth[s.id] || yearBase.isZero()) continue;
    const b = base[s.id]!.map((v) => ops.from(v));
    perPp[s.id] = b.map((v) => ops.toNumber(ops.div(v, yearBase))) as QuarterValues;
    perLevelPct[s.id] = b.map((v, q) => {
      const level = ops.add(v, ops.div(ops.mul(v, ops.from(growth[s.id]![q]!)), ops.hundred));
      return ops.toNumber(ops.div(level, yearBase));
    }) as QuarterValues;
  }
  return { perPp, perLevelPct };
}

const NUMBER = String.raw`[+-]?\d+(?:[.,]\d+)?`;
const DELTA = new RegExp(String.raw`^(${NUMBER})\s*pp$`, 'i');
const SET = new RegExp(String.raw`^=\s*(${NUMBER})\s*%?$`);
const LEVEL = new RegExp(String.raw`^(${NUMBER})\s*%$`);

/**
 * Reads the CLI shock syntax `sector:periods:change`: `agriculture:Q3:-2pp` (pp added to growth),
 * `industry_construction:Q3,Q4:=10` (growth set to 10 %), `services:H1:-3%` (level changed by −3 %).
 * A decimal comma is accepted in the number (`-1,5pp`). The sector is checked when the shock is applied.
 */
export function parseShock(text: string): Shock {
  const parts = String(text).split(':');
  if (parts.length !== 3)
    fail('INPUT_INVALID', 'shock', `write sector:periods:change, e.g. agriculture:Q3:-2pp (${text})`);
  const [sector, periodText, change] = parts.map((p) => p.trim()) as [string, string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(sector)) fail('INPUT_INVALID', 'shock.sector', `not a sector id: ${sector}`);
  const periods = periodText.split(',').map((p, j) => {
    const period = p.trim().toUpperCase();
    if (!isPeriod(period)) fail('INPUT_UNKNOWN_PERIOD', `shock.periods[${j}]`, p.trim());
    return period;
  });
  const num = (s: string) => Number(s.replace(',', '.'));
  let match = DELTA.exec(change);
  if (match) return { sector, periods, deltaPp: num(match[1]!) };
  match = SET.exec(change);
  if (match) return { sector, periods, growth: num(match[1]!) };
  match = LEVEL.exec(change);
  if (match) return { sector, periods, levelPct: num(match[1]!) };
  return fail('INPUT_INVALID', 'shock.change', `-2pp (pp), =10 (set growth) or -3% (level), not ${change}`);
}
export { formatShock, legacyWebShocks } from './shock-text.ts';
