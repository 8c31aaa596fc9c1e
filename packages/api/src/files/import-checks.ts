/**
 * What a clerk should look at before confirming an import, per period: the file's cells outside their target
 * band, and a total that disagrees with its sectors beyond rounding (the engine's `actualTable` finding
 * `actual-total-inconsistent`, on the scenario as it would be after the import).
 */
import {
  actualTable,
  type EnteredActual,
  effectiveScenario,
  type Period,
  resolveBase,
  type Scenario,
  TOTAL,
  type Vintage,
} from '@grdp/engine';
import type { ImportedPeriod } from '../repositories/actuals.ts';

export interface ImportChecks {
  outOfBand: { key: string; value: number; low: number; high: number }[];
  totalMismatch: { published: number; fromSectors: number; tolerance: number } | null;
}

export async function importChecks(
  scenario: Scenario,
  current: readonly EnteredActual[],
  periods: readonly ImportedPeriod[],
): Promise<Map<Period, ImportChecks>> {
  const out = new Map<Period, ImportChecks>();
  for (const p of periods) {
    const bands = scenario.targets[p.period] ?? {};
    const outOfBand = p.changes
      .map(({ key, after }) => ({ key, value: after, band: bands[key] }))
      .filter(({ value, band }) => band !== undefined && (value < band.low || value > band.high))
      .map(({ key, value, band }) => ({ key, value, low: band!.low, high: band!.high }));
    out.set(p.period, { outOfBand, totalMismatch: null });
  }
  const after: EnteredActual[] = [
    ...current.filter((a) => !periods.some((p) => p.period === a.period)),
    ...periods.map((p) => ({
      period: p.period,
      vintage: p.vintage as Vintage,
      values: p.values,
      author: 'import',
    })),
  ];
  try {
    const effective = effectiveScenario(scenario, after);
    const { base } = await resolveBase(effective);
    for (const f of actualTable(effective, base).findings) {
      const checks = out.get(f.period as Period);
      if (checks && f.code === 'actual-total-inconsistent' && f.key === TOTAL)
        checks.totalMismatch = { published: f.published, fromSectors: f.computed, tolerance: f.tolerance };
    }
  } catch {
    // No base levels to add the sectors with (a scenario that needs calibrating and cannot be): no sum check.
  }
  return out;
}
