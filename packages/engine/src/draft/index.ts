/**
 * Drafting a scenario from the year's targets: given last year's quarterly levels and the full-year bands of the
 * sectors and the total, the quarterly and cumulative bands a planning office publishes.
 *
 * Each sector's quarters follow a profile shifted by one constant so that the full year lands exactly on the
 * sector's FY target: g_q = x_q + d, d = t − Σ B_q·x_q / Σ B_q, where x_q is
 * - `flat`: 0 (every quarter grows at the FY rate),
 * - `last-year`: last year's growth in quarter q (the pattern, shifted to meet the target),
 * - `shape`: the planner's offset for quarter q, pp.
 * Quarters are then printed to two decimals (`roundPaths`), the total's quarters and every H1 and 9M computed
 * from them, and FY printed as the targets. The total's FY is Σ B·g / Σ B of the sectors: when the sectors' FY
 * targets under this base give another total than the total's target, `gap` says by how much (pp, target −
 * implied), and `reconcile` can close it: `shift` moves every sector's FY target by the gap (one constant), and
 * `absorb` moves one named sector's by gap · Σ B / Σ B_sector. Reconciled targets are printed to two decimals.
 */

import { actualTable, findFigure } from '../actuals/index.ts';
import { PRINTED_PRECISION, residualsFor } from '../calibrate/residuals.ts';
import { fail, GrdpError, type Issue, issue, type WarningCode } from '../errors.ts';
import { Dec } from '../numeric/index.ts';
import { QUARTERS } from '../periods.ts';
import type { BandSide } from '../scenario/bands.ts';
import { type Band, type QuarterValues, type Scenario, TOTAL } from '../scenario/types.ts';
import { roundPaths } from './round.ts';
import { draftBand, tableFromPaths } from './table.ts';

export { roundPaths } from './round.ts';
export { draftBand, printedBand, printedFigure, tableFromPaths } from './table.ts';

export const DRAFT_PROFILES = ['flat', 'last-year', 'shape'] as const;
export type DraftProfileName = (typeof DRAFT_PROFILES)[number];

export type DraftProfile =
  | { kind: 'flat' }
  /** Last year's quarterly growth (%) by sector. */
  | { kind: 'last-year'; pattern: Readonly<Record<string, readonly number[]>> }
  /** Offsets (pp) by sector and quarter; a sector not listed is flat. */
  | { kind: 'shape'; offsets: Readonly<Record<string, readonly number[]>> };

export type Reconcile = { method: 'none' } | { method: 'shift' } | { method: 'absorb'; sector: string };

export interface TargetGap {
  /** The total's FY target, %. */
  target: number;
  /** The FY total the sectors' FY targets give under the base, %. */
  implied: number;
  /** target − implied, pp. */
  gap: number;
}

export interface DraftOptions {
  profile: DraftProfile;
  /** Default `none`: the gap is reported, not closed. */
  reconcile?: Reconcile;
}

export interface DraftResult {
  /** The input scenario with the drafted table (its base and everything else unchanged). */
  scenario: Scenario;
  /** Before reconciliation, by side. */
  gap: Record<BandSide, TargetGap>;
  reconcile: Reconcile;
  /** The FY bands printed: the targets, or the reconciled targets. */
  fy: Record<string, Band>;
  /** The two-decimal quarterly growth of each sector, by side. */
  growth: Record<BandSide, Record<string, QuarterValues>>;
  /** Largest |computed − printed| over the table's figures with the drafting base, pp (exact). */
  maxAbsResidual: number | null;
  /** maxAbsResidual < 0.005: `calibrate` reproduces the table. */
  reproducible: boolean;
  warnings: Issue<WarningCode>[];
}

const SIDES: readonly BandSide[] = ['low', 'high'];

type D = InstanceType<typeof Dec>;
const dsum = (values: readonly D[]) => values.reduce((a, v) => a.plus(v), new Dec(0));

/**
 * Drafts the full table of `scenario` (which needs `targets.FY` for `total` and every sector) on `base`.
 *
 * @example
 * // An Giang 2023 FY targets on the calibrated 2022 levels, every quarter at the FY rate:
 * const d = draftScenario(scenario, base, { profile: { kind: 'flat' } });
 * d.scenario.targets.FY.total // { low: 7, high: 7.5, printed: '7,00 - 7,50%' }
 * d.reproducible // true
 */
export function draftScenario(
  scenario: Scenario,
  base: Readonly<Record<string, QuarterValues>>,
  options: DraftOptions,
): DraftResult {
  const reconcile = options.reconcile ?? { method: 'none' };
  const fyRow = scenario.targets.FY;
  if (!fyRow?.[TOTAL]) fail('INPUT_MISSING_TARGET', 'targets.FY.total', 'drafting needs the total FY target');
  const ids = scenario.sectors.map((s) => s.id);
  const parts = new Set(scenario.sectors.filter((s) => s.parent !== undefined).map((s) => s.id));
  const top = ids.filter((id) => !parts.has(id));
  if (top.length === 0) fail('INPUT_INVALID', 'sectors', 'drafting needs at least one sector');
  for (const id of ids) {
    if (!fyRow[id]) fail('INPUT_MISSING_TARGET', `targets.FY.${id}`, `drafting needs the FY target of ${id}`);
    const b = base[id];
    if (b?.length !== 4 || b.some((v) => !Number.isFinite(v) || v < 0))
      fail('INPUT_MISSING_BASE', `base.levels.${id}`, `four base-year levels ≥ 0 are needed for ${id}`);
  }
  if (reconcile.method === 'absorb' && !top.includes(reconcile.sector))
    fail('INPUT_UNKNOWN_SECTOR', 'reconcile.sector', `${reconcile.sector} is not a top-level sector of the scenario`);
  const path = profilePath(options.profile, ids);

  const B = (id: string) => base[id]!.map((v) => new Dec(v));
  const totalBase = dsum(top.map((id) => dsum(B(id))));
  if (totalBase.isZero()) fail('INPUT_MISSING_BASE', 'base.levels', 'the base-year levels add up to zero');

  const gap = {} as Record<BandSide, TargetGap>;
  const fyTarget: Record<BandSide, Record<string, number>> = { low: {}, high: {} };
  for (const side of SIDES) {
    const T = new Dec(fyRow[TOTAL]![side]);
    const implied = dsum(top.map((id) => dsum(B(id)).times(fyRow[id]![side]))).div(totalBase);
    const g = T.minus(implied);
    gap[side] = { target: T.toNumber(), implied: implied.toNumber(), gap: g.toNumber() };
    for (const id of ids) fyTarget[side][id] = fyRow[id]![side];
    if (reconcile.method !== 'none') {
      const moved = reconcile.method === 'shift' ? top : [reconcile.sector];
      const exact: Record<string, D> = {};
      for (const id of moved) {
        const own = dsum(B(id));
        if (reconcile.method === 'shift') exact[id] = new Dec(fyRow[id]![side]).plus(g);
        else if (own.isZero())
          fail('INPUT_MISSING_BASE', `base.levels.${id}`, `${id} has no base-year level to absorb the gap`);
        else exact[id] = new Dec(fyRow[id]![side]).plus(g.times(totalBase).div(own));
      }
      Object.assign(
        fyTarget[side],
        printedTargets(exact, (id) => dsum(B(id)), fyTarget[side], top, T, totalBase),
      );
    }
    fyTarget[side][TOTAL] = T.toNumber();
  }

  const growth = { low: {}, high: {} } as Record<BandSide, Record<string, QuarterValues>>;
  for (const side of SIDES) {
    const exact: Record<string, D[]> = {};
    for (const id of ids) exact[id] = shiftedPath(B(id), path[id]!, new Dec(fyTarget[side][id]!));
    const { [TOTAL]: totalFy, ...fy } = fyTarget[side];
    growth[side] = roundPaths({ ids, parts, base, growth: exact, fy, totalFy }).growth;
  }

  const fy: Record<string, Band> = {};
  for (const key of [TOTAL, ...ids]) {
    const band = fyRow[key]!;
    const same = fyTarget.low[key] === band.low && fyTarget.high[key] === band.high;
    fy[key] = same
      ? { ...band, printed: draftBand(band.low, band.high).printed }
      : draftBand(fyTarget.low[key]!, fyTarget.high[key]!);
  }
  const targets = tableFromPaths({ sectors: scenario.sectors, base, growth, fy });
  const drafted: Scenario = { ...scenario, targets };
  const report = residualsFor(drafted, base);
  const warnings: Issue<WarningCode>[] = [];
  for (const side of SIDES) {
    if (reconcile.method === 'none' && Math.abs(gap[side].gap) >= PRINTED_PRECISION)
      warnings.push(
        issue(
          'target-gap',
          `targets.FY.total`,
          `${side}: the sectors' FY targets give ${gap[side].implied.toFixed(4)} % under this base, the total's target is ${gap[side].target} % (gap ${gap[side].gap.toFixed(4)} pp); reconcile by shift or absorb:SECTOR`,
        ),
      );
  }
  for (const id of ids)
    if (fy[id]!.low > fy[id]!.high)
      warnings.push(issue('inverted-band', `targets.FY.${id}`, `the reconciled FY band of ${id} has low > high`));
  return {
    scenario: drafted,
    gap,
    reconcile,
    fy,
    growth,
    maxAbsResidual: report.maxAbsResidual,
    reproducible: report.reproducible,
    warnings,
  };
}

/**
 * Last year's quarterly growth by sector, from a scenario of that year: its actuals, each quarter published or
 * derived from the cumulative figures (`actualTable`). Throws naming every sector and quarter that is missing.
 */
export function lastYearPattern(
  previous: Pick<Scenario, 'sectors' | 'targets' | 'actuals'>,
  previousBase: Readonly<Record<string, QuarterValues>>,
  ids: readonly string[],
): Record<string, QuarterValues> {
  const table = actualTable(previous, previousBase);
  const out: Record<string, QuarterValues> = {};
  const problems = [];
  for (const id of ids) {
    const row = QUARTERS.map((q) => findFigure(table, q, id)?.value);
    const missing = QUARTERS.filter((_, i) => row[i] === undefined);
    if (missing.length > 0)
      problems.push(
        issue(
          'INPUT_INVALID',
          `actuals`,
          `last year's ${missing.join(', ')} growth of ${id} is neither published nor derivable`,
        ),
      );
    else out[id] = row as QuarterValues;
  }
  if (problems.length > 0) throw new GrdpError(problems);
  return out;
}

/**
 * Reconciled FY targets printed to two decimals: each moved sector's exact target rounded down or up, choosing
 * the combination whose total under the base is closest to the total's target (round-to-nearest first on ties).
 */
function printedTargets(
  exact: Record<string, D>,
  own: (id: string) => D,
  current: Record<string, number>,
  top: readonly string[],
  T: D,
  totalBase: D,
): Record<string, number> {
  const ids = Object.keys(exact);
  const choices = ids.map((id) => {
    const x = exact[id]!;
    const near = x.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toNumber();
    const down = x.toDecimalPlaces(2, Dec.ROUND_FLOOR).toNumber();
    const up = x.toDecimalPlaces(2, Dec.ROUND_CEIL).toNumber();
    // more than 12 moved sectors: round to nearest (4096 combinations at most)
    return down === up || ids.length > 12 ? [near] : near === down ? [down, up] : [up, down];
  });
  let best: { pick: number[]; error: D } | undefined;
  const count = choices.reduce((n, c) => n * c.length, 1);
  for (let k = 0; k < count; k++) {
    let rest = k;
    const pick = choices.map((c) => {
      const i = rest % c.length;
      rest = Math.floor(rest / c.length);
      return c[i]!;
    });
    const value = (id: string) => {
      const i = ids.indexOf(id);
      return i >= 0 ? pick[i]! : current[id]!;
    };
    const implied = dsum(top.map((id) => own(id).times(value(id)))).div(totalBase);
    const error = T.minus(implied).abs();
    if (!best || error.lt(best.error)) best = { pick, error };
  }
  return Object.fromEntries(ids.map((id, i) => [id, best!.pick[i]!]));
}

/** x_q per sector for the profile (0 for flat). */
function profilePath(profile: DraftProfile, ids: readonly string[]): Record<string, D[]> {
  const out: Record<string, D[]> = {};
  for (const id of ids) {
    let x: readonly number[] = [0, 0, 0, 0];
    if (profile.kind === 'last-year') {
      const p = profile.pattern[id];
      if (!p) fail('INPUT_INVALID', `pattern.${id}`, `last year's quarterly growth of ${id} is missing`);
      x = p;
    } else if (profile.kind === 'shape') {
      x = profile.offsets[id] ?? x;
    }
    if (x.length !== 4 || x.some((v) => !Number.isFinite(v)))
      fail('INPUT_INVALID', `${profile.kind === 'shape' ? 'shape' : 'pattern'}.${id}`, 'four finite numbers, Q1..Q4');
    out[id] = x.map((v) => new Dec(v));
  }
  return out;
}

/** g_q = x_q + d with Σ B_q·g_q = t·Σ B_q (x as given when the sector has no base). */
export function shiftedPath(b: readonly D[], x: readonly D[], t: D): D[] {
  const own = dsum(b);
  if (own.isZero()) return x.map(() => t);
  let onPath = new Dec(0);
  for (let q = 0; q < 4; q++) onPath = onPath.plus(b[q]!.times(x[q]!));
  const d = t.minus(onPath.div(own));
  return x.map((v) => v.plus(d));
}
