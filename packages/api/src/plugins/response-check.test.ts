/**
 * Every compute route's answer matches its response schema (full schemas, no open objects), checked on the object
 * the handler returned and on the serialised text; and the check itself fails on a wrong answer.
 */
import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AN_GIANG_YAML, makeApp, type TestApp } from '../../test-support/helpers.ts';
import { errorsPlugin } from './errors.ts';
import { checkedResponses, responseCheckPlugin } from './response-check.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
  await t.repos.actuals.put(
    'an-giang-2023',
    'Q1',
    { values: { total: 3.4, agriculture: 4.1 }, vintage: 'estimate' },
    'seed',
    undefined,
  );
  await t.repos.actuals.put('an-giang-2023', 'Q3', { values: { total: 9.9 }, vintage: 'estimate' }, 'seed', undefined);
  const w = await t.repos.whatifs.create(
    'an-giang-2023',
    'Nông nghiệp Q3 −2',
    { shocks: ['agriculture:Q3:-2pp'] },
    'seed',
  );
  whatifId = w.id;
});
afterAll(async () => t.close());
let whatifId: string;

const SCEN = '/api/scenarios/an-giang-2023';
const posted = { scenario: AN_GIANG_YAML };
const REQUESTS: { method: 'GET' | 'POST'; url: () => string; body?: unknown; yaml?: boolean }[] = [
  { method: 'POST', url: () => `${SCEN}/evaluate` },
  { method: 'POST', url: () => '/api/evaluate', body: AN_GIANG_YAML, yaml: true },
  { method: 'POST', url: () => `${SCEN}/calibrate` },
  { method: 'GET', url: () => `${SCEN}/audit` },
  { method: 'POST', url: () => `${SCEN}/track`, body: {} },
  { method: 'POST', url: () => '/api/track', body: posted },
  { method: 'POST', url: () => `${SCEN}/required`, body: { asOf: 'Q1' } },
  { method: 'POST', url: () => '/api/required', body: posted },
  { method: 'POST', url: () => `${SCEN}/whatif`, body: { shocks: ['agriculture:Q3:-2pp'], baseline: 'actual' } },
  {
    method: 'POST',
    url: () => '/api/whatif',
    body: { ...posted, shocks: [{ sector: 'services', periods: ['H1'], levelPct: 1 }] },
  },
  { method: 'POST', url: () => `${SCEN}/whatifs/:saved/run` },
  { method: 'POST', url: () => `${SCEN}/simulate`, body: { draws: 2000, seed: 3 } },
  { method: 'POST', url: () => '/api/simulate', body: { ...posted, draws: 2000, distribution: 'triangular' } },
  { method: 'POST', url: () => `${SCEN}/simulate`, body: { draws: 2000, seed: 3, model: 'band' } },
  { method: 'GET', url: () => '/api/backtest' },
  { method: 'GET', url: () => '/api/backtest?model=band' },
];

describe('compute answers against their schemas', () => {
  it.each(REQUESTS.map((r) => [`${r.method} ${r.url()}`, r] as const))(
    '%s → 200, matching its schema',
    async (_n, r) => {
      const res = await t.as(t.editor, {
        method: r.method,
        url: r.url().replace(':saved', whatifId),
        ...(r.body === undefined
          ? {}
          : r.yaml
            ? { payload: r.body as string, headers: { 'content-type': 'application/yaml' } }
            : { payload: r.body as object }),
      });
      expect(res.statusCode, res.body).toBe(200);
    },
  );

  it('checked every compute route of the OpenAPI document (plan aside: tests/plans and routes/simulation.test)', async () => {
    const doc = (await t.app.inject({ url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, { tags?: string[]; responses: Record<string, unknown> }>>;
    };
    const compute = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => op.tags?.includes('compute'))
        .map(([method, _]) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')} 200`),
    );
    expect(compute.length).toBeGreaterThanOrEqual(12);
    await t.as(undefined, { method: 'POST', url: '/api/plan', payload: { id: 'x' } });
    const checked = checkedResponses.get(t.app)!;
    const missing = compute.filter((c) => !checked.has(c) && c !== 'POST /api/plan 200');
    expect(missing).toEqual([]);
  });

  it('no 200 answer in the OpenAPI document is an open object, but the two stored free-form fields', async () => {
    const doc = (await t.app.inject({ url: '/docs/json' })).json() as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
      >;
    };
    const open: string[] = [];
    const walk = (s: unknown, at: string) => {
      if (!s || typeof s !== 'object') return;
      const o = s as Record<string, unknown>;
      if (o.type === 'object' && o.additionalProperties === true) open.push(at);
      for (const [k, v] of Object.entries(o)) {
        if (k === 'properties' && v && typeof v === 'object')
          for (const [p, sub] of Object.entries(v)) walk(sub, `${at}.${p}`);
        else if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, `${at}.${k}[${i}]`);
        else if (typeof v === 'object') walk(v, `${at}.${k}`);
      }
    };
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item))
        for (const [type, c] of Object.entries(op.responses['200']?.content ?? {}))
          if (type.includes('json')) walk(c.schema, `${method.toUpperCase()} ${path}`);
    // A stored scenario is the engine's Scenario (its file format is components.schemas.ScenarioFile); a saved
    // what-if's body is what the web sent (checked when it is run).
    expect(open.filter((p) => !/\.scenario$|\.body$/.test(p))).toEqual([]);
  });
});

describe('the response check', () => {
  async function appWith(answer: unknown) {
    const app = Fastify();
    await app.register(errorsPlugin);
    await app.register(responseCheckPlugin);
    const schema = Type.Object({ a: Type.Number(), b: Type.Optional(Type.String()) }, { additionalProperties: false });
    app.get('/x', { schema: { response: { 200: schema } } }, async () => answer);
    await app.ready();
    return app;
  }

  it('passes an answer that matches', async () => {
    const app = await appWith({ a: 1, b: 'x' });
    expect((await app.inject({ url: '/x' })).statusCode).toBe(200);
    await app.close();
  });

  it.each([
    ['a field the schema does not name', { a: 1, c: 2 }, /\/c/],
    ['a wrong type', { a: 'one' }, /\/a/],
    ['a missing field', { b: 'x' }, /\/a|a/],
  ])('answers 500 RESPONSE_MISMATCH for %s', async (_n, answer, where) => {
    const app = await appWith(answer);
    const r = await app.inject({ url: '/x' });
    expect(r.statusCode).toBe(500);
    expect(r.json()).toMatchObject({ code: 'RESPONSE_MISMATCH', message: expect.stringMatching(where) });
    await app.close();
  });
});
