import { parseShock, resolveBase, sensitivity, whatIf } from '@grdp/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CORPUS } from '../../test-support/bad-input.ts';
import { AN_GIANG_YAML, anGiang, json, makeApp, type TestApp } from '../../test-support/helpers.ts';
import { closeSharedPools } from '../compute/pool.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => t.close());

const post = (url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, ...(payload === undefined ? {} : { payload }) });
const stored = '/api/scenarios/an-giang-2023';
/** The An Giang file as a JSON document, and as YAML text, under another id. */
const fileObject = () => ({ ...parse(AN_GIANG_YAML), id: 'posted-an-giang' });
const fileText = AN_GIANG_YAML.replace('id: an-giang-2023', 'id: posted-an-giang');

interface Status {
  period: string;
  key: string;
  status: string;
  actual: number;
  gapPp: number;
}
const find = (r: { status: Status[] }, period: string, key = 'total') =>
  r.status.find((s) => s.period === period && s.key === key);

describe('track and required', () => {
  it('tracks the stored scenario as of Q2: Q1 within, H1 below, H2 needs more than 7 %', async () => {
    const r = await post(`${stored}/track`, { asOf: 'Q2' });
    expect(r.statusCode).toBe(200);
    const body = json(r) as unknown as {
      asOf: string;
      status: Status[];
      required: { low: Record<string, number>; high: Record<string, number> };
      base: { origin: string };
    };
    expect(body.asOf).toBe('Q2');
    expect(find(body, 'Q1')).toMatchObject({ status: 'within', actual: 6.3, gapPp: 0 });
    expect(find(body, 'H1')?.status).toBe('below');
    expect(find(body, 'Q3')).toBeUndefined();
    expect(body.required.low.total).toBeGreaterThan(7);
    expect(body.required.high.total).toBeGreaterThan(body.required.low.total!);
    expect(body.base.origin).toBe('implied');
  });

  it('tracks without a body up to the latest quarter the actuals reach', async () => {
    const r = await post(`${stored}/track`);
    expect(r.statusCode).toBe(200);
    expect(json(r).asOf).toBe('Q4');
    expect(find(json(r) as never, 'FY')?.status).toBe('within');
  });

  it('tracks a posted scenario, as JSON or as YAML text, without storing it', async () => {
    const before = await t.repos.scenarios.count();
    for (const scenario of [fileObject(), fileText]) {
      const r = await post('/api/track', { scenario, asOf: 'Q2' });
      expect(r.statusCode).toBe(200);
      const body = json(r);
      expect(body.scenarioId).toBe('posted-an-giang');
      expect(find(body as never, 'H1')?.status).toBe('below');
      expect((body.warnings as { code: string }[]).map((w) => w.code)).toContain('inverted-band');
    }
    expect(await t.repos.scenarios.count()).toBe(before);
  });

  it('refuses an asOf that is not a quarter, an unknown scenario and an invalid posted one', async () => {
    const bad = await post(`${stored}/track`, { asOf: 'H1' });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).path).toBe('body.asOf');
    expect((await post('/api/scenarios/nope/track', {})).statusCode).toBe(404);
    const invalid = await post('/api/track', { scenario: { ...fileObject(), sectors: 'x' } });
    expect(invalid.statusCode).toBe(400);
    expect(String(json(invalid).code)).toMatch(/^SCENARIO_/);
  });

  it('answers the required growth of the stored and of a posted scenario alike', async () => {
    const a = json(await post(`${stored}/required`, { asOf: 'Q2' })) as {
      remaining: string[];
      low: Record<string, { uniform: { growth: number } }>;
    };
    expect(a.remaining).toEqual(['Q3', 'Q4']);
    expect(a.low.total!.uniform.growth).toBeGreaterThan(7);
    const b = json(await post('/api/required', { scenario: fileObject(), asOf: 'Q2' })) as typeof a;
    expect(b.low).toEqual(a.low);
  });
});

describe('a posted scenario on the compute pool (as the server runs it)', () => {
  it('answers and refuses exactly as on the event loop: YAML text read on the worker, JSON read here', async () => {
    const pooled = await makeApp({ computeThreads: 1 });
    try {
      // The corpus's scenario files (YAML text and JSON documents), posted instead of stored, and good ones; as
      // the JSON text of the body's `scenario` field (a deeply nested document cannot go through JSON.stringify).
      const scenarios = [fileText, fileObject(), AN_GIANG_YAML.replace('year: 2023', 'year: 2024')].map((s) =>
        JSON.stringify(s),
      );
      for (const c of CORPUS) {
        const body = c.req().body;
        if (c.heavy || typeof body !== 'string') continue;
        if (c.group === 'scenario-yaml') scenarios.push(JSON.stringify(body));
        if (c.group === 'scenario-json') scenarios.push(body);
      }
      expect(scenarios.length).toBeGreaterThan(40);
      let refused = 0;
      for (const scenario of scenarios)
        for (const url of ['/api/track', '/api/required'])
          for (const lang of ['en', 'vi']) {
            const request = {
              method: 'POST' as const,
              url,
              payload: `{"scenario":${scenario},"asOf":"Q2"}`,
              headers: { 'content-type': 'application/json', 'accept-language': lang },
            };
            const inline = await t.app.inject(request);
            const onWorker = await pooled.app.inject(request);
            expect([onWorker.statusCode, onWorker.body]).toEqual([inline.statusCode, inline.body]);
            if (inline.statusCode !== 200) refused++;
          }
      expect(refused).toBeGreaterThan(100);
    } finally {
      await pooled.close();
      await closeSharedPools();
    }
  }, 120_000);
});

describe('what-if', () => {
  it('gives the engine’s full-year impact and sensitivity for a text shock', async () => {
    const r = await post(`${stored}/whatif`, { shocks: ['agriculture:Q3:-2pp'], baseline: 'low' });
    expect(r.statusCode).toBe(200);
    const body = json(r) as { fyImpactPp: number; shocks: unknown[]; sensitivity: unknown };
    const scenario = anGiang();
    const base = (await resolveBase(scenario)).base;
    const engine = whatIf(scenario, base, [parseShock('agriculture:Q3:-2pp')], { baseline: 'low' });
    expect(body.fyImpactPp).toBeLessThan(0);
    expect(body.fyImpactPp).toBe(engine.fyImpactPp);
    expect(body.shocks).toEqual([{ sector: 'agriculture', periods: ['Q3'], deltaPp: -2 }]);
    expect(body.sensitivity).toEqual(sensitivity(scenario, base, 'low'));
  });

  it('takes shock objects and a posted scenario, and says which shock is wrong', async () => {
    const direct = json(await post(`${stored}/whatif`, { shocks: ['services:Q4:+1pp'] }));
    const posted = await post('/api/whatif', {
      scenario: fileObject(),
      shocks: [{ sector: 'services', periods: ['Q4'], deltaPp: 1 }],
    });
    expect(posted.statusCode).toBe(200);
    expect(json(posted).fyImpactPp).toBe(direct.fyImpactPp);
    expect(json(posted).fyImpactPp).toBeGreaterThan(0);

    const bad = await post(`${stored}/whatif`, { shocks: ['agriculture:Q3:-2pp', 'agriculture:Q3:lots'] });
    expect(bad.statusCode).toBe(400);
    expect(json(bad)).toMatchObject({ code: 'VALIDATION', path: 'shocks[1]' });
    const unknown = await post(`${stored}/whatif`, { shocks: [{ sector: 'mining', periods: ['Q3'], deltaPp: 1 }] });
    expect(unknown.statusCode).toBe(422);
    expect(json(unknown)).toMatchObject({ code: 'INPUT_UNKNOWN_SECTOR', path: 'shocks[0].sector' });
  });

  it('re-runs a saved what-if with the same answer as a direct run', async () => {
    const request = { shocks: ['agriculture:Q3:-2pp', 'services:Q4:+1pp'], baseline: 'high' };
    const save = (body: object) =>
      t.as(t.editor, { method: 'POST', url: `${stored}/whatifs`, payload: { name: 'thử', body } });
    const saved = json(await save(request));
    const run = await post(`${stored}/whatifs/${saved.id}/run`);
    expect(run.statusCode).toBe(200);
    const direct = json(await post(`${stored}/whatif`, request));
    const { whatif, ...rest } = json(run);
    expect(whatif).toEqual({ id: saved.id, name: 'thử' });
    expect(rest).toEqual(direct);

    // The web's form: one `sector.Q3:-2,…` string of pp.
    const web = json(await save({ baseline: 'high', shocks: 'agriculture.Q3:-2,services.Q4:1' }));
    const { whatif: _w, ...fromWeb } = json(await post(`${stored}/whatifs/${web.id}/run`));
    expect(fromWeb).toEqual(direct);

    const broken = json(await save({ shocks: 42 }));
    const r = await post(`${stored}/whatifs/${broken.id}/run`);
    expect(r.statusCode).toBe(422);
    expect(json(r)).toMatchObject({ code: 'WHATIF_NOT_RUNNABLE', path: 'body.shocks' });
    expect((await post(`${stored}/whatifs/wi-none/run`)).statusCode).toBe(404);
  });
});

describe('effective scenario and access', () => {
  it('tracks an actual entered with PUT in place of the file’s', async () => {
    const app = await makeApp();
    try {
      const put = await app.as(app.editor, {
        method: 'PUT',
        url: `${stored}/actuals/Q1`,
        payload: { values: { total: 5 }, vintage: 'revised' },
      });
      expect(put.statusCode).toBe(201);
      const r = json(await app.app.inject({ method: 'POST', url: `${stored}/track`, payload: { asOf: 'Q2' } }));
      expect(find(r as never, 'Q1')).toMatchObject({ actual: 5, status: 'below' });
      expect(find(r as never, 'Q1', 'agriculture')).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('needs a token for computing when REQUIRE_TOKEN_FOR_READ is set', async () => {
    const app = await makeApp({ requireTokenForRead: true });
    try {
      const url = `${stored}/whatif`;
      const payload = { shocks: [] };
      expect((await app.app.inject({ method: 'POST', url, payload })).statusCode).toBe(401);
      expect((await app.as(app.editor, { method: 'POST', url, payload })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('OpenAPI', () => {
  it('documents every computation route', async () => {
    const doc = json(await t.app.inject({ url: '/docs/json' })) as { paths: Record<string, Record<string, unknown>> };
    for (const path of [
      '/api/scenarios/{id}/track',
      '/api/track',
      '/api/scenarios/{id}/required',
      '/api/required',
      '/api/scenarios/{id}/whatif',
      '/api/whatif',
      '/api/scenarios/{id}/whatifs/{whatifId}/run',
      '/api/scenarios/{id}/simulate',
      '/api/simulate',
      '/api/plan',
    ])
      expect(doc.paths[path]?.post, path).toBeDefined();
  });
});
