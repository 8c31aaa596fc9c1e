import { fail } from '../errors.ts';
import { decimalOps, type NumericOps } from '../numeric/index.ts';
import type { ExactArithmetic } from '../numeric/scaled.ts';
import { PERIOD_QUARTERS, PERIODS, type Period } from '../periods.ts';
import type { QuarterValues, Sector } from '../scenario/types.ts';
import { evaluateScaled } from './scaled.ts';

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
  /** Arithmetic to evaluate with; default: exact (scaled integers, or decimal where an input does not fit). */
  ops?: NumericOps<T>;
}

/** An exact evaluation and the arithmetic that produced it. */
export interface ExactEvaluation {
  evaluation: Evaluation;
  arithmetic: ExactArithmetic;
}

/**
 * Levels, growth, contributions and shares for every sector and the total, in Q1..Q4, H1, 9M and FY.
 * Cumulative growth is Σ current levels / Σ base levels − 1 over the quarters covered; the total adds the
 * top-level sectors only. Exact by default: on scaled integers where the inputs fit, else decimal (both give the
 * same numbers; see `evaluateExact`). With `ops` the formulas run on that number type.
 *
 * @example
 * // An Giang 2023, low path: Q1 total growth 6.15 % from its sector growths and the 2022 levels.
 * evaluate({ sectors, base, growth }).periods.Q1.total.growth // ≈ 6.15
 */
export function evaluate<T = unknown>(input: EvaluateInput, options: EvaluateOptions<T> = {}): Evaluation {
  checkInput(input);
  if (options.ops === undefined) return evaluateExactUnchecked(input).evaluation;
  return evaluateUnchecked(input, options.ops);
}

/**
 * The exact evaluation and which arithmetic ran: `scaled-integer` (float64 holding exact integers, see
 * `numeric/scaled.ts`) where every input has few enough decimals and every sum stays below 2⁵³, else `decimal`.
 * The numbers are the same on both paths.
 */
export function evaluateExact(input: EvaluateInput): ExactEvaluation {
  checkInput(input);
  return evaluateExactUnchecked(input);
}

/** `evaluateExact` without the input checks, for callers that checked once. */
export function evaluateExactUnchecked(input: EvaluateInput): ExactEvaluation {
  const scaled = evaluateScaled(input);
  if (scaled) return { evaluation: scaled, arithmetic: 'scaled-integer' };
  return { evaluation: evaluateUnchecked(input, decimalOps), arithmetic: 'decimal' };
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

/** What depends only on the base levels (and the sector list): computed once per evaluation, not per cell. */
interface BaseParts<T> {
  ops: NumericOps<T>;
  ids: string[];
  parents: (string | undefined)[];
  raw: number[];
  /** Quarterly base levels by sector index, and each divided by 100. */
  base: T[][];
  hundredth: T[][];
  periods: BasePeriod<T>[];
}

interface BasePeriod<T> {
  baseBy: T[];
  /** 100 / base level by sector (zero when the base is zero, see `baseZeroBy`). */
  perBaseBy: T[];
  baseZeroBy: boolean[];
  baseNumberBy: number[];
  baseShareBy: number[];
  totalBase: T;
  totalPerBase: T;
  totalBaseNumber: number;
  baseZero: boolean;
  /** 100 / total base (contributions). */
  perTotalBase: T;
}

function baseParts<T>(input: EvaluateInput, ops: NumericOps<T>): BaseParts<T> {
  const list = input.sectors;
  const n = list.length;
  const { zero, hundred } = ops;
  const ids = list.map((s) => s.id);
  const parents = list.map((s) => s.parent);
  const raw: number[] = [];
  const base: T[][] = [];
  const hundredth: T[][] = [];
  for (const id of ids) {
    const b = input.base[id]!;
    const bq: T[] = [];
    const hq: T[] = [];
    for (let q = 0; q < 4; q++) {
      raw.push(b[q]!);
      const bv = ops.from(b[q]!);
      bq.push(bv);
      hq.push(ops.div(bv, hundred));
    }
    base.push(bq);
    hundredth.push(hq);
  }
  const periods = PERIODS.map((period): BasePeriod<T> => {
    const qs = PERIOD_QUARTERS[period];
    const baseBy: T[] = [];
    let totalBase = zero;
    for (let i = 0; i < n; i++) {
      let b: T = base[i]![qs[0]!]!;
      for (let j = 1; j < qs.length; j++) b = ops.add(b, base[i]![qs[j]!]!);
      baseBy.push(b);
      if (parents[i] === undefined) totalBase = ops.add(totalBase, b);
    }
    const baseZero = ops.isZero(totalBase);
    const invTotal = baseZero ? zero : ops.div(ops.one, totalBase);
    const per = (b: T) => (ops.isZero(b) ? zero : ops.div(hundred, b));
    return {
      baseBy,
      perBaseBy: baseBy.map(per),
      baseZeroBy: baseBy.map((b) => ops.isZero(b)),
      // one quarter: the input number itself (a number → decimal → number round trip is the identity)
      baseNumberBy: baseBy.map((b, i) => (qs.length === 1 ? raw[4 * i + qs[0]!]! : ops.toNumber(b))),
      baseShareBy: baseBy.map((b) => (baseZero ? 0 : ops.toNumber(ops.mul(b, invTotal)))),
      totalBase,
      totalPerBase: per(totalBase),
      totalBaseNumber: ops.toNumber(totalBase),
      baseZero,
      perTotalBase: per(totalBase),
    };
  });
  return { ops, ids, parents, raw, base, hundredth, periods };
}

/**
 * The core without checks, for hot loops that have checked their inputs once.
 *
 * Cost: no division per cell. What depends only on the base table (base sums, 100 / base, base shares) is
 * computed once per evaluation (`baseParts`; nothing is kept between calls: the engine holds no state); per period 1 / total level and 1 / (total level − total
 * base) are computed once, and every ratio multiplies by a reciprocal. Growth is (x − b) · (100 / b), the same
 * number as (x / b − 1) · 100 without the cancellation, and exactly 0 when x = b. With decimal ops each product
 * differs from the quotient it replaces by about one unit in the last (40th) digit, far below the float64
 * rounding of `toNumber`, so the numbers out are the same.
 */
export function evaluateUnchecked<T>(input: EvaluateInput, ops: NumericOps<T>): Evaluation {
  const parts = baseParts(input, ops);
  const list = input.sectors;
  const n = list.length;
  const { zero, one } = ops;
  const current: T[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const g = input.growth[list[i]!.id]!;
    const bq = parts.base[i]!;
    const hq = parts.hundredth[i]!;
    const xq: T[] = new Array(4);
    // B + B·g/100, with B/100 kept exact
    for (let q = 0; q < 4; q++) xq[q] = ops.add(bq[q]!, ops.mul(hq[q]!, ops.from(g[q]!)));
    current[i] = xq;
  }
  const periods = {} as Record<Period, PeriodResult>;
  const levelBy: T[] = new Array(n);
  PERIODS.forEach((period, pi) => {
    const bp = parts.periods[pi]!;
    const qs = PERIOD_QUARTERS[period];
    let totalLevel = zero;
    for (let i = 0; i < n; i++) {
      const row = current[i]!;
      let x: T = row[qs[0]!]!;
      for (let j = 1; j < qs.length; j++) x = ops.add(x, row[qs[j]!]!);
      levelBy[i] = x;
      if (parts.parents[i] === undefined) totalLevel = ops.add(totalLevel, x);
    }
    const { baseZero, totalBase, perTotalBase } = bp;
    const levelZero = ops.isZero(totalLevel);
    const totalChange = ops.sub(totalLevel, totalBase);
    const growthZero = baseZero || ops.isZero(totalChange);
    const invLevel = levelZero ? zero : ops.div(one, totalLevel);
    const invChange = growthZero ? zero : ops.div(one, totalChange);
    const cell = (
      b: T,
      x: T,
      perBase: T,
      bZero: boolean,
      baseLevel: number,
      baseShare: number,
      change: T = ops.sub(x, b),
    ): Cell => ({
      growth: bZero ? 0 : ops.toNumber(ops.mul(change, perBase)),
      level: ops.toNumber(x),
      baseLevel,
      contributionPp: baseZero ? 0 : ops.toNumber(ops.mul(change, perTotalBase)),
      contributionShare: growthZero ? null : ops.toNumber(ops.mul(change, invChange)),
      baseShare,
      share: levelZero ? 0 : ops.toNumber(ops.mul(x, invLevel)),
    });
    const sectors: Record<string, Cell> = {};
    for (let i = 0; i < n; i++)
      sectors[list[i]!.id] = cell(
        bp.baseBy[i]!,
        levelBy[i]!,
        bp.perBaseBy[i]!,
        bp.baseZeroBy[i]!,
        bp.baseNumberBy[i]!,
        bp.baseShareBy[i]!,
      );
    periods[period] = {
      total: cell(totalBase, totalLevel, bp.totalPerBase, baseZero, bp.totalBaseNumber, baseZero ? 0 : 1, totalChange),
      sectors,
    };
  });
  return { periods };
}

/** Growth only (%), for the total or one sector in one period. */
export interface Growths {
  total(period: Period): number;
  sector(period: Period, id: string): number;
}

/**
 * The growth figures of `evaluateUnchecked`, computed on demand and nothing else (no levels, contributions or
 * shares): the same operations on the same numbers, so with decimal ops the same bits. For callers that read a
 * few growths per evaluation, such as the calibration's residuals (19 of the 35 cells of a four-sector table).
 */
export function growthsUnchecked<T>(input: EvaluateInput, ops: NumericOps<T>): Growths {
  const list = input.sectors;
  const n = list.length;
  const { zero, hundred } = ops;
  const index = new Map(list.map((s, i) => [s.id, i] as const));
  const base: T[][] = [];
  const current: T[][] = [];
  for (const s of list) {
    const b = input.base[s.id]!;
    const g = input.growth[s.id]!;
    const bq: T[] = new Array(4);
    const xq: T[] = new Array(4);
    for (let q = 0; q < 4; q++) {
      const bv = ops.from(b[q]!);
      bq[q] = bv;
      // B + B·g/100, with B/100 kept exact (as evaluateUnchecked)
      xq[q] = ops.add(bv, ops.mul(ops.div(bv, hundred), ops.from(g[q]!)));
    }
    base.push(bq);
    current.push(xq);
  }
  const sums = new Map<Period, { base: T[]; level: T[] }>();
  const sumsOf = (period: Period) => {
    let v = sums.get(period);
    if (!v) {
      const qs = PERIOD_QUARTERS[period];
      const over = (row: T[]): T => {
        let x: T = row[qs[0]!]!;
        for (let j = 1; j < qs.length; j++) x = ops.add(x, row[qs[j]!]!);
        return x;
      };
      v = { base: base.map(over), level: current.map(over) };
      sums.set(period, v);
    }
    return v;
  };
  // (x − b) · (100 / b), 0 when b = 0: the `growth` of evaluateUnchecked's cells.
  const growth = (b: T, x: T) => (ops.isZero(b) ? 0 : ops.toNumber(ops.mul(ops.sub(x, b), ops.div(hundred, b))));
  return {
    total(period) {
      const v = sumsOf(period);
      let totalBase = zero;
      let totalLevel = zero;
      for (let i = 0; i < n; i++)
        if (list[i]!.parent === undefined) {
          totalBase = ops.add(totalBase, v.base[i]!);
          totalLevel = ops.add(totalLevel, v.level[i]!);
        }
      return growth(totalBase, totalLevel);
    },
    sector(period, id) {
      const i = index.get(id);
      if (i === undefined) throw new Error(`no sector ${id}`);
      const v = sumsOf(period);
      return growth(v.base[i]!, v.level[i]!);
    },
  };
}

/** (level / base − 1) · 100, or 0 when the base is 0. */
export function growthPct<T>(ops: NumericOps<T>, level: T, base: T): T {
  if (ops.isZero(base)) return ops.zero;
  return ops.mul(ops.sub(ops.div(level, base), ops.one), ops.hundred);
}
