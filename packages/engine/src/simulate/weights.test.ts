import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/index.ts';
import { floatOps } from '../numeric/index.ts';
import { PERIODS } from '../periods.ts';
import type { QuarterValues } from '../scenario/types.ts';
import { BASE, SECTORS } from './fixtures.ts';
import { periodWeights } from './weights.ts';

const quarter = (value: fc.Arbitrary<number>) => fc.tuple(value, value, value, value) as fc.Arbitrary<QuarterValues>;
const level = fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 50_000, noNaN: true }));
const growthPct = fc.double({ min: -30, max: 40, noNaN: true });
const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9);

describe('periodWeights', () => {
  it('w·g equals evaluate (float64) for every period and key, to 1e-9', () => {
    fc.assert(
      fc.property(
        fc.record(Object.fromEntries(SECTORS.map((s) => [s, quarter(level)]))),
        fc.record(Object.fromEntries(SECTORS.map((s) => [s, quarter(growthPct)]))),
        (base, growth) => {
          const weights = periodWeights(SECTORS, base);
          const ev = evaluate({ sectors: SECTORS.map((id) => ({ id })), base, growth }, { ops: floatOps });
          const g = SECTORS.flatMap((s) => growth[s]!);
          for (const period of PERIODS) {
            const dot = (w: number[]) => w.reduce((acc, x, i) => acc + x * g[i]!, 0);
            near(dot(weights[period].total!), ev.periods[period].total.growth);
            for (const s of SECTORS) near(dot(weights[period][s]!), ev.periods[period].sectors[s]!.growth);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('each weight vector sums to 1 and covers only its quarters and sectors', () => {
    const w = periodWeights(SECTORS, BASE);
    expect(w.H1.total!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(w.H1.total!.filter((_, i) => i % 4 >= 2).every((x) => x === 0)).toBe(true);
    expect(w.FY.services!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(w.FY.services!.filter((x) => x !== 0)).toHaveLength(4);
    // agriculture's share of the 2-quarter base: (9850 + 6420) / Σ H1 base
    const h1 = SECTORS.reduce((acc, s) => acc + BASE[s]![0] + BASE[s]![1], 0);
    expect(w.H1.total![0]! + w.H1.total![1]!).toBeCloseTo((9_850 + 6_420) / h1, 15);
  });

  it('gives zero weights where the base is zero (evaluate reports 0 growth)', () => {
    const w = periodWeights(['a'], { a: [0, 0, 5, 5] });
    expect(w.H1.a).toEqual([0, 0, 0, 0]);
    expect(w.FY.a).toEqual([0, 0, 0.5, 0.5]);
  });
});
