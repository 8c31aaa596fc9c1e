/**
 * web.*: gzip size of the JS the dashboard loads (what headless Chromium fetched for `/#/s/an-giang-2023`) and of
 * every JS file of the built web app, time to the first chart in headless Chromium, and the what-if recompute.
 * Figures that cannot be measured (no build, no browser) stay in the results with met: false and why.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseShock, whatIf } from '@grdp/engine';
import { measure } from '../measure.ts';
import { type AreaResult, type Figure, goalFigure, notMeasured, referenceFigure, type SuiteOptions } from '../types.ts';
import { anGiang, ROOT } from './common.ts';
import type { ServerSlot } from './server.ts';

const WEB = join(ROOT, 'packages/web');
const DIST = join(WEB, 'dist');
const CHROMIUM = '/usr/bin/chromium';
const GZIP_GOAL_KB = 120;

interface PlaywrightLike {
  chromium: {
    launch(o: { executablePath: string; headless: boolean; args?: string[] }): Promise<{
      newContext(): Promise<{
        addInitScript(script: string): Promise<void>;
        newPage(): Promise<{
          on(event: 'response', listener: (response: ResponseLike) => void): void;
          goto(url: string, o?: { waitUntil?: string }): Promise<unknown>;
          waitForLoadState(state: 'networkidle', o?: { timeout?: number }): Promise<void>;
          waitForFunction(fn: string, arg?: unknown, o?: { timeout?: number }): Promise<unknown>;
          evaluate<T>(fn: string): Promise<T>;
        }>;
        close(): Promise<void>;
      }>;
      close(): Promise<void>;
    }>;
  };
}

interface ResponseLike {
  url(): string;
  status(): number;
  body(): Promise<Buffer>;
}

/** What the dashboard loaded: each JS file's name (path under the web root) and its gzip -9 size in bytes. */
interface DashboardJs {
  files: { path: string; gzipBytes: number }[];
  gzipBytes: number;
}

const gzip9 = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

/** `vite build` of packages/web; the reason when it cannot build. */
function build(): string | null {
  if (!existsSync(join(WEB, 'vite.config.ts'))) return 'packages/web has no vite.config.ts yet';
  const vite = join(WEB, 'node_modules/.bin/vite');
  if (!existsSync(vite)) return 'vite is not installed in packages/web';
  try {
    execFileSync(vite, ['build', '--logLevel', 'warn'], { cwd: WEB, stdio: ['ignore', 'pipe', 'pipe'] });
    return null;
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    const text = (err.stderr?.toString() || err.message).trim().split('\n').slice(0, 3).join(' ');
    return `vite build failed: ${text}`;
  }
}

function jsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => join(e.parentPath, e.name));
}

export async function webFigures(slot: ServerSlot, options: SuiteOptions = {}): Promise<AreaResult> {
  const server = slot.server;
  const smoke = options.smoke ?? false;
  const figures: Figure[] = [];
  const notes: string[] = [];
  const checks: Record<string, unknown> = {};

  // 1. Bundle size (built in the full run; the smoke test measures an existing dist only, never builds).
  const buildError = smoke
    ? existsSync(DIST)
      ? null
      : 'no packages/web/dist (the smoke test does not build)'
    : build();
  const files = buildError ? [] : jsFiles(DIST);
  if (buildError || files.length === 0) {
    figures.push(notMeasured('web.all-js-gzip', 'KB', 'reference', buildError ?? 'no JS in dist'));
  } else {
    const bytes = files.reduce((sum, f) => sum + gzip9(readFileSync(f)), 0);
    figures.push(
      referenceFigure('web.all-js-gzip', bytes / 1024, 'KB (gzip -9)', {
        note: `all ${files.length} JS files of packages/web/dist (every view: what the whole app would cost if one page loaded it all); \`web.dashboard-js-gzip\` is what the dashboard loads`,
      }),
    );
  }

  // 2. First chart in headless Chromium.
  let firstChart: Figure;
  let dashboardJs: DashboardJs | null = null;
  let dashboardJsError = '';
  const path = '/#/s/an-giang-2023';
  if (!server) {
    dashboardJsError = slot.reason;
  } else if (buildError || files.length === 0) {
    dashboardJsError = buildError ?? 'no built web app';
  } else if (!existsSync(CHROMIUM)) {
    dashboardJsError = `no Chromium at ${CHROMIUM}`;
  }
  if (!server || dashboardJsError) {
    firstChart = notMeasured('web.first-chart-ms', 'ms', 'reference', dashboardJsError);
  } else {
    try {
      const require = createRequire(join(ROOT, 'tests/package.json'));
      const { chromium } = require('playwright-core') as PlaywrightLike;
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
      const times: number[] = [];
      try {
        for (let i = 0; i < (smoke ? 1 : 7); i++) {
          const context = await browser.newContext();
          // the time (since navigation start) at which the app first publishes a drawn chart
          await context.addInitScript(`(() => {
            let charts;
            Object.defineProperty(window, '__grdpCharts', {
              configurable: true,
              get() { return charts; },
              set(v) { if (window.__firstChartAt === undefined) window.__firstChartAt = performance.now(); charts = v; },
            });
          })();`);
          const page = await context.newPage();
          // the first (cold) load also records every JS file the browser fetched for the dashboard
          const js: Promise<{ path: string; gzipBytes: number }>[] = [];
          if (i === 0)
            page.on('response', (r) => {
              const url = new URL(r.url());
              if (url.origin === server.web && url.pathname.endsWith('.js') && r.status() === 200)
                js.push(r.body().then((body) => ({ path: url.pathname, gzipBytes: gzip9(body) })));
            });
          await page.goto(`${server.web}${path}`, { waitUntil: 'commit' });
          await page.waitForFunction('window.__firstChartAt !== undefined', undefined, { timeout: 30_000 });
          times.push(await page.evaluate<number>('window.__firstChartAt'));
          if (i === 0) {
            // the dashboard is drawn; anything it still fetches (a chunk imported later) counts too
            await page.waitForLoadState('networkidle', { timeout: 30_000 });
            const loaded = (await Promise.all(js)).sort((a, b) => a.path.localeCompare(b.path));
            dashboardJs = { files: loaded, gzipBytes: loaded.reduce((sum, f) => sum + f.gzipBytes, 0) };
          }
          await context.close();
        }
      } finally {
        await browser.close();
      }
      const sorted = [...times].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      firstChart = referenceFigure('web.first-chart-ms', median, 'ms (median)', {
        note: `${times.length} cold loads of ${path} (fresh browser context each) in headless Chromium; performance.now() when the app first sets window.__grdpCharts (chartbox.ts, right after new Chart)`,
      });
    } catch (e) {
      dashboardJsError = (e as Error).message.split('\n')[0]!;
      firstChart = notMeasured('web.first-chart-ms', 'ms', 'reference', dashboardJsError);
    }
  }
  figures.push(firstChart);
  const measuredJs = dashboardJs as DashboardJs | null;
  if (!measuredJs || measuredJs.files.length === 0) {
    figures.push(
      notMeasured(
        'web.dashboard-js-gzip',
        'KB',
        `≤ ${GZIP_GOAL_KB} KB`,
        dashboardJsError || `headless Chromium fetched no JS for ${path}`,
      ),
    );
  } else {
    checks['web.dashboard-js-files'] = measuredJs.files.map((f) => f.path);
    figures.push(
      goalFigure(
        'web.dashboard-js-gzip',
        measuredJs.gzipBytes / 1024,
        'KB (gzip -9)',
        `≤ ${GZIP_GOAL_KB} KB`,
        (v) => v <= GZIP_GOAL_KB,
        {
          note: `the ${measuredJs.files.length} JS files headless Chromium fetched on a cold load of ${path} until the network was idle after the first chart (the entry chunk, its static imports and the dashboard view's chunks), each gzip -9`,
        },
      ),
    );
  }

  // 3. What-if recompute: the web app does not expose the engine on window, so it is measured in Node.
  const scenario = anGiang();
  const base = scenario.base!.levels;
  const shocks = [parseShock('agriculture:Q3:-2pp')];
  const w = await measure('whatIf', () => whatIf(scenario, base, shocks, { baseline: 'mid' }), {
    time: smoke ? 10 : 2000,
  });
  figures.push(
    referenceFigure('web.whatif-recompute-ms', w.mean, 'ms', {
      note: 'engine whatIf (An Giang, mid baseline, one shock: baseline and shocked exact evaluations and the diff) in Node: the web app does not expose the engine to page.evaluate',
    }),
  );
  notes.push(
    'Web: `vite build` of packages/web (the bench runs packages/web/node_modules/.bin/vite; `npx vite` from the ' +
      'root would not find it). Dashboard JS: the JS files headless Chromium fetched on the first cold load of ' +
      'the dashboard, each gzip -9 (the views the dashboard does not show are separate chunks, loaded by the ' +
      "router's dynamic `import()` only when visited); `web.all-js-gzip` is every JS file in dist. " +
      'First chart: the built app served by a small ' +
      'static server that proxies /api to the bench API, headless Chromium (playwright-core from tests/), the ' +
      'median of cold loads. What-if recompute: the web app imports the engine but does not expose it on `window`, ' +
      'so `web.whatif-recompute-ms` is the engine `whatIf` timed in Node — the in-page time would add Chart.js redraws.',
  );
  return { figures, notes, checks };
}
