/** Shared inputs: the An Giang scenario and repository paths. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bandPath, loadScenario, type Scenario } from '@grdp/engine';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const AN_GIANG_YAML = readFileSync(`${ROOT}scenarios/an-giang-2023.yaml`, 'utf8');

export function anGiang(): Scenario {
  return loadScenario(AN_GIANG_YAML, { file: 'an-giang-2023.yaml' }).scenario;
}

/** The evaluate input of a scenario's low path on its file's base levels. */
export function evaluateInput(scenario: Scenario, side: 'low' | 'high' = 'low') {
  if (!scenario.base) throw new Error(`${scenario.id} has no base levels`);
  return { sectors: scenario.sectors, base: scenario.base.levels, growth: bandPath(scenario, side) };
}
