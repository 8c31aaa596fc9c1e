import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/index.ts';
import type { Actual, QuarterValues } from '../scenario/types.ts';
import { twoSectorBase, twoSectorScenario, withPartScenario } from '../track/fixtures.ts';
import { type ActualTable, actualTable, findFigure, latestQuarter } from './index.ts';

const A = 'agriculture';
const I = 'industry_construction';

function value(table: ActualTable, period: Parameters<typeof findFigure>[1], key: string): number | undefined {
  return findFigure(table, period, key)?.value;
}

function tableOf(actuals: Actual[], base = twoSectorBase): ActualTable {
  return actualTable(twoSectorScenario(actuals), base);
}

describe('actualTable: derivations (hand-checked, see track/fixtures.ts)', () => {
  const table = tableOf(twoSectorScenario().actuals);

  it('keeps published figures as published', () => {
    const q1 = findFigure(table, 'Q1', 'total')!;
    expect(q1).toMatchObject({ value: 3.4, derived: false, vintage: 'official', published: '2024-04-20' });
    expect(q1.path).toBe('actuals[0].values.total');
    expect(q1.from).toBeUndefined();
    expect(q1.tolerance).toBe(0.005);
  });

  it('derives Q2 from H1 and Q1 for each sector and the total', () => {
    // A: (3.1·100 − 2.5·40)/60 = 210/60 = 3.5; I: (5.5·100 − 4·60)/40 = 310/40 = 7.75; total (4.3·200 − 3.4·100)/100
    expect(value(table, 'Q2', A)).toBe(3.5);
    expect(value(table, 'Q2', I)).toBe(7.75);
    expect(value(table, 'Q2', 'total')).toBe(5.2);
    const q2 = findFigure(table, 'Q2', A)!;
    expect(q2.derived).toBe(true);
    expect(q2.from).toEqual(['H1', 'Q1']);
    // rounding propagates: (0.005·100 + 0.005·40)/60
    expect(q2.tolerance).toBeCloseTo(0.7 / 60, 12);
  });

  it('derives nothing beyond what the figures fix, and finds nothing', () => {
    expect(table.figures.map((f) => `${f.period}.${f.key}`)).toEqual([
      'Q1.total',
      'Q1.agriculture',
      'Q1.industry_construction',
      'Q2.total',
      'Q2.agriculture',
      'Q2.industry_construction',
      'H1.total',
      'H1.agriculture',
      'H1.industry_construction',
    ]);
    expect(table.findings).toEqual([]);
    expect(latestQuarter(table)).toBe('Q2');
  });

  it('derives Q3 from 9M and H1, Q4 from FY and 9M, and H2 (Q3 + Q4)', () => {
    // A: Q1 2.5, H1 3.1, 9M (310 + 50·4)/150 = 3.4, FY (510 + 50·5)/200 = 3.8 → Q3 4, Q4 5, H2 450/100 = 4.5
    const t = tableOf([
      { period: 'Q1', vintage: 'official', values: { [A]: 2.5 } },
      cum('H1', 3.1),
      cum('9M', 3.4),
      cum('FY', 3.8),
    ]);
    expect(value(t, 'Q3', A)).toBeCloseTo(4, 12);
    expect(findFigure(t, 'Q3', A)!.from).toEqual(['9M', 'H1']);
    expect(value(t, 'Q4', A)).toBeCloseTo(5, 12);
    expect(findFigure(t, 'Q4', A)!.from).toEqual(['FY', '9M']);
    expect(value(t, 'H2', A)).toBeCloseTo(4.5, 12);
    expect(latestQuarter(t)).toBe('Q4');
  });

  it('derives H2 from FY and H1 when 9M is missing', () => {
    // H2 = (3.8·200 − 3.1·100)/100 = 4.5; Q3 and Q4 stay unknown
    const t = tableOf([cum('H1', 3.1), cum('FY', 3.8)]);
    expect(value(t, 'H2', A)).toBeCloseTo(4.5, 12);
    expect(findFigure(t, 'H2', A)!.from).toEqual(['FY', 'H1']);
    expect(value(t, 'Q3', A)).toBeUndefined();
    expect(value(t, '9M', A)).toBeUndefined();
  });

  it('cumulates quarters: H1 from Q1 and Q2', () => {
    // (3.4·100 + 5.2·100)/200 = 4.3
    const t = tableOf([
      { period: 'Q1', vintage: 'official', values: { total: 3.4 } },
      { period: 'Q2', vintage: 'official', values: { total: 5.2 } },
    ]);
    expect(value(t, 'H1', 'total')).toBeCloseTo(4.3, 12);
    expect(findFigure(t, 'H1', 'total')!.from).toEqual(['Q1', 'Q2']);
  });

  it('derives a missing total from all its sectors', () => {
    // Q3: (50·4 + 50·6)/100 = 5
    const t = tableOf([{ period: 'Q3', vintage: 'estimate', values: { [A]: 4, [I]: 6 } }]);
    const total = findFigure(t, 'Q3', 'total')!;
    expect(total).toMatchObject({ value: 5, derived: true, from: ['Q3'], fromKeys: [A, I] });
    // one sector alone does not give the total
    expect(value(tableOf([{ period: 'Q3', vintage: 'estimate', values: { [A]: 4 } }]), 'Q3', 'total')).toBeUndefined();
  });

  it('does not derive a part without base levels', () => {
    const s = withPartScenario();
    s.actuals = [cum('Q1', 1), { period: 'H1', vintage: 'estimate', values: { crops: 2 } }];
    const t = actualTable(s, twoSectorBase);
    expect(value(t, 'H1', 'crops')).toBe(2);
    expect(value(t, 'Q2', 'crops')).toBeUndefined();
  });
});

function cum(period: Actual['period'], a: number): Actual {
  return { period, vintage: 'official', values: { [A]: a } };
}

describe('actualTable: vintages', () => {
  it('official beats revised beats estimate, whatever the dates; the rest is history', () => {
    const t = tableOf([
      { period: 'Q1', vintage: 'revised', published: '2024-06-01', values: { total: 3.3 } },
      { period: 'Q1', vintage: 'official', published: '2024-05-01', values: { total: 3.4 } },
      { period: 'Q1', vintage: 'estimate', published: '2024-07-01', values: { total: 3.0 } },
    ]);
    expect(findFigure(t, 'Q1', 'total')).toMatchObject({
      value: 3.4,
      vintage: 'official',
      path: 'actuals[1].values.total',
    });
    expect(t.history.map((h) => [h.value, h.vintage])).toEqual([
      [3.3, 'revised'],
      [3.0, 'estimate'],
    ]);
    expect(t.history[0]!.supersededBy).toEqual({
      vintage: 'official',
      published: '2024-05-01',
      path: 'actuals[1].values.total',
    });
  });

  it('within a vintage the later date wins, undated counts as oldest, then the later entry', () => {
    const later = tableOf([
      { period: 'Q1', vintage: 'estimate', published: '2024-04-10', values: { total: 3.1 } },
      { period: 'Q1', vintage: 'estimate', published: '2024-03-30', values: { total: 3.2 } },
      { period: 'Q1', vintage: 'estimate', values: { total: 3.3 } },
    ]);
    expect(value(later, 'Q1', 'total')).toBe(3.1);
    const order = tableOf([
      { period: 'Q1', vintage: 'estimate', values: { total: 3.1 } },
      { period: 'Q1', vintage: 'estimate', values: { total: 3.2 } },
    ]);
    expect(value(order, 'Q1', 'total')).toBe(3.2);
  });

  it('chooses per key: an official total does not hide estimated sectors', () => {
    const t = tableOf([
      { period: 'Q1', vintage: 'estimate', values: { total: 3.0, [A]: 2.5, [I]: 4 } },
      { period: 'Q1', vintage: 'official', values: { total: 3.4 } },
    ]);
    expect(value(t, 'Q1', 'total')).toBe(3.4);
    expect(findFigure(t, 'Q1', A)).toMatchObject({ value: 2.5, vintage: 'estimate' });
    expect(t.findings).toEqual([]); // 3.4 is what the sectors give
  });
});

describe('actualTable: findings', () => {
  const q1 = (total: number): Actual => ({ period: 'Q1', vintage: 'official', values: { total, [A]: 2.5, [I]: 4 } });

  it('reports a total its sectors do not produce, and keeps the published total', () => {
    const t = tableOf([q1(3.5)]);
    expect(t.findings).toHaveLength(1);
    expect(t.findings[0]).toMatchObject({
      code: 'actual-total-inconsistent',
      path: 'actuals[0].values.total',
      period: 'Q1',
      key: 'total',
      published: 3.5,
      computed: 3.4,
      tolerance: 0.01,
    });
    expect(value(t, 'Q1', 'total')).toBe(3.5);
  });

  it('allows the rounding of both figures, 0.01 pp, and not more', () => {
    expect(tableOf([q1(3.41)]).findings).toEqual([]);
    expect(tableOf([q1(3.39)]).findings).toEqual([]);
    expect(tableOf([q1(3.42)]).findings.map((f) => f.code)).toEqual(['actual-total-inconsistent']);
  });

  it('reports quarters that do not produce the published cumulative figure', () => {
    // (3.4·100 + 5.2·100)/200 = 4.3, published 4.5
    const t = tableOf([
      { period: 'Q1', vintage: 'official', values: { total: 3.4 } },
      { period: 'Q2', vintage: 'official', values: { total: 5.2 } },
      { period: 'H1', vintage: 'official', values: { total: 4.5 } },
    ]);
    expect(t.findings).toHaveLength(1);
    expect(t.findings[0]).toMatchObject({ code: 'cumulative-inconsistent', period: 'H1', key: 'total', computed: 4.3 });
    expect(t.findings[0]!.tolerance).toBeCloseTo(0.01, 12);
  });

  it('rejects unknown keys and periods', () => {
    expect(() => tableOf([{ period: 'Q1', vintage: 'official', values: { fishing: 1 } }])).toThrow(
      /INPUT_UNKNOWN_SECTOR at actuals\[0\]\.values\.fishing/,
    );
    expect(() => tableOf([{ period: 'Q5' as never, vintage: 'official', values: { total: 1 } }])).toThrow(
      /INPUT_UNKNOWN_PERIOD at actuals\[0\]\.period/,
    );
  });
});

describe('actualTable: properties', () => {
  const level = fc.integer({ min: 1, max: 10_000 });
  const growth = fc.integer({ min: -2000, max: 3000 }).map((n) => n / 100);
  const quad = <T>(a: fc.Arbitrary<T>) => fc.tuple(a, a, a, a) as unknown as fc.Arbitrary<[T, T, T, T]>;

  it('quarters derived from cumulative figures re-cumulate to those figures', () => {
    fc.assert(
      fc.property(quad(level), quad(level), quad(growth), (bA, bI, g) => {
        const base = { [A]: bA as QuarterValues, [I]: bI as QuarterValues };
        const s = twoSectorScenario([]);
        const e = evaluate({ sectors: s.sectors, base, growth: { [A]: g, [I]: g } });
        const cumulative = (['Q1', 'H1', '9M', 'FY'] as const).map((p) => e.periods[p].sectors[A]!.growth);
        const fromCumulative = tableOf(
          (['Q1', 'H1', '9M', 'FY'] as const).map((p, i) => cum(p, cumulative[i]!)),
          base,
        );
        const quarters = (['Q1', 'Q2', 'Q3', 'Q4'] as const).map((q) => value(fromCumulative, q, A)!);
        quarters.forEach((v, q) => {
          expect(v).toBeCloseTo(g[q]!, 9);
        });
        const back = tableOf(
          (['Q1', 'Q2', 'Q3', 'Q4'] as const).map((q, i) => cum(q, quarters[i]!)),
          base,
        );
        (['H1', '9M', 'FY'] as const).forEach((p, i) => {
          expect(value(back, p, A)).toBeCloseTo(cumulative[i + 1]!, 9);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('a total derived from sectors equals evaluate’s total, and a consistent table has no findings', () => {
    fc.assert(
      fc.property(quad(level), quad(level), quad(growth), quad(growth), (bA, bI, gA, gI) => {
        const base = { [A]: bA as QuarterValues, [I]: bI as QuarterValues };
        const s = twoSectorScenario([]);
        const e = evaluate({ sectors: s.sectors, base, growth: { [A]: gA, [I]: gI } });
        const t = tableOf(
          (['Q1', 'Q2', 'Q3', 'Q4'] as const).map((q, i) => ({
            period: q,
            vintage: 'official' as const,
            values: { [A]: gA[i]!, [I]: gI[i]! },
          })),
          base,
        );
        for (const p of ['Q1', 'Q2', 'H1', 'Q3', '9M', 'Q4', 'FY'] as const)
          expect(value(t, p, 'total')).toBeCloseTo(e.periods[p].total.growth, 9);
        expect(t.findings).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
