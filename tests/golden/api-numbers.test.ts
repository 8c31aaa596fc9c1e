/**
 * Golden numbers: the API's JSON for the An Giang file and three national provinces, byte for byte, recorded
 * before the engine's exact arithmetic moved from decimal.js to scaled integers (issue 13). Any change to a digit
 * of evaluate, track, required, what-if (every baseline, the difference, the sensitivity) fails here.
 * The files are JSON (.txt so that the formatter leaves them as recorded). To re-record on purpose: `npx vitest run tests/golden -u`, and say why in the commit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, createRepositories, migrate, openDatabase, testConfig } from '@grdp/api';
import { loadScenario } from '@grdp/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalFile } from '../fixtures/national.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const AN_GIANG = readFileSync(join(ROOT, 'scenarios', 'an-giang-2023.yaml'), 'utf8');

type App = Awaited<ReturnType<typeof buildApp>>;
let app: App;
beforeAll(async () => {
  const handle = openDatabase({ databaseUrl: ':memory:', dataDir: '' });
  await migrate(handle);
  const repos = createRepositories(handle.db);
  await repos.scenarios.put(loadScenario(AN_GIANG).scenario, AN_GIANG, 'seed');
  app = await buildApp(testConfig({}), { handle, closeHandle: true });
});
afterAll(async () => app.close());

async function post(url: string, payload: object | string = {}): Promise<unknown> {
  const headers = typeof payload === 'string' ? { 'content-type': 'text/yaml; charset=utf-8' } : {};
  const r = await app.inject({ method: 'POST', url, payload, headers });
  expect(r.statusCode, `${url} ${r.body.slice(0, 300)}`).toBe(200);
  return r.json();
}

const stored = '/api/scenarios/an-giang-2023';
const SHOCKS: string[][] = [
  ['agriculture:Q3:-2pp'],
  ['industry_construction:Q3,Q4:=10', 'services:H1:-3%'],
  ['services:FY:0.37pp', 'agriculture:Q1:1.5%', 'industry_construction:Q2:-0.8pp'],
  ['product_taxes:9M:=4.125'],
];

describe('the API numbers are unchanged to the last digit', () => {
  it('An Giang: evaluate, track and required at every asOf, what-if on every baseline', async () => {
    const out: Record<string, unknown> = {};
    out.evaluate = await post(`${stored}/evaluate`);
    out.evaluateCalibrated = await post(`${stored}/evaluate?base=calibrated`);
    for (const asOf of ['Q1', 'Q2', 'Q3', 'Q4']) {
      out[`track.${asOf}`] = await post(`${stored}/track`, { asOf });
      out[`required.${asOf}`] = await post(`${stored}/required`, { asOf });
    }
    for (const baseline of ['low', 'high', 'mid', 'actual'])
      for (const [i, shocks] of SHOCKS.entries())
        out[`whatif.${baseline}.${i}`] = await post(`${stored}/whatif`, { shocks, baseline });
    out['whatif.actual.Q2'] = await post(`${stored}/whatif`, { shocks: SHOCKS[0], baseline: 'actual', asOf: 'Q2' });
    await expect(`${JSON.stringify(out, null, 1)}\n`).toMatchFileSnapshot('./an-giang.golden.txt');
  });

  it('national provinces (21 sections): evaluate, track, required and a what-if', async () => {
    const { yaml } = nationalFile();
    const out: Record<string, unknown> = {};
    for (const i of [0, 7, 33]) {
      const scenario = yaml[i]!;
      out[`${i}.evaluate`] = await post('/api/evaluate', scenario);
      out[`${i}.track`] = await post('/api/track', { scenario });
      out[`${i}.required`] = await post('/api/required', { scenario, asOf: 'Q1' });
      out[`${i}.whatif`] = await post('/api/whatif', {
        scenario,
        shocks: ['section_c:Q3:-2pp', 'section_k:H1:1.25%'],
        baseline: 'actual',
      });
    }
    await expect(`${JSON.stringify(out, null, 1)}\n`).toMatchFileSnapshot('./national.golden.txt');
  });
});
