import { fail } from '../errors.ts';
import { decimalOps, type NumericOps } from '../numeric/index.ts';
import { PERIOD_QUARTERS, PERIODS, type Period } from '../periods.ts';
import type { QuarterValues, Sector } from '../scenario/types.ts';

/** One sector (or the total) in one period. All growth figures in %, contributions in percentage points. */
export interface Cell {
  /** Growth against the same period of the base year, %. */
  growth: number;
  /** Current level: Σ B·(1 + g/100) over the period's quarters. */
  level: number;
  /** Base-year level over the period's quarters. */
  baseLevel: number;
  /** Contribution to the total's growth, pp: (level − baseLevel) / total baseLevel · 100. Sums to the total. */
  contributionPp: number;
  /** Contribution as a share of the total's growth (null when the total does not grow). */
  contributionShare: number | null;
  /** Share of the economy in the base year: baseLevel / total baseLevel. */
  baseShare: number;
  /** Share of the economy in the current year: level / total level. */
  share: number;
}

export interface PeriodResult {
  total: Cell;
  /** Every sector, parts included; parts (sectors with a parent) are not added into the total. */
  sectors: Record<string, Cell>;
}

export interface Evaluation {
  periods: Record<Period, PeriodResult>;
}

export interface EvaluateInput {
  sectors: readonly Pick<Sector, 'id' | 'parent'>[];
  /** Base-year level by sector and quarter. */
  base: Readonly<Record<string, Readonly<QuarterValues>>>;
  /** Growth % by sector and quarter. */
  growth: Readonly<Record<string, Readonly<QuarterValues>>>;
}

export interface EvaluateOptions<T> {
  ops?: NumericOps<T>;
}

/**
 * Levels, growth, contributions and shares for every sector and the total, in Q1..Q4, H1, 9M and FY.
 * Cumulative growth is Σ current levels / Σ base levels − 1 over the quarters covered; the total adds the
 * top-level sectors only. Exact (decimal) by default.
 *
 * @example
 * // An Giang 2023, low path: Q1 total growth 6.15 % from its sector growths and the 2022 levels.
 * evaluate({ sectors, base, growth }).periods.Q1.total.growth // ≈ 6.15
 */
export function evaluate<T = unknown>(input: EvaluateInput, options: EvaluateOptions<T> = {}): Evaluation {
  checkInput(input);
  const ops = (options.ops ?? decimalOps) as NumericOps<T>;
  return evaluateUnchecked(input, ops);
}

function checkInput(input: EvaluateInput): void {
  for (const s of input.sectors) {
    const b = input.base[s.id];
    const g = input.growth[s.id];
    if (!b) fail('INPUT_MISSING_BASE', `base.${s.id}`, `no base-year levels for ${s.id}`);
    if (!g) fail('INPUT_INVALID', `growth.${s.id}`, `no growth for ${s.id}`);
    for (let q = 0; q < 4; q++) {
      if (!Number.isFinite(b[q]) || (b[q] as number) < 0)
        fail('INPUT_INVALID', `base.${s.id}[${q}]`, 'a level must be a finite number ≥ 0');
      if (!Number.isFinite(g[q])) fail('INPUT_INVALID', `growth.${s.id}[${q}]`, 'a growth must be a finite number');
    }
  }
}

/** The core without checks, for hot loops that have checked their inputs once. */
export function evaluateUnchecked<T>(input: EvaluateInput, ops: NumericOps<T>): Evaluation {
  const ids = input.sectors.map((s) => s.id);
  const top = input.sectors.filter((s) => s.parent === undefined).map((s) => s.id);
  // Quarterly base and current levels by sector.
  const base: Record<string, T[]> = {};
  const current: Record<string, T[]> = {};
  for (const id of ids) {
    const b = input.base[id]!;
    const g = input.growth[id]!;
    base[id] = b.map((v) => ops.from(v));
    current[id] = b.map((v, q) => {
      const bv = ops.from(v);
      return ops.add(bv, ops.div(ops.mul(bv, ops.from(g[q]!)), ops.hundred));
    });
  }
  const periods = {} as Record<Period, PeriodResult>;
  for (const period of PERIODS) {
    const qs = PERIOD_QUARTERS[period];
    const sumOver = (levels: T[]) => qs.reduce((acc, q) => ops.add(acc, levels[q]!), ops.zero);
    const baseBy: Record<string, T> = {};
    const levelBy: Record<string, T> = {};
    for (const id of ids) {
      baseBy[id] = sumOver(base[id]!);
      levelBy[id] = sumOver(current[id]!);
    }
    const totalBase = top.reduce((acc, id) => ops.add(acc, baseBy[id]!), ops.zero);
    const totalLevel = top.reduce((acc, id) => ops.add(acc, levelBy[id]!), ops.zero);
    const totalGrowth = growthPct(ops, totalLevel, totalBase);
    const cell = (b: T, x: T): Cell => {
      const contribution = ops.isZero(totalBase) ? ops.zero : ops.div(ops.mul(ops.sub(x, b), ops.hundred), totalBase);
      return {
        growth: ops.toNumber(growthPct(ops, x, b)),
        level: ops.toNumber(x),
        baseLevel: ops.toNumber(b),
        contributionPp: ops.toNumber(contribution),
        contributionShare: ops.isZero(totalGrowth) ? null : ops.toNumber(ops.div(contribution, totalGrowth)),
        baseShare: ops.isZero(totalBase) ? 0 : ops.toNumber(ops.div(b, totalBase)),
        share: ops.isZero(totalLevel) ? 0 : ops.toNumber(ops.div(x, totalLevel)),
      };
    };
    const sectors: Record<string, Cell> = {};
    for (const id of ids) sectors[id] = cell(baseBy[id]!, levelBy[id]!);
    periods[period] = { total: cell(totalBase, totalLevel), sectors };
  }
  return { periods };
}

/** (level / base − 1) · 100, or 0 when the base is 0. */
export function growthPct<T>(ops: NumericOps<T>, level: T, base: T): T {
  if (ops.isZero(base)) return ops.zero;
  return ops.mul(ops.sub(ops.div(level, base), ops.one), ops.hundred);
}
