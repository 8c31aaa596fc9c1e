import { describe, expect, it } from 'vitest';
import { residualsFor } from '../calibrate/residuals.ts';
import type { GrdpError } from '../errors.ts';
import { evaluate } from '../evaluate/index.ts';
import { loadScenario } from '../scenario/load.ts';
import type { QuarterValues, Scenario } from '../scenario/types.ts';
import { adjustScenario } from './index.ts';

// Vite's ?raw import, as in scenario/load.test.ts: the engine's sources stay free of node: modules.
const url = '../../../../scenarios/an-giang-2023.yaml?raw';
const anGiangText = ((await import(/* @vite-ignore */ url)) as { default: string }).default;
const anGiang = (): Scenario => loadScenario(anGiangText).scenario;
const IDS = ['agriculture', 'industry_construction', 'services', 'product_taxes'];

/** FY total of the actual quarters (exact, as published or derived) and the re-drafted remaining quarters. */
function fyTotal(s: Scenario, a: ReturnType<typeof adjustScenario>, side: 'low' | 'high', m: number): number {
  const growth: Record<string, QuarterValues> = {};
  for (const id of IDS)
    growth[id] = [0, 1, 2, 3].map((q) => (q < m ? a.actual[id]![q]! : a.growth[side][id]![q]!)) as QuarterValues;
  return evaluate({ sectors: s.sectors, base: s.base!.levels, growth }).periods.FY.total.growth;
}

describe('adjustScenario: An Giang 2023 as of Q2 with its published Q1 and H1 estimates', () => {
  const scenario = anGiang();
  const base = scenario.base!.levels;
  for (const reconcile of [{ method: 'none' }, { method: 'shift' }] as const) {
    it(`reconcile ${reconcile.method}: Q3/Q4 bands land the FY total on 7,0 and 7,5 (± 0,01)`, () => {
      const a = adjustScenario(scenario, base, { asOf: 'Q2', reconcile });
      expect(Math.abs(fyTotal(scenario, a, 'low', 2) - 7)).toBeLessThan(0.01);
      expect(Math.abs(fyTotal(scenario, a, 'high', 2) - 7.5)).toBeLessThan(0.01);
      expect(a.scenario.targets.FY!.total).toMatchObject({ low: 7, high: 7.5 });
      expect(a.flags).toEqual([]);
      expect(a.reproducible).toBe(true);
      expect(residualsFor(a.scenario, base).maxAbsResidual!).toBeLessThan(0.005);
    });
  }

  it('keeps the actual quarters as points: Q1 as published, Q2 derived from H1 and Q1', () => {
    const a = adjustScenario(scenario, base, { asOf: 'Q2' });
    const t = a.scenario.targets;
    expect(t.Q1!.agriculture).toMatchObject({ low: 3.09, high: 3.09, printed: '3,09%' });
    expect(t.Q1!.services).toMatchObject({ low: 9.5, high: 9.5 });
    expect(t.Q2!.agriculture!.low).toBe(t.Q2!.agriculture!.high);
    expect(t.H1!.industry_construction).toMatchObject({ low: 9.51, high: 9.51 });
    // industry grew 9.51 % in H1: the second half must grow faster than the FY band
    expect(t.Q3!.industry_construction!.low).toBeGreaterThan(12.1);
  });

  it('each sector still reaches its FY band (evaluated with the actuals, within half a unit)', () => {
    const a = adjustScenario(scenario, base, { asOf: 'Q2', rule: 'uniform' });
    for (const side of ['low', 'high'] as const) {
      const growth: Record<string, QuarterValues> = {};
      for (const id of IDS) growth[id] = a.growth[side][id]!;
      const e = evaluate({ sectors: scenario.sectors, base, growth });
      for (const id of IDS)
        expect(Math.abs(e.periods.FY.sectors[id]!.growth - scenario.targets.FY![id]![side])).toBeLessThan(0.005);
      // uniform: Q3 and Q4 of a sector differ by rounding only
      for (const id of IDS)
        expect(Math.abs(a.growth[side][id]![2]! - a.growth[side][id]![3]!)).toBeLessThanOrEqual(0.0100001);
    }
  });

  it('is a new version linked to the one it adjusts', () => {
    const a = adjustScenario(scenario, base, {
      asOf: 'Q2',
      version: { label: 'adjusted-2023-07', date: '2023-07-15' },
    });
    expect(a.scenario.version).toEqual({ label: 'adjusted-2023-07', date: '2023-07-15', adjusts: 'initial' });
  });

  it('flags a sector that cannot reach its target', () => {
    const collapsed: Scenario = {
      ...scenario,
      actuals: [
        {
          period: 'Q1',
          vintage: 'estimate',
          values: { agriculture: -40, industry_construction: 9, services: 9, product_taxes: 5 },
        },
        {
          period: 'H1',
          vintage: 'estimate',
          values: { agriculture: -30, industry_construction: 9.5, services: 8.2, product_taxes: 3.6 },
        },
      ],
    };
    const a = adjustScenario(collapsed, base, { asOf: 'Q2' });
    expect(a.flags.some((f) => f.key === 'agriculture' && f.kind === 'implausible')).toBe(true);
    expect(a.warnings.some((w) => w.code === 'implausible-growth' && w.path.endsWith('agriculture'))).toBe(true);
  });

  it('absorb: one sector takes the gap, its FY band prints what it now reaches', () => {
    const a = adjustScenario(scenario, base, {
      asOf: 'Q2',
      reconcile: { method: 'absorb', sector: 'industry_construction' },
    });
    expect(Math.abs(fyTotal(scenario, a, 'low', 2) - 7)).toBeLessThan(0.005);
    expect(a.scenario.targets.FY!.agriculture).toMatchObject({ low: 3.2, high: 3.5 });
  });

  it('names what is missing: asOf Q3 needs a Q3 actual', () => {
    const messages = (() => {
      try {
        adjustScenario(scenario, base, { asOf: 'Q3' });
        return [];
      } catch (error) {
        return (error as GrdpError).issues.map((i) => i.message);
      }
    })();
    expect(messages.some((m) => m.includes('no Q3 actual for agriculture'))).toBe(true);
    expect(() => adjustScenario(scenario, base, { asOf: 'Q4' as 'Q3' })).toThrow(/Q1, Q2 or Q3/);
  });
});
