import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AN_GIANG_YAML, json, makeApp, type TestApp } from '../../test-support/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp({}, { seed: false });
});
afterAll(async () => t.close());

const yamlPut = (id: string, body: string, headers: Record<string, string> = {}) =>
  t.as(t.admin, {
    method: 'PUT',
    url: `/api/scenarios/${id}`,
    payload: body,
    headers: { 'content-type': 'application/yaml', ...headers },
  });

describe('scenarios', () => {
  it('creates from YAML (201), replaces (200) and answers with an ETag and the loader warnings', async () => {
    const r = await yamlPut('an-giang-2023', AN_GIANG_YAML);
    expect(r.statusCode).toBe(201);
    expect(r.headers.etag).toMatch(/^"[\w-]+"$/);
    const body = json(r);
    expect(body).toMatchObject({ id: 'an-giang-2023', created: true, updatedBy: 'Quản trị' });
    expect((body.warnings as { code: string }[]).map((w) => w.code)).toContain('inverted-band');
    const again = await yamlPut('an-giang-2023', AN_GIANG_YAML, { 'if-match': r.headers.etag as string });
    expect(again.statusCode).toBe(200);
    expect(again.headers.etag).not.toBe(r.headers.etag);
  });

  it('gets one scenario with its YAML and ETag, and lists them', async () => {
    const r = await t.app.inject({ url: '/api/scenarios/an-giang-2023' });
    expect(r.statusCode).toBe(200);
    const body = json(r) as { scenario: { sectors: unknown[]; region: string }; yaml: string; etag: string };
    expect(body.scenario.region).toBe('An Giang');
    expect(body.scenario.sectors).toHaveLength(4);
    expect(body.yaml).toBe(AN_GIANG_YAML);
    expect(r.headers.etag).toBe(body.etag);
    const list = json(await t.app.inject({ url: '/api/scenarios' })) as { scenarios: { id: string }[] };
    expect(list.scenarios.map((s) => s.id)).toEqual(['an-giang-2023']);
  });

  it('accepts the same document as JSON and stores it as YAML', async () => {
    const doc = parse(AN_GIANG_YAML) as Record<string, unknown>;
    const r = await t.as(t.admin, {
      method: 'PUT',
      url: '/api/scenarios/an-giang-copy',
      payload: { ...doc, id: 'an-giang-copy' },
    });
    expect(r.statusCode).toBe(201);
    const stored = json(await t.app.inject({ url: '/api/scenarios/an-giang-copy' })) as { yaml: string };
    expect(stored.yaml).toContain('id: an-giang-copy');
  });

  it('refuses a stale If-Match with 409 and a body whose id differs from the path', async () => {
    expect((await yamlPut('an-giang-2023', AN_GIANG_YAML, { 'if-match': '"old"' })).statusCode).toBe(409);
    const r = await yamlPut('other-id', AN_GIANG_YAML);
    expect(r.statusCode).toBe(400);
    expect(json(r)).toMatchObject({ code: 'ID_MISMATCH', path: 'id' });
  });

  it('answers loader errors with every issue, its path and line', async () => {
    const bad = AN_GIANG_YAML.replace('    services: "9,5 - 10,19%"', '    servicez: "9,5 - 10,19%"');
    const r = await yamlPut('an-giang-2023', bad);
    expect(r.statusCode).toBe(400);
    const body = json(r) as { code: string; path: string; issues: { code: string; path: string; line?: number }[] };
    expect(body.code).toBe('SCENARIO_UNKNOWN_SECTOR');
    expect(body.path).toBe('targets.Q1.servicez');
    expect(body.issues[0]?.line).toBeGreaterThan(30);
  });

  it('evaluates a stored scenario: low ≤ high, from the file base or calibrated on request', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/scenarios/an-giang-2023/evaluate' });
    expect(r.statusCode).toBe(200);
    const body = json(r) as {
      base: { origin: string };
      low: { periods: Record<string, { total: { growth: number } }> };
      high: { periods: Record<string, { total: { growth: number } }> };
    };
    // An Giang's levels are implied from the published table, and the file says so.
    expect(body.base.origin).toBe('implied');
    expect(body.low.periods.Q1!.total.growth).toBeCloseTo(6.15, 2);
    expect(body.high.periods.Q1!.total.growth).toBeCloseTo(6.54, 2);
    expect(body.low.periods.FY!.total.growth).toBeLessThan(body.high.periods.FY!.total.growth);
    const calibrated = await t.app.inject({
      method: 'POST',
      url: '/api/scenarios/an-giang-2023/evaluate?base=calibrated',
    });
    expect(calibrated.statusCode).toBe(200);
    expect((json(calibrated) as { base: { origin: string } }).base.origin).toBe('calibrated');
    const noBase = AN_GIANG_YAML.replace(/\nbase:\n(?: {2}.*\n)+/, '\n').replace('id: an-giang-2023', 'id: no-base');
    expect((await yamlPut('no-base', noBase)).statusCode).toBe(201);
    const fileBase = await t.app.inject({ method: 'POST', url: '/api/scenarios/no-base/evaluate?base=file' });
    expect(fileBase.statusCode).toBe(422);
    expect(json(fileBase).code).toBe('INPUT_MISSING_BASE');
  });

  it('evaluates a scenario sent in the body without storing it', async () => {
    const before = await t.repos.scenarios.count();
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/evaluate',
      payload: AN_GIANG_YAML.replace('id: an-giang-2023', 'id: tmp-eval'),
      headers: { 'content-type': 'text/yaml; charset=utf-8' },
    });
    expect(r.statusCode).toBe(200);
    expect(json(r).scenarioId).toBe('tmp-eval');
    expect(await t.repos.scenarios.count()).toBe(before);
  });

  it('calibrates and audits a stored scenario through the engine', async () => {
    const c = json(await t.app.inject({ method: 'POST', url: '/api/scenarios/an-giang-2023/calibrate' }));
    expect(c.checked).toBe(38);
    expect(c.maxAbsResidual as number).toBeLessThan(0.005);
    const a = json(await t.app.inject({ url: '/api/scenarios/an-giang-2023/audit' })) as {
      findings: { code: string }[];
    };
    expect(a.findings.map((f) => f.code)).toContain('inverted-band');
  });

  it('deletes (204), then 404', async () => {
    const r = await t.as(t.admin, { method: 'DELETE', url: '/api/scenarios/an-giang-copy' });
    expect(r.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/scenarios/an-giang-copy' })).statusCode).toBe(404);
    expect((await t.as(t.admin, { method: 'DELETE', url: '/api/scenarios/an-giang-copy' })).statusCode).toBe(404);
  });

  it('answers health and version', async () => {
    expect(json(await t.app.inject({ url: '/healthz' }))).toEqual({ status: 'ok' });
    expect(json(await t.app.inject({ url: '/api/version' }))).toMatchObject({
      name: 'grdp-scenario',
      version: '0.1.0',
    });
  });
});
