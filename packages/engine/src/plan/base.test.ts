import { describe, expect, it } from 'vitest';
import { GrdpError } from '../errors.ts';
import { loadScenario } from '../scenario/load.ts';
import type { Scenario } from '../scenario/types.ts';
import { planBaseFromScenario } from './base.ts';
import { evaluatePlan } from './evaluate.ts';
import { loadPlan } from './load.ts';
import type { Plan } from './types.ts';

// Vite's ?raw import, as in scenario/load.test.ts: the engine's sources stay free of node: modules.
async function raw(path: string): Promise<string> {
  const url = `../../../../scenarios/${path}?raw`;
  return ((await import(/* @vite-ignore */ url)) as { default: string }).default;
}

/** The codes and paths a bad call reports. */
function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(GrdpError);
    return (e as GrdpError).issues.map((i) => `${i.code} ${i.path}`);
  }
  return [];
}

describe('planBaseFromScenario', () => {
  it('the 2026–2030 plan takes its 2025 base from the merged An Giang: 2024 levels × 1.0839', async () => {
    const plan = loadPlan(await raw('an-giang-2026-2030.plan.yaml'));
    const merged = loadScenario(await raw('merged/an-giang-merged-2024.yaml')).scenario;
    expect(plan.baseFrom).toMatchObject({ file: 'merged/an-giang-merged-2024.yaml', growth: { 2025: 8.39 } });
    expect(plan.baseLevel).toBeUndefined();
    const withBase = planBaseFromScenario(plan, merged);
    // 68,914.22 (old An Giang, estimated size) + 78,259.75 (Kiên Giang) = 147,173.97; × 1.0839 = 159,521.866083
    expect(withBase.baseLevel).toEqual({
      value: 159_521.866083,
      unit: 'billion VND',
      priceBasis: 'constant 2010 prices',
    });
    const e = evaluatePlan(withBase);
    expect(e.baseLevel).toBe(159_521.866083);
    expect(e.finalIndex).toBe(168.50581551);
    expect(e.finalLevel).toBeCloseTo(159_521.866083 * 1.11 ** 5, 6);
    // a constant-price base does not give the current-price check: it still says what is missing
    expect(e.currentPriceTarget!.missing.join(' ')).toMatch(/current prices of 2025.*constant 2010 prices/);
  });

  const plan: Plan = {
    id: 'p',
    title: { vi: 'p', en: 'p' },
    region: 'X',
    startYear: 2026,
    endYear: 2030,
    baseYear: 2025,
    baseFrom: { file: 'b.yaml', growth: { 2025: 10 } },
    targets: { averageGrowth: 5 },
  };
  const scenario = (year: number, unit = 'billion VND'): Scenario => ({
    id: 's',
    title: { vi: 's', en: 's' },
    region: 'X',
    year,
    source: 's',
    priceBasis: 'constant 2010 prices',
    sectors: [
      { id: 'a', name: { vi: 'a', en: 'a' } },
      { id: 'a1', name: { vi: 'a1', en: 'a1' }, parent: 'a' },
      { id: 'b', name: { vi: 'b', en: 'b' } },
    ],
    base: {
      unit,
      origin: 'official',
      levels: { a: [10, 20, 30, 40], a1: [1, 1, 1, 1], b: [0.1, 0.2, 0.3, 0.4] },
    },
    targets: {},
    actuals: [],
  });

  it('adds the top-level sectors only (parts are inside their parent) and compounds exactly', () => {
    expect(planBaseFromScenario(plan, scenario(2025)).baseLevel!.value).toBe(111.1); // 101 × 1.1
    const twoYears = { ...plan, baseFrom: { file: 'b.yaml', growth: { 2024: 10, 2025: 10 } } };
    expect(planBaseFromScenario(twoYears, scenario(2024)).baseLevel!.value).toBe(122.21); // 101 × 1.1²
  });

  it('levels of the base year itself need no growth', () => {
    const none = { ...plan, baseFrom: { file: 'b.yaml' } };
    expect(planBaseFromScenario(none, scenario(2026)).baseLevel!.value).toBe(101);
  });

  it('a missing or extra growth year, index levels, or levels after the base year are errors', () => {
    expect(problems(() => planBaseFromScenario(plan, scenario(2024)))).toEqual(['INPUT_INVALID baseFrom.growth.2024']);
    expect(problems(() => planBaseFromScenario(plan, scenario(2026)))).toEqual(['INPUT_INVALID baseFrom.growth.2025']);
    expect(problems(() => planBaseFromScenario(plan, scenario(2025, 'index, 2024 = 100')))).toEqual([
      'INPUT_INVALID base.unit',
    ]);
    expect(problems(() => planBaseFromScenario(plan, scenario(2027)))).toContain('INPUT_INVALID baseFrom.file');
    const { base: _, ...noBase } = scenario(2025);
    expect(problems(() => planBaseFromScenario(plan, noBase))).toEqual(['INPUT_MISSING_BASE base']);
  });
});
