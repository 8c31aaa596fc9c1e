import { evaluate } from '@grdp/engine';
import { describe, expect, it } from 'vitest';
import { contributionsFromEvaluation } from '../inputs/contributions.ts';
import { SECTOR_COLOURS } from '../theme.ts';
import type { ContributionsChartInput } from '../types.ts';
import { contributionsChart } from './contributions.ts';

const input: ContributionsChartInput = {
  sectors: [{ key: 'agriculture' }, { key: 'industry_construction' }, { key: 'services', label: 'DV' }],
  rows: [
    { period: 'Q1', contributions: { agriculture: 1.2, industry_construction: 2.5, services: 2.4 }, total: 6.1 },
    { period: 'Q2', contributions: { agriculture: -0.3, industry_construction: 3, services: 2.6 }, total: 5.3 },
    { period: 'H1', contributions: { agriculture: 0.4, industry_construction: 2.8, services: 2.5 }, total: 5.7 },
  ],
};

describe('contributionsChart', () => {
  it('stacks one bar dataset per sector on both axes, the total as an unstacked-with-them line', () => {
    const c = contributionsChart(input, { lang: 'en' });
    expect(c.options!.scales!.x!.stacked).toBe(true);
    expect(c.options!.scales!.y!.stacked).toBe(true);
    const ds = c.data.datasets;
    expect(ds.map((d) => d.type)).toEqual(['bar', 'bar', 'bar', 'line']);
    expect(ds.slice(0, 3).every((d) => d.stack === 'sectors')).toBe(true);
    expect(ds[3]!.stack).toBe('total');
    expect(ds[0]!.data).toEqual([1.2, -0.3, null, null]);
    expect(ds[1]!.data).toEqual([2.5, 3, null, null]);
    expect(ds[3]!.data).toEqual([6.1, 5.3, null, null]);
    expect(ds.map((d) => d.label)).toEqual([
      'Agriculture, forestry and fishery',
      'Industry and construction',
      'DV',
      'GRDP growth',
    ]);
    expect(ds[0]!.backgroundColor).toBe(SECTOR_COLOURS.agriculture);
  });

  it('cumulative view and vi labels, pp in tooltips', () => {
    const c = contributionsChart(input, { lang: 'vi', view: 'cumulative' });
    expect(c.data.labels).toEqual(['Quý I', 'Lũy kế 6 tháng', 'Lũy kế 9 tháng', 'Cả năm']);
    expect(c.data.datasets[0]!.data).toEqual([1.2, 0.4, null, null]);
    expect(c.options!.scales!.y!.title!.text).toBe('Đóng góp (điểm %)');
    const label = c.options!.plugins!.tooltip!.callbacks!.label!;
    const item = (datasetIndex: number, y: number) =>
      ({ datasetIndex, dataIndex: 0, parsed: { x: 0, y }, dataset: c.data.datasets[datasetIndex] }) as never;
    expect(label.call(undefined as never, item(0, 1.2))).toBe('Nông, lâm nghiệp và thủy sản: 1,20 điểm %');
    expect(label.call(undefined as never, item(3, 6.1))).toBe('Tăng trưởng GRDP: 6,10%');
  });

  it('from an evaluation: bar heights sum to the total line at every period', () => {
    const sectors = [{ id: 'a' }, { id: 'b' }];
    const ev = evaluate({
      sectors,
      base: { a: [100, 120, 130, 150], b: [50, 60, 70, 80] },
      growth: { a: [5, 6, 7, 8], b: [10, -2, 3, 4] },
    });
    const c = contributionsChart(contributionsFromEvaluation(ev, ['a', 'b']), { view: 'quarterly' });
    const [a, b, total] = c.data.datasets;
    for (let i = 0; i < 4; i++)
      expect((a!.data[i] as number) + (b!.data[i] as number)).toBeCloseTo(total!.data[i] as number, 9);
    expect(total!.data[0]).toBeCloseTo((105 + 55 - 150) / 1.5, 9);
  });
});
