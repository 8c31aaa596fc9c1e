/**
 * Scenario replacement (issue 15). Before: a PUT that dropped a sector with entered actuals was accepted, and
 * tracking and exports then answered 422 for everyone; and a scenario's JSON from GET could not be PUT back (its
 * `indicators` are the parsed set, not the file's lists). SQLite and PostgreSQL.
 */
import { dump } from '@grdp/api/testing';
import { type Scenario, scenarioToFile } from '@grdp/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Backend, describePostgres, makeBackendApp, SCEN } from './helpers.ts';

type Json = Record<string, any>;

/**
 * The scenario file (as the engine writes it, so this does not depend on the GET round trip) without one sector:
 * its row in sectors, base levels, targets and indicator links.
 */
function withoutSector(scenario: Json, id: string): Json {
  const s = structuredClone(scenario);
  s.sectors = s.sectors.filter((x: Json) => x.id !== id);
  if (s.base) delete s.base.levels[id];
  for (const row of Object.values(s.targets) as Json[]) delete row[id];
  for (const i of s.indicators?.indicators ?? []) if (i.grdpKey === id) delete i.grdpKey;
  for (const a of s.actuals ?? []) delete a.values[id];
  return scenarioToFile(s as Scenario);
}

function suite(backend: Backend) {
  let t: Awaited<ReturnType<typeof makeBackendApp>>;
  beforeEach(async () => {
    t = await makeBackendApp(backend);
  });
  afterEach(async () => t?.close());

  const get = async () => (await t.app.inject({ url: SCEN })).json() as Json;
  const put = (body: unknown, etag: string, query = '') =>
    t.as(t.admin, { method: 'PUT', url: `${SCEN}${query}`, headers: { 'if-match': etag }, payload: body as Json });
  const enter = (period: string, values: Record<string, number>) =>
    t.as(t.editor, {
      method: 'PUT',
      url: `${SCEN}/actuals/${period}`,
      payload: { values, vintage: 'estimate' },
    });

  it(`${backend}: a scenario's JSON from GET is PUT back as it is (its scenario, or the whole answer)`, async () => {
    const first = await get();
    const r1 = await put(first.scenario, first.etag);
    expect(r1.statusCode, r1.body).toBe(200);
    const second = await get();
    expect(second.scenario).toEqual(first.scenario);
    const r2 = await put(second, second.etag);
    expect(r2.statusCode, r2.body).toBe(200);
    expect((await get()).scenario).toEqual(first.scenario);
  });

  it(`${backend}: dropping a sector with entered actuals is 409 ACTUALS_ORPHANED listing them; nothing changes`, async () => {
    expect((await enter('Q1', { total: 7.1, agriculture: 3.2 })).statusCode).toBe(201);
    expect((await enter('Q2', { agriculture: 2.5 })).statusCode).toBe(201);
    expect((await enter('Q3', { total: 7 })).statusCode).toBe(201);
    const stored = await get();
    const before = await dump(t.handle.db);
    const r = await put(withoutSector(stored.scenario, 'agriculture'), stored.etag);
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json()).toMatchObject({ code: 'ACTUALS_ORPHANED' });
    expect(r.json().orphaned).toEqual([
      { period: 'Q1', sector: 'agriculture', value: 3.2, revision: 1 },
      { period: 'Q2', sector: 'agriculture', value: 2.5, revision: 1 },
    ]);
    expect(r.json().message).toMatch(/agriculture in Q1, agriculture in Q2/);
    expect(r.json().message).toMatch(/orphanedActuals=delete/);
    expect(await dump(t.handle.db)).toBe(before);
    // Tracking still works (it is what a dropped sector broke).
    expect((await t.app.inject({ method: 'POST', url: `${SCEN}/track`, payload: {} })).statusCode).toBe(200);
    // Dropping a sector nobody entered figures for is fine.
    const noFigures = await put(withoutSector(stored.scenario, 'product_taxes'), stored.etag);
    expect(noFigures.statusCode, noFigures.body).toBe(200);
  });

  it(`${backend}: with ?orphanedActuals=delete the figures leave the current actuals in the same change; history keeps them`, async () => {
    expect((await enter('Q1', { total: 7.1, agriculture: 3.2 })).statusCode).toBe(201);
    expect((await enter('Q2', { agriculture: 2.5 })).statusCode).toBe(201);
    const stored = await get();
    const r = await put(withoutSector(stored.scenario, 'agriculture'), stored.etag, '?orphanedActuals=delete');
    expect(r.statusCode, r.body).toBe(200);
    const current = (await t.app.inject({ url: `${SCEN}/actuals` })).json();
    const byPeriod = Object.fromEntries(current.actuals.map((a: Json) => [a.period, a]));
    expect(byPeriod.Q1.values).toEqual({ total: 7.1 });
    expect(byPeriod.Q1.revision).toBe(2);
    expect(byPeriod.Q1.note).toMatch(/agriculture removed/);
    expect(byPeriod.Q2.values).toEqual({});
    const history = (await t.app.inject({ url: `${SCEN}/actuals/Q1/history` })).json();
    // After the scenario file's own Q1 figures (revision 1), the entered ones.
    expect(history.revisions[0].origin).toBe('file');
    expect(history.revisions.filter((x: Json) => x.origin === 'entered').map((x: Json) => x.values)).toEqual([
      { total: 7.1, agriculture: 3.2 },
      { total: 7.1 },
    ]);
    for (const req of [
      { method: 'POST' as const, url: `${SCEN}/track`, payload: {} },
      { method: 'GET' as const, url: `${SCEN}/export.csv` },
    ]) {
      const a = await t.app.inject(req);
      expect(a.statusCode, `${req.url}: ${a.body.slice(0, 300)}`).toBe(200);
    }
    const bad = await put(stored.scenario, (await get()).etag, '?orphanedActuals=keep');
    expect(bad.statusCode).toBe(400);
  });
}

describe('scenario replacement on SQLite', () => suite('sqlite'));
describePostgres('scenario replacement on PostgreSQL', () => suite('postgres'));
