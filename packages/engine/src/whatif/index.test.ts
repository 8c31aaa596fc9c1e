import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GrdpError } from '../errors.ts';
import { PERIODS, QUARTERS } from '../periods.ts';
import type { QuarterValues } from '../scenario/types.ts';
import { twoSectorBase, twoSectorScenario, withPartScenario } from '../track/fixtures.ts';
import { baselinePath, parseShock, type Shock, sensitivity, whatIf } from './index.ts';

const A = 'agriculture';
const I = 'industry_construction';
const scenario = twoSectorScenario();
const low = { baseline: 'low' as const };

describe('whatIf: hand-checked on the low path (A 2, 3, 3, 4; I 5, 6, 7, 8; base 100 a quarter)', () => {
  it('a pp shock: A −2 pp in Q3', () => {
    const r = whatIf(scenario, twoSectorBase, [parseShock('agriculture:Q3:-2pp')], low);
    expect(r.growth[A]).toEqual([2, 3, 1, 4]);
    expect(r.growth[I]).toEqual([5, 6, 7, 8]);
    expect(r.diff.Q3[A]!.growthPp).toBe(-2);
    expect(r.diff.Q3.total!.growthPp).toBe(-1); // 50·(−2)/100
    expect(r.diff.Q3[A]!.contributionPp).toBe(-1);
    expect(r.diff['9M'].total!.growthPp).toBeCloseTo(-1 / 3, 12); // 50·(−2)/300
    expect(r.diff.FY[A]!.growthPp).toBe(-0.5); // 50·(−2)/200
    expect(r.diff.H1.total!.growthPp).toBe(0);
    expect(r.fyImpactPp).toBe(-0.25); // 50·(−2)/400
    expect(r.baselineEvaluation.periods.FY.total.growth).toBe(4.75);
    expect(r.evaluation.periods.FY.total.growth).toBe(4.5);
  });

  it('a level shock: A −10 % in Q3 gives g = 3 − 10 − 0.3 = −7.3', () => {
    const r = whatIf(scenario, twoSectorBase, [parseShock('agriculture:Q3:-10%')], low);
    expect(r.growth[A]![2]).toBe(-7.3);
    // level 50·1.03 = 51.5 → 46.35: Δ −5.15 of 400
    expect(r.fyImpactPp).toBe(-1.2875);
  });

  it('setting growth: I = 10 in Q3 and Q4', () => {
    const r = whatIf(scenario, twoSectorBase, [parseShock('industry_construction:Q3,Q4:=10')], low);
    expect(r.growth[I]).toEqual([5, 6, 10, 10]);
    expect(r.fyImpactPp).toBe(0.625); // (50·3 + 50·2)/400
  });

  it('a cumulative period means its quarters, each once', () => {
    const r = whatIf(scenario, twoSectorBase, [{ sector: A, periods: ['H1', 'Q1'], deltaPp: 1 }], low);
    expect(r.growth[A]).toEqual([3, 4, 3, 4]);
    expect(r.fyImpactPp).toBe(0.25); // (40 + 60)/400
  });

  it('shocks compose in order', () => {
    const down = { sector: A, periods: ['Q3' as const], deltaPp: -2 };
    const set = { sector: A, periods: ['Q3' as const], growth: 5 };
    expect(whatIf(scenario, twoSectorBase, [down, set], low).growth[A]![2]).toBe(5);
    expect(whatIf(scenario, twoSectorBase, [set, down], low).growth[A]![2]).toBe(3);
    const twice = whatIf(scenario, twoSectorBase, [down, down], low);
    expect(twice.growth[A]![2]).toBe(-1);
    expect(twice.fyImpactPp).toBe(-0.5);
  });

  it('a part moves its parent by its level change, and the total through it', () => {
    const s = withPartScenario();
    const r = whatIf(s, s.base!.levels, [parseShock('crops:Q3:-2pp')], low);
    expect(r.growth.crops![2]).toBe(-1);
    expect(r.growth[A]![2]).toBe(2); // 3 + 25·(−2)/50
    expect(r.diff.Q3.crops!.growthPp).toBe(-2);
    expect(r.fyImpactPp).toBe(-0.125); // 25·(−2)/400
    expect(r.baselineEvaluation.periods.Q1.total.growth).toBe(3.8); // crops not added into the total
  });
});

describe('baselines', () => {
  it('mid is the middle of each band', () => {
    const { growth } = baselinePath(scenario, twoSectorBase, 'mid');
    expect(growth[A]).toEqual([2.5, 3.5, 3.5, 4.5]);
    const r = whatIf(scenario, twoSectorBase, []);
    expect(r.baseline).toBe('mid');
    expect(r.baselineEvaluation.periods.FY.total.growth).toBe(5.25); // (4.75 + 5.75)/2
    expect(r.fyImpactPp).toBe(0);
  });

  it('actual: the actual quarters to date, mid for the rest', () => {
    const r = whatIf(scenario, twoSectorBase, [], { baseline: 'actual' });
    expect(r.baselineGrowth[A]).toEqual([2.5, 3.5, 3.5, 4.5]);
    expect(r.baselineGrowth[I]).toEqual([4, 7.75, 7.5, 8.5]);
    expect(r.actualQuarters).toEqual({ [A]: ['Q1', 'Q2'], [I]: ['Q1', 'Q2'] });
    // (100 + 210 + 175 + 225 + 240 + 310 + 375 + 425)/400 = 2060/400
    expect(r.evaluation.periods.FY.total.growth).toBe(5.15);
    const q1 = baselinePath(scenario, twoSectorBase, 'actual', { asOf: 'Q1' });
    expect(q1.growth[I]).toEqual([4, 6.5, 7.5, 8.5]);
  });

  it('a missing band for a top-level sector is named', () => {
    const s = twoSectorScenario();
    delete s.targets.Q3![I];
    expect(() => baselinePath(s, twoSectorBase, 'low')).toThrow(
      /INPUT_MISSING_TARGET at targets\.Q3\.industry_construction/,
    );
  });
});

describe('whatIf: errors', () => {
  const codeOf = (shocks: Shock[]) => {
    try {
      whatIf(scenario, twoSectorBase, shocks, low);
    } catch (e) {
      expect(e).toBeInstanceOf(GrdpError);
      return (e as GrdpError).issues.map((i) => `${i.code} ${i.path}`);
    }
    return [];
  };

  it('names the shock and the field', () => {
    expect(codeOf([{ sector: 'fishing', periods: ['Q1'], deltaPp: 1 }])).toEqual([
      'INPUT_UNKNOWN_SECTOR shocks[0].sector',
    ]);
    expect(
      codeOf([
        { sector: A, periods: ['Q1'], deltaPp: 1 },
        { sector: A, periods: ['Q5' as never], deltaPp: 1 },
      ]),
    ).toEqual(['INPUT_UNKNOWN_PERIOD shocks[1].periods[0]']);
    expect(codeOf([{ sector: A, periods: ['Q1'], deltaPp: 1, growth: 2 }])).toEqual(['INPUT_INVALID shocks[0]']);
    expect(codeOf([{ sector: A, periods: ['Q1'] }])).toEqual(['INPUT_INVALID shocks[0]']);
    expect(codeOf([{ sector: A, periods: [], deltaPp: 1 }])).toEqual(['INPUT_INVALID shocks[0].periods']);
    expect(codeOf([{ sector: A, periods: ['Q1'], levelPct: -101 }])).toEqual(['INPUT_INVALID shocks[0].levelPct']);
    expect(codeOf([{ sector: A, periods: ['Q1'], deltaPp: Number.NaN }])).toEqual(['INPUT_INVALID shocks[0].deltaPp']);
  });
});

describe('parseShock', () => {
  it('reads the CLI syntax', () => {
    expect(parseShock('agriculture:Q3:-2pp')).toEqual({ sector: A, periods: ['Q3'], deltaPp: -2 });
    expect(parseShock('services:Q4:+1pp')).toEqual({ sector: 'services', periods: ['Q4'], deltaPp: 1 });
    expect(parseShock('industry_construction:Q3,Q4:=10')).toEqual({ sector: I, periods: ['Q3', 'Q4'], growth: 10 });
    expect(parseShock('services:H1:-3%')).toEqual({ sector: 'services', periods: ['H1'], levelPct: -3 });
    expect(parseShock(' services : 9m , q4 : -1,5pp ')).toEqual({
      sector: 'services',
      periods: ['9M', 'Q4'],
      deltaPp: -1.5,
    });
    expect(parseShock('services:FY:=-2.25%')).toEqual({ sector: 'services', periods: ['FY'], growth: -2.25 });
  });

  it('rejects what it cannot read', () => {
    expect(() => parseShock('services:Q4')).toThrow(/INPUT_INVALID at shock/);
    expect(() => parseShock('services:Q5:+1pp')).toThrow(/INPUT_UNKNOWN_PERIOD at shock\.periods\[0\]/);
    expect(() => parseShock('services:Q4:+1')).toThrow(/INPUT_INVALID at shock\.change/);
    expect(() => parseShock('services:Q4:abc')).toThrow(/INPUT_INVALID at shock\.change/);
    expect(() => parseShock('serv ices:Q4:+1pp')).toThrow(/INPUT_INVALID at shock\.sector/);
  });
});

describe('sensitivity', () => {
  it('per pp is B[s][q] / Σ B over the year; per % of level is X[s][q] / Σ B', () => {
    const s = sensitivity(scenario, twoSectorBase, 'low');
    expect(s.perPp[A]).toEqual([0.1, 0.15, 0.125, 0.125]);
    expect(s.perPp[I]).toEqual([0.15, 0.1, 0.125, 0.125]);
    expect(s.perLevelPct[A]![2]).toBe(0.12875); // 50·1.03/400
  });

  it('agrees with evaluate: +1 pp and +1 % of level in each sector and quarter', () => {
    const s = sensitivity(scenario, twoSectorBase, 'mid');
    for (const id of [A, I])
      QUARTERS.forEach((q, i) => {
        const pp = whatIf(scenario, twoSectorBase, [{ sector: id, periods: [q], deltaPp: 1 }]);
        expect(pp.fyImpactPp).toBeCloseTo(s.perPp[id]![i]!, 12);
        const level = whatIf(scenario, twoSectorBase, [{ sector: id, periods: [q], levelPct: 1 }]);
        expect(level.fyImpactPp).toBeCloseTo(s.perLevelPct[id]![i]!, 12);
      });
  });

  it('a part has the same weight as its base level', () => {
    const s = withPartScenario();
    expect(sensitivity(s, s.base!.levels, 'low').perPp.crops).toEqual([0.05, 0.075, 0.0625, 0.0625]);
  });
});

describe('whatIf: properties', () => {
  const level = fc.integer({ min: 1, max: 1000 });
  const growth = fc.integer({ min: -1500, max: 2500 }).map((n) => n / 100);
  const quad = <T>(a: fc.Arbitrary<T>) => fc.tuple(a, a, a, a) as unknown as fc.Arbitrary<[T, T, T, T]>;
  const world = fc.record({ bA: quad(level), bI: quad(level), gA: quad(growth), gI: quad(growth) });

  it('a shock of d pp in sector s, quarter q moves FY by d · sensitivity', () => {
    fc.assert(
      fc.property(
        world,
        fc.constantFrom(A, I),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: -2000, max: 2000 }).map((n) => n / 100),
        ({ bA, bI, gA, gI }, id, q, d) => {
          const base = { [A]: bA as QuarterValues, [I]: bI as QuarterValues };
          const path = { [A]: gA as QuarterValues, [I]: gI as QuarterValues };
          const r = whatIf(scenario, base, [{ sector: id, periods: [QUARTERS[q]!], deltaPp: d }], { baseline: path });
          const s = sensitivity(scenario, base, path);
          expect(r.fyImpactPp).toBeCloseTo(d * s.perPp[id]![q]!, 9);
          expect(r.baseline).toBe('custom');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('shocks of zero change nothing, anywhere', () => {
    const period = fc.constantFrom(...PERIODS);
    fc.assert(
      fc.property(
        world,
        fc.array(
          fc.record({
            sector: fc.constantFrom(A, I),
            periods: fc.array(period, { minLength: 1, maxLength: 3 }),
            kind: fc.constantFrom('deltaPp', 'levelPct'),
          }),
          { maxLength: 4 },
        ),
        ({ bA, bI, gA, gI }, raw) => {
          const base = { [A]: bA as QuarterValues, [I]: bI as QuarterValues };
          const path = { [A]: gA as QuarterValues, [I]: gI as QuarterValues };
          const shocks: Shock[] = raw.map((r) => ({ sector: r.sector, periods: r.periods, [r.kind]: 0 }));
          const r = whatIf(scenario, base, shocks, { baseline: path });
          expect(r.growth).toEqual(r.baselineGrowth);
          for (const p of PERIODS)
            for (const d of Object.values(r.diff[p])) expect([d.growthPp, d.contributionPp]).toEqual([0, 0]);
          expect(r.evaluation).toEqual(r.baselineEvaluation);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('shocks add: the FY impact of two pp shocks is the sum of each', () => {
    fc.assert(
      fc.property(world, growth, growth, ({ bA, bI, gA, gI }, d1, d2) => {
        const base = { [A]: bA as QuarterValues, [I]: bI as QuarterValues };
        const path = { [A]: gA as QuarterValues, [I]: gI as QuarterValues };
        const one: Shock = { sector: A, periods: ['H1'], deltaPp: d1 };
        const two: Shock = { sector: I, periods: ['Q3', 'Q4'], deltaPp: d2 };
        const both = whatIf(scenario, base, [one, two], { baseline: path }).fyImpactPp;
        const sum =
          whatIf(scenario, base, [one], { baseline: path }).fyImpactPp +
          whatIf(scenario, base, [two], { baseline: path }).fyImpactPp;
        expect(both).toBeCloseTo(sum, 9);
      }),
      { numRuns: 100 },
    );
  });
});
