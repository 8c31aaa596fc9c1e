/**
 * securityHeadersPlugin sets exactly the headers @fastify/helmet set with the same options (the app used it
 * before; it built Helmet's middleware on every request), in the same order, on JSON, text and error answers,
 * and the app sends them on the API, /healthz and 404s.
 */
import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../../test-support/helpers.ts';
import { securityHeadersPlugin } from './security.ts';

const OPTIONS = { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } };

async function small(register: (app: FastifyInstance) => Promise<void>): Promise<FastifyInstance> {
  const app = Fastify();
  await register(app);
  app.get('/json', async () => ({ ok: true }));
  app.get('/text', async (_request, reply) => reply.type('text/plain').send('ok'));
  app.get('/fail', async () => {
    throw new Error('no');
  });
  await app.ready();
  return app;
}

const headersOf = async (app: FastifyInstance, url: string) => {
  const r = await app.inject({ method: 'GET', url });
  const { date: _date, ...rest } = r.headers;
  return { status: r.statusCode, headers: Object.entries(rest) };
};

describe('security headers', () => {
  let before: FastifyInstance;
  let after: FastifyInstance;
  let t: TestApp;
  beforeAll(async () => {
    before = await small(async (app) => {
      await app.register(fastifyHelmet, { global: true, ...OPTIONS });
    });
    after = await small(async (app) => {
      await app.register(securityHeadersPlugin, OPTIONS);
    });
    t = await makeApp();
  });
  afterAll(async () => {
    await before?.close();
    await after?.close();
    await t?.close();
  });

  it('are the ones @fastify/helmet set, in the same order', async () => {
    for (const url of ['/json', '/text', '/fail', '/none']) {
      const expected = await headersOf(before, url);
      expect(expected.headers.length).toBeGreaterThan(10);
      expect(await headersOf(after, url), url).toEqual(expected);
    }
  });

  it('reach every answer of the app', async () => {
    const policy = (await headersOf(before, '/json')).headers.filter(
      ([k]) => k !== 'content-type' && k !== 'content-length',
    );
    for (const [method, url] of [
      ['GET', '/healthz'],
      ['GET', '/api/scenarios'],
      ['POST', '/api/scenarios/an-giang-2023/whatif'],
      ['GET', '/api/nothing-here'],
    ] as const) {
      const r = await t.app.inject({ method, url, ...(method === 'POST' ? { payload: { shocks: [] } } : {}) });
      for (const [k, v] of policy) expect(r.headers[k], `${url} ${k}`).toBe(v);
    }
  });
});
