/** The whole benchmark suite: every area in turn, one API server for the areas that need it. */
import { apiFigures } from './figures/api.ts';
import { calibrateFigures } from './figures/calibrate.ts';
import { engineFigures } from './figures/engine.ts';
import { scaleFigures } from './figures/scale.ts';
import { type BenchServer, startServer } from './figures/server.ts';
import { simulateFigures } from './figures/simulate.ts';
import { webFigures } from './figures/web.ts';
import type { AreaResult, Figure, SuiteOptions } from './types.ts';

export interface SuiteResult {
  figures: Figure[];
  notes: string[];
  /** Every area's checks (see `AreaResult.checks`). */
  checks: Record<string, unknown>;
  smoke: boolean;
  /** Wall-clock seconds of the whole suite. */
  seconds: number;
}

/** Every figure name, in report order: stable across runs. */
export const FIGURE_NAMES = [
  'engine.evaluate.exact',
  'engine.evaluate.exact-vs-float64',
  'engine.evaluate.decimal',
  'calibrate.an-giang',
  'calibrate.national',
  'simulate.draws-per-second',
  'simulate.fan-draws-per-second',
  'simulate.peak-memory-1m',
  'simulate.probabilities-2-workers',
  'simulate.worker-speedup',
  'simulate.vs-numpy-tuned',
  'simulate.full.vs-numpy-same-outputs',
  'simulate.agrees-with-numpy',
  'scale.load-evaluate-track',
  'scale.api-track-p50',
  'api.whatif.server-cpu-us',
  'api.whatif.rps',
  'api.whatif.p50',
  'api.whatif.p99',
  'api.trivial.rps',
  'api.whatif.ratio',
  'api.chart-png.per-second',
  'web.dashboard-js-gzip',
  'web.all-js-gzip',
  'web.first-chart-ms',
  'web.whatif-recompute-ms',
] as const;

export async function runSuite(options: SuiteOptions = {}): Promise<SuiteResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const results: AreaResult[] = [];
  const area = async (name: string, run: () => Promise<AreaResult>) => {
    log(`${name}…`);
    const t = performance.now();
    results.push(await run());
    log(`${name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  await area('engine', () => engineFigures(options));
  await area('calibrate', () => calibrateFigures(options));
  await area('simulate', () => simulateFigures(options));
  // The API areas need a server; when it cannot start, their HTTP figures are recorded as not measured.
  let server: BenchServer | null = null;
  let serverError = '';
  try {
    server = await startServer();
  } catch (e) {
    serverError = `the API did not start: ${(e as Error).message.split('\n')[0]}`;
    log(serverError);
  }
  const down = { server: null, reason: serverError };
  const up = (s: BenchServer) => ({ server: s, reason: '' });
  try {
    const api = server ? up(server) : down;
    await area('scale', () => scaleFigures(api, options));
    await area('api', () => apiFigures(api, options));
    await area('web', () => webFigures(api, options));
  } finally {
    await server?.close();
  }
  const byName = new Map(results.flatMap((r) => r.figures).map((f) => [f.name, f]));
  const missing = FIGURE_NAMES.filter((n) => !byName.has(n));
  if (missing.length > 0) throw new Error(`figures missing from the suite: ${missing.join(', ')}`);
  const extra = [...byName.keys()].filter((n) => !(FIGURE_NAMES as readonly string[]).includes(n));
  if (extra.length > 0) throw new Error(`figures not listed in FIGURE_NAMES: ${extra.join(', ')}`);
  return {
    figures: FIGURE_NAMES.map((n) => byName.get(n)!),
    notes: results.flatMap((r) => r.notes ?? []),
    checks: Object.assign({}, ...results.map((r) => r.checks ?? {})),
    smoke: options.smoke ?? false,
    seconds: (performance.now() - started) / 1000,
  };
}
