/**
 * The simulate input of a scenario: a plain mapping, no formulas. Sectors are the top-level
 * ones (parts do not add into the total); base levels from `resolveBase`; band paths from `bandPath`; the
 * quarters up to `asOf` fixed at the engine's actuals table (published or derived quarterly figures); FY targets
 * as the file states them.
 */
import { actualTable, findFigure, latestQuarter } from '../actuals/index.ts';
import type { BaseTable } from '../base/index.ts';
import { QUARTERS, type Quarter } from '../periods.ts';
import { bandPath } from '../scenario/bands.ts';
import { componentIds } from '../scenario/sectors.ts';
import type { QuarterValues } from '../scenario/types.ts';
import { type Scenario, TOTAL } from '../scenario/types.ts';
import { applyErrorModel, DEFAULT_MODEL, type ModelName } from '../uncertainty/apply.ts';
import { FITTED_ERROR_MODEL } from '../uncertainty/fitted.ts';
import type { SimulateInput, SimulateOptions } from './types.ts';

/**
 * The draws and seed every surface uses when the user names none (the fan chart, the what-if studio): the same
 * figures on the server image, the embed and the studio.
 */
export const SIMULATION_DEFAULTS = { draws: 20_000, seed: 1 } as const;

export interface ScenarioSimulateInput {
  input: SimulateInput;
  /** The last quarter fixed at its actuals (null: none). */
  asOf: Quarter | null;
  /** The uncertainty model the input carries. */
  model: ModelName;
  /** Options the model sets (the learned quarter-to-quarter correlation): spread them under the caller's own. */
  options: SimulateOptions;
}

/**
 * The simulate input of a scenario under an uncertainty model (default `learned`: the fitted error model of
 * `uncertainty/fitted.ts`, see docs/model.md; `band`: the published bands alone).
 */
export function simulateInputOf(
  scenario: Scenario,
  base: Readonly<BaseTable>,
  asOf?: Quarter,
  model: ModelName = DEFAULT_MODEL,
): ScenarioSimulateInput {
  const sectors = componentIds(scenario);
  const only = (table: Readonly<Record<string, QuarterValues>>) =>
    Object.fromEntries(sectors.filter((id) => table[id] !== undefined).map((id) => [id, table[id]!]));

  const table = actualTable(scenario, base);
  const at = asOf ?? latestQuarter(table);
  const known = at === null ? [] : QUARTERS.slice(0, QUARTERS.indexOf(at) + 1);
  const actual: Record<string, (number | null)[]> = {};
  for (const id of sectors) {
    const row = known.map((q) => findFigure(table, q, id)?.value ?? null);
    if (row.some((v) => v !== null)) actual[id] = row;
  }

  const fyTarget: Record<string, { low: number; high: number }> = {};
  for (const key of [TOTAL, ...sectors]) {
    const band = scenario.targets.FY?.[key];
    if (band) fyTarget[key] = { low: band.low, high: band.high };
  }

  const input: SimulateInput = {
    sectors,
    base: only(base),
    low: only(bandPath(scenario, 'low')),
    high: only(bandPath(scenario, 'high')),
    actual,
    fyTarget,
  };
  return { ...withModel(input, model, at), asOf: at, model };
}

/**
 * A simulate input under an uncertainty model: `band` leaves it as it is, `learned` applies the fitted error
 * model (`applyErrorModel` with `FITTED_ERROR_MODEL`). `asOf` defaults to the last quarter any sector has an
 * actual for. For inputs built by hand (the what-if studio's shifted bands); `simulateInputOf` uses it too.
 */
export function withModel(
  input: SimulateInput,
  model: ModelName = DEFAULT_MODEL,
  asOf: Quarter | null = lastActualQuarter(input),
): { input: SimulateInput; options: SimulateOptions } {
  if (model === 'band') return { input, options: {} };
  return applyErrorModel(input, asOf, FITTED_ERROR_MODEL);
}

function lastActualQuarter(input: SimulateInput): Quarter | null {
  let last = -1;
  for (const row of Object.values(input.actual ?? {}))
    row.forEach((v, q) => {
      if (v !== null && v !== undefined && q > last) last = q;
    });
  return last < 0 ? null : QUARTERS[last]!;
}
