/**
 * Base-year levels for a computation: the file's own levels when it has them, otherwise the levels calibrated
 * from the published table (and the result says so). Also the small helpers every growth computation needs:
 * the levels of a key (`total` adds the top-level sectors) and the check that every top-level sector has levels.
 */
import { fail, GrdpError, issue } from '../errors.ts';
import type { NumericOps } from '../numeric/index.ts';
import { QUARTERS } from '../periods.ts';
import { componentIds } from '../scenario/sectors.ts';
import { type QuarterValues, type Scenario, TOTAL } from '../scenario/types.ts';

/** Base-year levels by sector id, Q1..Q4. */
export type BaseTable = Record<string, QuarterValues>;

/** Where base-year levels came from, the one vocabulary of every surface: the file's published (`official`) or
 * implied levels, or levels `calibrated` from the published table. */
export type BaseOrigin = 'official' | 'implied' | 'calibrated';
export const BASE_ORIGINS: readonly BaseOrigin[] = ['official', 'implied', 'calibrated'];

/** Which levels a computation asks for: `auto` (the file's when it has them, else calibrated), `file`, `calibrated`. */
export type BaseChoice = 'auto' | 'file' | 'calibrated';
export const BASE_CHOICES: readonly BaseChoice[] = ['auto', 'file', 'calibrated'];

export interface ResolvedBase {
  base: BaseTable;
  /** official / implied: the file's levels (as the file labels them); calibrated: computed here from the table. */
  origin: BaseOrigin;
  /** Said whenever the levels are not the file's official ones, or some parts have no levels. */
  note?: string;
}

/** What `calibrate` returns, as far as this module relies on it. */
export interface CalibrationLike {
  base: Record<string, QuarterValues | readonly number[]>;
  maxAbsResidual?: number | null;
}

export type CalibrateFn = (scenario: Scenario) => Promise<CalibrationLike>;

/** The default calibration: loaded lazily so that the engine's other parts never depend on the solver. */
const defaultCalibrate: CalibrateFn = async (scenario) => {
  const specifier = '../calibrate/index.ts';
  let mod: { calibrate?: CalibrateFn };
  try {
    mod = (await import(/* @vite-ignore */ specifier)) as { calibrate?: CalibrateFn };
  } catch (error) {
    fail('INPUT_MISSING_BASE', 'base', `no levels in the file and calibration is unavailable (${String(error)})`);
  }
  if (typeof mod.calibrate !== 'function') fail('INPUT_MISSING_BASE', 'base', 'calibration is unavailable');
  return mod.calibrate(scenario);
};

/**
 * Whether `resolveBase(scenario, …, choice)` would calibrate (a linear programme, milliseconds) rather than take
 * the file's levels (microseconds): `calibrated`, or no levels in the file under `auto`.
 */
export function baseNeedsCalibration(scenario: Pick<Scenario, 'base'>, choice: BaseChoice = 'auto'): boolean {
  const levels = scenario.base?.levels;
  const hasLevels = levels !== undefined && Object.keys(levels).length > 0;
  return choice === 'calibrated' || (choice === 'auto' && !hasLevels);
}

/**
 * The base-year levels to compute with. The file's `base.levels` when present (every top-level sector must have
 * four levels); otherwise the table is calibrated (`calibrateFn`, default: the engine's `calibrate`) and
 * `origin` is `calibrated` with a note. Throws INPUT_MISSING_BASE, naming what is missing, when the file has no
 * levels and the table cannot fix them: a top-level sector without quarterly targets, or no total targets.
 * `choice` `file` insists on the file's levels (INPUT_MISSING_BASE without them), `calibrated` calibrates even
 * when the file has levels; `auto` (default) is the rule above. The API, the CLI and the web all take their
 * levels from here (the web passes a `calibrateFn` that asks the API, which runs HiGHS).
 *
 * @example
 * const { base, origin } = await resolveBase(scenario); // origin 'official' when the file lists its levels
 */
export async function resolveBase(
  scenario: Scenario,
  calibrateFn: CalibrateFn = defaultCalibrate,
  choice: BaseChoice = 'auto',
): Promise<ResolvedBase> {
  const levels = scenario.base?.levels;
  const hasLevels = levels !== undefined && Object.keys(levels).length > 0;
  if (choice === 'file' && !hasLevels) fail('INPUT_MISSING_BASE', 'base', 'the file has no base-year levels');
  if (levels !== undefined && !baseNeedsCalibration(scenario, choice)) {
    const base = pickLevels(scenario, levels, 'base.levels');
    const notes: string[] = [];
    if (scenario.base?.origin === 'implied') notes.push('base-year levels in the file are implied, not published');
    const parts = missingParts(scenario, base);
    if (parts.length > 0) notes.push(`no base-year levels for ${parts.join(', ')}`);
    const origin = scenario.base?.origin === 'implied' ? 'implied' : 'official';
    return notes.length > 0 ? { base, origin, note: notes.join('; ') } : { base, origin };
  }

  // No levels in the file: can the table fix them?
  const problems = [];
  const hasTotal = Object.values(scenario.targets).some((row) => row?.[TOTAL] !== undefined);
  if (!hasTotal)
    problems.push(issue('INPUT_MISSING_BASE', 'targets', 'the table has no total growth to weigh sectors'));
  for (const id of componentIds(scenario)) {
    if (!QUARTERS.some((q) => scenario.targets[q]?.[id] !== undefined))
      problems.push(
        issue('INPUT_MISSING_BASE', `targets.*.${id}`, `no levels in the file and no quarterly targets for ${id}`),
      );
  }
  if (problems.length > 0) throw new GrdpError(problems);

  const calibration = await calibrateFn(scenario);
  const base = pickLevels(scenario, calibration.base, 'calibration.base');
  const residual =
    typeof calibration.maxAbsResidual === 'number'
      ? ` (largest residual ${calibration.maxAbsResidual.toFixed(4)} pp)`
      : '';
  const notes = [
    hasLevels
      ? `Levels calibrated from the published table are used instead of the file's${residual}`
      : `No base-year levels in the file: levels calibrated from the published table are used${residual}`,
  ];
  const parts = missingParts(scenario, base);
  if (parts.length > 0) notes.push(`no base-year levels for ${parts.join(', ')}`);
  return { base, origin: 'calibrated', note: notes.join('; ') };
}

/** Copies four finite, non-negative levels per sector; every top-level sector is required, parts optional. */
function pickLevels(
  scenario: Pick<Scenario, 'sectors'>,
  levels: Record<string, QuarterValues | readonly number[]>,
  path: string,
): BaseTable {
  const base: BaseTable = {};
  const problems = [];
  for (const sector of scenario.sectors) {
    const row = levels[sector.id];
    if (!row) {
      if (sector.parent === undefined)
        problems.push(issue('INPUT_MISSING_BASE', `${path}.${sector.id}`, `no base-year levels for ${sector.id}`));
      continue;
    }
    if (row.length !== 4 || row.some((v) => !Number.isFinite(v) || v < 0)) {
      problems.push(issue('INPUT_INVALID', `${path}.${sector.id}`, 'four finite levels ≥ 0, Q1..Q4'));
      continue;
    }
    base[sector.id] = [row[0]!, row[1]!, row[2]!, row[3]!];
  }
  // A file without sectors: the total's own levels (a total-only table).
  const total = levels[TOTAL];
  if (componentIds(scenario).length === 0 && total?.length === 4 && total.every((v) => Number.isFinite(v) && v >= 0))
    base[TOTAL] = [total[0]!, total[1]!, total[2]!, total[3]!];
  if (problems.length > 0) throw new GrdpError(problems);
  return base;
}

function missingParts(scenario: Pick<Scenario, 'sectors'>, base: BaseTable): string[] {
  return scenario.sectors.filter((s) => s.parent !== undefined && !base[s.id]).map((s) => s.id);
}

/** Throws INPUT_MISSING_BASE unless every top-level sector has four levels. */
export function assertBase(scenario: Pick<Scenario, 'sectors'>, base: Readonly<BaseTable>): void {
  const missing = componentIds(scenario).filter((id) => !base[id]);
  if (missing.length > 0)
    throw new GrdpError(
      missing.map((id) => issue('INPUT_MISSING_BASE', `base.${id}`, `no base-year levels for ${id}`)),
    );
}

/**
 * The quarterly base levels of a key under `ops`: a sector's own, or for `total` the sum of the top-level sectors
 * (added exactly under decimal ops; a file without sectors may give the total's own levels). Undefined when the key has no levels (a part the file does not list).
 */
export function keyBase<T>(
  ops: NumericOps<T>,
  scenario: Pick<Scenario, 'sectors'>,
  base: Readonly<BaseTable>,
  key: string,
): T[] | undefined {
  if (key !== TOTAL) return base[key]?.map((v) => ops.from(v));
  const ids = componentIds(scenario);
  if (ids.length === 0) return base[TOTAL]?.map((v) => ops.from(v));
  const out = [ops.zero, ops.zero, ops.zero, ops.zero];
  for (const id of ids) {
    const row = base[id];
    if (!row) return undefined;
    for (let q = 0; q < 4; q++) out[q] = ops.add(out[q]!, ops.from(row[q]!));
  }
  return out;
}

/** The sectors that can be computed with: every sector with levels, in the file's order (parts included). */
export function modelledSectors<S extends { id: string }>(sectors: readonly S[], base: Readonly<BaseTable>): S[] {
  return sectors.filter((s) => base[s.id] !== undefined);
}
