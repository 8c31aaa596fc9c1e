/**
 * The simulator's input for a what-if: the scenario's own input (`simulateInputOf`), with every sector's band
 * moved so that its centre is the what-if path (the chosen baseline plus the shocks), and the quarters the
 * baseline took from the actuals fixed at their (shocked) values. So the probability of reaching the target
 * follows the baseline: the low baseline centres the draws on the low path, the high one on the high path.
 * Quarters not taken from actuals stay uncertain, whatever the baseline.
 */
import type { BaseTable } from '../base/index.ts';
import { QUARTERS } from '../periods.ts';
import type { QuarterValues, Scenario } from '../scenario/types.ts';
import { simulateInputOf, withModel } from '../simulate/scenario-input.ts';
import type { SimulateInput, SimulateOptions } from '../simulate/types.ts';
import { DEFAULT_MODEL, type ModelName } from '../uncertainty/apply.ts';
import type { WhatIfResult } from './index.ts';

export function whatIfSimulateInput(
  scenario: Scenario,
  base: Readonly<BaseTable>,
  result: Pick<WhatIfResult, 'growth' | 'actualQuarters'>,
): SimulateInput {
  const { input } = simulateInputOf(scenario, base, undefined, 'band');
  const low: Record<string, QuarterValues> = {};
  const high: Record<string, QuarterValues> = {};
  const actual: Record<string, (number | null)[]> = {};
  for (const s of input.sectors) {
    const lo = input.low[s]!;
    const hi = input.high[s]!;
    const path = result.growth[s]!;
    const shift = QUARTERS.map((_, q) => path[q]! - (lo[q]! + hi[q]!) / 2);
    low[s] = lo.map((v, q) => v + shift[q]!) as unknown as QuarterValues;
    high[s] = hi.map((v, q) => v + shift[q]!) as unknown as QuarterValues;
    const known = result.actualQuarters?.[s] ?? [];
    if (known.length > 0) actual[s] = QUARTERS.map((q, i) => (known.includes(q) ? path[i]! : null));
  }
  return { ...input, low, high, actual };
}

/**
 * True when the what-if leaves nothing to simulate: every simulated sector has its four quarters from actuals
 * (the full year is known), so the draws are all one point.
 */
export function allQuartersKnown(input: SimulateInput): boolean {
  return input.sectors.every((s) => {
    const row = input.actual?.[s];
    return row !== undefined && QUARTERS.every((_, q) => row[q] !== null && row[q] !== undefined);
  });
}

/**
 * The what-if's simulation under an uncertainty model (default: the learned one, as on every other surface):
 * `whatIfSimulateInput`'s band-centred input with the model applied around the what-if path, and the options the
 * model sets. Spread `options` under the caller's own (draws, seed).
 */
export function whatIfSimulation(
  scenario: Scenario,
  base: Readonly<BaseTable>,
  result: Pick<WhatIfResult, 'growth' | 'actualQuarters'>,
  model: ModelName = DEFAULT_MODEL,
): { input: SimulateInput; options: SimulateOptions; model: ModelName } {
  return { ...withModel(whatIfSimulateInput(scenario, base, result), model), model };
}
