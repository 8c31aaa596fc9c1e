/**
 * Malformed requests: each answers 4xx JSON with a stable code, never 500, and leaves every stored row unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dump, makeApp, type TestApp } from '../testing/helpers.ts';
import { CASES } from './malformed.cases.ts';

let t: TestApp;
let q1Etag: string;
beforeAll(async () => {
  t = await makeApp();
  const r = await t.repos.actuals.put(
    'an-giang-2023',
    'Q1',
    { values: { total: 6.2 }, vintage: 'estimate' },
    'seed',
    undefined,
  );
  q1Etag = r.revision.etag;
});
afterAll(async () => t.close());

describe('malformed requests', () => {
  it('has at least 40 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it.each(CASES)('$name → 4xx JSON with a code, nothing stored', async (c) => {
    const before = await dump(t.handle.db);
    const headers = Object.fromEntries(
      Object.entries((c.req.headers ?? {}) as Record<string, string>).map(([k, v]) => [k, v === '__Q1__' ? q1Etag : v]),
    );
    const token = c.who === 'admin' ? t.admin : c.who === 'editor' ? t.editor : undefined;
    const r = await t.as(token, { ...c.req, headers });
    expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
    expect(r.statusCode, r.body).toBeLessThan(500);
    if (c.status) expect(r.statusCode, r.body).toBe(c.status);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    const body = r.json() as { code: unknown; message: unknown };
    expect(typeof body.code).toBe('string');
    expect(typeof body.message).toBe('string');
    if (c.code) expect(body.code, r.body).toBe(c.code);
    expect(await dump(t.handle.db)).toBe(before);
  });
});
