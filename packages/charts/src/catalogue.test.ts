import { describe, expect, it } from 'vitest';
import { chartCatalogue, findChart, parseView } from './catalogue.ts';

const scenario = {
  sectors: [
    { id: 'agriculture', name: { vi: 'Nông nghiệp', en: 'Agriculture' } },
    { id: 'services', name: { vi: 'Dịch vụ', en: 'Services' } },
  ],
};

describe('chart catalogue', () => {
  it('lists total, each sector, contributions and fan', () => {
    expect(chartCatalogue(scenario).map((c) => c.name)).toEqual([
      'total',
      'agriculture',
      'services',
      'contributions',
      'fan',
    ]);
  });

  it('reads the old image names as aliases, with the view they fix', () => {
    expect(findChart(scenario, 'total-cumulative')).toEqual({
      name: 'total',
      kind: 'band',
      key: 'total',
      view: 'cumulative',
    });
    expect(findChart(scenario, 'total-quarterly')?.view).toBe('quarterly');
    expect(findChart(scenario, 'sector-services')).toEqual({ name: 'services', kind: 'band', key: 'services' });
    expect(findChart(scenario, 'fan')?.kind).toBe('fan');
  });

  it('knows no other chart', () => {
    for (const name of ['pie', 'sector-mining', 'sector-total', 'total-yearly', 'mining']) {
      expect(findChart(scenario, name), name).toBeUndefined();
    }
  });

  it('reads a view: cumulative, else quarterly', () => {
    expect(parseView('cumulative')).toBe('cumulative');
    expect(parseView('quarterly')).toBe('quarterly');
    expect(parseView(null)).toBe('quarterly');
    expect(parseView('weekly')).toBe('quarterly');
  });
});
