/**
 * api.*: autocannon against the API on 127.0.0.1 (server in a worker thread): the compute route beside the
 * trivial `/healthz`, same settings, same run; and chart images per second (renderChart, PNG).
 */
import autocannon, { type Options as LoadOptions } from 'autocannon';
import { renderChart } from '../../packages/api/src/charts/render.ts';
import { bandChart, bandInput } from '../../packages/charts/src/index.ts';
import { actualTable } from '../../packages/engine/src/index.ts';
import { measure } from '../measure.ts';
import { type AreaResult, type Figure, goalFigure, notMeasured, referenceFigure, type SuiteOptions } from '../types.ts';
import { anGiang } from './common.ts';
import type { ServerSlot } from './server.ts';

/** The what-if route and its body; the evaluate route stands in where an API has no what-if route. */
export const WHATIF_ROUTE = '/api/scenarios/an-giang-2023/whatif';
export const WHATIF_BODY = JSON.stringify({ shocks: ['agriculture:Q3:-2pp'], baseline: 'mid' });
export const WHATIF_STAND_IN = '/api/scenarios/an-giang-2023/evaluate';

/** renderChart of the An Giang band chart, PNG: images per second (in process, no server needed). */
async function chartFigure(smoke: boolean): Promise<Figure> {
  const scenario = anGiang();
  if (!scenario.base) throw new Error(`${scenario.id} has no base levels`);
  const config = bandChart(bandInput(scenario, actualTable(scenario, scenario.base.levels), 'total'));
  const png = renderChart(config, { width: 800, height: 450, format: 'png' });
  if (png.length < 1000) throw new Error('renderChart returned a tiny PNG');
  const chart = await measure(
    'renderChart band png',
    () => renderChart(config, { width: 800, height: 450, format: 'png' }),
    {
      time: smoke ? 10 : 3000,
      iterations: smoke ? 1 : 20,
    },
  );
  return referenceFigure('api.chart-png.per-second', chart.hz, 'images/s', {
    note: 'renderChart(bandChart(An Giang total bands and actuals)), 800 × 450 PNG, @napi-rs/canvas',
  });
}

export async function apiFigures(slot: ServerSlot, options: SuiteOptions = {}): Promise<AreaResult> {
  const smoke = options.smoke ?? false;
  const chart = await chartFigure(smoke);
  const server = slot.server;
  if (!server)
    return {
      figures: [
        notMeasured('api.whatif.rps', 'req/s', 'reference', slot.reason),
        notMeasured('api.whatif.p50', 'ms', 'reference', slot.reason),
        notMeasured('api.whatif.p99', 'ms', 'reference', slot.reason),
        notMeasured('api.trivial.rps', 'req/s', 'reference', slot.reason),
        notMeasured('api.whatif.ratio', '× (compute ÷ trivial req/s)', '≥ 0.5', slot.reason),
        chart,
      ],
    };
  const load: Omit<LoadOptions, 'url'> = smoke ? { amount: 20, connections: 2 } : { duration: 10, connections: 10 };
  // the what-if route if the API has one, else the stand-in; it must answer 200 before it is loaded
  const headers = { 'content-type': 'application/json' };
  let route = WHATIF_ROUTE;
  let body: string | undefined = WHATIF_BODY;
  let probe = await fetch(`${server.api}${route}`, { method: 'POST', headers, body });
  if (probe.status === 404 && (await probe.text()).includes('Route POST')) {
    route = WHATIF_STAND_IN;
    body = undefined;
    probe = await fetch(`${server.api}${route}`, { method: 'POST' });
  }
  if (probe.status !== 200) throw new Error(`${route} answered ${probe.status}: ${await probe.text()}`);
  const standIn = route === WHATIF_STAND_IN;
  const whatif = await autocannon({
    url: `${server.api}${route}`,
    method: 'POST' as const,
    ...(body ? { headers, body } : {}),
    ...load,
  });
  const trivial = await autocannon({ url: `${server.api}/healthz`, ...load });
  for (const [name, r] of [
    ['compute', whatif],
    ['healthz', trivial],
  ] as const)
    if (r.errors > 0 || r.non2xx > 0) throw new Error(`autocannon ${name}: ${r.errors} errors, ${r.non2xx} non-2xx`);
  const ratio = whatif.requests.average / trivial.requests.average;
  const how = smoke ? '20 requests' : '10 s, 10 connections';

  return {
    figures: [
      referenceFigure('api.whatif.rps', whatif.requests.average, 'req/s', {
        note: standIn
          ? `POST ${WHATIF_STAND_IN} (the API has no what-if compute route), ${how}`
          : `POST ${WHATIF_ROUTE} ${WHATIF_BODY}, ${how}`,
      }),
      referenceFigure('api.whatif.p50', whatif.latency.p50, 'ms', { note: 'autocannon latency p50' }),
      referenceFigure('api.whatif.p99', whatif.latency.p99, 'ms', { note: 'autocannon latency p99' }),
      referenceFigure('api.trivial.rps', trivial.requests.average, 'req/s', { note: `GET /healthz, ${how}` }),
      goalFigure('api.whatif.ratio', ratio, '× (compute ÷ trivial req/s)', '≥ 0.5', (v) => v >= 0.5, {
        note: 'the compute route keeps at least half the throughput of /healthz',
      }),
      chart,
    ],
    notes: [
      (standIn
        ? 'API: packages/api has no what-if compute route in this run, so `api.whatif.*` load ' +
          `\`POST ${WHATIF_STAND_IN}\` (low and high exact tables of the stored An Giang file); the names stay. `
        : `API: \`api.whatif.*\` load \`POST ${WHATIF_ROUTE}\` with \`${WHATIF_BODY}\` (baseline and shocked exact ` +
          'evaluations, the diff and the sensitivity of FY growth, on the stored An Giang file and its effective actuals). ') +
        'The server (in-memory SQLite, logging off, rate limit off) runs in a worker thread of the bench process, ' +
        'autocannon in the main thread, both on the same 2 cores; each route is loaded for the same time with the ' +
        'same connections, one after the other.',
    ],
  };
}
