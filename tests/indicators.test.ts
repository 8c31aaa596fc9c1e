/**
 * The shipped files carry every main indicator of both plans, typed as printed: 15 numbered indicators in
 * An Giang 2023 (section I.2) and 33 in An Giang 2026–2030 (10 economic, 18 social, 5 environmental).
 */
import { readFileSync } from 'node:fs';
import { type Indicator, indicatorRows, loadPlan, loadScenario } from '@grdp/engine';
import { describe, expect, it } from 'vitest';

const dir = new URL('../scenarios/', import.meta.url).pathname;
const numbered = (list: Indicator[], category?: string) =>
  new Set(list.filter((i) => i.main && (!category || i.category === category)).map((i) => `${i.category}:${i.no}`))
    .size;

describe('scenarios/an-giang-2023.yaml indicators', () => {
  const { scenario } = loadScenario(readFileSync(`${dir}an-giang-2023.yaml`, 'utf8'));
  const set = scenario.indicators!;
  const byId = (id: string) => set.indicators.find((i) => i.id === id)!;

  it('has the 15 main indicators of section I.2, every one with a unit and a qualifier', () => {
    expect(new Set(set.indicators.filter((i) => i.main).map((i) => i.no))).toEqual(
      new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]),
    );
    for (const i of set.indicators) {
      expect(i.unit.vi.length).toBeGreaterThan(0);
      expect(i.target.kind).toBeTruthy();
    }
    expect(set.indicators.filter((i) => !i.main).map((i) => i.id)).toEqual([
      'retail-sales',
      'tourist-arrivals',
      'tourism-revenue',
    ]);
  });

  it('types the printed figures exactly', () => {
    expect(byId('grdp-per-capita').target).toEqual({ kind: 'band', low: 60.52, high: 62.03 });
    expect(byId('social-investment').target).toEqual({ kind: 'band', low: 35951, high: 37783 });
    expect(byId('exports').target).toEqual({ kind: 'reach', value: 1170 });
    expect(byId('health-insurance').target).toEqual({ kind: 'reach', value: 92.75 });
    expect(byId('new-rural-communes').target).toEqual({ kind: 'reach', value: 7 });
    expect(byId('multidimensional-poverty').target).toMatchObject({ kind: 'averageAnnualChange', low: 1, high: 1.2 });
    expect(byId('tourist-arrivals').target).toEqual({ kind: 'about', value: 8, tolerancePercent: 5 });
  });

  it('names the 13 bodies of section III and the departments it makes responsible', () => {
    expect(set.departments).toHaveLength(13);
    expect(byId('budget-revenue').department).toBe('so-tai-chinh');
    expect(byId('exports').department).toBe('so-cong-thuong');
    expect(byId('urbanisation').department).toBe('so-xay-dung');
    expect(byId('e-government').department).toBe('so-thong-tin-truyen-thong');
    expect(byId('rural-clean-water').department).toBe('so-nong-nghiep-ptnt');
    expect(byId('growth-industry-construction').cooperating).toEqual(['so-xay-dung', 'so-ke-hoach-dau-tu']);
    expect(byId('grdp-per-capita').department).toBeUndefined();
  });

  it('gives the GRDP indicators their status from the full-year estimates (7,36 % in 7,0 - 7,5)', () => {
    const rows = indicatorRows(set, { grdp: { year: scenario.year, actuals: scenario.actuals } });
    const status = Object.fromEntries(rows.map((r) => [r.indicator.id, r.status.status]));
    expect(status['grdp-growth']).toBe('met');
    expect(status['growth-agriculture']).toBe('exceeded'); // 3,81 above 3,2 - 3,5
    expect(status['growth-industry-construction']).toBe('not-met'); // 10,74 below 11,75 - 12,10
    expect(status.exports).toBe('no-data');
  });
});

describe('scenarios/an-giang-2026-2030.plan.yaml indicators', () => {
  const plan = loadPlan(readFileSync(`${dir}an-giang-2026-2030.plan.yaml`, 'utf8'));
  const list = plan.indicators!.indicators;
  const byId = (id: string) => list.find((i) => i.id === id)!;

  it('has 33 numbered indicators: 10 economic, 18 social, 5 environmental', () => {
    expect(numbered(list)).toBe(33);
    expect(numbered(list, 'economic')).toBe(10);
    expect(numbered(list, 'social')).toBe(18);
    expect(numbered(list, 'environment')).toBe(5);
  });

  it('types the printed figures and qualifiers exactly', () => {
    expect(byId('grdp-current-prices').target).toEqual({ kind: 'reach', value: 616565.83 });
    expect(byId('grdp-growth-average')).toMatchObject({
      target: { kind: 'atLeast', value: 11 },
      period: { kind: 'average', from: 2026, to: 2030, mean: 'geometric' },
    });
    expect(byId('urbanisation').target).toEqual({ kind: 'above', value: 50 });
    expect(byId('unemployment')).toMatchObject({ target: { kind: 'below', value: 3.6 }, better: 'lower' });
    expect(byId('par-index-rank').target).toEqual({ kind: 'rank', rank: 11, of: 34 });
    expect(byId('pii-rank').target).toEqual({ kind: 'rank', rank: 5, of: 34 });
    expect(byId('population').target).toEqual({ kind: 'reach', value: 3755949 });
    expect(byId('multidimensional-poverty').target).toMatchObject({ low: 0.3, high: 0.5, direction: 'decrease' });
    expect(byId('budget-revenue-5y').period).toEqual({ kind: 'total', from: 2026, to: 2030 });
    expect(byId('forest-cover').target).toEqual({ kind: 'reach', value: 8.9 });
  });
});
