/**
 * The benchmark suite at tiny sizes, once, so that it never rots: every figure is produced with a number (or, for
 * a figure that cannot be measured here, an explicit reason) and the report files have the documented shape.
 * No timing is asserted: `npm run bench` is where figures come from.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseShock, resolveBase, whatIf } from '@grdp/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { shockBody, WHATIF_ROUTE } from '../bench/figures/api.ts';
import { anGiang } from '../bench/figures/common.ts';
import { writeReport } from '../bench/report.ts';
import { FIGURE_NAMES, runSuite, type SuiteResult } from '../bench/suite.ts';

const dir = mkdtempSync(join(tmpdir(), 'grdp-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench (smoke)', () => {
  let result: SuiteResult;

  it('runs every figure at tiny size', { timeout: 240_000 }, async () => {
    result = await runSuite({ smoke: true });
    expect(result.smoke).toBe(true);
    expect(result.figures.map((f) => f.name)).toEqual([...FIGURE_NAMES]);
    for (const f of result.figures) {
      if (f.value === null) {
        // only figures that depend on the environment may be missing, and they must say why
        expect(f.name, `${f.name} has no value`).toMatch(
          /^(web\.|api\.whatif|api\.trivial|scale\.api|simulate\.(vs|agrees))/,
        );
        expect(f.met).toBe(false);
        expect(f.note).toMatch(/^not measured: ./);
      } else {
        expect(Number.isFinite(f.value), f.name).toBe(true);
      }
    }
  });

  it('measured what it says: exact = decimal.js, the real what-if route with varied bodies, numpy agrees', async () => {
    const c = result.checks;
    // the exact evaluate timed is the production path and equals the decimal oracle; float64 is only close
    expect(c['engine.evaluate.path']).toBe('scaled-integer');
    expect(c['engine.evaluate.exact-equals-decimal']).toBe(true);
    expect(c['engine.evaluate.float64-max-relative-difference']).toBeLessThan(1e-9);
    const server = result.figures.find((f) => f.name === 'api.whatif.server-cpu-us')!;
    if (server.value !== null) {
      // the loaded route is the what-if route; every request had its own body; the answers are the engine's
      expect(c['api.whatif.route']).toBe(WHATIF_ROUTE);
      expect(c['api.whatif.bodies-sent']).toBeGreaterThanOrEqual(20);
      expect(c['api.whatif.distinct-bodies']).toBe(c['api.whatif.bodies-sent']);
      const scenario = anGiang();
      const { base } = await resolveBase(scenario);
      const expected = [1, 2].map((k) => {
        const body = JSON.parse(shockBody(k)) as { shocks: string[] };
        return whatIf(scenario, base, body.shocks.map(parseShock), { baseline: 'mid' }).fyImpactPp;
      });
      expect(c['api.whatif.fyImpactPp']).toEqual(expected);
      expect(expected[0]).not.toBe(expected[1]);
    } else console.log(`api figures not measured: ${server.note}`);
    const dashboardJs = result.figures.find((f) => f.name === 'web.dashboard-js-gzip')!;
    if (dashboardJs.value !== null) {
      // the browser's own list: the entry and the dashboard view, not the views it does not show
      const files = c['web.dashboard-js-files'] as string[];
      expect(files.some((f) => /\/index-[\w-]+\.js$/.test(f))).toBe(true);
      expect(files.some((f) => /\/dashboard-[\w-]+\.js$/.test(f))).toBe(true);
      for (const view of ['whatif', 'draft', 'entry', 'appendix', 'tokens', 'fan', 'state'])
        expect(files.filter((f) => f.includes(`/${view}-`))).toEqual([]);
      const all = result.figures.find((f) => f.name === 'web.all-js-gzip')!;
      expect(dashboardJs.value).toBeLessThan(all.value!);
    } else console.log(`web figures not measured: ${dashboardJs.note}`);
    const numpy = result.figures.find((f) => f.name === 'simulate.vs-numpy-tuned')!;
    if (numpy.value !== null) {
      expect(c['simulate.numpy-worst-sigma']).toBeLessThan(4);
      expect(result.figures.find((f) => f.name === 'simulate.agrees-with-numpy')!.value).toBe(1);
    } else console.log(`numpy figures not measured: ${numpy.note}`);
  });

  it('writes results.json and BENCHMARKS.md in the documented shape', () => {
    const paths = writeReport(result, {
      markdownPath: join(dir, 'BENCHMARKS.md'),
      jsonPath: join(dir, 'results.json'),
    });
    const json = JSON.parse(readFileSync(paths.json, 'utf8')) as { figures: Record<string, unknown>[] };
    expect(json.figures).toHaveLength(FIGURE_NAMES.length);
    for (const f of json.figures) {
      expect(typeof f.name).toBe('string');
      expect(f.value === null || typeof f.value === 'number').toBe(true);
      expect(typeof f.unit).toBe('string');
      expect(typeof f.goal).toBe('string');
      expect(typeof f.met).toBe('boolean');
      if ('baseline' in f) expect(typeof f.baseline).toBe('number');
      if ('ratio' in f) expect(typeof f.ratio).toBe('number');
    }
    const md = readFileSync(paths.markdown, 'utf8');
    expect(md).toContain('# Benchmarks');
    expect(md).toMatch(/cores, [\d.]+ GB memory/);
    expect(md).toContain(`Node ${process.version}`);
    expect(md).toContain('npm run bench');
    for (const name of FIGURE_NAMES) expect(md).toContain(`\`${name}\``);
  });
});
