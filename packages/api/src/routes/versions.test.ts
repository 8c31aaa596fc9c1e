/**
 * Scenario versions over HTTP: saving an adjustment (editor) stores a version linked to the current one and makes
 * it current; the list, one version and two versions side by side are open reads; every answer is checked against
 * its schema by the test app. On SQLite, and on PostgreSQL when the test server answers.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresProblem } from '../../test-support/databases.ts';
import { AN_GIANG_YAML, type Backend, json, makeApp, type TestApp } from '../../test-support/helpers.ts';

const pgProblem = await postgresProblem();
const backends: Backend[] = pgProblem && process.env.REQUIRE_POSTGRES !== '1' ? ['sqlite'] : ['sqlite', 'postgres'];

let t: TestApp;

const SCEN = '/api/scenarios/an-giang-2023';
const adjust = (token: string | undefined, body: object) =>
  t.as(token, { method: 'POST', url: `${SCEN}/adjust`, payload: { asOf: 'Q2', ...body } });
const get = (url: string) => t.app.inject({ method: 'GET', url });

interface Info {
  number: number;
  author: string;
  label: string | null;
  date: string | null;
  note: string | null;
  parent: number | null;
  current: boolean;
}

describe.each(backends)('scenario versions over HTTP on %s', (backend) => {
  beforeAll(async () => {
    t = await makeApp({}, { backend });
  });
  afterAll(async () => t.close());

  it('a seeded scenario has its version 1; computing an adjustment stores nothing', async () => {
    const r = await get(`${SCEN}/versions`);
    expect(r.statusCode).toBe(200);
    expect((json(r).versions as Info[]).map((v) => [v.number, v.author, v.parent, v.current])).toEqual([
      [1, 'seed', null, true],
    ]);
    expect((await adjust(undefined, {})).statusCode).toBe(200);
    expect(json(await get(`${SCEN}/versions`)).versions).toHaveLength(1);
  });

  it('saving an adjustment needs an editor, then stores version 2 adjusting 1 and makes it current', async () => {
    const body = { save: true, label: 'adjusted-2023-07', date: '2023-07-15', note: 'Điều chỉnh sau 6 tháng' };
    expect((await adjust(undefined, body)).statusCode).toBe(401);
    expect(json(await get(`${SCEN}/versions`)).versions).toHaveLength(1);
    const r = await adjust(t.editor, body);
    expect(r.statusCode, r.body).toBe(200);
    const a = json(r) as { saved: { number: number; parent: number; etag: string }; yaml: string };
    expect(a.saved).toMatchObject({ number: 2, parent: 1 });
    expect(r.headers.etag).toBe(a.saved.etag);

    const list = json(await get(`${SCEN}/versions`)).versions as Info[];
    expect(list.map((v) => [v.number, v.author, v.label, v.date, v.note, v.parent, v.current])).toEqual([
      [1, 'seed', null, null, null, null, false],
      [2, 'Phòng Tổng hợp', 'adjusted-2023-07', '2023-07-15', 'Điều chỉnh sau 6 tháng', 1, true],
    ]);
    // the current version is what the scenario (and so tracking) reads now
    const current = json(await get(SCEN)) as { yaml: string; etag: string };
    expect(current.yaml).toBe(a.yaml);
    expect(current.etag).toBe(a.saved.etag);
    expect((await t.repos.scenarios.effectiveScenario('an-giang-2023'))?.version?.label).toBe('adjusted-2023-07');
  });

  it('gives one version with its content', async () => {
    const v1 = await get(`${SCEN}/versions/1`);
    expect(v1.statusCode).toBe(200);
    expect(json(v1)).toMatchObject({ scenarioId: 'an-giang-2023', version: { number: 1, current: false } });
    expect(json(v1).yaml).toBe(AN_GIANG_YAML);
    const v2 = json(await get(`${SCEN}/versions/2`)) as { scenario: { version: { adjusts: string } } };
    expect(v2.scenario.version.adjusts).toBe('initial');
    const missing = await get(`${SCEN}/versions/9`);
    expect(missing.statusCode).toBe(404);
    expect(json(missing)).toMatchObject({ code: 'NOT_FOUND', path: 'params.n' });
    expect((await get('/api/scenarios/nope/versions/1')).statusCode).toBe(404);
    expect((await get('/api/scenarios/nope/versions')).statusCode).toBe(404);
    expect((await get(`${SCEN}/versions/0`)).statusCode).toBe(400);
  });

  it('compares two versions side by side: Q3 moved, the FY band kept', async () => {
    const r = await get(`${SCEN}/versions/compare?from=1&to=2`);
    expect(r.statusCode, r.body).toBe(200);
    const c = json(r) as {
      from: Info;
      to: Info;
      comparison: {
        versions: { label: string }[];
        cells: { period: string; key: string; bands: unknown[]; change: ({ low: number; high: number } | null)[] }[];
      };
    };
    expect([c.from.number, c.to.number]).toEqual([1, 2]);
    expect(c.comparison.versions.map((v) => v.label)).toEqual(['initial', 'adjusted-2023-07']);
    const cell = (p: string) => c.comparison.cells.find((x) => x.period === p && x.key === 'total')!;
    expect(cell('FY').change[0]).toEqual({ low: 0, high: 0 });
    expect(cell('Q3').bands).toHaveLength(2);
    expect(cell('Q3').change[0]).not.toEqual({ low: 0, high: 0 });
    const missing = await get(`${SCEN}/versions/compare?from=1&to=7`);
    expect(missing.statusCode).toBe(404);
    expect(json(missing)).toMatchObject({ path: 'querystring.to' });
    expect((await get(`${SCEN}/versions/compare?from=1`)).statusCode).toBe(400);
    expect((await get(`${SCEN}/versions/compare?from=x&to=2`)).statusCode).toBe(400);
  });

  it('a save against a version that is no longer current is refused', async () => {
    // another writer replaces the scenario between the list and the save: the repository's parent check refuses
    const before = json(await get(`${SCEN}/versions`)).versions as Info[];
    const stale = await t.repos.scenarios
      .put((await t.repos.scenarios.get('an-giang-2023'))!.scenario, 'x', 'y', undefined, { parent: 1 })
      .catch((e: unknown) => e);
    expect((stale as { code: string }).code).toBe('STALE_ETAG');
    expect(json(await get(`${SCEN}/versions`)).versions).toEqual(before);
  });

  it('two editors saving an adjustment of the same version (If-Match): one is stored, the other gets 409', async () => {
    const before = (json(await get(`${SCEN}/versions`)).versions as Info[]).length;
    const { etag } = json(await get(SCEN)) as { etag: string };
    const save = (note: string) =>
      t.as(t.editor, {
        method: 'POST',
        url: `${SCEN}/adjust`,
        headers: { 'if-match': etag },
        payload: { asOf: 'Q2', save: true, note },
      });
    const results = await Promise.all([save('Bàn 1'), save('Bàn 2')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const after = json(await get(`${SCEN}/versions`)).versions as Info[];
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ parent: before, current: true });
  });

  it('is in the OpenAPI document', async () => {
    const doc = json(await get('/docs/json')) as { paths: Record<string, { get?: { responses: object } }> };
    for (const p of [
      '/api/scenarios/{id}/versions',
      '/api/scenarios/{id}/versions/{n}',
      '/api/scenarios/{id}/versions/compare',
    ])
      expect(Object.keys(doc.paths[p]!.get!.responses)).toContain('200');
  });
});
