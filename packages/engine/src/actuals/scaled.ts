/**
 * `actualTable`'s derivations on scaled integers (see `numeric/scaled.ts`): the same figures as the decimal path,
 * bit for bit, or null (then the decimal path answers).
 *
 * Base levels scale by 10^db, growth figures (and the rounding) by 10^dg. A figure of period p is held as its
 * weighted level w = g·B_p (scale 10^(db+dg)), with its tolerance tw = t·B_p. Every derivation of the table is a
 * sum or difference of weighted levels (sum = a + b in levels), the total from its sectors the sum of theirs
 * (the total's base is the sum of its sectors'), so every w is an exact integer and every figure one correctly
 * rounded quotient w / (B_p·10^dg), as decimal.js's `toNumber` gives.
 *
 * Null, so that decimal.js answers, when:
 * - an input does not fit (too many decimals, −0, a negative base level, a sum beyond 2⁵³);
 * - a derived figure that another computation reads is not exact at decimal.js's 40 digits (decimal would go on
 *   from its rounded value);
 * - any check finds a disagreement, or ties with its tolerance: findings (rare) come from the decimal path, with
 *   their messages.
 */
import type { BaseTable } from '../base/index.ts';
import { POW10, SAFE, scaleAll } from '../numeric/scaled.ts';
import { componentIds } from '../scenario/sectors.ts';
import { type Scenario, TOTAL } from '../scenario/types.ts';
import type { ActualFigure, ActualPeriod, PublishedFigure, PublishedFigures } from './index.ts';
import { ACTUAL_PERIODS, COVERS, TRIPLES } from './triples.ts';

interface ScaledEntry {
  /** Weighted level g·B_p, scale 10^(db+dg); NaN when the key has no base levels. */
  w: number;
  tw: number;
  /** For a published figure: the figure itself (its decimal value read back is the same number). */
  value?: number;
  /** Whether decimal.js holds w / B_p exactly (a published figure always). */
  exact: boolean;
  figure: Omit<ActualFigure, 'value' | 'tolerance'>;
}

/** Gives up: the decimal path answers. */
const GIVE_UP: unique symbol = Symbol('decimal path');
function giveUp(): never {
  throw GIVE_UP;
}

function safe(n: number): number {
  if (!(Math.abs(n) <= SAFE)) giveUp();
  return n;
}

const LOG10_2 = Math.log10(2);
const LOG10_5 = Math.log10(5);

/** Whether w / (den·10^dg) has a terminating decimal expansion of at most 38 significant digits. */
function exactDecimal(w: number, den: number): boolean {
  if (w === 0) return true;
  let a = Math.abs(w);
  let b = den;
  while (b !== 0) [a, b] = [b, a % b];
  const n = Math.abs(w) / a;
  let d = den / a;
  let twos = 0;
  let fives = 0;
  while (d % 2 === 0) {
    d /= 2;
    twos++;
  }
  while (d % 5 === 0) {
    d /= 5;
    fives++;
  }
  if (d !== 1) return false;
  const c = Math.max(twos, fives);
  return Math.log10(n) + 1 + (c - twos) * LOG10_2 + (c - fives) * LOG10_5 < 38;
}

export function actualFiguresScaled(
  scenario: Pick<Scenario, 'sectors'>,
  base: Readonly<BaseTable>,
  published: PublishedFigures,
  rounding: number,
): ActualFigure[] | null {
  try {
    return figures(scenario, base, published, rounding);
  } catch (e) {
    if (e === GIVE_UP) return null;
    throw e;
  }
}

function figures(
  scenario: Pick<Scenario, 'sectors'>,
  base: Readonly<BaseTable>,
  published: PublishedFigures,
  rounding: number,
): ActualFigure[] {
  const sectorIds = scenario.sectors.map((s) => s.id);
  const keys = [TOTAL, ...sectorIds];
  const components = componentIds(scenario);

  // Base levels, scaled at once: the sectors', and the total's own when there are no top-level sectors.
  const rows = sectorIds.filter((id) => base[id]);
  if (components.length === 0 && base[TOTAL]) rows.push(TOTAL);
  const sb = scaleAll(rows.flatMap((id) => base[id]!));
  if (!sb) giveUp();
  const quarterInts: Record<string, Float64Array> = {};
  rows.forEach((id, i) => {
    quarterInts[id] = sb.ints.subarray(4 * i, 4 * i + 4);
  });
  for (const n of sb.ints) if (!(n >= 0)) giveUp();
  if (components.length > 0) {
    const total = new Float64Array(4);
    for (const id of components) {
      const row = quarterInts[id];
      if (!row) giveUp();
      for (let q = 0; q < 4; q++) total[q] = safe(total[q]! + row[q]!);
    }
    quarterInts[TOTAL] = total;
  }
  const bases: Record<string, Record<ActualPeriod, number> | undefined> = {};
  for (const key of keys) {
    const q = quarterInts[key];
    if (!q) continue;
    const out = {} as Record<ActualPeriod, number>;
    for (const p of ACTUAL_PERIODS) out[p] = safe(COVERS[p].reduce((acc, i) => acc + q[i]!, 0));
    bases[key] = out;
  }

  // Growth figures and the rounding, scaled at once.
  const values: number[] = [rounding];
  for (const key of keys)
    for (const e of Object.values(published[key] ?? {}) as PublishedFigure[]) values.push(e.value);
  for (const v of values) if (Object.is(v, -0)) giveUp();
  const sg = scaleAll(values);
  if (!sg || sg.decimals >= POW10.length) giveUp();
  const gs = POW10[sg.decimals]!;
  const r = sg.ints[0]!;
  let next = 1;

  const known: Record<string, Partial<Record<ActualPeriod, ScaledEntry>>> = {};
  for (const key of keys) {
    known[key] = {};
    const b = bases[key];
    for (const [period, e] of Object.entries(published[key] ?? {}) as [ActualPeriod, PublishedFigure][]) {
      const g = sg.ints[next++]!;
      known[key]![period] = {
        w: b ? safe(g * b[period]) : Number.NaN,
        tw: b ? safe(r * b[period]) : Number.NaN,
        value: e.value,
        exact: true,
        figure: e.figure,
      };
    }
  }
  const derived = (
    period: ActualPeriod,
    key: string,
    w: number,
    tw: number,
    figure: Partial<ActualFigure>,
  ): ScaledEntry => {
    const b = bases[key]![period];
    return {
      w: safe(w),
      tw: safe(tw),
      exact: exactDecimal(w, b) && exactDecimal(tw, b),
      figure: { period, key, derived: true, ...figure },
    };
  };
  /** A figure another computation reads: decimal.js must hold it exactly. */
  const read = (e: ScaledEntry): ScaledEntry => {
    if (!e.exact) giveUp();
    return e;
  };

  const deriveWithin = (key: string) => {
    const k = known[key]!;
    const b = bases[key]!;
    let changed = true;
    while (changed) {
      changed = false;
      for (const [s, a, c] of TRIPLES) {
        const es = k[s];
        const ea = k[a];
        const ec = k[c];
        const count = (es ? 1 : 0) + (ea ? 1 : 0) + (ec ? 1 : 0);
        if (count !== 2) continue;
        if (!es) {
          if (b[s] === 0) continue;
          read(ea!);
          read(ec!);
          k[s] = derived(s, key, ea!.w + ec!.w, ea!.tw + ec!.tw, { from: [a, c] });
        } else {
          const [missing, other] = ea ? [c, a] : [a, c];
          const eo = k[other]!;
          if (b[missing] === 0) continue;
          read(es);
          read(eo);
          k[missing] = derived(missing, key, es.w - eo.w, es.tw + eo.tw, { from: [s, other] });
        }
        changed = true;
      }
    }
  };
  const aggregate = (period: ActualPeriod): { w: number; tw: number } | undefined => {
    let w = 0;
    let tw = 0;
    let total = 0;
    for (const id of components) {
      const e = known[id]?.[period];
      const b = bases[id]?.[period];
      if (!e || b === undefined) return undefined;
      read(e);
      w = safe(w + e.w);
      tw = safe(tw + e.tw);
      total += b;
    }
    if (total === 0) return undefined;
    if (total !== bases[TOTAL]![period]) giveUp();
    return { w, tw };
  };
  /** A check: |Δ| > T + 1e-12·(B_p·10^dg) in weighted levels. A finding, or a tie, goes to the decimal path. */
  const check = (delta: number, tolerance: number, b: number) => {
    const x = safe(Math.abs(safe(delta)) - safe(tolerance));
    if (x > 0 && BigInt(x) * 10n ** 12n >= BigInt(b) * BigInt(gs)) giveUp();
  };

  for (const id of sectorIds) if (bases[id]) deriveWithin(id);
  if (!bases[TOTAL]) giveUp();
  deriveWithin(TOTAL);
  for (const period of ACTUAL_PERIODS) {
    if (known[TOTAL]![period]) continue;
    const agg = aggregate(period);
    if (!agg) continue;
    known[TOTAL]![period] = derived(period, TOTAL, agg.w, agg.tw, { from: [period], fromKeys: [...components] });
  }
  deriveWithin(TOTAL);

  for (const key of keys) {
    const b = bases[key];
    if (!b) continue;
    const k = known[key]!;
    for (const [s, a, c] of TRIPLES) {
      const es = k[s];
      const ea = k[a];
      const ec = k[c];
      if (!es || !ea || !ec || b[s] === 0) continue;
      const fromPair = (e: ScaledEntry, x: ActualPeriod, y: ActualPeriod) =>
        e.figure.from?.length === 2 && e.figure.from.includes(x) && e.figure.from.includes(y);
      if (fromPair(es, a, c) || fromPair(ea, s, c) || fromPair(ec, s, a)) continue;
      read(es);
      read(ea);
      read(ec);
      check(es.w - safe(ea.w + ec.w), es.tw + safe(ea.tw + ec.tw), b[s]);
    }
  }
  for (const period of ACTUAL_PERIODS) {
    const total = known[TOTAL]![period];
    if (!total || total.figure.derived) continue;
    const agg = aggregate(period);
    if (!agg) continue;
    check(total.w - agg.w, total.tw + agg.tw, bases[TOTAL]![period]);
  }

  const out: ActualFigure[] = [];
  for (const period of ACTUAL_PERIODS) {
    for (const key of keys) {
      const e = known[key]![period];
      if (!e) continue;
      if (e.value !== undefined) {
        out.push({ ...e.figure, value: e.value, tolerance: rounding });
        continue;
      }
      const den = safe(bases[key]![period] * gs);
      out.push({ ...e.figure, value: e.w === 0 ? 0 : e.w / den, tolerance: e.tw === 0 ? 0 : e.tw / den });
    }
  }
  return out;
}
