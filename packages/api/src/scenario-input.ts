/**
 * Turns a request body into a validated Scenario with the engine loader: YAML text (application/yaml, text/yaml)
 * through `loadScenario`, a JSON document through `parseScenarioObject`. The YAML is parsed safely by the engine
 * (depth and alias limits); the API never interprets a scenario itself.
 */
import { type Issue, loadScenario, parseScenarioObject, type Scenario, scenarioToYaml } from '@grdp/engine';

export interface ScenarioInput {
  scenario: Scenario;
  warnings: Issue[];
  /** The text to store: the YAML as sent, or the JSON document written as YAML. */
  yaml: string;
}

export function readScenarioBody(body: unknown): ScenarioInput {
  if (typeof body === 'string') {
    const { scenario, warnings } = loadScenario(body, { file: 'request body' });
    return { scenario, warnings: [...warnings], yaml: body };
  }
  const { scenario, warnings } = parseScenarioObject(body);
  return { scenario, warnings: [...warnings], yaml: scenarioToYaml(scenario) };
}
