import { describe, expect, it } from 'vitest';
import { GrdpError } from '../errors.ts';
import { grdpPerCapita } from './per-capita.ts';

describe('grdpPerCapita', () => {
  it('billion VND ÷ persons, in million VND, exactly', () => {
    // the 2026–2030 plan's own 2030 figures: 616.565,83 tỷ đồng and 3.755.949 người
    const r = grdpPerCapita({ grdpBillionVnd: 616565.83, population: 3755949, unit: 'million VND' });
    expect(r.value).toBeCloseTo(164.157135786455, 12);
    expect(r.formula.vi).toBe('616565.83 tỷ đồng × 10⁹ ÷ 3755949 người ÷ 1000000 = triệu đồng/người');
  });

  it('in USD with the exchange rate stated', () => {
    const r = grdpPerCapita({ grdpBillionVnd: 100, population: 4000, unit: 'USD', vndPerUsd: 25000 });
    expect(r.value).toBe(1000);
    expect(r.formula.en).toBe('100 billion VND × 10⁹ ÷ 4000 persons ÷ 25000 VND/USD = USD per person');
  });

  it('refuses USD without an exchange rate, and a population of 0', () => {
    expect(() => grdpPerCapita({ grdpBillionVnd: 1, population: 1, unit: 'USD' })).toThrow(GrdpError);
    expect(() => grdpPerCapita({ grdpBillionVnd: 1, population: 0, unit: 'VND' })).toThrow(/population/);
  });
});
