import type { LegendItem, TooltipItem } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { THEMES, VINTAGE_POINT_STYLES } from '../theme.ts';
import type { BandChartInput } from '../types.ts';
import { bandChart } from './band.ts';

const input: BandChartInput = {
  key: 'total',
  bands: [
    { period: 'Q1', low: 6, high: 6.5 },
    { period: 'Q2', low: 6.5, high: 7 },
    { period: 'Q4', low: 7.2, high: 8 },
    { period: 'H1', low: 6.3, high: 6.8 },
    { period: 'FY', low: 6.8, high: 7.4 },
  ],
  actuals: [
    { period: 'Q1', value: 6.2, vintage: 'estimate' },
    { period: 'Q1', value: 6.35, vintage: 'official' },
    { period: 'Q2', value: 7.36, vintage: 'revised' },
    { period: 'Q3', value: 7.1, vintage: 'estimate', derived: true },
    { period: 'H1', value: 6.9, vintage: 'estimate' },
  ],
};

describe('bandChart', () => {
  it('puts low and high at their quarters, null where no band, the high filled down to the low', () => {
    const c = bandChart(input, { lang: 'en' });
    expect(c.type).toBe('line');
    expect(c.data.labels).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    const [low, high] = c.data.datasets;
    expect(low!.data).toEqual([6, 6.5, null, 7.2]);
    expect(high!.data).toEqual([6.5, 7, null, 8]);
    expect(high!.fill).toBe('-1');
    expect(low!.fill).toBe(false);
    expect(high!.backgroundColor).toBe(THEMES.light.bandFill);
    expect(high!.label).toBe('Target band');
  });

  it('marks actuals by vintage: one dataset each, its own point style and colour, derived points hollow', () => {
    const c = bandChart(input, { lang: 'en' });
    const byLabel = Object.fromEntries(c.data.datasets.slice(2).map((d) => [d.label, d]));
    expect(Object.keys(byLabel)).toEqual(['Estimate', 'Revised', 'Official']);
    const est = byLabel.Estimate!;
    expect(est.data).toEqual([6.2, null, 7.1, null]);
    expect(est.pointStyle).toBe(VINTAGE_POINT_STYLES.estimate);
    expect(est.showLine).toBe(false);
    expect(est.pointBackgroundColor).toEqual([
      THEMES.light.vintage.estimate,
      THEMES.light.vintage.estimate,
      THEMES.light.background,
      THEMES.light.vintage.estimate,
    ]);
    expect(byLabel.Official!.data).toEqual([6.35, null, null, null]);
    expect(byLabel.Official!.pointStyle).toBe('rectRot');
    expect(byLabel.Revised!.data).toEqual([null, 7.36, null, null]);
    expect(byLabel.Revised!.pointStyle).toBe('triangle');
    expect(new Set(c.data.datasets.slice(2).map((d) => d.borderColor)).size).toBe(3);
  });

  it('cumulative view shows Q1, H1, 9M, FY and only the vintages with points there', () => {
    const c = bandChart(input, { lang: 'vi', view: 'cumulative' });
    expect(c.data.labels).toEqual(['Quý I', 'Lũy kế 6 tháng', 'Lũy kế 9 tháng', 'Cả năm']);
    expect(c.data.datasets[0]!.data).toEqual([6, 6.3, null, 6.8]);
    expect(c.data.datasets[1]!.data).toEqual([6.5, 6.8, null, 7.4]);
    expect(c.data.datasets.slice(2).map((d) => d.label)).toEqual(['Ước tính', 'Chính thức']);
    expect(c.data.datasets[2]!.data).toEqual([6.2, 6.9, null, null]);
    expect(c.options?.plugins?.title?.text).toBe('Tổng GRDP — lũy kế');
  });

  it('labels in vi: quarters, axis, legend; numbers in ticks and tooltips in vi-VN', () => {
    const c = bandChart(input, { lang: 'vi' });
    expect(c.data.labels).toEqual(['Quý I', 'Quý II', 'Quý III', 'Quý IV']);
    expect(c.data.datasets[1]!.label).toBe('Mục tiêu');
    expect(c.data.datasets.map((d) => d.label)).toContain('Chính thức');
    const y = c.options!.scales!.y!;
    expect(y.title?.text).toBe('Tăng trưởng (%)');
    const tick = y.ticks!.callback!;
    expect(tick.call(undefined as never, 7.36, 0, [])).toBe('7,36');
    expect(tick.call(undefined as never, 7.5, 0, [])).toBe('7,5');
    expect(tick.call(undefined as never, 7, 0, [])).toBe('7');
    const label = c.options!.plugins!.tooltip!.callbacks!.label!;
    const item = (datasetIndex: number, dataIndex: number, y: number) =>
      ({ datasetIndex, dataIndex, parsed: { x: dataIndex, y }, dataset: c.data.datasets[datasetIndex] }) as never;
    expect(label.call(undefined as never, item(1, 1, 7))).toBe('Mục tiêu: 6,50–7,00%');
    expect(label.call(undefined as never, item(2, 2, 7.1))).toBe('Ước tính: 7,10% (suy ra)');
  });

  it('en ticks use a decimal point; the legend hides the low line, the tooltip skips it', () => {
    const c = bandChart(input, { lang: 'en' });
    expect(c.options!.scales!.y!.ticks!.callback!.call(undefined as never, 7.36, 0, [])).toBe('7.36');
    const filter = c.options!.plugins!.legend!.labels!.filter!;
    expect(filter({ datasetIndex: 0 } as LegendItem, {} as never)).toBe(false);
    expect(filter({ datasetIndex: 1 } as LegendItem, {} as never)).toBe(true);
    const tipFilter = c.options!.plugins!.tooltip!.filter!;
    expect(tipFilter.call(undefined as never, { datasetIndex: 0 } as TooltipItem<'line'>, 0, [], {} as never)).toBe(
      false,
    );
  });

  it("draws an earlier version's band faintly behind: dashed pale edges, its own legend entry and tooltip", () => {
    const earlier = {
      label: 'Phiên bản 1',
      bands: [
        { period: 'Q1' as const, low: 5.5, high: 6 },
        { period: 'Q3' as const, low: 7, high: 7.5 },
      ],
    };
    const plain = bandChart(input, { lang: 'vi' });
    const c = bandChart({ ...input, earlier }, { lang: 'vi' });
    // the current band and the actuals keep their datasets; the earlier band comes last
    expect(c.data.datasets.slice(0, plain.data.datasets.length).map((d) => d.label)).toEqual(
      plain.data.datasets.map((d) => d.label),
    );
    const [low, high] = c.data.datasets.slice(-2);
    expect(low!.data).toEqual([5.5, null, 7, null]);
    expect(high!.data).toEqual([6, null, 7.5, null]);
    expect(high!.fill).toBe('-1');
    expect(high!.label).toBe('Phiên bản 1');
    for (const d of [low!, high!]) {
      expect(d.borderDash).toEqual([4, 3]);
      expect(d.borderColor).toBe(THEMES.light.earlierBandBorder);
      expect(d.backgroundColor).toBe(THEMES.light.earlierBandFill);
      expect(d.order).toBeGreaterThan(c.data.datasets[1]!.order!);
    }
    // fainter than the current band: a lower alpha
    const alpha = (rgba: string) => Number(/, ([\d.]+)\)$/.exec(rgba)![1]);
    expect(alpha(THEMES.light.earlierBandFill)).toBeLessThan(alpha(THEMES.light.bandFill));
    const n = c.data.datasets.length;
    const filter = c.options!.plugins!.legend!.labels!.filter!;
    expect(filter({ datasetIndex: n - 2 } as LegendItem, {} as never)).toBe(false);
    expect(filter({ datasetIndex: n - 1 } as LegendItem, {} as never)).toBe(true);
    const label = c.options!.plugins!.tooltip!.callbacks!.label!;
    const item = { datasetIndex: n - 1, dataIndex: 2, parsed: { x: 2, y: 7.5 }, dataset: high } as never;
    expect(label.call(undefined as never, item)).toBe('Phiên bản 1: 7,00–7,50%');
  });

  it('animation and responsiveness are options; the config is deterministic', () => {
    const a = bandChart(input, { responsive: false });
    expect(a.options!.animation).toBe(false);
    expect(a.options!.responsive).toBe(false);
    const b = bandChart(input, { animation: true });
    expect(b.options!.animation).toBeUndefined();
    expect(b.options!.responsive).toBe(true);
    expect(JSON.stringify(bandChart(input))).toBe(JSON.stringify(bandChart(input)));
  });

  it('dark theme changes text and band colours, not the data', () => {
    const light = bandChart(input, { theme: 'light' });
    const dark = bandChart(input, { theme: 'dark' });
    expect(dark.options!.plugins!.title!.color).toBe(THEMES.dark.text);
    expect(dark.options!.plugins!.title!.color).not.toBe(light.options!.plugins!.title!.color);
    expect(dark.data.datasets.map((d) => d.data)).toEqual(light.data.datasets.map((d) => d.data));
  });
});
