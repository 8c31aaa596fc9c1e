import { describe, expect, it } from 'vitest';
import { GrdpError } from '../errors.ts';
import { evaluate } from '../evaluate/index.ts';
import { PERIODS } from '../periods.ts';
import type { QuarterValues } from '../scenario/types.ts';
import { BASE, FY_TARGET, HIGH, INPUT, LOW, SECTORS } from './fixtures.ts';
import {
  expandProgram,
  MAX_DRAWS,
  mergeSimulationChunks,
  normalCdf,
  normalQuantile,
  periodWeights,
  prepareSimulation,
  QUANTILE_LEVELS,
  type SimulateInput,
  type SimulateOptions,
  type SimulationResult,
  simulate,
  simulateChunk,
  summarizeSimulation,
} from './index.ts';

const N = 200_000;

/** Every simulated figure of a normal run within sampling error of the closed form. */
function expectAgreesWithClosedForm(r: SimulationResult) {
  const cf = r.closedForm!;
  expect(cf).not.toBeNull();
  for (const [key, p] of Object.entries(r.probabilities)) {
    for (const side of ['low', 'high'] as const) {
      const pc = cf.probabilities[key]![side];
      const se = Math.sqrt((pc * (1 - pc)) / r.draws);
      expect(Math.abs(p[side] - pc), `${key} ${side}`).toBeLessThanOrEqual(4 * se + 1e-12);
    }
  }
  for (const period of PERIODS)
    for (const key of r.keys) {
      const sim = r.periods[period][key]!;
      const ref = cf.periods[period][key]!;
      if (ref.sd === 0) {
        expect(sim.sd).toBeLessThan(1e-12);
        continue;
      }
      expect(Math.abs(sim.mean - ref.mean), `${period} ${key} mean`).toBeLessThan((4 * ref.sd) / Math.sqrt(r.draws));
      expect(Math.abs(sim.sd / ref.sd - 1), `${period} ${key} sd`).toBeLessThan(4 * Math.sqrt(1 / (2 * r.draws)));
      for (const [name, level] of Object.entries(QUANTILE_LEVELS) as [keyof typeof QUANTILE_LEVELS, number][]) {
        // sd of a sample quantile: √(p(1 − p)/n) / density at the quantile
        const density = Math.exp(-(normalQuantile(level) ** 2) / 2) / Math.sqrt(2 * Math.PI) / ref.sd;
        const se = Math.sqrt((level * (1 - level)) / r.draws) / density;
        expect(Math.abs(sim.quantiles[name] - ref.quantiles[name]), `${period} ${key} ${name}`).toBeLessThan(
          4 * se + sim.resolution,
        );
      }
    }
}

describe('simulate, normal model', () => {
  it('agrees with the closed form within sampling error (probabilities, means, sds, quantiles)', () => {
    expectAgreesWithClosedForm(simulate(INPUT, { draws: N, seed: 5 }));
  });

  it('agrees with the closed form with correlated quarters and a full sector matrix', () => {
    const correlation = [
      [1, 0.5, 0.2, 0.4],
      [0.5, 1, 0.1, 0.6],
      [0.2, 0.1, 1, 0.3],
      [0.4, 0.6, 0.3, 1],
    ];
    expectAgreesWithClosedForm(simulate(INPUT, { draws: N, seed: 9, correlation, quarterCorrelation: 0.6 }));
  });

  it('reads the band as the central `coverage` interval of each quarter', () => {
    const r = simulate(INPUT, { draws: N, coverage: 0.8 });
    const q = r.closedForm!.periods.Q2.services!.quantiles;
    expect(q.p10).toBeCloseTo(LOW.services![1], 12);
    expect(q.p90).toBeCloseTo(HIGH.services![1], 12);
    expect(r.periods.Q2.services!.quantiles.p10).toBeCloseTo(LOW.services![1], 2);
    expect(r.periods.Q2.services!.quantiles.p90).toBeCloseTo(HIGH.services![1], 2);
    const wide = simulate(INPUT, { draws: 1000, coverage: 0.5 }).closedForm!.periods.Q2.services!.quantiles;
    expect(wide.p25).toBeCloseTo(LOW.services![1], 12);
  });

  it('closed form: the FY mean is the weighted mid-band and the variance w′Σw', () => {
    const r = simulate(INPUT, { draws: 10, correlation: 0 });
    const w = periodWeights(SECTORS, BASE).FY.total!;
    const z = normalQuantile(0.9);
    let mean = 0;
    let variance = 0;
    SECTORS.forEach((s, si) => {
      for (let q = 0; q < 4; q++) {
        const wi = w[si * 4 + q]!;
        mean += wi * ((LOW[s]![q]! + HIGH[s]![q]!) / 2);
        variance += (wi * ((HIGH[s]![q]! - LOW[s]![q]!) / 2 / z)) ** 2;
      }
    });
    const cf = r.closedForm!;
    expect(cf.periods.FY.total!.mean).toBeCloseTo(mean, 12);
    expect(cf.periods.FY.total!.sd).toBeCloseTo(Math.sqrt(variance), 12);
    expect(cf.probabilities.total!.low).toBeCloseTo(normalCdf((mean - FY_TARGET.total.low) / Math.sqrt(variance)), 12);
  });

  it('the series program reproduces the period weights (so each draw is evaluate applied to the draw)', () => {
    for (const actual of [undefined, { agriculture: [3.1, null, 2.9], services: [7.4, 7.6, 7.9, 8.1] }]) {
      const input: SimulateInput = { ...INPUT, ...(actual ? { actual } : {}) };
      const plan = prepareSimulation(input, { distribution: 'triangular' });
      const program = expandProgram(plan);
      const weights = periodWeights(SECTORS, BASE);
      const fixed = (v: number) => actual?.[SECTORS[Math.floor(v / 4)]! as 'services']?.[v % 4] ?? null;
      PERIODS.forEach((period, p) => {
        plan.keys.forEach((key, k) => {
          const w = weights[period][key]!;
          const { constant, weights: got } = program[p * plan.keys.length + k]!;
          const want = w.reduce((acc, wi, v) => acc + (fixed(v) === null ? 0 : wi * fixed(v)!), 0);
          expect(constant).toBeCloseTo(want, 12);
          plan.freeVars.forEach((v, j) => {
            expect(got[j]).toBeCloseTo(w[v]!, 12);
          });
        });
      });
    }
  });

  it('same seed, same result; another seed, another result', () => {
    const a = simulate(INPUT, { draws: 20_000, seed: 3 });
    const b = simulate(INPUT, { draws: 20_000, seed: 3 });
    const c = simulate(INPUT, { draws: 20_000, seed: 4 });
    expect(b).toEqual(a);
    expect(c.periods.FY.total!.quantiles).not.toEqual(a.periods.FY.total!.quantiles);
    expect(c.periods.FY.total!.mean).not.toBe(a.periods.FY.total!.mean);
  });

  it('chunks on different streams merge into one result (for worker threads)', () => {
    const plan = prepareSimulation(INPUT, { seed: 21 });
    const parts = [0, 1, 2, 3].map((stream) => simulateChunk(plan, 50_000, stream));
    const merged = summarizeSimulation(plan, mergeSimulationChunks(plan, parts));
    expect(merged.draws).toBe(N);
    expectAgreesWithClosedForm(merged);
    // the split run is reproducible, and stream 0 alone is the first chunk of a single-stream run
    const again = summarizeSimulation(
      plan,
      mergeSimulationChunks(
        plan,
        [0, 1, 2, 3].map((s) => simulateChunk(plan, 50_000, s)),
      ),
    );
    expect(again).toEqual(merged);
    expect(summarizeSimulation(plan, parts[0]!)).toEqual(simulate(INPUT, { seed: 21, draws: 50_000 }));
  });

  it('perfectly correlated sectors (a singular matrix) are accepted and widen the total', () => {
    const one = simulate(INPUT, { draws: N, correlation: 1 });
    const zero = simulate(INPUT, { draws: N, correlation: 0 });
    expectAgreesWithClosedForm(one);
    expect(one.closedForm!.periods.FY.total!.sd).toBeGreaterThan(1.5 * zero.closedForm!.periods.FY.total!.sd);
  });
});

describe('simulate with actuals', () => {
  const growth = (r: Record<string, number[]>) => r as Record<string, QuarterValues>;

  it('collapses to the evaluated actuals when every quarter is known', () => {
    const actual = {
      agriculture: [3.05, 3.31, 2.84, 3.6],
      industry_construction: [9.8, 10.2, 11.07, 10.9],
      services: [7.7, 7.95, 8.3, 8.45],
      product_taxes: [6.1, 6.4, 5.9, 6.66],
    };
    for (const distribution of ['normal', 'triangular'] as const) {
      const r = simulate({ ...INPUT, actual }, { draws: 1000, distribution });
      const ev = evaluate({ sectors: SECTORS.map((id) => ({ id })), base: BASE, growth: growth(actual) });
      for (const period of PERIODS)
        for (const key of r.keys) {
          const want = key === 'total' ? ev.periods[period].total.growth : ev.periods[period].sectors[key]!.growth;
          const sim = r.periods[period][key]!;
          for (const v of Object.values(sim.quantiles)) expect(Math.abs(v - want)).toBeLessThan(1e-9);
          expect(Math.abs(sim.mean - want)).toBeLessThan(1e-9);
          expect(sim.sd).toBeLessThan(1e-9);
        }
      const fy = ev.periods.FY.total.growth;
      expect(r.probabilities.total!.low).toBe(fy >= FY_TARGET.total.low ? 1 : 0);
      expect(r.probabilities.total!.high).toBe(fy >= FY_TARGET.total.high ? 1 : 0);
      if (distribution === 'normal') expect(r.closedForm!.probabilities.total!.low).toBe(r.probabilities.total!.low);
    }
  });

  it('fixes the known quarters and narrows the year', () => {
    const actual = {
      agriculture: [3.3, 3.5],
      industry_construction: [8.1, 8.4],
      services: [7.1, null],
      product_taxes: [],
    };
    const r = simulate({ ...INPUT, actual }, { draws: N, seed: 2 });
    const free = simulate(INPUT, { draws: N, seed: 2 });
    expect(r.periods.Q1.agriculture!.quantiles.p5).toBeCloseTo(3.3, 12);
    expect(r.periods.Q1.agriculture!.quantiles.p95).toBeCloseTo(3.3, 12);
    expect(r.periods.Q2.services!.sd).toBeGreaterThan(0.1);
    expect(r.closedForm!.periods.FY.total!.sd).toBeLessThan(free.closedForm!.periods.FY.total!.sd);
    expectAgreesWithClosedForm(r);
  });

  it('needs no band for a known quarter', () => {
    const low = { ...LOW, product_taxes: undefined } as unknown as Record<string, QuarterValues>;
    const high = { ...HIGH, product_taxes: undefined } as unknown as Record<string, QuarterValues>;
    const input = { ...INPUT, low, high, actual: { product_taxes: [6, 6, 6, 6] } };
    expect(simulate(input, { draws: 100 }).periods.FY.product_taxes!.quantiles.p50).toBeCloseTo(6, 12);
    expect(() => simulate({ ...input, actual: {} }, { draws: 100 })).toThrow(/low\.product_taxes\[0\]/);
  });
});

describe('simulate, triangular model', () => {
  it('has no closed form, keeps the mid-band mean, and reads the band as the central interval', () => {
    const r = simulate(INPUT, { draws: N, distribution: 'triangular', coverage: 0.8, seed: 8 });
    expect(r.closedForm).toBeNull();
    const normal = simulate(INPUT, { draws: 10 }).closedForm!;
    const sd = r.periods.FY.total!.sd;
    expect(Math.abs(r.periods.FY.total!.mean - normal.periods.FY.total!.mean)).toBeLessThan((4 * sd) / Math.sqrt(N));
    const q3 = r.periods.Q3.industry_construction!.quantiles;
    expect(q3.p10).toBeCloseTo(LOW.industry_construction![2], 1);
    expect(q3.p90).toBeCloseTo(HIGH.industry_construction![2], 1);
    // symmetric triangular with 80 % inside [9.5, 11.5]: half-width a = 1 / (1 − √0.2), sd = a / √6
    const a = 1 / (1 - Math.sqrt(0.2));
    expect(Math.abs(r.periods.Q3.industry_construction!.sd / (a / Math.sqrt(6)) - 1)).toBeLessThan(0.01);
  });
});

describe('simulate, checks', () => {
  const fails = (input: SimulateInput, options: SimulateOptions, path: string) => {
    try {
      simulate(input, options);
    } catch (e) {
      expect(e).toBeInstanceOf(GrdpError);
      const issues = (e as GrdpError).issues;
      expect(issues.map((i) => i.path)).toContain(path);
      expect(issues.every((i) => i.code === 'INPUT_INVALID')).toBe(true);
      return;
    }
    expect.fail(`no error at ${path}`);
  };

  it('rejects too many draws, and other bad options', () => {
    fails(INPUT, { draws: MAX_DRAWS + 1 }, 'draws');
    fails(INPUT, { draws: 0 }, 'draws');
    fails(INPUT, { draws: 1.5 }, 'draws');
    fails(INPUT, { coverage: 1 }, 'coverage');
    fails(INPUT, { seed: Number.NaN }, 'seed');
    fails(INPUT, { quarterCorrelation: 1.2 }, 'quarterCorrelation');
    fails(INPUT, { distribution: 'uniform' as 'normal' }, 'distribution');
  });

  it('rejects a correlation matrix that is not positive semi-definite, symmetric, unit-diagonal or square', () => {
    const notPsd = [
      [1, 0.9, 0.9, -0.9],
      [0.9, 1, 0.9, -0.9],
      [0.9, 0.9, 1, 0.9],
      [-0.9, -0.9, 0.9, 1],
    ];
    fails(INPUT, { correlation: notPsd }, 'correlation');
    fails(INPUT, { correlation: -0.5 }, 'correlation'); // −0.5 between 4 sectors: 1 − 3·0.5 < 0
    const asym = notPsd.map((r) => r.map(() => 0.1));
    asym.forEach((r, i) => {
      r[i] = 1;
    });
    asym[0]![1] = 0.2;
    fails(INPUT, { correlation: asym }, 'correlation[0][1]');
    fails(
      INPUT,
      {
        correlation: [
          [1, 0.2],
          [0.2, 1],
        ],
      },
      'correlation',
    );
    const diag = notPsd.map((r, i) => r.map((_, j) => (i === j ? 0.9 : 0)));
    fails(INPUT, { correlation: diag }, 'correlation[0][0]');
    expect(() => simulate(INPUT, { draws: 10, correlation: -0.3 })).not.toThrow();
  });

  it('reports every input problem at once', () => {
    const input = {
      ...INPUT,
      base: { ...BASE, services: [1, -2, 3, 4] as QuarterValues },
      low: { ...LOW, agriculture: [4, 3, 3, 3] as QuarterValues },
      fyTarget: { ...FY_TARGET, mining: { low: 1, high: 2 } },
    };
    try {
      simulate(input, { draws: 10 });
      expect.fail('no error');
    } catch (e) {
      const paths = (e as GrdpError).issues.map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['base.services[1]', 'low.agriculture[0]', 'fyTarget.mining']));
    }
  });
});
