import type { Scenario, Sector } from './types.ts';

/** The sectors that add up to the total: those without a parent. */
export function topLevelSectors(sectors: readonly Sector[]): Sector[] {
  return sectors.filter((s) => s.parent === undefined);
}

/** Ids of the sectors that add up to the total. */
export function componentIds(scenario: Pick<Scenario, 'sectors'>): string[] {
  return topLevelSectors(scenario.sectors).map((s) => s.id);
}
