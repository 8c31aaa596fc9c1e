import { describe, expect, it } from 'vitest';
import { GrdpError } from '../errors.ts';
import { PERIODS } from '../periods.ts';
import { INPUT, SECTORS } from './fixtures.ts';
import {
  mergeSimulationChunks,
  prepareSimulation,
  type SimulateOptions,
  STREAM_DRAWS,
  simulate,
  simulateChunk,
  simulationStreams,
  summarizeSimulation,
} from './index.ts';
import { programChunk } from './program.ts';

const KEYS = ['total', ...SECTORS];
const ACTUAL = { agriculture: [3.1, null, null, null], services: [7.9, 8.1, null, null] };

/** Every subset of the keys, as `series` lists. */
const SUBSETS = Array.from({ length: 2 ** KEYS.length }, (_, mask) => KEYS.filter((_, i) => mask & (1 << i)));

describe('simulate computes only what the caller asks for (series)', () => {
  for (const [name, options] of [
    ['normal', { draws: 3_000, seed: 11, quarterCorrelation: 0.4 }],
    ['triangular', { draws: 3_000, seed: 11, distribution: 'triangular' }],
  ] as [string, SimulateOptions][])
    it(`${name}: every asked key's figures are bit for bit those of the full run, and no other key is reported`, () => {
      const input = { ...INPUT, actual: ACTUAL };
      const full = simulate(input, options);
      for (const series of SUBSETS) {
        const part = simulate(input, { ...options, series });
        expect(part.probabilities, `series ${series}`).toEqual(full.probabilities);
        for (const period of PERIODS) {
          expect(Object.keys(part.periods[period]).sort()).toEqual([...series].sort());
          for (const key of series) expect(part.periods[period][key]).toEqual(full.periods[period][key]);
          if (full.closedForm) {
            expect(Object.keys(part.closedForm!.periods[period]).sort()).toEqual([...series].sort());
            for (const key of series)
              expect(part.closedForm!.periods[period][key]).toEqual(full.closedForm.periods[period][key]);
          }
        }
        expect(part.closedForm?.probabilities).toEqual(full.closedForm?.probabilities);
      }
    });

  it('series [] keeps no histogram and, for the normal model, runs the fused kernel with the same counts', () => {
    const plan = prepareSimulation(INPUT, { draws: 20_000, seed: 4, series: [] });
    expect(plan.seriesKeys).toEqual([]);
    const chunk = simulateChunk(plan, 20_000, 0);
    expect(chunk.histogram.length).toBe(0);
    const full = simulateChunk(prepareSimulation(INPUT, { draws: 20_000, seed: 4 }), 20_000, 0);
    expect(Array.from(chunk.reachLow)).toEqual(Array.from(full.reachLow));
    expect(Array.from(chunk.reachHigh)).toEqual(Array.from(full.reachHigh));
    // the program, pruned to the target rows, counts the same draws too
    const pruned = programChunk(plan, 20_000, 0);
    expect(Array.from(pruned.reachLow)).toEqual(Array.from(full.reachLow));
    expect(pruned.sum.every((s) => s === 0)).toBe(true);
  });

  it('the total alone (the fan chart) keeps one key’s histograms', () => {
    const plan = prepareSimulation(INPUT, { series: ['total'] });
    expect(simulateChunk(plan, 10, 0).histogram.length).toBe(PERIODS.length * plan.bins);
    expect(plan.seriesKeys).toEqual(['total']);
  });

  it('an unknown key is refused at its place in the list', () => {
    try {
      simulate(INPUT, { series: ['total', 'fishing'] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GrdpError);
      expect((e as GrdpError).issues[0]).toMatchObject({ code: 'INPUT_INVALID', path: 'series[1]' });
      expect((e as GrdpError).issues[0]!.message).toContain('fishing');
    }
    expect(() => simulate(INPUT, { series: 'some' as never })).toThrow(/series is "all" or a list/);
  });
});

describe('streams: the same result for any split of the draws', () => {
  it('splits draws into streams of STREAM_DRAWS, the last one shorter', () => {
    expect(simulationStreams(1)).toEqual([{ stream: 0, draws: 1 }]);
    expect(simulationStreams(STREAM_DRAWS)).toEqual([{ stream: 0, draws: STREAM_DRAWS }]);
    expect(simulationStreams(2 * STREAM_DRAWS + 7)).toEqual([
      { stream: 0, draws: STREAM_DRAWS },
      { stream: 1, draws: STREAM_DRAWS },
      { stream: 2, draws: 7 },
    ]);
  });

  it('chunks run in any order or grouping, merged in stream order, give simulate’s result', () => {
    const draws = 2 * STREAM_DRAWS + 1_000;
    for (const series of ['all', ['total'], []] as const) {
      const options: SimulateOptions = { draws, seed: 9, series };
      const plan = prepareSimulation(INPUT, options);
      const parts = simulationStreams(draws);
      // as two workers would: odd streams first, then even ones
      const byStream = new Map(
        [...parts].reverse().map((p) => [p.stream, simulateChunk(plan, p.draws, p.stream)] as const),
      );
      const merged = mergeSimulationChunks(
        plan,
        parts.map((p) => byStream.get(p.stream)!),
      );
      expect(summarizeSimulation(plan, merged)).toEqual(simulate(INPUT, options));
    }
  });

  it('up to STREAM_DRAWS draws, the result is stream 0’s alone (as before streams)', () => {
    const plan = prepareSimulation(INPUT, { seed: 21, draws: 50_000 });
    expect(summarizeSimulation(plan, simulateChunk(plan, 50_000, 0))).toEqual(
      simulate(INPUT, { seed: 21, draws: 50_000 }),
    );
  });
});
