/**
 * The status of an indicator against its target: met, not met, exceeded, or no data yet; and, for an average
 * annual change or an average/total over several years, the rate still needed each remaining year.
 *
 * Rules, for a figure x against the qualifier (mirrored when lower is better):
 * - band [low, high]: inside → met; beyond on the better side → exceeded; on the worse side → not met.
 * - ≥, đạt (reach), duy trì (maintain): x equal to the target → met; better → exceeded; worse → not met.
 * - ≤: x equal → met; lower → exceeded; higher → not met.
 * - > and <: the strict side → met (the printed figure itself is not met); no "exceeded".
 * - ≈ (khoảng): within ±tolerance % of the target → met; beyond on the better side → exceeded; else not met.
 * - rank: the printed place → met; a better (smaller) place → exceeded; worse → not met.
 * - average annual change: the observed change a year, in the target's direction, is compared as a band.
 */
import { Dec } from '../numeric/index.ts';
import type { LocalizedText } from '../scenario/types.ts';
import type { Better, Indicator, IndicatorTarget } from './types.ts';

export type IndicatorStatusKind = 'met' | 'not-met' | 'exceeded' | 'no-data';
export const INDICATOR_STATUS_KINDS: readonly IndicatorStatusKind[] = ['met', 'not-met', 'exceeded', 'no-data'];

/** One year's figure of an indicator, and where it comes from. */
export interface IndicatorFigure {
  year: number;
  value: number;
  /** entered (file or database), grdp (the scenario's full-year growth actual), derived (computed from others) */
  origin: 'entered' | 'grdp' | 'derived';
  vintage?: string;
  published?: string;
  source?: string;
  /** How a derived figure was computed, units stated. */
  formula?: LocalizedText;
}

/** Why there is no status yet. */
export type NoDataReason = 'no-actual' | 'no-base';

export interface IndicatorStatus {
  status: IndicatorStatusKind;
  /** The figure compared with the target: the year's value, the mean, the sum, or the average change a year. */
  compared?: number;
  /** The years the compared figure covers. */
  years?: number[];
  /** True while the period is not complete (an earlier year, or part of an average or total). */
  provisional: boolean;
  /** The most recent figure, whatever its year. */
  latest?: IndicatorFigure;
  /** Each remaining year, on average, to reach the target's low and high edge (one value: low = high). */
  needed?: { low: number; high: number; years: number };
  reason?: NoDataReason;
}

type D = InstanceType<typeof Dec>;

/** Compares one figure with a target (not average annual change, which compares a change). */
export function compareToTarget(
  target: Exclude<IndicatorTarget, { kind: 'averageAnnualChange' }>,
  x: number,
  better: Better,
): IndicatorStatusKind {
  const v = new Dec(x);
  // s > 0 when x is better than the reference
  const side = (ref: number | D) => (better === 'higher' ? v.cmp(ref) : new Dec(ref).cmp(v));
  switch (target.kind) {
    case 'band': {
      const worse = better === 'higher' ? target.low : target.high;
      const best = better === 'higher' ? target.high : target.low;
      if (side(worse) < 0) return 'not-met';
      return side(best) > 0 ? 'exceeded' : 'met';
    }
    case 'atLeast':
    case 'reach':
    case 'maintain':
    case 'atMost': {
      const s = side(target.value);
      return s === 0 ? 'met' : s > 0 ? 'exceeded' : 'not-met';
    }
    case 'above':
    case 'below':
      return side(target.value) > 0 ? 'met' : 'not-met';
    case 'about': {
      const tol = new Dec(target.value).abs().times(target.tolerancePercent).div(100);
      if (v.minus(target.value).abs().lte(tol)) return 'met';
      return side(target.value) > 0 ? 'exceeded' : 'not-met';
    }
    case 'rank': {
      const s = new Dec(target.rank).cmp(v);
      return s === 0 ? 'met' : s > 0 ? 'exceeded' : 'not-met';
    }
  }
}

function bandStatus(low: number, high: number, c: D): IndicatorStatusKind {
  if (c.lt(low)) return 'not-met';
  return c.gt(high) ? 'exceeded' : 'met';
}

/** The low and high figures a target asks for (for the rate still needed); none for ≈ and ranks. */
function edges(t: IndicatorTarget): [number, number] | undefined {
  if (t.kind === 'band') return [t.low, t.high];
  if (t.kind === 'about' || t.kind === 'rank' || t.kind === 'averageAnnualChange') return undefined;
  return [t.value, t.value];
}

const num = (d: D) => d.toNumber();

/** The average change a year (in the target's direction) from base to value over n years. */
function observedChange(t: Extract<IndicatorTarget, { kind: 'averageAnnualChange' }>, base: D, value: D, n: number): D {
  const sign = t.direction === 'increase' ? 1 : -1;
  if (t.unit === 'pp') return value.minus(base).div(n).times(sign);
  const ratio = value.div(base).pow(new Dec(1).div(n));
  return ratio.minus(1).times(100).times(sign);
}

/** The level reached after n years of a change c a year (in the target's direction) from base. */
function levelAfter(t: Extract<IndicatorTarget, { kind: 'averageAnnualChange' }>, base: D, c: number, n: number): D {
  const sign = t.direction === 'increase' ? 1 : -1;
  if (t.unit === 'pp') return base.plus(new Dec(c).times(sign).times(n));
  return base.times(new Dec(1).plus(new Dec(c).times(sign).div(100)).pow(n));
}

/**
 * The status of an indicator given its figures by year (one per year, the latest revision; see
 * `indicatorFigures`).
 *
 * @example
 * // (7) unemployment below 3,6 % in 2030, 3,4 % reported for 2030
 * indicatorStatus(unemployment, [{ year: 2030, value: 3.4, origin: 'entered' }]).status // 'met'
 */
export function indicatorStatus(indicator: Indicator, figures: readonly IndicatorFigure[]): IndicatorStatus {
  const sorted = [...figures].sort((a, b) => a.year - b.year);
  const latest = sorted.at(-1);
  const withLatest = latest ? { latest } : {};
  const noData = (reason: NoDataReason = 'no-actual'): IndicatorStatus => ({
    status: 'no-data',
    provisional: false,
    reason,
    ...withLatest,
  });
  const { period: p, target: t } = indicator;
  const byYear = new Map(sorted.map((f) => [f.year, f]));

  if (t.kind === 'averageAnnualChange') {
    const from = p.kind === 'average' ? p.from : p.kind === 'year' || p.kind === 'final' ? p.year : p.from;
    const end = p.kind === 'average' ? p.to : p.kind === 'total' ? p.to : p.year;
    const baseYear = from - 1;
    const baseValue = t.base?.year === baseYear ? t.base.value : byYear.get(baseYear)?.value;
    if (baseValue === undefined) return noData('no-base');
    const last = sorted.filter((f) => f.year > baseYear && f.year <= end).at(-1);
    if (!last) return noData();
    const base = new Dec(baseValue);
    const n = last.year - baseYear;
    const c = observedChange(t, base, new Dec(last.value), n);
    const remaining = end - last.year;
    const total = end - baseYear;
    const out: IndicatorStatus = {
      status: bandStatus(t.low, t.high, c),
      compared: num(c),
      years: [baseYear, last.year],
      provisional: remaining > 0,
      ...withLatest,
    };
    if (remaining > 0) {
      const v = new Dec(last.value);
      const need = (edge: number) => num(observedChange(t, v, levelAfter(t, base, edge, total), remaining));
      out.needed = { low: need(t.low), high: need(t.high), years: remaining };
    }
    return out;
  }

  if (p.kind === 'year') {
    const f = byYear.get(p.year);
    if (!f) return noData();
    return {
      status: compareToTarget(t, f.value, indicator.better),
      compared: f.value,
      years: [f.year],
      provisional: false,
      ...withLatest,
    };
  }
  if (p.kind === 'final') {
    const f = sorted.filter((x) => x.year <= p.year).at(-1);
    if (!f) return noData();
    const status = compareToTarget(t, f.value, indicator.better);
    return { status, compared: f.value, years: [f.year], provisional: f.year < p.year, ...withLatest };
  }

  // average or total over from..to
  const inSpan = sorted.filter((f) => f.year >= p.from && f.year <= p.to);
  if (inSpan.length === 0) return noData();
  const span = p.to - p.from + 1;
  const remaining = span - inSpan.length;
  const values = inSpan.map((f) => new Dec(f.value));
  let compared: D;
  let need: ((edge: number) => number) | undefined;
  if (p.kind === 'total') {
    compared = values.reduce((a, b) => a.plus(b), new Dec(0));
    need = (edge) => num(new Dec(edge).minus(compared).div(remaining));
  } else if (p.mean === 'geometric') {
    const product = values.reduce((a, g) => a.times(new Dec(1).plus(g.div(100))), new Dec(1));
    compared = product.pow(new Dec(1).div(values.length)).minus(1).times(100);
    need = (edge) =>
      num(
        new Dec(1)
          .plus(new Dec(edge).div(100))
          .pow(span)
          .div(product)
          .pow(new Dec(1).div(remaining))
          .minus(1)
          .times(100),
      );
  } else {
    const sum = values.reduce((a, b) => a.plus(b), new Dec(0));
    compared = sum.div(values.length);
    need = (edge) => num(new Dec(edge).times(span).minus(sum).div(remaining));
  }
  const out: IndicatorStatus = {
    status: compareToTarget(t, num(compared), indicator.better),
    compared: num(compared),
    years: inSpan.map((f) => f.year),
    provisional: remaining > 0,
    ...withLatest,
  };
  const e = edges(t);
  if (remaining > 0 && e) out.needed = { low: need(e[0]), high: need(e[1]), years: remaining };
  return out;
}
