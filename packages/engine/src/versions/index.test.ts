import { describe, expect, it } from 'vitest';
import { anGiang2023 } from '../calibrate/fixtures.ts';
import { compareVersions } from './index.ts';

describe('compareVersions', () => {
  it('puts every band of two versions side by side with the change in pp', () => {
    const initial = anGiang2023();
    const adjusted = {
      ...initial,
      version: { label: 'adjusted-2023-06', adjusts: 'initial' },
      targets: { ...initial.targets, Q3: { ...initial.targets.Q3, total: { low: 7.36, high: 8.21 } } },
    };
    const c = compareVersions([initial, adjusted]);
    expect(c.versions.map((v) => v.label)).toEqual(['initial', 'adjusted-2023-06']);
    const q3 = c.cells.find((x) => x.period === 'Q3' && x.key === 'total')!;
    expect(q3.bands).toEqual([
      { low: 7.02, high: 7.45 },
      { low: 7.36, high: 8.21 },
    ]);
    expect(q3.change[0]).toEqual({ low: 0.34, high: 0.76 });
    const fy = c.cells.find((x) => x.period === 'FY' && x.key === 'services')!;
    expect(fy.change[0]).toEqual({ low: 0, high: 0 });
    expect(c.cells).toHaveLength(35);
  });
});

describe('the version and merged-base provenance in a scenario file', () => {
  it('load, write and load back unchanged; a bad date is named', async () => {
    const { loadScenario } = await import('../scenario/load.ts');
    const { scenarioToYaml } = await import('../scenario/write.ts');
    const s = {
      ...anGiang2023(),
      base: {
        unit: 'billion VND, constant 2010 prices',
        origin: 'official' as const,
        levels: Object.fromEntries(
          anGiang2023().sectors.map((x) => [x.id, [1, 2, 3, 4] as [number, number, number, number]]),
        ),
        from: [{ id: 'an-giang-2024', region: 'An Giang', unit: 'index, 2024 = 100', size: 90_000 }],
      },
      version: { label: 'adjusted-2023-06', date: '2023-06-30', note: 'Q2 estimates', adjusts: 'initial' },
    };
    const back = loadScenario(scenarioToYaml(s)).scenario;
    expect(back.version).toEqual(s.version);
    expect(back.base!.from).toEqual(s.base.from);
    expect(() => loadScenario(scenarioToYaml(s).replace('2023-06-30', '2023-02-30'))).toThrow(/version\.date/);
  });
});
