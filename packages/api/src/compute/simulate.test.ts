import { STREAM_DRAWS } from '@grdp/engine';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { anGiang } from '../../test-support/helpers.ts';
import { ComputePool } from './pool.ts';
import { simulateOf } from './run.ts';
import { simulateOnPool } from './simulate.ts';

const pool = new ComputePool({ threads: 2, queue: 16, timeoutMs: 120_000 });
afterAll(() => pool.close());

describe('a simulation on the worker pool', () => {
  it('splits a large simulation over the workers and answers exactly as one thread does', async () => {
    const scenario = anGiang();
    const run = vi.spyOn(pool, 'run');
    for (const request of [
      { draws: 2 * STREAM_DRAWS + 333, seed: 5, asOf: 'Q1' as const },
      { draws: 3 * STREAM_DRAWS, seed: 6, series: [] },
    ]) {
      const pooled = await simulateOnPool(pool, scenario, request);
      expect(pooled.draws).toBe(request.draws);
      expect(pooled).toEqual(await simulateOf(scenario, request));
      // the plan on one worker, then one share of the streams on each of the two
      expect(run.mock.calls.map((c) => c[0])).toEqual(['simulationPlan', 'simulationChunks', 'simulationChunks']);
      run.mockClear();
    }
    run.mockRestore();
  }, 120_000);

  it('runs a simulation of one stream as one task, with the same answer', async () => {
    const scenario = anGiang();
    const request = { draws: 3_000, seed: 2, series: ['total'] };
    expect(await simulateOnPool(pool, scenario, request)).toEqual(await simulateOf(scenario, request));
  }, 60_000);
});
