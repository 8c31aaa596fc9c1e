import { describe, expect, it } from 'vitest';
import { GrdpError } from '../errors.ts';
import { loadPlan } from './load.ts';
import { parsePlanObject } from './parse.ts';

const valid = {
  id: 'an-giang-2026-2030',
  title: { vi: 'Kế hoạch 2026 - 2030', en: 'Plan 2026–2030' },
  region: 'An Giang',
  startYear: 2026,
  endYear: 2030,
  baseYear: 2025,
  targets: { averageGrowth: 11, finalLevelCurrentPrices: { value: 616565.83, unit: 'billion VND' } },
};

/** The paths of the issues a bad plan reports. */
function paths(obj: unknown): string[] {
  try {
    parsePlanObject(obj);
  } catch (e) {
    expect(e).toBeInstanceOf(GrdpError);
    expect((e as GrdpError).issues.every((i) => i.code === 'INPUT_INVALID')).toBe(true);
    return (e as GrdpError).issues.map((i) => i.path);
  }
  return [];
}

describe('parsePlanObject', () => {
  it('accepts a plan without a base level and returns it typed', () => {
    const p = parsePlanObject(valid);
    expect(p).toEqual(valid);
    expect(p.baseLevel).toBeUndefined();
  });

  it('accepts a base given as regions, per-year maps and a deflator', () => {
    const p = parsePlanObject({
      ...valid,
      baseLevel: {
        unit: 'billion VND',
        priceBasis: 'current',
        regions: [
          { id: 'an-giang', name: 'An Giang', value: 1, validTo: '2025-06-30' },
          { id: 'kien-giang', name: 'Kiên Giang', value: 2.5 },
        ],
        value: 3.5,
      },
      deflator: { 2026: 3.5, '2027': 4 },
      actuals: { 2026: 9.1 },
      targets: { ...valid.targets, annual: { 2026: 10 } },
    });
    expect(p.baseLevel!.regions).toHaveLength(2);
    expect(p.deflator).toEqual({ 2026: 3.5, 2027: 4 });
    expect(p.actuals).toEqual({ 2026: 9.1 });
  });

  it('reports every problem with its path', () => {
    expect(
      paths({
        ...valid,
        id: 'An Giang',
        extra: 1,
        endYear: 2024,
        title: { vi: 'x' },
        targets: { averageGrowth: '11%', annual: { 2040: 5 }, nope: 1 },
        actuals: { 2026: 9, 2028: 10 },
        baseLevel: {
          unit: 'billion VND',
          priceBasis: 'current',
          value: 3,
          regions: [{ id: 'a', name: 'A', value: 1 }],
        },
      }).sort(),
    ).toEqual(
      [
        'actuals.2026', // years must lie in [2026, endYear] and endYear is 2024 here
        'actuals.2028',
        'baseLevel.value',
        'endYear',
        'extra',
        'id',
        'targets.annual.2040',
        'targets.averageGrowth',
        'targets.nope',
        'title.en',
      ].sort(),
    );
  });

  it('requires consecutive actual years and a base value or regions', () => {
    expect(paths({ ...valid, actuals: { 2027: 9 } })).toEqual(['actuals.2027']);
    expect(paths({ ...valid, baseLevel: { unit: 'billion VND', priceBasis: 'current' } })).toEqual(['baseLevel']);
    expect(paths({ ...valid, baseYear: 2026 })).toEqual(['baseYear']);
    expect(paths([1, 2])).toEqual(['']);
  });
});

describe('loadPlan', () => {
  it('reads YAML (year keys as numbers) and reports syntax errors at the root', () => {
    const p = loadPlan(
      'id: p\ntitle: {vi: a, en: b}\nregion: X\nstartYear: 2026\nendYear: 2027\nbaseYear: 2025\ntargets: {annual: {2026: 8, 2027: 9}}\n',
    );
    expect(p.targets.annual).toEqual({ 2026: 8, 2027: 9 });
    expect(() => loadPlan('id: [unclosed')).toThrow(GrdpError);
  });

  it('baseFrom names a scenario file and the growth to the base year; not together with baseLevel', () => {
    const baseFrom = { file: 'merged/m.yaml', growth: { 2025: 8.39 }, source: 'x' };
    expect(parsePlanObject({ ...valid, baseFrom }).baseFrom).toEqual(baseFrom);
    expect(paths({ ...valid, baseFrom: { file: '', extra: 1, growth: { 2026: 1 } } })).toEqual([
      'baseFrom.extra',
      'baseFrom.file',
      'baseFrom.growth.2026',
    ]);
    expect(paths({ ...valid, baseFrom, baseLevel: { value: 1, unit: 'billion VND', priceBasis: 'current' } })).toEqual([
      'baseFrom',
    ]);
  });
});
