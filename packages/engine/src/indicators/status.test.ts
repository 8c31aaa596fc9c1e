import { describe, expect, it } from 'vitest';
import { compareToTarget, type IndicatorFigure, indicatorStatus } from './status.ts';
import type { Better, Indicator, IndicatorPeriod, IndicatorTarget } from './types.ts';

function indicator(
  target: IndicatorTarget,
  period: IndicatorPeriod = { kind: 'year', year: 2023 },
  better?: Better,
): Indicator {
  return {
    id: 'x',
    no: 1,
    main: true,
    category: 'economic',
    name: { vi: 'x', en: 'x' },
    unit: { vi: '%', en: '%' },
    period,
    target,
    better:
      better ?? (target.kind === 'rank' || target.kind === 'below' || target.kind === 'atMost' ? 'lower' : 'higher'),
    printed: 'x',
    source: 'x',
    cooperating: [],
    actuals: [],
  };
}
const fig = (year: number, value: number): IndicatorFigure => ({ year, value, origin: 'entered' });

type Case = [string, IndicatorTarget, Better | undefined, number, string];
// Every qualifier kind with its edges: [label, target, better, figure, expected status]
const CASES: Case[] = [
  ['band below low', { kind: 'band', low: 60.52, high: 62.03 }, undefined, 60.51, 'not-met'],
  ['band at low', { kind: 'band', low: 60.52, high: 62.03 }, undefined, 60.52, 'met'],
  ['band at high', { kind: 'band', low: 60.52, high: 62.03 }, undefined, 62.03, 'met'],
  ['band above high', { kind: 'band', low: 60.52, high: 62.03 }, undefined, 62.04, 'exceeded'],
  ['band, lower better, above high', { kind: 'band', low: 1, high: 2 }, 'lower', 2.01, 'not-met'],
  ['band, lower better, below low', { kind: 'band', low: 1, high: 2 }, 'lower', 0.99, 'exceeded'],
  ['≥ just under', { kind: 'atLeast', value: 11 }, undefined, 10.99, 'not-met'],
  ['≥ at', { kind: 'atLeast', value: 11 }, undefined, 11, 'met'],
  ['≥ over', { kind: 'atLeast', value: 11 }, undefined, 11.01, 'exceeded'],
  ['> at (not met)', { kind: 'above', value: 50 }, undefined, 50, 'not-met'],
  ['> over', { kind: 'above', value: 50 }, undefined, 50.01, 'met'],
  ['≤ at', { kind: 'atMost', value: 4 }, undefined, 4, 'met'],
  ['≤ under', { kind: 'atMost', value: 4 }, undefined, 3.9, 'exceeded'],
  ['≤ over', { kind: 'atMost', value: 4 }, undefined, 4.1, 'not-met'],
  ['< at (not met)', { kind: 'below', value: 3.6 }, undefined, 3.6, 'not-met'],
  ['< under', { kind: 'below', value: 3.6 }, undefined, 3.59, 'met'],
  ['≈ at lower tolerance edge', { kind: 'about', value: 8, tolerancePercent: 5 }, undefined, 7.6, 'met'],
  ['≈ under tolerance', { kind: 'about', value: 8, tolerancePercent: 5 }, undefined, 7.59, 'not-met'],
  ['≈ at upper tolerance edge', { kind: 'about', value: 8, tolerancePercent: 5 }, undefined, 8.4, 'met'],
  ['≈ over tolerance', { kind: 'about', value: 8, tolerancePercent: 5 }, undefined, 8.41, 'exceeded'],
  ['đạt at', { kind: 'reach', value: 42 }, undefined, 42, 'met'],
  ['đạt under', { kind: 'reach', value: 42 }, undefined, 41.9, 'not-met'],
  ['đạt over', { kind: 'reach', value: 42 }, undefined, 42.1, 'exceeded'],
  ['đạt, lower better, over', { kind: 'reach', value: 3 }, 'lower', 3.1, 'not-met'],
  ['duy trì at', { kind: 'maintain', value: 100 }, undefined, 100, 'met'],
  ['duy trì under', { kind: 'maintain', value: 100 }, undefined, 99.9, 'not-met'],
  ['rank at', { kind: 'rank', rank: 11, of: 34 }, undefined, 11, 'met'],
  ['rank better', { kind: 'rank', rank: 11, of: 34 }, undefined, 10, 'exceeded'],
  ['rank worse', { kind: 'rank', rank: 11, of: 34 }, undefined, 12, 'not-met'],
];

describe('compareToTarget and indicatorStatus: every qualifier kind, at its edges', () => {
  it.each(CASES)('%s', (_label, target, better, value, expected) => {
    if (target.kind === 'averageAnnualChange') throw new Error('not in this table');
    const ind = indicator(target, undefined, better);
    expect(compareToTarget(target, value, ind.better)).toBe(expected);
    const s = indicatorStatus(ind, [fig(2023, value)]);
    expect(s.status).toBe(expected);
    expect(s.compared).toBe(value);
    expect(s.provisional).toBe(false);
  });

  it('no figure for the year: no data, with the latest earlier figure shown', () => {
    const s = indicatorStatus(indicator({ kind: 'reach', value: 42 }), [fig(2022, 40)]);
    expect(s).toMatchObject({ status: 'no-data', reason: 'no-actual', latest: { year: 2022, value: 40 } });
  });
});

describe('average annual change', () => {
  // "(9) Tỷ lệ hộ nghèo đa chiều giảm bình quân 1 - 1,2% năm" (2023), in percentage points
  const poverty2023: IndicatorTarget = {
    kind: 'averageAnnualChange',
    low: 1,
    high: 1.2,
    direction: 'decrease',
    unit: 'pp',
  };
  it.each([
    [3.1, 'not-met'], // fell 0.9 pp
    [3.0, 'met'], // fell 1.0 pp: the low edge
    [2.8, 'met'], // 1.2 pp: the high edge
    [2.7, 'exceeded'], // 1.3 pp
  ] as const)('2022 at 4,0 %%, 2023 at %s %% → %s', (v2023, expected) => {
    const s = indicatorStatus(indicator(poverty2023), [fig(2022, 4), fig(2023, v2023)]);
    expect(s.status).toBe(expected);
    expect(s.needed).toBeUndefined();
  });

  it('without the base year: no data (no-base)', () => {
    expect(indicatorStatus(indicator(poverty2023), [fig(2023, 3)])).toMatchObject({
      status: 'no-data',
      reason: 'no-base',
    });
  });

  it('over a plan: the observed change so far and the rate still needed each remaining year', () => {
    // "(14) duy trì mức giảm bình quân 0,3 - 0,5%/năm" over 2026–2030, base 2025 = 2,0
    const t: IndicatorTarget = {
      kind: 'averageAnnualChange',
      low: 0.3,
      high: 0.5,
      direction: 'decrease',
      unit: 'pp',
      base: { year: 2025, value: 2 },
    };
    const s = indicatorStatus(indicator(t, { kind: 'average', from: 2026, to: 2030, mean: 'arithmetic' }), [
      fig(2026, 1.8),
      fig(2027, 1.6),
    ]);
    expect(s.status).toBe('not-met'); // 0.2 pp a year so far
    expect(s.compared).toBe(0.2);
    expect(s.provisional).toBe(true);
    // to end at 2 − 5×0.3 = 0.5 from 1.6 in 3 years: 0.3667 a year; at 2 − 5×0.5 = −0.5: 0.7 a year
    expect(s.needed?.years).toBe(3);
    expect(s.needed?.low).toBeCloseTo(1.1 / 3, 12);
    expect(s.needed?.high).toBeCloseTo(0.7, 12);
  });

  it('in per cent of the level, compounding', () => {
    const t: IndicatorTarget = {
      kind: 'averageAnnualChange',
      low: 10,
      high: 10,
      direction: 'increase',
      unit: 'percent',
    };
    const s = indicatorStatus(indicator(t, { kind: 'average', from: 2026, to: 2027, mean: 'arithmetic' }), [
      fig(2025, 100),
      fig(2026, 110),
    ]);
    expect(s.status).toBe('met');
    expect(s.needed?.low).toBeCloseTo(10, 12);
  });
});

describe('averages, totals and final years', () => {
  it('a geometric average of growth rates, provisional, with the growth still needed', () => {
    // "(2) Tốc độ tăng trưởng GRDP bình quân 5 năm đạt từ 11% trở lên"
    const ind = indicator({ kind: 'atLeast', value: 11 }, { kind: 'average', from: 2026, to: 2030, mean: 'geometric' });
    const s = indicatorStatus(ind, [fig(2026, 10), fig(2027, 12)]);
    expect(s.compared).toBeCloseTo((Math.sqrt(1.1 * 1.12) - 1) * 100, 10);
    expect(s.status).toBe('not-met');
    expect(s.provisional).toBe(true);
    expect(s.needed?.low).toBeCloseTo(((1.11 ** 5 / (1.1 * 1.12)) ** (1 / 3) - 1) * 100, 10);
  });

  it('a total over five years: the sum so far and the amount still needed a year', () => {
    const ind = indicator({ kind: 'reach', value: 162080 }, { kind: 'total', from: 2026, to: 2030 });
    const s = indicatorStatus(ind, [fig(2026, 30000), fig(2027, 32000)]);
    expect(s).toMatchObject({
      compared: 62000,
      status: 'not-met',
      provisional: true,
      needed: { low: 100080 / 3, years: 3 },
    });
    const done = indicatorStatus(
      ind,
      [2026, 2027, 2028, 2029, 2030].map((y) => fig(y, 32416)),
    );
    expect(done).toMatchObject({ compared: 162080, status: 'met', provisional: false });
  });

  it('a final-year target is provisional before that year', () => {
    const ind = indicator({ kind: 'above', value: 50 }, { kind: 'final', year: 2030 });
    expect(indicatorStatus(ind, [fig(2027, 51)])).toMatchObject({ status: 'met', provisional: true, years: [2027] });
    expect(indicatorStatus(ind, [fig(2027, 51), fig(2030, 49)])).toMatchObject({
      status: 'not-met',
      provisional: false,
    });
  });
});
