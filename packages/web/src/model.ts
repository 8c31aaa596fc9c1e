/**
 * What the views need of a scenario beyond its charts: its keys (the total, then each sector) and sector names.
 * Chart inputs and tables come from @grdp/charts (`scenarioChart`), every figure from the engine.
 */
import { type Scenario, TOTAL } from '@grdp/engine';

export { sectorNames as namesOf } from '@grdp/engine';

export function keysOf(scenario: Scenario): string[] {
  return [TOTAL, ...scenario.sectors.map((s) => s.id)];
}
