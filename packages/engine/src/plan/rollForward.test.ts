import { describe, expect, it } from 'vitest';
import { GrdpError } from '../errors.ts';
import { evaluate } from '../evaluate/index.ts';
import { PERIODS } from '../periods.ts';
import type { Actual, BaseLevels, QuarterValues, Scenario } from '../scenario/types.ts';
import { rollForward } from './rollForward.ts';

const sectors = [
  { id: 'agriculture', name: { vi: 'Nông nghiệp', en: 'Agriculture' } },
  { id: 'industry_construction', name: { vi: 'Công nghiệp - xây dựng', en: 'Industry and construction' } },
  { id: 'industry', name: { vi: 'Công nghiệp', en: 'Industry' }, parent: 'industry_construction' },
  { id: 'services', name: { vi: 'Dịch vụ', en: 'Services' } },
];
const base: BaseLevels = {
  unit: 'billion VND, constant 2010 prices',
  origin: 'official',
  levels: {
    agriculture: [9_850.12, 6_420.5, 7_310, 11_980.33],
    industry_construction: [3_620, 4_180.7, 4_470, 5_950.01],
    industry: [2_900, 3_100.2, 3_300, 4_010],
    services: [11_240, 11_870.9, 12_150, 14_620.4],
  },
};
const growth: Record<string, QuarterValues> = {
  agriculture: [3.09, 3.31, 2.84, 3.6],
  industry_construction: [8.8, 10.2, 11.07, 10.9],
  industry: [9.1, 10.5, 11.9, 12.3],
  services: [9.5, 7.95, 8.3, 8.45],
};
const actual = (period: Actual['period'], vintage: Actual['vintage']): Actual => ({
  period,
  vintage,
  values: { total: 7 },
});
const scenario: Scenario = {
  id: 'an-giang-2023',
  title: { vi: 'Kịch bản tăng trưởng năm 2023', en: 'Growth scenario 2023' },
  region: 'An Giang',
  year: 2023,
  source: 'test',
  priceBasis: 'constant 2010',
  sectors,
  base,
  targets: { FY: { total: { low: 7, high: 7.5 } } },
  actuals: [actual('Q1', 'estimate')],
};

describe('rollForward', () => {
  it('round trip: the new base evaluated at zero growth equals the old year’s current levels', () => {
    const next = rollForward(scenario, base, growth);
    const zero = Object.fromEntries(Object.keys(base.levels).map((id) => [id, [0, 0, 0, 0] as QuarterValues]));
    const before = evaluate({ sectors, base: base.levels, growth });
    const after = evaluate({ sectors, base: next.base!.levels, growth: zero });
    for (const period of PERIODS) {
      expect(after.periods[period].total.baseLevel).toBeCloseTo(before.periods[period].total.level, 9);
      for (const s of sectors) {
        const a = after.periods[period].sectors[s.id]!;
        const b = before.periods[period].sectors[s.id]!;
        expect(a.level).toBeCloseTo(b.level, 9);
        expect(a.baseShare).toBeCloseTo(b.share, 12);
      }
    }
    // exact per quarter: 9850.12 × 1.0309 = 10154.488708
    expect(next.base!.levels.agriculture![0]).toBe(10_154.488708);
  });

  it('makes next year’s skeleton: year, id, title, unit kept, targets and actuals empty', () => {
    const next = rollForward(scenario, base, growth);
    expect(next.year).toBe(2024);
    expect(next.id).toBe('an-giang-2024');
    expect(next.title).toEqual({ vi: 'Kịch bản tăng trưởng năm 2024', en: 'Growth scenario 2024' });
    expect(next.base!.unit).toBe(base.unit);
    expect(next.targets).toEqual({});
    expect(next.actuals).toEqual([]);
    expect(next.sectors).toEqual(sectors);
    expect(rollForward({ ...scenario, id: 'x', title: { vi: 'A', en: 'B' } }, base, growth).id).toBe('x-2024');
  });

  it('is official only from an official base with official actuals for every quarter', () => {
    expect(rollForward(scenario, base, growth).base!.origin).toBe('implied');
    const officialActuals = (['Q1', 'Q2', 'Q3', 'Q4'] as const).map((q) => actual(q, 'official'));
    expect(rollForward({ ...scenario, actuals: officialActuals }, base, growth).base!.origin).toBe('official');
    expect(rollForward({ ...scenario, actuals: officialActuals.slice(0, 3) }, base, growth).base!.origin).toBe(
      'implied',
    );
    expect(
      rollForward({ ...scenario, actuals: officialActuals }, { ...base, origin: 'implied' }, growth).base!.origin,
    ).toBe('implied');
  });

  it('needs a growth for every sector of the base', () => {
    const { services: _, ...rest } = growth;
    expect(() => rollForward(scenario, base, rest)).toThrow(GrdpError);
    expect(() => rollForward(scenario, base, rest)).toThrow(/growthByQuarter\.services/);
  });
});
