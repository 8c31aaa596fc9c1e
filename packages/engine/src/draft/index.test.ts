import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anGiang2023 } from '../calibrate/fixtures.ts';
import { calibrate } from '../calibrate/index.ts';
import { residualsFor } from '../calibrate/residuals.ts';
import { evaluate } from '../evaluate/index.ts';
import { PERIODS } from '../periods.ts';
import { loadScenario } from '../scenario/load.ts';
import type { Actual, QuarterValues, Scenario } from '../scenario/types.ts';
import { scenarioToYaml } from '../scenario/write.ts';
import { type DraftProfile, draftScenario, lastYearPattern } from './index.ts';

const IDS = ['agriculture', 'industry_construction', 'services', 'product_taxes'] as const;

function fyOnly(s: Scenario): Scenario {
  return { ...s, targets: { FY: s.targets.FY! } };
}

/** A generated An Giang 2022: every sector's quarterly growth published as an estimate. */
function anGiang2022(): Scenario {
  const growth: Record<string, QuarterValues> = {
    agriculture: [1.85, 5.9, 3.7, 2.1],
    industry_construction: [9.4, 10.2, 12.8, 11.9],
    services: [7.1, 8.9, 9.6, 8.4],
    product_taxes: [4.1, 4.9, 5.2, 3.8],
  };
  const actuals: Actual[] = (['Q1', 'Q2', 'Q3', 'Q4'] as const).map((period, q) => ({
    period,
    vintage: 'estimate',
    values: Object.fromEntries(IDS.map((id) => [id, growth[id]![q]!])),
  }));
  return { ...anGiang2023(), id: 'an-giang-2022', year: 2022, targets: {}, actuals };
}

describe('draftScenario: An Giang 2023 from its FY targets and calibrated base', async () => {
  const published = anGiang2023();
  const { base } = await calibrate(published);
  const profiles: [string, DraftProfile][] = [
    ['flat', { kind: 'flat' }],
    ['last-year', { kind: 'last-year', pattern: lastYearPattern(anGiang2022(), base, IDS) }],
  ];
  for (const [name, profile] of profiles) {
    it(`${name}: FY bands equal the targets, the table recalibrates to < 0.005 pp`, async () => {
      const d = draftScenario(fyOnly(published), base, { profile });
      const t = d.scenario.targets;
      for (const key of ['total', ...IDS]) {
        expect(t.FY![key]!.low).toBe(published.targets.FY![key]!.low);
        expect(t.FY![key]!.high).toBe(published.targets.FY![key]!.high);
      }
      for (const p of PERIODS) for (const key of ['total', ...IDS]) expect(t[p]![key], `${p} ${key}`).toBeDefined();
      expect(d.maxAbsResidual!).toBeLessThan(0.005);
      expect(residualsFor(d.scenario, base).maxAbsResidual!).toBeLessThan(0.005);
      const again = await calibrate(d.scenario);
      expect(again.checked).toBe(38);
      expect(again.maxAbsResidual!).toBeLessThan(0.005);
      // the gap An Giang's sector targets leave under this base, reported in pp
      expect(d.gap.low.gap).toBeCloseTo(7 - d.gap.low.implied, 12);
      expect(Math.abs(d.gap.low.gap)).toBeLessThan(0.005);
    });
  }

  it('flat: every quarter of a sector prints its FY band', () => {
    const d = draftScenario(fyOnly(published), base, { profile: { kind: 'flat' } });
    for (const q of ['Q1', 'Q2', 'Q3', 'Q4'] as const)
      expect(d.scenario.targets[q]!.services!.printed).toBe('8,60 - 9,30%');
  });

  it("last-year: the quarters keep last year's pattern, shifted by one constant per sector and side", () => {
    const pattern = lastYearPattern(anGiang2022(), base, IDS);
    const d = draftScenario(fyOnly(published), base, { profile: { kind: 'last-year', pattern } });
    const g = d.growth.low.industry_construction!;
    const diffs = g.map((v, q) => v - pattern.industry_construction![q]!);
    for (const x of diffs) expect(Math.abs(x - diffs[0]!)).toBeLessThanOrEqual(0.0100001);
  });

  it('the drafted file writes and loads back unchanged', () => {
    const d = draftScenario(fyOnly(published), base, { profile: { kind: 'flat' } });
    const loaded = loadScenario(scenarioToYaml(d.scenario));
    expect(loaded.warnings).toEqual([]);
    expect(loaded.scenario.targets).toEqual(d.scenario.targets);
  });
});

describe('draftScenario: the gap between the sectors and the total', () => {
  const scenario: Scenario = {
    ...anGiang2023(),
    targets: {
      FY: {
        total: { low: 8, high: 8.5 },
        agriculture: { low: 3.2, high: 3.5 },
        industry_construction: { low: 11.75, high: 12.1 },
        services: { low: 8.6, high: 9.3 },
        product_taxes: { low: 4.35, high: 5.1 },
      },
    },
  };
  const base = Object.fromEntries(IDS.map((id) => [id, [25, 25, 25, 25] as QuarterValues]));
  // equal weights: the sectors give (3.2 + 11.75 + 8.6 + 4.35) / 4 = 6.975 % for the low side
  it('is reported, and the table says it does not reproduce', () => {
    const d = draftScenario(scenario, base, { profile: { kind: 'flat' } });
    expect(d.gap.low.implied).toBeCloseTo(6.975, 12);
    expect(d.gap.low.gap).toBeCloseTo(1.025, 12);
    expect(d.reproducible).toBe(false);
    expect(d.warnings.map((w) => w.code)).toContain('target-gap');
  });
  it('shift: every sector moves by the gap, and the table reproduces', () => {
    const d = draftScenario(scenario, base, { profile: { kind: 'flat' }, reconcile: { method: 'shift' } });
    // 3.2 + 1.025 = 4.225 printed 4.22 or 4.23: each rounded the way that keeps the total nearest to 8
    expect([4.22, 4.23]).toContain(d.fy.agriculture!.low);
    expect([12.77, 12.78]).toContain(d.fy.industry_construction!.low);
    const implied = IDS.reduce((acc, id) => acc + d.fy[id]!.low, 0) / 4;
    expect(Math.abs(implied - 8)).toBeLessThan(0.005);
    expect(d.fy.total!.low).toBe(8);
    expect(d.reproducible).toBe(true);
  });
  it('absorb: one sector takes gap · ΣB / ΣB_sector', () => {
    const d = draftScenario(scenario, base, {
      profile: { kind: 'flat' },
      reconcile: { method: 'absorb', sector: 'services' },
    });
    expect(d.fy.services!.low).toBe(12.7); // 8.6 + 1.025 · 4
    expect(d.fy.agriculture!.low).toBe(3.2);
    expect(d.reproducible).toBe(true);
  });
  it('absorb names an unknown sector: a clear error', () => {
    expect(() =>
      draftScenario(scenario, base, { profile: { kind: 'flat' }, reconcile: { method: 'absorb', sector: 'mining' } }),
    ).toThrow(/mining/);
  });
  it('a missing FY target is named', () => {
    const partial = { ...scenario, targets: { FY: { total: { low: 7, high: 7.5 } } } };
    expect(() => draftScenario(partial, base, { profile: { kind: 'flat' } })).toThrow(/targets\.FY\.agriculture/);
  });
});

describe('draftScenario: property', () => {
  const level = fc.integer({ min: 50, max: 500_000 }).map((n) => n / 1000);
  const quad = <T>(a: fc.Arbitrary<T>) => fc.tuple(a, a, a, a) as unknown as fc.Arbitrary<[T, T, T, T]>;
  const rate = fc.integer({ min: -500, max: 2500 }).map((n) => n / 100);
  const band = fc
    .tuple(rate, fc.integer({ min: 0, max: 150 }))
    .map(([low, w]) => ({ low, high: Math.round(low * 100 + w) / 100 }));
  const offset = fc.integer({ min: -300, max: 300 }).map((n) => n / 100);
  const profileArb: fc.Arbitrary<DraftProfile> = fc.oneof(
    fc.constant<DraftProfile>({ kind: 'flat' }),
    fc
      .tuple(quad(offset), quad(offset), quad(offset), quad(offset))
      .map(
        (rows): DraftProfile => ({ kind: 'shape', offsets: Object.fromEntries(IDS.map((id, i) => [id, rows[i]!])) }),
      ),
    fc.tuple(quad(rate), quad(rate), quad(rate), quad(rate)).map(
      (rows): DraftProfile => ({
        kind: 'last-year',
        pattern: Object.fromEntries(IDS.map((id, i) => [id, rows[i]!])),
      }),
    ),
  );

  it('on random bases and targets (total reconciled by shift): FY equals the targets, every figure reproduces', () => {
    fc.assert(
      fc.property(
        fc.tuple(quad(level), quad(level), quad(level), quad(level)),
        fc.tuple(band, band, band, band),
        band,
        profileArb,
        (levels, sectorBands, totalBand, profile) => {
          const base = Object.fromEntries(IDS.map((id, i) => [id, levels[i]!])) as Record<string, QuarterValues>;
          const FY = { total: totalBand, ...Object.fromEntries(IDS.map((id, i) => [id, sectorBands[i]!])) };
          const scenario: Scenario = { ...anGiang2023(), targets: { FY } };
          const d = draftScenario(scenario, base, { profile, reconcile: { method: 'shift' } });
          expect(d.scenario.targets.FY!.total!.low).toBe(totalBand.low);
          expect(d.scenario.targets.FY!.total!.high).toBe(totalBand.high);
          const report = residualsFor(d.scenario, base);
          expect(report.maxAbsResidual!).toBeLessThan(0.005);
          // the drafted quarters, evaluated, land every sector on its printed FY band
          for (const side of ['low', 'high'] as const) {
            const e = evaluate({ sectors: scenario.sectors, base, growth: d.growth[side] });
            for (const id of IDS)
              expect(Math.abs(e.periods.FY.sectors[id]!.growth - d.fy[id]![side])).toBeLessThan(0.005);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
