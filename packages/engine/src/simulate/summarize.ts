import type { Period } from '../periods.ts';
import { normalCdf, normalQuantile } from './normal.ts';
import {
  emptyChunk,
  QUANTILE_LEVELS,
  type QuantileName,
  type Quantiles,
  type SeriesSummary,
  type SimulatedSeries,
  type SimulatedTargetProbability,
  type SimulationChunk,
  type SimulationPlan,
  type SimulationResult,
  TARGET_TOLERANCE,
  type TargetProbability,
} from './types.ts';

/**
 * Adds chunks simulated with the same plan (different streams), in the order given: merge the chunks of
 * `simulationStreams` in stream order for the result of a one-thread run.
 */
export function mergeSimulationChunks(plan: SimulationPlan, chunks: readonly SimulationChunk[]): SimulationChunk {
  const out = emptyChunk(plan);
  for (const c of chunks) addChunk(out, c);
  return out;
}

/** Adds chunk `from` into `into` (same plan). */
export function addChunk(into: SimulationChunk, from: SimulationChunk): void {
  into.draws += from.draws;
  const add = (a: Float64Array | Uint32Array, b: Float64Array | Uint32Array) => {
    if (a.length !== b.length) throw new RangeError('chunks of different plans cannot be merged');
    for (let i = 0; i < a.length; i++) a[i]! += b[i]!;
  };
  add(into.histogram, from.histogram);
  add(into.below, from.below);
  add(into.above, from.above);
  add(into.sum, from.sum);
  add(into.sumSquares, from.sumSquares);
  add(into.reachLow, from.reachLow);
  add(into.reachHigh, from.reachHigh);
  if (into.draws > 0xffffffff) throw new RangeError('too many draws to count in 32-bit bins');
}

/** Probabilities, moments and quantiles from the counts, beside the closed form of the normal model. */
export function summarizeSimulation(plan: SimulationPlan, chunk: SimulationChunk): SimulationResult {
  const { keys } = plan;
  const K = keys.length;
  const reported = new Set(plan.seriesKeys);
  const N = chunk.draws;
  const periods = {} as Record<Period, Record<string, SimulatedSeries>>;
  const cfPeriods = {} as Record<Period, Record<string, SeriesSummary>>;
  plan.periods.forEach((period, p) => {
    const row: Record<string, SimulatedSeries> = {};
    const cfRow: Record<string, SeriesSummary> = {};
    keys.forEach((key, k) => {
      if (!reported.has(key)) return;
      const s = p * K + k;
      const centre = plan.seriesMean[s]!;
      const meanDev = N > 0 ? chunk.sum[s]! / N : Number.NaN;
      const variance = N > 1 ? (chunk.sumSquares[s]! - N * meanDev * meanDev) / (N - 1) : Number.NaN;
      const inv = plan.histInvWidth[s]!;
      const quantiles = {} as Quantiles;
      for (const [name, level] of Object.entries(QUANTILE_LEVELS) as [QuantileName, number][])
        quantiles[name] = inv === 0 ? plan.histLow[s]! : histogramQuantile(chunk, plan, s, level);
      row[key] = {
        mean: centre + meanDev,
        sd: Math.sqrt(Math.max(variance, 0)),
        quantiles,
        resolution: inv === 0 ? 0 : 1 / inv,
      };
      const sd = plan.seriesSd[s]!;
      const cfq = {} as Quantiles;
      for (const [name, level] of Object.entries(QUANTILE_LEVELS) as [QuantileName, number][])
        cfq[name] = centre + sd * normalQuantile(level);
      cfRow[key] = { mean: centre, sd, quantiles: cfq };
    });
    periods[period] = row;
    cfPeriods[period] = cfRow;
  });

  const probabilities: Record<string, SimulatedTargetProbability> = {};
  const cfProbabilities: Record<string, TargetProbability> = {};
  plan.targetKeys.forEach((key, t) => {
    const pl = chunk.reachLow[t]! / N;
    const ph = chunk.reachHigh[t]! / N;
    const targetLow = plan.targetLow[t]!;
    const targetHigh = plan.targetHigh[t]!;
    probabilities[key] = {
      targetLow,
      targetHigh,
      low: pl,
      high: ph,
      standardError: { low: Math.sqrt((pl * (1 - pl)) / N), high: Math.sqrt((ph * (1 - ph)) / N) },
    };
    const s = plan.targetSeries[t]!;
    const reach = (target: number) => {
      const mean = plan.seriesMean[s]!;
      const sd = plan.seriesSd[s]!;
      if (plan.histInvWidth[s] === 0) return mean >= target - TARGET_TOLERANCE ? 1 : 0;
      return normalCdf((mean - target) / sd);
    };
    cfProbabilities[key] = { targetLow, targetHigh, low: reach(targetLow), high: reach(targetHigh) };
  });

  return {
    draws: N,
    seed: plan.seed,
    distribution: plan.distribution,
    coverage: plan.coverage,
    keys: [...keys],
    probabilities,
    periods,
    closedForm: plan.distribution === 'normal' ? { probabilities: cfProbabilities, periods: cfPeriods } : null,
  };
}

/**
 * The `level` quantile of series s: the bin where the cumulative count passes level · N, linearly interpolated
 * inside the bin. Below or above the histogram's range it returns the range's edge.
 */
function histogramQuantile(chunk: SimulationChunk, plan: SimulationPlan, s: number, level: number): number {
  const N = chunk.draws;
  const bins = plan.bins;
  const width = 1 / plan.histInvWidth[s]!;
  const lowEdge = plan.histLow[s]!;
  const rank = level * N;
  let cum = chunk.below[s]!;
  if (rank <= cum) return lowEdge;
  const h = chunk.histogram;
  const start = plan.histSlot[s]! * bins;
  for (let b = 0; b < bins; b++) {
    const c = h[start + b]!;
    if (c > 0 && cum + c >= rank) return lowEdge + (b + (rank - cum) / c) * width;
    cum += c;
  }
  return lowEdge + bins * width;
}
