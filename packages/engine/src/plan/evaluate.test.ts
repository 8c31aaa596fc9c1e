import { describe, expect, it } from 'vitest';
import { GrdpError } from '../errors.ts';
import { Dec } from '../numeric/index.ts';
import { evaluatePlan, requiredAverageGrowth } from './evaluate.ts';
import type { Plan } from './types.ts';

/** An Giang 2026–2030 as in scenarios/an-giang-2026-2030.plan.yaml (no base level). */
const anGiang: Plan = {
  id: 'an-giang-2026-2030',
  title: { vi: 'Kế hoạch', en: 'Plan' },
  region: 'An Giang',
  startYear: 2026,
  endYear: 2030,
  baseYear: 2025,
  targets: { averageGrowth: 11, finalLevelCurrentPrices: { value: 616_565.83, unit: 'billion VND' } },
};

/** The same with a (made-up, test-only) merged 2025 base and a deflator. */
const withBase: Plan = {
  ...anGiang,
  baseLevel: {
    unit: 'billion VND',
    priceBasis: 'current',
    regions: [
      { id: 'an-giang', name: 'An Giang', value: 130_000, validTo: '2025-06-30' },
      { id: 'kien-giang', name: 'Kiên Giang', value: 140_000.5, validTo: '2025-06-30' },
    ],
  },
  deflator: 4,
};

describe('evaluatePlan', () => {
  it('compounds 11 % a year: 1.11^5 = 1.6850581551 (hand-checked), as an index without a base', () => {
    const e = evaluatePlan(anGiang);
    expect(e.years.map((y) => y.index)).toEqual([111, 123.21, 136.7631, 151.807041, 168.50581551]);
    expect(e.finalIndex).toBe(168.50581551);
    expect(e.years.every((y) => y.source === 'average-target' && y.level === null)).toBe(true);
    expect(e.averageGrowth).toBeCloseTo(11, 12);
    expect(e.averageGrowthMet).toBe(true);
    expect(e.baseLevel).toBeNull();
    expect(e.actualAverageGrowth).toBeNull();
  });

  it('says what the current-price check is missing', () => {
    const c = evaluatePlan(anGiang).currentPriceTarget!;
    expect(c.target).toBe(616_565.83);
    expect(c.implied).toBeNull();
    expect(c.met).toBeNull();
    expect(c.missing).toHaveLength(2);
    expect(c.missing[0]).toMatch(/baseLevel.*2025.*current prices/);
    expect(c.missing[1]).toMatch(/deflator.*2026–2030/);
    const constant = evaluatePlan({ ...withBase, baseLevel: { ...withBase.baseLevel!, priceBasis: 'constant 2010' } });
    expect(constant.currentPriceTarget!.missing[0]).toMatch(/constant 2010/);
    expect(constant.finalLevel).toBeCloseTo(270_000.5 * 1.6850581551, 6);
  });

  it('implies the current-price level from the sum of the regions and the deflator', () => {
    const e = evaluatePlan(withBase);
    expect(e.baseLevel).toBe(270_000.5);
    const want = new Dec('270000.5').times(new Dec('1.11').pow(5)).times(new Dec('1.04').pow(5));
    const c = e.currentPriceTarget!;
    expect(c.missing).toEqual([]);
    expect(c.implied).toBe(want.toNumber());
    expect(c.gap).toBe(want.minus('616565.83').toNumber());
    expect(c.met).toBe(want.gte('616565.83'));
    expect(e.years[0]!.currentPriceLevel).toBe(new Dec('270000.5').times('1.11').times('1.04').toNumber());
    // per-year deflator, one year missing
    const partial = evaluatePlan({ ...withBase, deflator: { 2026: 4, 2027: 4, 2029: 4, 2030: 4 } });
    expect(partial.currentPriceTarget!.missing).toEqual(['deflator (GRDP price growth %) for 2028']);
    expect(partial.years[1]!.currentPriceLevel).not.toBeNull();
    expect(partial.years[2]!.currentPriceLevel).toBeNull();
  });

  it('uses actuals, then annual targets, then the average; geometric average of the actual years', () => {
    const e = evaluatePlan({
      ...anGiang,
      actuals: { 2026: 8, 2027: 10 },
      targets: { ...anGiang.targets, annual: { 2028: 12 } },
    });
    expect(e.years.map((y) => y.source)).toEqual([
      'actual',
      'actual',
      'annual-target',
      'average-target',
      'average-target',
    ]);
    expect(e.actualAverageGrowth).toBeCloseTo((Math.sqrt(1.08 * 1.1) - 1) * 100, 12);
    // (√1.188 − 1) · 100 = 8.9954127...
    expect(e.actualAverageGrowth).toBeCloseTo(8.9954127, 6);
    const index = 100 * 1.08 * 1.1 * 1.12 * 1.11 * 1.11;
    expect(e.finalIndex).toBeCloseTo(index, 10);
    expect(e.averageGrowth).toBeCloseTo(((index / 100) ** (1 / 5) - 1) * 100, 10);
    expect(e.averageGrowthMet).toBe(false);
  });

  it('needs a growth for every year', () => {
    const noTarget = { ...anGiang, targets: { annual: { 2026: 10 } } };
    expect(() => evaluatePlan(noTarget)).toThrow(GrdpError);
    expect(() => evaluatePlan(noTarget)).toThrow(/2027/);
  });
});

describe('requiredAverageGrowth', () => {
  it('is the plan average when nothing is known yet', () => {
    const r = requiredAverageGrowth(anGiang);
    expect(r.lastActualYear).toBeNull();
    expect(r.remainingYears).toBe(5);
    expect(r.real!.targetIndex).toBe(168.50581551);
    expect(r.real!.requiredAverageGrowth).toBeCloseTo(11, 12);
    expect(r.currentPrices!.requiredNominalAverageGrowth).toBeNull();
    expect(r.currentPrices!.missing.length).toBeGreaterThan(0);
  });

  it('round trip: the remaining years at the required rate reach the target exactly', () => {
    const plan = { ...anGiang, actuals: { 2026: 9, 2027: 10 } };
    const r = requiredAverageGrowth(plan);
    expect(r.lastActualYear).toBe(2027);
    expect(r.remainingYears).toBe(3);
    const hand = ((1.6850581551 / (1.09 * 1.1)) ** (1 / 3) - 1) * 100;
    expect(r.real!.requiredAverageGrowth).toBeCloseTo(hand, 10);
    const g = r.real!.requiredAverageGrowth!;
    const filled = evaluatePlan({ ...plan, targets: { annual: { 2028: g, 2029: g, 2030: g } } });
    expect(filled.finalIndex).toBeCloseTo(168.50581551, 10);
    expect(filled.averageGrowth).toBeCloseTo(11, 10);
  });

  it('round trip at current prices: nominal and real required growth reach the level target', () => {
    const plan = { ...withBase, actuals: { 2026: 9.5 } };
    const r = requiredAverageGrowth(plan);
    const c = r.currentPrices!;
    expect(c.missing).toEqual([]);
    expect(c.levelAtLastActual).toBeCloseTo(270_000.5 * 1.095 * 1.04, 6);
    expect(c.levelAtLastActual! * (1 + c.requiredNominalAverageGrowth! / 100) ** 4).toBeCloseTo(616_565.83, 6);
    const g = c.requiredRealAverageGrowth!;
    const filled = evaluatePlan({
      ...plan,
      targets: { ...plan.targets, averageGrowth: undefined, annual: { 2027: g, 2028: g, 2029: g, 2030: g } },
    });
    expect(filled.currentPriceTarget!.implied).toBeCloseTo(616_565.83, 6);
    expect(Math.abs(filled.currentPriceTarget!.gap!)).toBeLessThan(1e-6);
  });

  it('uses the annual targets compounded when there is no average target', () => {
    const plan: Plan = {
      ...anGiang,
      targets: { annual: { 2026: 10, 2027: 10, 2028: 11, 2029: 12, 2030: 12 } },
      actuals: { 2026: 9 },
    };
    const r = requiredAverageGrowth(plan);
    expect(r.real!.basis).toBe('annual');
    expect(r.real!.targetIndex).toBeCloseTo(100 * 1.1 * 1.1 * 1.11 * 1.12 * 1.12, 10);
    expect(r.real!.requiredAverageGrowth).toBeCloseTo(
      ((1.1 * 1.11 * 1.12 * 1.12 * 1.1) / 1.09) ** 0.25 * 100 - 100,
      10,
    );
  });

  it('has nothing left to require when every year is actual', () => {
    const r = requiredAverageGrowth({ ...anGiang, actuals: { 2026: 11, 2027: 11, 2028: 11, 2029: 11, 2030: 12 } });
    expect(r.remainingYears).toBe(0);
    expect(r.real!.requiredAverageGrowth).toBeNull();
  });
});
