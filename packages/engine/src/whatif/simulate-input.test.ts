import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate/index.ts';
import { twoSectorBase, twoSectorScenario } from '../track/fixtures.ts';
import { parseShock, whatIf } from './index.ts';
import { allQuartersKnown, whatIfSimulateInput, whatIfSimulation } from './simulate-input.ts';

const A = 'agriculture';
const I = 'industry_construction';
const scenario = twoSectorScenario();
const run = (baseline: 'low' | 'mid' | 'high' | 'actual', shocks: string[] = []) => {
  const result = whatIf(scenario, twoSectorBase, shocks.map(parseShock), { baseline });
  const input = whatIfSimulateInput(scenario, twoSectorBase, result);
  return { input, sim: simulate(input, { draws: 4000, seed: 3 }) };
};

describe('whatIfSimulateInput: the simulated band is centred on the what-if path', () => {
  it('mid baseline, no shock: the scenario bands themselves (A Q1 2–3)', () => {
    const { input } = run('mid');
    expect(input.low[A]).toEqual([2, 3, 3, 4]);
    expect(input.high[A]).toEqual([3, 4, 4, 5]);
    expect(input.actual).toEqual({});
  });

  it('low baseline: the band moves down by half its width (A Q1 1.5–2.5), and a −2 pp shock in Q3 moves Q3 again', () => {
    const { input } = run('low', ['agriculture:Q3:-2pp']);
    expect(input.low[A]).toEqual([1.5, 2.5, 0.5, 3.5]);
    expect(input.high[A]).toEqual([2.5, 3.5, 1.5, 4.5]);
    expect(input.low[I]).toEqual([4.5, 5.5, 6.5, 7.5]);
  });

  it('the probability of reaching the FY target follows the baseline: low < mid < high', () => {
    const p = (b: 'low' | 'mid' | 'high') => run(b).sim.probabilities.total!.low;
    expect(p('low')).toBeLessThan(p('mid'));
    expect(p('mid')).toBeLessThan(p('high'));
  });

  it('actual baseline: Q1 and Q2 fixed at the actuals (A 2.5, 3.5), Q3 and Q4 still uncertain', () => {
    const { input, sim } = run('actual');
    expect(input.actual?.[A]).toEqual([2.5, 3.5, null, null]);
    expect(input.actual?.[I]).toEqual([4, 7.75, null, null]);
    expect(allQuartersKnown(input)).toBe(false);
    const fy = sim.periods.FY.total!.quantiles;
    expect(fy.p90).toBeGreaterThan(fy.p10);
    expect(sim.probabilities.total!.low).toBeGreaterThan(0);
    expect(sim.probabilities.total!.low).toBeLessThan(1);
  });

  it('a full year of actuals leaves nothing uncertain, and says so', () => {
    const full = twoSectorScenario([
      ...scenario.actuals,
      {
        period: 'FY',
        vintage: 'estimate',
        published: '2025-01-05',
        values: { total: 5, agriculture: 3.5, industry_construction: 6.5 },
      },
      {
        period: '9M',
        vintage: 'estimate',
        published: '2024-09-30',
        values: { total: 4.6, agriculture: 3.2, industry_construction: 6 },
      },
    ]);
    const result = whatIf(full, twoSectorBase, [], { baseline: 'actual' });
    expect(allQuartersKnown(whatIfSimulateInput(full, twoSectorBase, result))).toBe(true);
  });
});

describe('whatIfSimulation: the learned model around the what-if path', () => {
  it('centres the learned spread on the what-if path, so the probability still follows the baseline', () => {
    const p = (b: 'low' | 'mid' | 'high') => {
      const result = whatIf(scenario, twoSectorBase, [], { baseline: b });
      const sim = whatIfSimulation(scenario, twoSectorBase, result);
      expect(sim.model).toBe('learned');
      expect(sim.input.spread).toBeDefined();
      return simulate(sim.input, { ...sim.options, draws: 4000, seed: 3 }).probabilities.total!.low;
    };
    expect(p('low')).toBeLessThan(p('mid'));
    expect(p('mid')).toBeLessThan(p('high'));
  });

  it('the band model leaves the band-centred input as it is', () => {
    const result = whatIf(scenario, twoSectorBase, [], { baseline: 'mid' });
    const sim = whatIfSimulation(scenario, twoSectorBase, result, 'band');
    expect(sim.input).toEqual(whatIfSimulateInput(scenario, twoSectorBase, result));
    expect(sim.options).toEqual({});
  });
});
