import type { Scenario, Sector } from './types.ts';

/** The sectors that add up to the total: those without a parent. */
export function topLevelSectors(sectors: readonly Sector[]): Sector[] {
  return sectors.filter((s) => s.parent === undefined);
}

/** Ids of the sectors that add up to the total. */
export function componentIds(scenario: Pick<Scenario, 'sectors'>): string[] {
  return topLevelSectors(scenario.sectors).map((s) => s.id);
}

/** The scenario's own sector names by id, for labels (`keyLabel(key, lang, sectorNames(scenario))`). */
export function sectorNames(scenario: Pick<Scenario, 'sectors'>): Record<string, { vi: string; en: string }> {
  return Object.fromEntries(scenario.sectors.map((s) => [s.id, s.name]));
}
