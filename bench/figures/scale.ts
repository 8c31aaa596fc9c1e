/** scale.*: the national file (34 provinces × 21 sections × 4 quarters): in the engine and through the API. */
import { bandPath, evaluate, loadScenario, track } from '@grdp/engine';
import { nationalFile } from '../../tests/fixtures/national.ts';
import { measure } from '../measure.ts';
import { type AreaResult, type Figure, goalFigure, notMeasured, type SuiteOptions } from '../types.ts';
import type { BenchServer, ServerSlot } from './server.ts';

export async function scaleFigures(slot: ServerSlot, options: SuiteOptions = {}): Promise<AreaResult> {
  const smoke = options.smoke ?? false;
  const file = nationalFile(smoke ? { provinces: 2, sections: 3 } : {});
  const n = file.yaml.length;
  const sections = file.scenarios[0]!.sectors.length;

  const pass = () => {
    let statuses = 0;
    for (const [i, text] of file.yaml.entries()) {
      const { scenario } = loadScenario(text, { file: `national-${i}.yaml` });
      const base = scenario.base!.levels;
      evaluate({ sectors: scenario.sectors, base, growth: bandPath(scenario, 'low') });
      evaluate({ sectors: scenario.sectors, base, growth: bandPath(scenario, 'high') });
      statuses += track(scenario, base).status.length;
    }
    return statuses;
  };
  if (pass() === 0) throw new Error('the national file tracks nothing');
  const engine = await measure('national load+evaluate+track', pass, {
    time: smoke ? 10 : 5000,
    iterations: smoke ? 1 : 10,
    warmupIterations: 1,
  });

  const engineFigure = goalFigure(
    'scale.load-evaluate-track',
    engine.mean,
    'ms (national file)',
    '≤ 50 ms',
    (v) => v <= 50,
    {
      note: `${n} provinces × ${sections} sections: loadScenario (YAML) + evaluate low and high (exact) + track, in one thread`,
    },
  );
  // Through the API: the suite's server, on the server's default compute pool as production runs.
  if (!slot.server)
    return {
      figures: [engineFigure, notMeasured('scale.api-track-p50', 'ms (national file, p50)', '≤ 80 ms', slot.reason)],
    };
  return throughApi(slot.server, file, engineFigure, smoke);
}

async function throughApi(
  server: BenchServer,
  file: ReturnType<typeof nationalFile>,
  engineFigure: Figure,
  smoke: boolean,
): Promise<AreaResult> {
  const n = file.yaml.length;
  // Every province at once, to the track route if the API has one, else /api/evaluate.
  const json = { 'content-type': 'application/json' };
  const yaml = { 'content-type': 'application/yaml' };
  let useTrack = true;
  const first = await fetch(`${server.api}/api/track`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ scenario: file.yaml[0] }),
  });
  if (first.status === 404 && (await first.text()).includes('Route POST')) useTrack = false;
  const post = (text: string) =>
    (useTrack
      ? fetch(`${server.api}/api/track`, { method: 'POST', headers: json, body: JSON.stringify({ scenario: text }) })
      : fetch(`${server.api}/api/evaluate`, { method: 'POST', headers: yaml, body: text })
    ).then(async (r) => {
      if (r.status !== 200) throw new Error(`${r.url} answered ${r.status}: ${await r.text()}`);
      return r.json();
    });
  const all = () => Promise.all(file.yaml.map(post));
  await all();
  const api = await measure('national via API', all, {
    time: smoke ? 10 : 5000,
    iterations: smoke ? 1 : 20,
    warmupIterations: 2,
  });
  const route = useTrack
    ? 'POST /api/track ({scenario: YAML text})'
    : 'POST /api/evaluate (YAML; the API has no track route)';

  return {
    figures: [
      engineFigure,
      goalFigure('scale.api-track-p50', api.p50, 'ms (national file, p50)', '≤ 80 ms', (v) => v <= 80, {
        note: `${n} concurrent ${route}, one per province, on the default compute pool; p50 over repetitions of the whole file`,
      }),
    ],
    notes: [
      'Scale: the national file is `tests/fixtures/national.ts` (seeded, made up: 34 provinces × 21 VSIC sections ' +
        '`section_a`..`section_u` × 4 quarters, every period banded, Q1 and H1 actuals, base levels in the file). ' +
        `Through the API: ${route} for every province at once over keep-alive connections (Node fetch), the p50 ` +
        'of the time to answer the whole file, from a server of its own on the default compute pool ' +
        '(COMPUTE_THREADS=2 worker threads, as production runs; the what-if server computes on the event loop).',
    ],
  };
}
