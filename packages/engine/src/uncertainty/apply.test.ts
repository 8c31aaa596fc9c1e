import { describe, expect, it } from 'vitest';
import { INPUT } from '../simulate/fixtures.ts';
import { simulate } from '../simulate/index.ts';
import { applyErrorModel } from './apply.ts';
import type { ErrorModel } from './fit.ts';
import { FITTED_ERROR_MODEL } from './fitted.ts';

const MODEL: ErrorModel = {
  ...FITTED_ERROR_MODEL,
  horizons: [1, 2, 3, 4].map((h) => ({
    horizon: h,
    n: 5,
    scenarioYears: 3,
    rawBias: null,
    rawSd: null,
    bias: -0.5,
    sd: h,
  })),
  quarterCorrelation: 0.4,
};

describe('applyErrorModel', () => {
  const asQ1 = {
    ...INPUT,
    actual: { agriculture: [3.1], industry_construction: [9.9], services: [7.7], product_taxes: [6] },
  };
  const { input, options } = applyErrorModel(asQ1, 'Q1', MODEL);
  const result = simulate(input, { draws: 200_000, seed: 3, ...options });
  const band = simulate(asQ1, { draws: 2, seed: 3 });

  it('gives each free quarter’s total the learned sd of its horizon, and moves its mean by the bias', () => {
    const cf = result.closedForm!.periods;
    for (const [q, h] of [
      ['Q2', 1],
      ['Q3', 2],
      ['Q4', 3],
    ] as const) {
      expect(cf[q].total!.sd).toBeCloseTo(h, 10);
      expect(cf[q].total!.mean).toBeCloseTo(band.closedForm!.periods[q].total!.mean - 0.5, 10);
    }
    expect(cf.Q1.total!.sd).toBe(0);
  });

  it('the simulation and the closed form agree within sampling error', () => {
    for (const key of Object.keys(result.probabilities)) {
      const p = result.probabilities[key]!;
      const exact = result.closedForm!.probabilities[key]!;
      expect(Math.abs(p.low - exact.low)).toBeLessThanOrEqual(4 * p.standardError.low + 1e-9);
      expect(Math.abs(p.high - exact.high)).toBeLessThanOrEqual(4 * p.standardError.high + 1e-9);
    }
    const fy = result.periods.FY.total!;
    expect(Math.abs(fy.mean - result.closedForm!.periods.FY.total!.mean)).toBeLessThan(
      4 * (fy.sd / Math.sqrt(200_000)),
    );
    expect(fy.sd / result.closedForm!.periods.FY.total!.sd).toBeCloseTo(1, 2);
  });

  it('is wider than the band model, so the FY probability is less extreme', () => {
    expect(result.closedForm!.periods.FY.total!.sd).toBeGreaterThan(band.closedForm!.periods.FY.total!.sd * 2);
  });

  it('keeps quarters with an actual fixed and passes the learned quarter correlation', () => {
    expect(options.quarterCorrelation).toBe(0.4);
    expect(input.spread!.sd.agriculture![0]).toBeNull();
    expect(input.spread!.sd.agriculture![1]).toBeGreaterThan(0);
  });
});
