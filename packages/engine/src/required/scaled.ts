/**
 * `requiredGrowth` on scaled integers (see `numeric/scaled.ts`): the same answers as the decimal path, bit for bit.
 * Base levels B scale by 10^db, growth figures (targets, actuals, band edges) by 10^dg. With N = T·ΣB − G_m·ΣB_<m
 * (scale 10^(db+dg)) and R = ΣB_≥m, every rate is one division: uniform N / (R·10^dg); the profile's quarter q
 * (P_q·R + N − Σ B·P) / (R·10^dg) and its shift (N − Σ B·P) / (R·10^dg); a sector alone (N − Σ others' B·P) /
 * (R_s·10^dg). The ±30 % and −100 % flags compare exact integers. Null when something does not fit (then the
 * decimal path answers): too many decimals, sums beyond 2⁵³, or a total's quarterly path that must be derived
 * from its sectors (a quotient, not an integer).
 */
import { type ActualTable, findFigure } from '../actuals/index.ts';
import type { BaseTable } from '../base/index.ts';
import { POW10, SAFE, scaleAll } from '../numeric/scaled.ts';
import { CUMULATIVE_ENDING, QUARTERS, type Quarter } from '../periods.ts';
import type { BandSide } from '../scenario/bands.ts';
import { componentIds } from '../scenario/sectors.ts';
import { type Scenario, TOTAL } from '../scenario/types.ts';
import {
  IMPLAUSIBLE_GROWTH,
  type RequiredGrowth,
  type RequiredProfile,
  type RequiredRate,
  type RequiredReason,
  type Requirement,
} from './index.ts';

export function requiredGrowthScaled(
  scenario: Pick<Scenario, 'sectors' | 'targets'>,
  base: Readonly<BaseTable>,
  table: ActualTable,
  asOf: Quarter | null,
): RequiredGrowth | null {
  const m = asOf === null ? 0 : QUARTERS.indexOf(asOf) + 1;
  const remaining = QUARTERS.slice(m) as Quarter[];
  const components = componentIds(scenario);
  if (components.length === 0) return null;
  const keys = [TOTAL, ...scenario.sectors.map((s) => s.id)];
  const fy = scenario.targets.FY ?? {};
  // The total's quarterly path must come from its own bands (else it is a quotient).
  if (fy[TOTAL] && QUARTERS.some((q) => !scenario.targets[q]?.[TOTAL])) return null;

  // Every number that enters, scaled at once: base levels, then growth figures.
  const withBase = scenario.sectors.map((s) => s.id).filter((id) => base[id]);
  const sb = scaleAll(withBase.flatMap((id) => base[id]!));
  if (!sb) return null;
  const baseInt = new Map<string, Float64Array>();
  withBase.forEach((id, i) => {
    baseInt.set(id, sb.ints.subarray(4 * i, 4 * i + 4));
  });
  const growthValues: number[] = [];
  /** Per key, where its growth figures are in growthValues (−1: none): FY target low and high, actual, path. */
  interface At {
    target: { low: number; high: number };
    actual: number;
    path: { low: number[]; high: number[] };
  }
  const growthAt = new Map<string, At>();
  let negativeZero = false;
  const enter = (v: number) => {
    if (Object.is(v, -0)) negativeZero = true; // decimal keeps −0 through a product: leave it to decimal
    growthValues.push(v);
    return growthValues.length - 1;
  };
  const cumulative = m > 0 ? CUMULATIVE_ENDING[m - 1]! : undefined;
  for (const key of keys) {
    const at: At = {
      target: { low: -1, high: -1 },
      actual: -1,
      path: { low: [-1, -1, -1, -1], high: [-1, -1, -1, -1] },
    };
    const band = fy[key];
    if (band) {
      at.target.low = enter(band.low);
      at.target.high = enter(band.high);
    }
    if (cumulative) {
      const figure = findFigure(table, cumulative, key);
      if (figure) at.actual = enter(figure.value);
    }
    QUARTERS.forEach((quarter, q) => {
      const b = scenario.targets[quarter]?.[key];
      if (b) {
        at.path.low[q] = enter(b.low);
        at.path.high[q] = enter(b.high);
      }
    });
    growthAt.set(key, at);
  }
  const sg = scaleAll(growthValues);
  if (negativeZero || !sg || sg.decimals >= POW10.length) return null;
  const gs = POW10[sg.decimals]!;
  const maxG = Math.max(sg.max, 100 * gs);
  if (4 * (keys.length + components.length + 2) * Math.max(sb.max, 1) * maxG * (1 + 2 ** -40) > SAFE) return null;
  const g = (i: number | undefined) => (i === undefined || i < 0 ? undefined : sg.ints[i]!);

  /** B of a key by quarter: a sector's own, the total's the sum of the components (undefined: missing). */
  const keyBase = (key: string): number[] | undefined => {
    if (key !== TOTAL) {
      const row = baseInt.get(key);
      return row && Array.from(row);
    }
    const out = [0, 0, 0, 0];
    for (const id of components) {
      const row = baseInt.get(id);
      if (!row) return undefined;
      for (let q = 0; q < 4; q++) out[q]! += row[q]!;
    }
    return out;
  };
  const sum = (xs: readonly number[], from: number, to: number) => {
    let s = 0;
    for (let i = from; i < to; i++) s += xs[i]!;
    return s;
  };
  const rate = (num: number | null, den: number, reason?: RequiredReason): RequiredRate => {
    if (num === null) return { growth: null, implausible: false, impossible: true, ...(reason && { reason }) };
    const below = num < -100 * den;
    return {
      growth: num === 0 ? 0 : num / den,
      implausible: Math.abs(num) > IMPLAUSIBLE_GROWTH * den,
      impossible: below,
      ...(below && { reason: 'below-zero' as const }),
    };
  };
  const unavailable = (need: number | null, rest: number): RequiredReason | null => {
    if (m === 4) return 'no-quarter-left';
    if (need === null) return 'no-actual';
    if (rest === 0) return 'no-base-left';
    return null;
  };
  const path = (key: string, side: BandSide) => growthAt.get(key)!.path[side].map(g);

  const result: RequiredGrowth = { asOf, remaining, low: {}, high: {} };
  for (const side of ['low', 'high'] as const) {
    // Σ_{q≥m} B·P per component of this side's path (null: a quarter without a band)
    const onPath = new Map<string, number | null>();
    for (const id of components) {
      const p = path(id, side);
      const b = baseInt.get(id);
      let s: number | null = 0;
      for (let q = m; q < 4; q++) {
        if (p[q] === undefined || !b) {
          s = null;
          break;
        }
        s += b[q]! * p[q]!;
      }
      onPath.set(id, s);
    }
    for (const key of keys) {
      const band = fy[key];
      const b = keyBase(key);
      if (!band || !b) continue;
      const target = g(growthAt.get(key)!.target[side])!;
      let need: number | null;
      if (m === 0) need = target * sum(b, 0, 4);
      else {
        const a = g(growthAt.get(key)!.actual);
        need = a === undefined ? null : target * sum(b, 0, 4) - a * sum(b, 0, m);
      }
      const rest = sum(b, m, 4);
      const reason = unavailable(need, rest);
      const den = rest * gs;
      const uniform = reason ? rate(null, den, reason) : rate(need, den);
      const requirement: Requirement = {
        key,
        side,
        target: band[side],
        uniform,
        profile: profile(need!, b, path(key, side), reason, rest, den),
      };
      if (key === TOTAL) {
        requirement.alone = {};
        for (const id of components) {
          const own = baseInt.get(id)!;
          const restOwn = sum(Array.from(own), m, 4);
          const why = unavailable(need, restOwn);
          if (why) {
            requirement.alone[id] = rate(null, 0, why);
            continue;
          }
          let others = 0;
          let noPath = false;
          for (const other of components) {
            if (other === id) continue;
            const s = onPath.get(other)!;
            if (s === null) {
              noPath = true;
              break;
            }
            others += s;
          }
          requirement.alone[id] = noPath ? rate(null, 0, 'no-path') : rate(need! - others, restOwn * gs);
        }
      }
      result[side][key] = requirement;
    }
  }
  return result;

  function profile(
    need: number,
    b: readonly number[],
    p: readonly (number | undefined)[],
    reason: RequiredReason | null,
    _rest: number,
    den: number,
  ): RequiredProfile {
    const none = (why: RequiredReason): RequiredProfile => ({
      method: 'shift',
      shiftPp: null,
      growth: {},
      implausible: false,
      impossible: true,
      reason: why,
    });
    if (reason) return none(reason);
    let onPath = 0;
    for (let q = m; q < 4; q++) {
      if (p[q] === undefined) return none('no-path');
      onPath += b[q]! * p[q]!;
    }
    const shift = need - onPath;
    const growth: Partial<Record<Quarter, number>> = {};
    let implausible = false;
    let impossible = false;
    for (let q = m; q < 4; q++) {
      const num = p[q]! * _rest + shift;
      growth[QUARTERS[q]!] = num === 0 ? 0 : num / den;
      if (Math.abs(num) > IMPLAUSIBLE_GROWTH * den) implausible = true;
      if (num < -100 * den) impossible = true;
    }
    return {
      method: 'shift',
      shiftPp: shift === 0 ? 0 : shift / den,
      growth,
      implausible,
      impossible,
      ...(impossible && { reason: 'below-zero' as const }),
    };
  }
}
