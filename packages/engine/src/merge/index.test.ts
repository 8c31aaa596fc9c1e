import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/index.ts';
import { PERIODS } from '../periods.ts';
import type { BaseLevels, QuarterValues } from '../scenario/types.ts';
import { type MergePart, mergeBases, mergedGrowth } from './index.ts';

const IDS = ['agriculture', 'industry_construction', 'services', 'product_taxes'];
const sectors = IDS.map((id) => ({ id }));
const UNIT = 'billion VND, constant 2010 prices';

function part(
  id: string,
  levels: Record<string, QuarterValues>,
  base: Partial<BaseLevels> = {},
  size?: number,
): MergePart {
  return {
    id,
    region: id,
    priceBasis: 'constant 2010 prices',
    sectors,
    base: { unit: UNIT, origin: 'official', levels, ...base },
    ...(size === undefined ? {} : { size }),
  };
}

describe('mergeBases', () => {
  it('adds the levels per sector and quarter and keeps the provenance', () => {
    const a = Object.fromEntries(IDS.map((id, i) => [id, [10 + i, 11, 12, 13] as QuarterValues]));
    const b = Object.fromEntries(IDS.map((id) => [id, [1, 2, 3, 4.5] as QuarterValues]));
    const m = mergeBases([part('an-giang', a), part('kien-giang', b)]);
    expect(m.base.levels.agriculture).toEqual([11, 13, 15, 17.5]);
    expect(m.base.levels.product_taxes).toEqual([14, 13, 15, 17.5]);
    expect(m.base.unit).toBe(UNIT);
    expect(m.base.from!.map((f) => f.id)).toEqual(['an-giang', 'kien-giang']);
  });

  it('an index needs its size in money, and says so', () => {
    const idx = Object.fromEntries(IDS.map((id) => [id, [6.25, 6.25, 6.25, 6.25] as QuarterValues]));
    const money = Object.fromEntries(IDS.map((id) => [id, [100, 100, 100, 100] as QuarterValues]));
    expect(() => mergeBases([part('a', idx, { unit: 'index, 2022 = 100' }), part('b', money)])).toThrow(
      /annual base-year GRDP in money.*--size a=AMOUNT/,
    );
    const m = mergeBases([part('a', idx, { unit: 'index, 2022 = 100' }, 8000), part('b', money)]);
    expect(m.base.levels.services).toEqual([600, 600, 600, 600]); // 8000 / 16 + 100
    expect(m.base.from![0]).toMatchObject({ id: 'a', size: 8000, unit: 'index, 2022 = 100' });
  });

  it('refuses different price bases or units', () => {
    const l = Object.fromEntries(IDS.map((id) => [id, [1, 1, 1, 1] as QuarterValues]));
    expect(() => mergeBases([part('a', l), { ...part('b', l), priceBasis: 'current prices' }])).toThrow(/priceBasis/);
    expect(() => mergeBases([part('a', l), part('b', l, { unit: 'million USD' })])).toThrow(/different units/);
  });

  it('property: merged levels are the sums, merged growth is the level-weighted growth of the parts', () => {
    const level = fc.integer({ min: 1, max: 1_000_000 }).map((n) => n / 100);
    const rate = fc.integer({ min: -2000, max: 3000 }).map((n) => n / 100);
    const quad = <T>(a: fc.Arbitrary<T>) => fc.tuple(a, a, a, a) as unknown as fc.Arbitrary<[T, T, T, T]>;
    const table = <T>(a: fc.Arbitrary<T>) =>
      fc
        .tuple(quad(a), quad(a), quad(a), quad(a))
        .map((rows) => Object.fromEntries(IDS.map((id, i) => [id, rows[i]!])));
    fc.assert(
      fc.property(fc.array(fc.tuple(table(level), table(rate)), { minLength: 2, maxLength: 4 }), (provinces) => {
        const m = mergeBases(provinces.map(([levels], i) => part(`p${i}`, levels as Record<string, QuarterValues>)));
        for (const id of IDS)
          for (let q = 0; q < 4; q++) {
            const sum = provinces.reduce((acc, [levels]) => acc + levels[id]![q]!, 0);
            expect(m.base.levels[id]![q]!).toBeCloseTo(sum, 6);
          }
        const parts = provinces.map(([base, growth]) => ({
          base: base as Record<string, QuarterValues>,
          growth: growth as Record<string, QuarterValues>,
        }));
        const merged = evaluate({ sectors, base: m.base.levels, growth: mergedGrowth(parts) });
        const each = parts.map((p) => evaluate({ sectors, base: p.base, growth: p.growth }));
        for (const period of PERIODS) {
          let num = 0;
          let den = 0;
          for (const e of each) {
            num += e.periods[period].total.baseLevel * e.periods[period].total.growth;
            den += e.periods[period].total.baseLevel;
          }
          expect(merged.periods[period].total.growth).toBeCloseTo(num / den, 8);
        }
      }),
      { numRuns: 100 },
    );
  });
});
