/**
 * `evaluate` on scaled integers (see `numeric/scaled.ts`): the same cells as the decimal path, bit for bit, at
 * float speed. Base levels B scale by 10^db, growth g by 10^dg; with K = 100·10^dg the current level is
 * X = B·K + B·G (scale K·10^db) and its change is C = B·G. Every output is one division of two exact integers:
 *
 *   growth = C / (B·10^dg)     level = X / (K·10^db)          baseLevel = B / 10^db
 *   contributionPp = C / (ΣB·10^dg)   contributionShare = C / ΣC   baseShare = B / ΣB   share = X / ΣX
 *
 * (sums over the period's quarters, and over top-level sectors for the total). Null when the table does not fit:
 * 4·n·max|B|·(K + max|G|) must stay below 2⁵³ so that every product and sum is an exact integer.
 */
import { POW10, SAFE, scaleAll } from '../numeric/scaled.ts';
import { PERIOD_QUARTERS, PERIODS, type Period } from '../periods.ts';
import type { Cell, EvaluateInput, Evaluation, PeriodResult } from './index.ts';

/** The evaluation on scaled integers, or null when an input does not fit (the caller then uses decimal). */
export function evaluateScaled(input: EvaluateInput): Evaluation | null {
  const list = input.sectors;
  const n = list.length;
  const rawBase: number[] = new Array(4 * n);
  const rawGrowth: number[] = new Array(4 * n);
  for (let i = 0; i < n; i++) {
    const id = list[i]!.id;
    const b = input.base[id]!;
    const g = input.growth[id]!;
    for (let q = 0; q < 4; q++) {
      rawBase[4 * i + q] = b[q]!;
      rawGrowth[4 * i + q] = g[q]!;
    }
  }
  const sb = scaleAll(rawBase);
  const sg = scaleAll(rawGrowth);
  if (!sb || !sg || sb.decimals + sg.decimals + 2 >= POW10.length) return null;
  const growthScale = POW10[sg.decimals]!;
  const K = 100 * growthScale;
  const levelScale = POW10[sb.decimals + sg.decimals + 2]!;
  const baseScale = POW10[sb.decimals]!;
  // Every sum is over at most 4·n terms each at most max|B|·(K + max|G|); the float bound errs by far less than
  // the margin of 2 below 2⁵³.
  if (4 * Math.max(n, 1) * sb.max * (K + sg.max) * (1 + 2 ** -40) > SAFE) return null;
  const B = sb.ints;
  const C = new Float64Array(4 * n);
  for (let k = 0; k < 4 * n; k++) C[k] = B[k]! * sg.ints[k]!;
  const top = list.map((s) => s.parent === undefined);

  const periods = {} as Record<Period, PeriodResult>;
  const bBy = new Float64Array(n);
  const cBy = new Float64Array(n);
  for (const period of PERIODS) {
    const qs = PERIOD_QUARTERS[period];
    let tb = 0;
    let tc = 0;
    for (let i = 0; i < n; i++) {
      let b = 0;
      let c = 0;
      for (const q of qs) {
        b += B[4 * i + q]!;
        c += C[4 * i + q]!;
      }
      bBy[i] = b;
      cBy[i] = c;
      if (top[i]) {
        tb += b;
        tc += c;
      }
    }
    const tx = tb * K + tc;
    const baseZero = tb === 0;
    const growthZero = baseZero || tc === 0;
    const cell = (b: number, c: number, baseLevel: number, baseShare: number): Cell => {
      const x = b * K + c;
      return {
        growth: b === 0 ? 0 : c / (b * growthScale),
        level: x / levelScale,
        baseLevel,
        contributionPp: baseZero ? 0 : c / (tb * growthScale),
        contributionShare: growthZero ? null : c / tc,
        baseShare,
        share: tx === 0 ? 0 : x / tx,
      };
    };
    const single = qs.length === 1 ? qs[0]! : -1;
    const sectors: Record<string, Cell> = {};
    for (let i = 0; i < n; i++) {
      const b = bBy[i]!;
      sectors[list[i]!.id] = cell(
        b,
        cBy[i]!,
        single >= 0 ? rawBase[4 * i + single]! : b / baseScale,
        baseZero ? 0 : b / tb,
      );
    }
    periods[period] = { total: cell(tb, tc, tb / baseScale, baseZero ? 0 : 1), sectors };
  }
  return { periods };
}
