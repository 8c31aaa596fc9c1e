/**
 * Turning an uncertainty model into the simulator's input: the learned model replaces each free quarter's
 * band-implied distribution by the mid plus the historical bias, with the spread of historical errors at that
 * horizon; the band model leaves the input as it is.
 */
import { QUARTERS, type Quarter } from '../periods.ts';
import { DEFAULT_SECTOR_CORRELATION, type SimulateInput, type SimulateOptions } from '../simulate/types.ts';
import type { ErrorModel } from './fit.ts';

/** `band`: each band is the central 80% of its quarter (the published width only). `learned`: `ErrorModel`. */
export type ModelName = 'learned' | 'band';
export const MODEL_NAMES: readonly ModelName[] = ['learned', 'band'];

/** The model the simulator, the fan chart and the closed form use when none is named. */
export const DEFAULT_MODEL: ModelName = 'learned';

export interface ModelledInput {
  input: SimulateInput;
  /** Options the model sets (the learned quarter-to-quarter correlation); the caller's own options win. */
  options: SimulateOptions;
}

/**
 * The input with the learned model's mean and sd for every free quarter. The horizon of quarter q is q minus
 * the last actual (`asOf`). In each quarter the total's error is N(bias_h, sd_h) as fitted on past totals; it is
 * shared among the free sectors in proportion to their band half-widths (equally when every band is a single
 * figure), scaled so that, with their base weights and the between-sector correlation, the total's sd is sd_h
 * times the free sectors' share of the quarter. Every free sector's mean moves by bias_h, so the total's by
 * bias_h times that share.
 */
export function applyErrorModel(
  input: SimulateInput,
  asOf: Quarter | null,
  model: ErrorModel,
  sectorCorrelation: number = DEFAULT_SECTOR_CORRELATION,
): ModelledInput {
  const after = asOf === null ? 0 : QUARTERS.indexOf(asOf) + 1;
  const mean: Record<string, (number | null)[]> = {};
  const sd: Record<string, (number | null)[]> = {};
  for (const s of input.sectors) {
    mean[s] = [null, null, null, null];
    sd[s] = [null, null, null, null];
  }
  for (let q = 0; q < 4; q++) {
    const free = input.sectors.filter((s) => {
      const a = input.actual?.[s]?.[q];
      return a === null || a === undefined;
    });
    if (free.length === 0) continue;
    const horizon = Math.min(4, Math.max(1, q + 1 - after));
    const fit = model.horizons[horizon - 1]!;
    const level = (s: string) => input.base[s]?.[q] ?? 0;
    const total = input.sectors.reduce((a, s) => a + level(s), 0);
    const weight = (s: string) => (total > 0 ? level(s) / total : 1 / input.sectors.length);
    const half = (s: string) => Math.abs((input.high[s]?.[q] ?? 0) - (input.low[s]?.[q] ?? 0)) / 2;
    const anyWidth = free.some((s) => half(s) > 0);
    const shape = (s: string) => (anyWidth ? half(s) : 1);
    let unitVariance = 0;
    for (const a of free)
      for (const b of free)
        unitVariance += weight(a) * weight(b) * (a === b ? 1 : sectorCorrelation) * shape(a) * shape(b);
    const share = free.reduce((acc, s) => acc + weight(s), 0);
    const lambda = unitVariance > 0 ? (fit.sd * share) / Math.sqrt(unitVariance) : 0;
    for (const s of free) {
      const mid = ((input.low[s]?.[q] ?? 0) + (input.high[s]?.[q] ?? 0)) / 2;
      mean[s]![q] = mid + fit.bias;
      sd[s]![q] = lambda * shape(s);
    }
  }
  return { input: { ...input, spread: { mean, sd } }, options: { quarterCorrelation: model.quarterCorrelation } };
}
