/**
 * api.*: autocannon against the API on 127.0.0.1 (server in its own process): the what-if route with a new body
 * every request, beside the trivial `/healthz`, same settings, same run; the server's CPU per request; and chart
 * images per second (renderChart, PNG).
 */

import { renderChart } from '@grdp/api';
import { bandChart, bandInput } from '@grdp/charts';
import { actualTable } from '@grdp/engine';
import autocannon, { type Options as LoadOptions } from 'autocannon';
import { measure } from '../measure.ts';
import { type AreaResult, type Figure, goalFigure, notMeasured, referenceFigure, type SuiteOptions } from '../types.ts';
import { anGiang } from './common.ts';
import type { ServerSlot } from './server.ts';

/** The what-if route; every request sends another shock (see `shockBody`). */
export const WHATIF_ROUTE = '/api/scenarios/an-giang-2023/whatif';
const SECTORS = ['agriculture', 'industry_construction', 'services', 'product_taxes'];
const PERIODS = ['Q1', 'Q2', 'Q3', 'Q4', 'H1', '9M', 'FY'];

/** The k-th what-if body: sector, periods and size all move with k, so no two bodies within 10⁷ requests are alike. */
export function shockBody(k: number): string {
  const sector = SECTORS[k % SECTORS.length]!;
  const period = PERIODS[Math.floor(k / SECTORS.length) % PERIODS.length]!;
  const pp = ((k % 10_000_000) / 1e5 - 50).toFixed(5);
  return JSON.stringify({ shocks: [`${sector}:${period}:${pp}pp`], baseline: 'mid' });
}

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
        notMeasured('api.whatif.server-cpu-us', 'µs of server CPU per request', '≤ 150', slot.reason),
        notMeasured('api.whatif.rps', 'req/s', 'reference', slot.reason),
        notMeasured('api.whatif.p50', 'ms', 'reference', slot.reason),
        notMeasured('api.whatif.p99', 'ms', 'reference', slot.reason),
        notMeasured('api.trivial.rps', 'req/s', 'reference', slot.reason),
        notMeasured('api.whatif.ratio', '× (what-if ÷ /healthz req/s)', '≥ 0.3', slot.reason),
        chart,
      ],
    };
  const load: Omit<LoadOptions, 'url'> = smoke ? { amount: 20, connections: 2 } : { duration: 10, connections: 10 };
  const headers = { 'content-type': 'application/json' };
  // The real route answers, and two bodies give two different answers, each the engine's own numbers.
  const checks: Record<string, unknown> = { 'api.whatif.route': WHATIF_ROUTE };
  const answers: number[] = [];
  for (const k of [1, 2]) {
    const r = await fetch(`${server.api}${WHATIF_ROUTE}`, { method: 'POST', headers, body: shockBody(k) });
    if (r.status !== 200) throw new Error(`${WHATIF_ROUTE} answered ${r.status}: ${await r.text()}`);
    answers.push(((await r.json()) as { fyImpactPp: number }).fyImpactPp);
  }
  checks['api.whatif.fyImpactPp'] = answers;
  let sent = 0;
  const bodies = new Set<string>();
  const whatifLoad: LoadOptions = {
    url: server.api,
    requests: [
      {
        method: 'POST' as const,
        path: WHATIF_ROUTE,
        headers,
        setupRequest: (req) => {
          const body = shockBody(1000 + sent++);
          if (smoke) bodies.add(body);
          return { ...req, body };
        },
      },
    ],
    ...load,
  };
  const cpu0 = await server.cpuMicros();
  const whatif = await autocannon(whatifLoad);
  const cpu1 = await server.cpuMicros();
  const trivial = await autocannon({ url: `${server.api}/healthz`, ...load });
  const cpu2 = await server.cpuMicros();
  for (const [name, r] of [
    ['what-if', whatif],
    ['healthz', trivial],
  ] as const)
    if (r.errors > 0 || r.non2xx > 0) throw new Error(`autocannon ${name}: ${r.errors} errors, ${r.non2xx} non-2xx`);
  checks['api.whatif.bodies-sent'] = sent;
  if (smoke) checks['api.whatif.distinct-bodies'] = bodies.size;
  const cpuPerWhatif = (cpu1 - cpu0) / whatif.requests.total;
  const cpuPerHealthz = (cpu2 - cpu1) / trivial.requests.total;
  const ratio = whatif.requests.average / trivial.requests.average;
  const how = smoke ? '20 requests' : '10 s, 10 connections';

  return {
    figures: [
      goalFigure('api.whatif.server-cpu-us', cpuPerWhatif, 'µs of server CPU per request', '≤ 150', (v) => v <= 150, {
        note: `the server process's CPU time (process.cpuUsage, user + system) over the what-if load ÷ requests answered (${whatif.requests.total.toLocaleString('en')}); /healthz costs ${cpuPerHealthz.toFixed(0)} µs per request measured the same way`,
      }),
      referenceFigure('api.whatif.rps', whatif.requests.average, 'req/s', {
        note: `POST ${WHATIF_ROUTE}, a different shock in every body (sector, period and size vary), ${how}`,
      }),
      referenceFigure('api.whatif.p50', whatif.latency.p50, 'ms', { note: 'autocannon latency p50' }),
      referenceFigure('api.whatif.p99', whatif.latency.p99, 'ms', { note: 'autocannon latency p99' }),
      referenceFigure('api.trivial.rps', trivial.requests.average, 'req/s', { note: `GET /healthz, ${how}` }),
      goalFigure('api.whatif.ratio', ratio, '× (what-if ÷ /healthz req/s)', '≥ 0.3', (v) => v >= 0.3, {
        note: 'both loaded the same way, one after the other',
      }),
      chart,
    ],
    checks,
    notes: [
      `API: \`api.whatif.*\` load \`POST ${WHATIF_ROUTE}\` with a new body for every request (\`shockBody(k)\` in ` +
        'bench/figures/api.ts: the sector, the period and the size of the shock move with k), so a response cache ' +
        'could not answer any of them. Each answer is the baseline and shocked exact evaluations, the difference and ' +
        'the sensitivity of FY growth on the stored An Giang file and its effective actuals. The server (in-memory ' +
        'SQLite, logging off, rate limit off) runs in its own child process; autocannon runs in the bench process. ' +
        'The machine has 2 cores, so the two processes still share them.',
    ],
  };
}
