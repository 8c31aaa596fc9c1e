import { describe, expect, it } from 'vitest';
import { indicatorRows } from './figures.ts';
import type { Indicator, IndicatorSet } from './types.ts';

const common = {
  no: 1,
  main: true,
  category: 'economic',
  unit: { vi: 'x', en: 'x' },
  period: { kind: 'final', year: 2030 },
  better: 'higher',
  printed: 'x',
  source: 'x',
  cooperating: [],
  actuals: [],
} as const;
const ind = (id: string, extra: Partial<Indicator>): Indicator => ({
  ...common,
  id,
  name: { vi: id, en: id },
  target: { kind: 'reach', value: 1 },
  cooperating: [],
  actuals: [],
  ...extra,
});

describe('indicatorRows', () => {
  it('takes the last entered revision of a year over the file, and links GRDP full-year actuals', () => {
    const set: IndicatorSet = {
      departments: [],
      indicators: [
        ind('exports', { actuals: [{ year: 2023, value: 1100, vintage: 'estimate' }] }),
        ind('growth', {
          grdpKey: 'total',
          period: { kind: 'year', year: 2023 },
          target: { kind: 'band', low: 7, high: 7.5 },
        }),
      ],
    };
    const rows = indicatorRows(set, {
      entered: { exports: [{ year: 2023, value: 1180, vintage: 'revised' }] },
      grdp: {
        year: 2023,
        actuals: [
          { period: 'H1', vintage: 'estimate', values: { total: 6.5 } },
          { period: 'FY', vintage: 'estimate', values: { total: 7.36 }, source: 'report' },
        ],
      },
    });
    expect(rows[0]!.figures).toEqual([{ year: 2023, value: 1180, origin: 'entered', vintage: 'revised' }]);
    expect(rows[1]!.figures).toEqual([
      { year: 2023, value: 7.36, origin: 'grdp', vintage: 'estimate', source: 'report' },
    ]);
    expect(rows[1]!.status.status).toBe('met');
  });

  it('derives GRDP per capita where GRDP and population of the same year exist, and says how', () => {
    const set: IndicatorSet = {
      departments: [],
      indicators: [
        ind('grdp', { actuals: [{ year: 2030, value: 616565.83, vintage: 'official' }] }),
        ind('population', { actuals: [{ year: 2030, value: 3755949, vintage: 'official' }] }),
        ind('per-capita', {
          target: { kind: 'atLeast', value: 6300 },
          derive: { kind: 'grdpPerCapita', grdp: 'grdp', population: 'population', unit: 'USD', vndPerUsd: 26000 },
        }),
      ],
    };
    const [, , pc] = indicatorRows(set);
    expect(pc!.figures[0]!.origin).toBe('derived');
    expect(pc!.figures[0]!.value).toBeCloseTo(616565.83e9 / 3755949 / 26000, 9);
    expect(pc!.figures[0]!.formula?.en).toContain('÷ 26000 VND/USD');
    expect(pc!.status.status).toBe('exceeded');
  });
});
