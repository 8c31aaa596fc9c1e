/**
 * Turns a request body into a validated Scenario with the engine loader: YAML text (application/yaml, text/yaml)
 * through `loadScenario`, a JSON document through `parseScenarioObject`. The YAML is parsed safely by the engine
 * (depth and alias limits); the API never interprets a scenario itself.
 */
import {
  type IndicatorSet,
  type Issue,
  indicatorSetToFile,
  loadScenario,
  parseScenarioObject,
  type Scenario,
  scenarioToYaml,
} from '@grdp/engine';

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
  const { scenario, warnings } = parseScenarioObject(asFileObject(body));
  return { scenario, warnings: [...warnings], yaml: scenarioToYaml(scenario) };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A JSON body as the scenario file's data. GET /api/scenarios/:id answers `{id, scenario, yaml, updatedAt,
 * updatedBy, etag}`; its `scenario` is the engine's Scenario, where `indicators` is the parsed set
 * `{departments, indicators}` rather than the file's two lists. Either (the whole answer or its `scenario`) is
 * taken as it is: the set is written back as the file's lists by the engine's `indicatorSetToFile`, and the loader
 * then checks everything as usual. Any other body is left as sent.
 */
function asFileObject(body: unknown): unknown {
  if (!isObject(body)) return body;
  const envelope = isObject(body.scenario) && typeof body.yaml === 'string' && typeof body.etag === 'string';
  const s = envelope ? (body.scenario as Record<string, unknown>) : body;
  const set = s.indicators;
  if (!isObject(set) || !Array.isArray(set.indicators) || !Array.isArray(set.departments)) return s;
  try {
    return { ...s, ...indicatorSetToFile(set as unknown as IndicatorSet) };
  } catch {
    return s; // not a parsed set after all: the loader says what is wrong with it
  }
}
