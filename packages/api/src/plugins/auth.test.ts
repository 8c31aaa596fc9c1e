import { afterEach, describe, expect, it } from 'vitest';
import { AN_GIANG_YAML, json, makeApp, type TestApp } from '../../test-support/helpers.ts';

let t: TestApp | undefined;
afterEach(async () => t?.close());

const actual = { values: { total: 6 }, vintage: 'estimate' };

describe('auth', () => {
  it('leaves reading and computing open, and needs a token to write (401)', async () => {
    t = await makeApp();
    expect((await t.app.inject({ url: '/api/scenarios' })).statusCode).toBe(200);
    const noToken = await t.app.inject({
      method: 'PUT',
      url: '/api/scenarios/an-giang-2023/actuals/Q1',
      payload: actual,
    });
    expect(noToken.statusCode).toBe(401);
    expect(json(noToken).code).toBe('UNAUTHORIZED');
    const wrong = await t.as('grdp_not-a-real-token', {
      method: 'PUT',
      url: '/api/scenarios/an-giang-2023/actuals/Q1',
      payload: actual,
    });
    expect(wrong.statusCode).toBe(401);
    const malformed = await t.app.inject({
      method: 'PUT',
      url: '/api/scenarios/an-giang-2023/actuals/Q1',
      payload: actual,
      headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
    });
    expect(malformed.statusCode).toBe(401);
    expect(await t.repos.actuals.get('an-giang-2023', 'Q1')).toBeUndefined();
  });

  it('refuses an editor where admin is needed (403) and lets admin do editor work', async () => {
    t = await makeApp();
    const r = await t.as(t.editor, {
      method: 'PUT',
      url: '/api/scenarios/an-giang-2023',
      payload: AN_GIANG_YAML,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(r.statusCode).toBe(403);
    expect(json(r).code).toBe('FORBIDDEN');
    expect((await t.as(t.editor, { url: '/api/tokens' })).statusCode).toBe(403);
    const byAdmin = await t.as(t.admin, {
      method: 'PUT',
      url: '/api/scenarios/an-giang-2023/actuals/Q2',
      payload: actual,
    });
    expect(byAdmin.statusCode).toBe(201);
    expect(json(byAdmin).author).toBe('Quản trị');
  });

  it('attributes every write to its token’s name', async () => {
    t = await makeApp();
    await t.as(t.editor, { method: 'PUT', url: '/api/scenarios/an-giang-2023/actuals/Q1', payload: actual });
    expect((await t.repos.actuals.get('an-giang-2023', 'Q1'))?.author).toBe('Phòng Tổng hợp');
    const w = await t.as(t.editor, {
      method: 'POST',
      url: '/api/scenarios/an-giang-2023/whatifs',
      payload: { name: 'Quý IV chậm', body: { services: 8 } },
    });
    expect(w.statusCode).toBe(201);
    expect(json(w).author).toBe('Phòng Tổng hợp');
    await t.as(t.admin, {
      method: 'PUT',
      url: '/api/scenarios/an-giang-2023',
      payload: AN_GIANG_YAML,
      headers: { 'content-type': 'text/yaml' },
    });
    expect((await t.repos.scenarios.get('an-giang-2023'))?.updatedBy).toBe('Quản trị');
  });

  it('with REQUIRE_TOKEN_FOR_READ, reading and computing need a valid token', async () => {
    t = await makeApp({ requireTokenForRead: true });
    expect((await t.app.inject({ url: '/api/scenarios' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/evaluate', payload: {} })).statusCode).toBe(401);
    expect((await t.as(t.editor, { url: '/api/scenarios' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('lets an admin create, use and revoke a token; a revoked token is refused', async () => {
    t = await makeApp();
    const c = await t.as(t.admin, {
      method: 'POST',
      url: '/api/tokens',
      payload: { name: 'Sở KH&ĐT', role: 'editor' },
    });
    expect(c.statusCode).toBe(201);
    const { id, token } = json(c) as { id: string; token: string };
    expect(token).toMatch(/^grdp_/);
    const list = json(await t.as(t.admin, { url: '/api/tokens' })) as { tokens: Record<string, unknown>[] };
    expect(JSON.stringify(list)).not.toContain(token);
    expect(list.tokens.map((x) => x.name)).toContain('Sở KH&ĐT');
    expect(
      (await t.as(token, { method: 'PUT', url: '/api/scenarios/an-giang-2023/actuals/Q3', payload: actual }))
        .statusCode,
    ).toBe(201);
    expect((await t.as(t.admin, { method: 'DELETE', url: `/api/tokens/${id}` })).statusCode).toBe(204);
    expect(
      (await t.as(token, { method: 'PUT', url: '/api/scenarios/an-giang-2023/actuals/Q4', payload: actual }))
        .statusCode,
    ).toBe(401);
  });
});
