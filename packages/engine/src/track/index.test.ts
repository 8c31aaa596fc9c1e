import { describe, expect, it } from 'vitest';
import type { Actual } from '../scenario/types.ts';
import { twoSectorBase, twoSectorScenario } from './fixtures.ts';
import { type TrackResult, track } from './index.ts';

const A = 'agriculture';
const I = 'industry_construction';

function row(result: TrackResult, period: string, key: string) {
  return result.status.find((s) => s.period === period && s.key === key);
}

describe('track: the two-sector fixture to H1 (see fixtures.ts for the hand computations)', () => {
  const result = track(twoSectorScenario(), twoSectorBase);

  it('lists every period and key with an actual and a band, in print order', () => {
    expect(result.asOf).toBe('Q2');
    expect(result.status.map((s) => [s.period, s.key, s.status, s.gapPp])).toEqual([
      ['Q1', 'total', 'below', -0.4], // 3.4 against [3.8, 4.8]
      ['Q1', A, 'within', 0], // 2.5 in [2, 3]
      ['Q1', I, 'below', -1], // 4 against [5, 6]
      ['Q2', 'total', 'within', 0], // derived 5.2, on the edge of [4.2, 5.2]
      ['Q2', A, 'within', 0], // derived 3.5 in [3, 4]
      ['Q2', I, 'above', 0.75], // derived 7.75 against [6, 7]
      ['H1', 'total', 'within', 0],
      ['H1', A, 'within', 0],
      ['H1', I, 'within', 0],
    ]);
    expect(row(result, 'Q2', I)).toMatchObject({ actual: 7.75, low: 6, high: 7, derived: true });
    expect(row(result, 'Q1', I)!.derived).toBe(false);
  });

  it('splits the total gap by sector through the contributions', () => {
    // at the actual: A 40·2.5/100 = 1.0, I 60·4/100 = 2.4; on the low path: A 0.8, I 3.0
    const split = row(result, 'Q1', 'total')!.gapContributions!;
    expect(split.edge).toBe('low');
    expect(split.bySector[A]).toBeCloseTo(0.2, 12);
    expect(split.bySector[I]).toBeCloseTo(-0.6, 12);
    expect(split.residualPp).toBeCloseTo(0, 12);
    expect(row(result, 'H1', 'total')!.gapContributions).toBeUndefined();
    expect(row(result, 'Q1', I)!.gapContributions).toBeUndefined();
  });

  it('includes the one rate the rest of the year needs', () => {
    expect(result.required).toEqual({
      low: { total: 5.2, [A]: 3, [I]: 7.4 },
      high: { total: 7.2, [A]: 5, [I]: 9.4 },
    });
    expect(result.findings).toEqual([]);
  });

  it('stops at asOf', () => {
    const q1 = track(twoSectorScenario(), twoSectorBase, { asOf: 'Q1' });
    expect(q1.asOf).toBe('Q1');
    expect(q1.status.map((s) => s.period)).toEqual(['Q1', 'Q1', 'Q1']);
    // (1900 − 340)/300 = 5.2; A (610 − 100)/160 = 3.1875
    expect(q1.required.low).toEqual({ total: 5.2, [A]: 3.1875, [I]: (1290 - 240) / 140 });
  });
});

describe('track: gaps above, cumulative periods, residuals', () => {
  const aboveH1: Actual[] = [
    { period: 'Q1', vintage: 'official', values: { total: 3.4, [A]: 2.5, [I]: 4 } },
    // (100·4 + 100·6.6)/200 = 5.3 against [4, 5]
    { period: 'H1', vintage: 'estimate', values: { total: 5.3, [A]: 4, [I]: 6.6 } },
  ];

  it('splits a cumulative gap: contributions over H1 at the actual minus on the high path', () => {
    const result = track(twoSectorScenario(aboveH1), twoSectorBase);
    const h1 = row(result, 'H1', 'total')!;
    expect(h1).toMatchObject({ status: 'above', gapPp: 0.3 });
    // actual: A 4·100/200 = 2.0, I 6.6·100/200 = 3.3; high path: A (40·3 + 60·4)/200 = 1.8, I (60·6 + 40·7)/200 = 3.2
    expect(h1.gapContributions!.edge).toBe('high');
    expect(h1.gapContributions!.bySector[A]).toBeCloseTo(0.2, 12);
    expect(h1.gapContributions!.bySector[I]).toBeCloseTo(0.1, 12);
    expect(h1.gapContributions!.residualPp).toBeCloseTo(0, 12);
    // derived Q2: total (1060 − 340)/100 = 7.2, gap 2.0 = A 60·(5 − 4)/100 + I 40·(10.5 − 7)/100
    const q2 = row(result, 'Q2', 'total')!;
    expect(q2).toMatchObject({ status: 'above', gapPp: 2, derived: true });
    expect(q2.gapContributions!.bySector[A]).toBeCloseTo(0.6, 12);
    expect(q2.gapContributions!.bySector[I]).toBeCloseTo(1.4, 12);
  });

  it('reports what the sectors do not explain as a residual', () => {
    const s = twoSectorScenario();
    s.targets.Q1!.total = { low: 3.9, high: 4.8 }; // the sectors' low path gives 3.8
    const q1 = row(track(s, twoSectorBase), 'Q1', 'total')!;
    expect(q1.gapPp).toBe(-0.5);
    expect(q1.gapContributions!.residualPp).toBeCloseTo(-0.1, 12);
  });

  it('gives no split when a sector has no actual, and carries findings', () => {
    const s = twoSectorScenario([{ period: 'Q1', vintage: 'official', values: { total: 3, [A]: 2.5 } }]);
    const result = track(s, twoSectorBase);
    expect(row(result, 'Q1', 'total')).toMatchObject({ status: 'below', gapPp: -0.8 });
    expect(row(result, 'Q1', 'total')!.gapContributions).toBeUndefined();

    const bad = track(
      twoSectorScenario([{ period: 'Q1', vintage: 'official', values: { total: 3.6, [A]: 2.5, [I]: 4 } }]),
      twoSectorBase,
    );
    expect(bad.findings.map((f) => f.code)).toEqual(['actual-total-inconsistent']);
  });

  it('without actuals: nothing to track, the whole year to go', () => {
    const result = track(twoSectorScenario([]), twoSectorBase);
    expect(result.asOf).toBeNull();
    expect(result.status).toEqual([]);
    expect(result.required.low.total).toBe(4.75);
  });

  it('rejects a bad asOf', () => {
    expect(() => track(twoSectorScenario(), twoSectorBase, { asOf: 'FY' as never })).toThrow(/INPUT_UNKNOWN_PERIOD/);
  });
});
