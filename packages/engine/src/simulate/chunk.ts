/**
 * `simulateChunk`: the draws of one stream, computing only what the plan reports (`SimulateOptions.series`), and
 * `simulationStreams`: how a simulation's draws split into streams, so that any number of threads gives the same
 * result.
 */
import { fusedProbabilityCounts } from './probabilities.ts';
import { checkChunkArgs, programChunk } from './program.ts';
import { emptyChunk, type SimulationChunk, type SimulationPlan, STREAM_DRAWS } from './types.ts';

/**
 * Simulates `draws` draws with stream `stream` (0..MAX_STREAM) of the plan's seed: the period series the plan
 * reports (moments, histograms) and the FY target counts. A plan of the normal model that reports no series runs
 * the fused probabilities-only kernel; otherwise the program computes the reported series and only the rows they
 * and the targets depend on.
 */
export function simulateChunk(plan: SimulationPlan, draws: number = plan.draws, stream = 0): SimulationChunk {
  checkChunkArgs(draws, stream);
  if (plan.seriesKeys.length > 0 || plan.distribution !== 'normal') return programChunk(plan, draws, stream);
  const counts = fusedProbabilityCounts(plan, draws, stream);
  const out = emptyChunk(plan);
  out.draws = draws;
  out.reachLow.set(counts.reachLow);
  out.reachHigh.set(counts.reachHigh);
  return out;
}

/** One stream's share of a simulation. */
export interface StreamPart {
  stream: number;
  draws: number;
}

/**
 * The streams of a simulation of `draws` draws: stream i runs draws i·STREAM_DRAWS … (i + 1)·STREAM_DRAWS − 1. Run
 * them anywhere (one thread, a worker pool) and merge the chunks in stream order (`mergeSimulationChunks`): the
 * result is the same for any split.
 */
export function simulationStreams(draws: number): StreamPart[] {
  const parts: StreamPart[] = [];
  for (let stream = 0; stream * STREAM_DRAWS < draws; stream++)
    parts.push({ stream, draws: Math.min(STREAM_DRAWS, draws - stream * STREAM_DRAWS) });
  return parts;
}
