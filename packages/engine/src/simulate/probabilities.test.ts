import { describe, expect, it } from 'vitest';
import { simulateChunk } from './chunk.ts';
import { INPUT } from './fixtures.ts';
import { prepareSimulation } from './prepare.ts';
import { simulateProbabilities } from './probabilities.ts';

describe('simulateProbabilities (the fused probabilities-only kernel)', () => {
  it('counts the same draws reaching each target as the full simulation on the same stream', () => {
    for (const quarterCorrelation of [0, 0.5]) {
      const plan = prepareSimulation(INPUT, { draws: 20_000, seed: 3, correlation: 0.4, quarterCorrelation });
      const full = simulateChunk(plan, 20_000, 2);
      const fused = simulateProbabilities(plan, 20_000, 2);
      expect(fused.draws).toBe(20_000);
      // same normals, same forms: equal counts (a draw within 1e-12 of an edge could differ, none does here)
      expect(Array.from(fused.reachLow)).toEqual(Array.from(full.reachLow));
      expect(Array.from(fused.reachHigh)).toEqual(Array.from(full.reachHigh));
      expect(fused.reachLow.some((c) => c > 0 && c < 20_000)).toBe(true);
    }
  });
});
