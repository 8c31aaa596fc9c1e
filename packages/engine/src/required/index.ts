/**
 * The growth the rest of the year needs: given the actual growth of quarters 1..m, what the remaining quarters
 * must grow so that the full year reaches the low and the high edge of its band. Full-year growth is linear in
 * the quarterly growths (FY = Σq B_q·g_q / Σq B_q), so every answer is solved exactly with decimal ops.
 */
import { type ActualTable, actualTable, findFigure, latestQuarter } from '../actuals/index.ts';
import { type BaseTable, keyBase } from '../base/index.ts';
import { fail } from '../errors.ts';
import { type Dec, decimalOps } from '../numeric/index.ts';
import { CUMULATIVE_ENDING, isQuarter, QUARTERS, type Quarter } from '../periods.ts';
import type { BandSide } from '../scenario/bands.ts';
import { componentIds } from '../scenario/sectors.ts';
import { type Scenario, TOTAL } from '../scenario/types.ts';
import { requiredGrowthScaled } from './scaled.ts';

/** Beyond ±30 % a quarterly growth is flagged implausible. */
export const IMPLAUSIBLE_GROWTH = 30;

export type RequiredReason = 'no-quarter-left' | 'no-actual' | 'no-base-left' | 'no-path' | 'below-zero';

export interface RequiredRate {
  /** The growth, %, every remaining quarter needs; null when it cannot be computed (see `reason`). */
  growth: number | null;
  /** Beyond ±30 %. */
  implausible: boolean;
  /** Needs a level below zero (growth < −100 %), or no quarter (or no base level) is left to act on. */
  impossible: boolean;
  reason?: RequiredReason;
}

/**
 * (b) The scenario's own quarter-to-quarter profile kept: the path of the same side (low path for the low target)
 * shifted by one constant `shiftPp` in every remaining quarter.
 */
export interface RequiredProfile {
  method: 'shift';
  shiftPp: number | null;
  /** The shifted growth of each remaining quarter, %. */
  growth: Partial<Record<Quarter, number>>;
  implausible: boolean;
  impossible: boolean;
  reason?: RequiredReason;
}

export interface Requirement {
  key: string;
  side: BandSide;
  /** The FY band edge aimed at, %. */
  target: number;
  /** (a) One rate for every remaining quarter. */
  uniform: RequiredRate;
  /** (b) The scenario's path of this side shifted by a constant. */
  profile: RequiredProfile;
  /** Total only: the one rate sector s needs in the remaining quarters if the others follow this side's path. */
  alone?: Record<string, RequiredRate>;
}

export interface RequiredGrowth {
  /** The last quarter with actuals used (null: none, the whole year remains). */
  asOf: Quarter | null;
  remaining: Quarter[];
  /** By key (`total` and sector ids with an FY target). */
  low: Record<string, Requirement>;
  high: Record<string, Requirement>;
}

export interface RequiredOptions {
  /** Quarters 1..asOf are taken as actual; default: the latest quarter the actuals reach. */
  asOf?: Quarter | null;
  /** A table already computed by `actualTable`. */
  table?: ActualTable;
  /**
   * `auto` (default): scaled integers where every input fits, else decimal.js; `decimal`: decimal.js only (the
   * oracle the tests compare with). Both give the same numbers.
   */
  arithmetic?: 'auto' | 'decimal';
}

const ops = decimalOps;

/**
 * For the total and each sector with an FY band: the growth the remaining quarters need to reach the FY low and
 * FY high edge, (a) as one rate, (b) as the scenario's path shifted by a constant, and for the total (c) per
 * sector alone while the others follow the scenario's path of that side.
 *
 * @example
 * // Base 100 a quarter, H1 actual 4.3 %, FY low 4.75 %: the second half needs (4.75·400 − 4.3·200) / 200 = 5.2 %.
 * requiredGrowth(scenario, base, { asOf: 'Q2' }).low.total.uniform.growth // 5.2
 */
export function requiredGrowth(
  scenario: Pick<Scenario, 'sectors' | 'targets' | 'actuals'>,
  base: Readonly<BaseTable>,
  options: RequiredOptions = {},
): RequiredGrowth {
  if (options.asOf !== undefined && options.asOf !== null && !isQuarter(options.asOf))
    fail('INPUT_UNKNOWN_PERIOD', 'asOf', `asOf is one of Q1..Q4, not ${String(options.asOf)}`);
  const table = options.table ?? actualTable(scenario, base);
  const asOf = options.asOf === undefined ? latestQuarter(table) : options.asOf;
  const m = asOf === null ? 0 : QUARTERS.indexOf(asOf) + 1;
  if (options.arithmetic !== 'decimal') {
    const scaled = requiredGrowthScaled(scenario, base, table, asOf);
    if (scaled) return scaled;
  }
  const remaining = QUARTERS.slice(m) as Quarter[];
  const result: RequiredGrowth = { asOf, remaining, low: {}, high: {} };
  const keys = [TOTAL, ...scenario.sectors.map((s) => s.id)];
  // Each path is computed once per call (the total's alone rates read every sector's path).
  const paths = new Map<string, (Dec | undefined)[]>();
  const path = (key: string, side: BandSide) => {
    const name = `${side}\u0000${key}`;
    let found = paths.get(name);
    if (!found) {
      found = pathOf(scenario, base, key, side);
      paths.set(name, found);
    }
    return found;
  };

  for (const side of ['low', 'high'] as const) {
    for (const key of keys) {
      const band = scenario.targets.FY?.[key];
      const b = keyBase(ops, scenario, base, key);
      if (!band || !b) continue;
      const target = ops.from(band[side]);
      const known = knownPart(table, key, b, m);
      const need = known === null ? null : ops.sub(ops.mul(target, sum(b)), known);
      const requirement: Requirement = {
        key,
        side,
        target: band[side],
        uniform: uniformRate(need, b, m),
        profile: profileShift(need, b, m, path(key, side)),
      };
      if (key === TOTAL) {
        requirement.alone = {};
        const onPath = onPathTerms(scenario, base, side, m, path);
        for (const id of componentIds(scenario)) requirement.alone[id] = aloneRate(base, need, id, m, onPath);
      }
      result[side][key] = requirement;
    }
  }
  return result;
}

/** Σ_{q<m} B_q·g_q from the cumulative actual ending with quarter m (0 when m = 0); null when it is missing. */
function knownPart(table: ActualTable, key: string, b: Dec[], m: number): Dec | null {
  if (m === 0) return ops.zero;
  const figure = findFigure(table, CUMULATIVE_ENDING[m - 1]!, key);
  if (!figure) return null;
  return ops.mul(ops.from(figure.value), sum(b.slice(0, m)));
}

function sum(values: readonly Dec[]): Dec {
  return values.reduce((acc, v) => ops.add(acc, v), ops.zero);
}

function rate(growth: Dec | null, reason?: RequiredReason): RequiredRate {
  if (growth === null) return { growth: null, implausible: false, impossible: true, ...(reason && { reason }) };
  const below = growth.lt(-100);
  return {
    growth: ops.toNumber(growth),
    implausible: growth.abs().gt(IMPLAUSIBLE_GROWTH),
    impossible: below,
    ...(below && { reason: 'below-zero' as const }),
  };
}

function unavailable(need: Dec | null, rest: Dec, m: number): RequiredReason | null {
  if (m === 4) return 'no-quarter-left';
  if (need === null) return 'no-actual';
  if (rest.isZero()) return 'no-base-left';
  return null;
}

/** (a) r = (T·ΣB − Σ_{q<m} B_q·g_q) / Σ_{q≥m} B_q. */
function uniformRate(need: Dec | null, b: Dec[], m: number): RequiredRate {
  const rest = sum(b.slice(m));
  const reason = unavailable(need, rest, m);
  if (reason) return rate(null, reason);
  return rate(ops.div(need!, rest));
}

/** (b) d = (T·ΣB − Σ_{q<m} B_q·g_q − Σ_{q≥m} B_q·p_q) / Σ_{q≥m} B_q; the quarters grow p_q + d. */
function profileShift(need: Dec | null, b: Dec[], m: number, path: (Dec | undefined)[]): RequiredProfile {
  const rest = sum(b.slice(m));
  const none = (reason: RequiredReason): RequiredProfile => ({
    method: 'shift',
    shiftPp: null,
    growth: {},
    implausible: false,
    impossible: true,
    reason,
  });
  const reason = unavailable(need, rest, m);
  if (reason) return none(reason);
  let onPath = ops.zero;
  for (let q = m; q < 4; q++) {
    const p = path[q];
    if (p === undefined) return none('no-path');
    onPath = ops.add(onPath, ops.mul(b[q]!, p));
  }
  const shift = ops.div(ops.sub(need!, onPath), rest);
  const growth: Partial<Record<Quarter, number>> = {};
  let implausible = false;
  let impossible = false;
  for (let q = m; q < 4; q++) {
    const g = ops.add(path[q]!, shift);
    growth[QUARTERS[q]!] = ops.toNumber(g);
    if (g.abs().gt(IMPLAUSIBLE_GROWTH)) implausible = true;
    if (g.lt(-100)) impossible = true;
  }
  return {
    method: 'shift',
    shiftPp: ops.toNumber(shift),
    growth,
    implausible,
    impossible,
    ...(impossible && { reason: 'below-zero' as const }),
  };
}

/** Per component, in order: B_s'q·p_s'q for the remaining quarters q ≥ m, or null when a quarter has no path. */
interface OnPathTerm {
  id: string;
  terms: Dec[] | null;
}

function onPathTerms(
  scenario: Pick<Scenario, 'sectors' | 'targets'>,
  base: Readonly<BaseTable>,
  side: BandSide,
  m: number,
  path: (key: string, side: BandSide) => (Dec | undefined)[],
): OnPathTerm[] {
  return componentIds(scenario).map((id) => {
    const p = path(id, side);
    const terms: Dec[] = [];
    for (let q = m; q < 4; q++) {
      const g = p[q];
      if (g === undefined) return { id, terms: null };
      terms.push(ops.mul(ops.from(base[id]![q]!), g));
    }
    return { id, terms };
  });
}

/**
 * (c) r_s = (T·ΣB − Σ_{q<m} B_q·G_q − Σ_{q≥m} Σ_{s'≠s} B_s'q·p_s'q) / Σ_{q≥m} B_sq. The products B_s'q·p_s'q are
 * computed once per side (`onPathTerms`) and added in the same order as before, so the sums are the same numbers.
 */
function aloneRate(
  base: Readonly<BaseTable>,
  need: Dec | null,
  id: string,
  m: number,
  onPath: readonly OnPathTerm[],
): RequiredRate {
  const own = base[id]!.map((v) => ops.from(v));
  const rest = sum(own.slice(m));
  const reason = unavailable(need, rest, m);
  if (reason) return rate(null, reason);
  let others = ops.zero;
  for (const other of onPath) {
    if (other.id === id) continue;
    if (other.terms === null) return rate(null, 'no-path');
    for (const t of other.terms) others = ops.add(others, t);
  }
  return rate(ops.div(ops.sub(need!, others), rest));
}

/**
 * The scenario's quarterly growth on one side, per quarter (undefined where the table has no band). For the total
 * where a quarter's total band is missing: the sectors' path of that side added with the base levels.
 */
function pathOf(
  scenario: Pick<Scenario, 'sectors' | 'targets'>,
  base: Readonly<BaseTable>,
  key: string,
  side: BandSide,
): (Dec | undefined)[] {
  return QUARTERS.map((quarter, q) => {
    const band = scenario.targets[quarter]?.[key];
    if (band) return ops.from(band[side]);
    if (key !== TOTAL) return undefined;
    let weighted = ops.zero;
    let total = ops.zero;
    for (const id of componentIds(scenario)) {
      const sectorBand = scenario.targets[quarter]?.[id];
      const level = base[id]?.[q];
      if (!sectorBand || level === undefined) return undefined;
      weighted = ops.add(weighted, ops.mul(ops.from(level), ops.from(sectorBand[side])));
      total = ops.add(total, ops.from(level));
    }
    return total.isZero() ? undefined : ops.div(weighted, total);
  });
}
