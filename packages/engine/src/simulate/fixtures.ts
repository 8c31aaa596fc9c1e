/**
 * Test scenarios for the simulator, with explicit base levels. The levels are of the shape of a Mekong-delta
 * province (agriculture about a third, services about 45 %, a large Q4), billion VND at constant 2010 prices,
 * made up for the tests: no published table is reproduced here.
 */
import type { QuarterValues } from '../scenario/types.ts';
import type { SimulateInput } from './index.ts';

export const SECTORS = ['agriculture', 'industry_construction', 'services', 'product_taxes'] as const;

export const BASE: Record<string, QuarterValues> = {
  agriculture: [9_850, 6_420, 7_310, 11_980],
  industry_construction: [3_620, 4_180, 4_470, 5_950],
  services: [11_240, 11_870, 12_150, 14_620],
  product_taxes: [1_410, 1_480, 1_520, 1_790],
};

export const LOW: Record<string, QuarterValues> = {
  agriculture: [2.8, 3.0, 3.1, 3.3],
  industry_construction: [8.5, 9.0, 9.5, 10.0],
  services: [7.0, 7.2, 7.5, 7.8],
  product_taxes: [5.0, 5.5, 5.5, 6.0],
};

export const HIGH: Record<string, QuarterValues> = {
  agriculture: [3.4, 3.6, 3.7, 3.9],
  industry_construction: [10.5, 11.0, 11.5, 12.5],
  services: [8.2, 8.4, 8.8, 9.2],
  product_taxes: [6.5, 7.0, 7.0, 7.5],
};

export const FY_TARGET = {
  total: { low: 6.3, high: 7.0 },
  agriculture: { low: 3.2, high: 3.6 },
  industry_construction: { low: 9.5, high: 11.5 },
  services: { low: 7.6, high: 8.5 },
  product_taxes: { low: 5.8, high: 7.0 },
};

export const INPUT: SimulateInput = { sectors: SECTORS, base: BASE, low: LOW, high: HIGH, fyTarget: FY_TARGET };
