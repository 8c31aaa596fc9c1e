/**
 * A simulation on the compute pool. Up to one stream (STREAM_DRAWS draws; the default draws fit in one) it is one
 * task. Beyond that the plan is prepared on a worker, the streams are dealt to every worker of the pool, and the
 * chunks come back to be merged in stream order: the answer is the same as in one thread (the engine's `simulate`,
 * the CLI), only sooner when there are cores for the workers.
 */
import { type Scenario, type SimulationChunk, simulationStreams } from '@grdp/engine';
import type { ComputePool } from './pool.ts';
import { type SimulateRequest, simulationAnswer } from './run.ts';

export async function simulateOnPool(pool: ComputePool, scenario: Scenario, request: SimulateRequest) {
  const workers = pool.options.threads;
  const draws = request.draws;
  if (workers < 2 || draws === undefined || simulationStreams(draws).length < 2)
    return pool.run('simulate', scenario, request);
  const prepared = await pool.run('simulationPlan', scenario, request);
  const streams = simulationStreams(prepared.plan.draws);
  // worker w runs streams w, w + workers, …: equal shares, the last (shorter) stream included
  const shares = Array.from({ length: Math.min(workers, streams.length) }, (_, w) =>
    streams.filter((_, i) => i % workers === w),
  );
  const results = await Promise.all(shares.map((share) => pool.run('simulationChunks', prepared.plan, share)));
  const chunks: SimulationChunk[] = new Array(streams.length);
  shares.forEach((share, w) => {
    share.forEach((part, i) => {
      chunks[part.stream] = results[w]![i]!;
    });
  });
  return simulationAnswer(prepared, chunks);
}
