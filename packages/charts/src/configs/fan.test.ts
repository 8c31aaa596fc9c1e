import type { LegendItem } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { THEMES } from '../theme.ts';
import { type FanChartInput, QUANTILE_KEYS } from '../types.ts';
import { fanChart } from './fan.ts';

const input: FanChartInput = {
  key: 'total',
  quantiles: (['Q1', 'Q2', 'Q3', 'Q4'] as const).map((period, i) => ({
    period,
    p5: 5 + i,
    p10: 5.5 + i,
    p25: 6 + i,
    p50: 6.5 + i,
    p75: 7 + i,
    p90: 7.5 + i,
    p95: 8 + i,
  })),
  bands: [
    { period: 'Q1', low: 6, high: 6.5 },
    { period: 'Q3', low: 7, high: 7.5 },
  ],
};

describe('fanChart', () => {
  it('has the quantile datasets in order, each filled down to the one before, then dashed target lines', () => {
    const c = fanChart(input, { lang: 'en' });
    const ds = c.data.datasets;
    expect(ds).toHaveLength(9);
    QUANTILE_KEYS.forEach((q, k) => {
      expect(ds[k]!.data).toEqual(input.quantiles.map((p) => p[q]));
    });
    expect(ds[0]!.fill).toBe(false);
    for (let k = 1; k < 7; k++) expect(ds[k]!.fill).toBe('-1');
    // Nested rings: the same colour at the same distance from the median, darker inwards.
    const fills = ds.slice(1, 7).map((d) => d.backgroundColor);
    expect(fills).toEqual([...THEMES.light.fanFills, ...[...THEMES.light.fanFills].reverse()]);
    expect(ds[3]!.borderWidth).toBe(2);
    expect(ds[3]!.label).toBe('Median');
    expect(ds[7]!.data).toEqual([6, null, 7, null]);
    expect(ds[8]!.data).toEqual([6.5, null, 7.5, null]);
    expect(ds[7]!.borderDash).toEqual([6, 4]);
    expect(ds[8]!.borderDash).toEqual([6, 4]);
    expect(ds[8]!.fill).toBe(false);
  });

  it('legend shows the median, the three intervals and the target once', () => {
    const c = fanChart(input, { lang: 'vi' });
    const filter = c.options!.plugins!.legend!.labels!.filter!;
    const shown = c.data.datasets
      .map((d, i) => ({ label: d.label, i }))
      .filter(({ i }) => filter({ datasetIndex: i } as LegendItem, {} as never))
      .map(({ label }) => label);
    expect(shown).toEqual(['Trung vị', 'Khoảng 50%', 'Khoảng 80%', 'Khoảng 90%', 'Mục tiêu']);
    expect(c.data.labels).toEqual(['Quý I', 'Quý II', 'Quý III', 'Quý IV']);
    expect(c.options!.scales!.y!.ticks!.callback!.call(undefined as never, 7.36, 0, [])).toBe('7,36');
  });

  it('without bands it has the seven quantiles only', () => {
    const c = fanChart({ key: 'services', quantiles: input.quantiles }, { lang: 'en' });
    expect(c.data.datasets).toHaveLength(7);
    expect(c.options!.plugins!.title!.text).toBe('Growth distribution: Services');
  });
});
