/**
 * The auth matrix: every operation of /docs/json × {no token, malformed token, revoked token, editor, admin}
 * against an explicit table of who may do what; tokens stored only as hashes and compared in constant time;
 * failed token checks rate-limited per address; security headers; CORS off unless configured;
 * REQUIRE_TOKEN_FOR_READ.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFailureLimiter, PREFIX_LENGTH, REPO_ROOT } from '@grdp/api';
import { makeApp, type TestApp } from '@grdp/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillPath, type RouteInfo, routesOf } from './fuzz.ts';
import { sleep } from './helpers.ts';

type Access = 'public' | 'read' | 'editor' | 'admin';

/**
 * Who may do what (plugins/auth.ts): `public` has no auth hook at all (tokens are ignored), `read` is open unless
 * REQUIRE_TOKEN_FOR_READ (but a presented token must be valid), `editor` writes actuals, imports and what-ifs,
 * `admin` writes scenarios and tokens. A route missing here falls back to the rule: secured in the OpenAPI
 * document → editor, else read (so new routes are covered, and the consistency test below flags a mismatch).
 */
const EXPECTED: Record<string, Access> = {
  'GET /healthz': 'public',
  'GET /api/version': 'public',
  'GET /api/templates/actuals.csv': 'public',
  'GET /api/templates/actuals.xlsx': 'public',
  'GET /guide.md': 'public',
  'GET /api/scenarios': 'read',
  'GET /api/scenarios/{id}': 'read',
  'PUT /api/scenarios/{id}': 'admin',
  'DELETE /api/scenarios/{id}': 'admin',
  'POST /api/scenarios/{id}/calibrate': 'read',
  'GET /api/scenarios/{id}/audit': 'read',
  'POST /api/scenarios/{id}/evaluate': 'read',
  'POST /api/evaluate': 'read',
  'POST /api/scenarios/{id}/track': 'read',
  'POST /api/track': 'read',
  'POST /api/scenarios/{id}/required': 'read',
  'POST /api/required': 'read',
  'POST /api/scenarios/{id}/whatif': 'read',
  'POST /api/whatif': 'read',
  'POST /api/scenarios/{id}/whatifs/{whatifId}/run': 'read',
  'POST /api/scenarios/{id}/simulate': 'read',
  'POST /api/simulate': 'read',
  'POST /api/plan': 'read',
  'GET /api/scenarios/{id}/actuals': 'read',
  'GET /api/scenarios/{id}/actuals/{period}': 'read',
  'PUT /api/scenarios/{id}/actuals/{period}': 'editor',
  'GET /api/scenarios/{id}/actuals/{period}/history': 'read',
  'POST /api/scenarios/{id}/actuals/import': 'editor',
  'GET /api/scenarios/{id}/whatifs': 'read',
  'POST /api/scenarios/{id}/whatifs': 'editor',
  'DELETE /api/scenarios/{id}/whatifs/{whatifId}': 'editor',
  'GET /api/tokens': 'admin',
  'POST /api/tokens': 'admin',
  'DELETE /api/tokens/{tokenId}': 'admin',
  'GET /api/scenarios/{id}/export.csv': 'read',
  'GET /api/scenarios/{id}/export.xlsx': 'read',
  'GET /api/scenarios/{id}/export.yaml': 'read',
  'GET /api/scenarios/{id}/appendix.xlsx': 'read',
  'GET /api/scenarios/{id}/charts/{chart}': 'read',
};

const accessOf = (r: RouteInfo): Access => EXPECTED[`${r.method} ${r.path}`] ?? (r.secured ? 'editor' : 'read');

type Who = 'none' | 'malformed' | 'revoked' | 'editor' | 'admin';
const WHO: Who[] = ['none', 'malformed', 'revoked', 'editor', 'admin'];

/** The status class expected: 401, 403, or 'pass' (auth let it through: any status but 401/403, below 500). */
function expected(access: Access, who: Who, requireTokenForRead = false): 401 | 403 | 'pass' {
  if (access === 'public') return 'pass';
  if (who === 'malformed' || who === 'revoked') return 401;
  if (who === 'none') return access === 'read' && !requireTokenForRead ? 'pass' : 401;
  if (access === 'admin' && who === 'editor') return 403;
  return 'pass';
}

async function matrix(t: TestApp, revoked: string, requireTokenForRead: boolean) {
  const routes = (await routesOf(t.app)).filter((r) => !r.path.startsWith('/docs'));
  const header: Record<Who, string | undefined> = {
    none: undefined,
    malformed: 'Bearer not a token!',
    revoked: `Bearer ${revoked}`,
    editor: `Bearer ${t.editor}`,
    admin: `Bearer ${t.admin}`,
  };
  const rows: string[] = [];
  let checked = 0;
  for (const route of routes) {
    const access = accessOf(route);
    // Deletes aim at things that do not exist, so the matrix does not remove the scenario under test.
    const url = fillPath(
      route.path,
      route.method === 'DELETE' ? { id: 'nope-gone', whatifId: 'nope', tokenId: 'nope' } : {},
    );
    const cells: string[] = [];
    for (const who of WHO) {
      const r = await t.app.inject({
        method: route.method,
        url,
        headers: header[who] ? { authorization: header[who]! } : {},
      });
      const want = expected(access, who, requireTokenForRead);
      const label = `${route.method} ${route.path} as ${who}: ${r.statusCode} ${r.body.slice(0, 200)}`;
      expect(r.statusCode, label).toBeLessThan(500);
      if (want === 'pass') expect([401, 403], label).not.toContain(r.statusCode);
      else expect(r.statusCode, label).toBe(want);
      cells.push(String(r.statusCode));
      checked++;
    }
    rows.push(`${`${route.method} ${route.path}`.padEnd(52)} ${access.padEnd(7)} ${cells.join(' ')}`);
  }
  return { rows, checked, routes };
}

describe('auth matrix', () => {
  let t: TestApp;
  let revoked: string;
  beforeAll(async () => {
    t = await makeApp({ authFailureMax: 0 });
    const r = await t.repos.tokens.create('Đã thu hồi', 'admin');
    await t.repos.tokens.revoke(r.id);
    revoked = r.token;
  });
  afterAll(async () => t?.close());

  it('the expected table and the OpenAPI document agree (secured ⇔ editor/admin)', async () => {
    const routes = await routesOf(t.app);
    for (const r of routes.filter((x) => !x.path.startsWith('/docs'))) {
      const a = accessOf(r);
      expect(`${r.method} ${r.path} ${a} secured=${r.secured}`).toBe(
        `${r.method} ${r.path} ${a} secured=${a === 'editor' || a === 'admin'}`,
      );
    }
    const known = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const stale = Object.keys(EXPECTED).filter((k) => !known.has(k));
    expect(stale, 'table rows for routes that no longer exist').toEqual([]);
  });

  it('every route × {none, malformed, revoked, editor, admin} gets the expected status', async () => {
    const { rows, checked, routes } = await matrix(t, revoked, false);
    console.info(`auth matrix: ${routes.length} routes × 5 = ${checked} requests\n${rows.join('\n')}`);
    expect(checked).toBe(routes.length * 5);
    expect(routes.length).toBeGreaterThanOrEqual(30);
  });

  it('with REQUIRE_TOKEN_FOR_READ, reads need a valid token too', async () => {
    const strict = await makeApp({ requireTokenForRead: true, authFailureMax: 0 });
    try {
      const r = await strict.repos.tokens.create('x', 'editor');
      await strict.repos.tokens.revoke(r.id);
      const { checked, routes } = await matrix(strict, r.token, true);
      expect(checked).toBe(routes.length * 5);
      expect((await strict.app.inject({ url: '/api/scenarios' })).statusCode).toBe(401);
    } finally {
      await strict.close();
    }
  });
});

describe('token storage', () => {
  it('keeps only sha256 hashes: no plaintext token anywhere in the tokens table', async () => {
    const t = await makeApp();
    try {
      const created = await t.repos.tokens.create('Kiểm tra', 'editor');
      const rows = await t.handle.db.selectFrom('tokens').selectAll().execute();
      const text = JSON.stringify(rows);
      for (const token of [t.admin, t.editor, created.token]) {
        expect(text).not.toContain(token);
        expect(text).not.toContain(token.slice(5, 25));
        expect(text).toContain(createHash('sha256').update(token).digest('hex'));
      }
      for (const r of rows) expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      const list = await t.app.inject({ url: '/api/tokens', headers: { authorization: `Bearer ${t.admin}` } });
      expect(list.body).not.toContain(t.editor);
      expect(list.body).not.toContain('hash');
    } finally {
      await t.close();
    }
  });

  it('compares in constant time (code inspection: timingSafeEqual, no string equality on secrets)', () => {
    const tokens = readFileSync(join(REPO_ROOT, 'packages/api/src/repositories/tokens.ts'), 'utf8');
    const auth = readFileSync(join(REPO_ROOT, 'packages/api/src/plugins/auth.ts'), 'utf8');
    expect(tokens).toMatch(/import \{[^}]*timingSafeEqual[^}]*\} from 'node:crypto'/);
    expect(tokens).toMatch(/timingSafeEqual\(a, b\)/);
    expect(tokens).toMatch(/createHash\('sha256'\)/);
    expect(tokens).not.toMatch(/(presented|token)\s*===?\s*row\./);
    expect(tokens).not.toMatch(/row\.hash\s*===?/);
    expect(auth).toMatch(/app\.repos\.tokens\.verify\(/);
    expect(auth).not.toMatch(/===?\s*['"`]grdp_/);
  });
});

describe('failed-auth rate limit', () => {
  it('after AUTH_FAILURE_MAX bad tokens from one address: 429 with Retry-After for more bad tokens, while a valid token from that address still works; the window ends', async () => {
    const t = await makeApp({ authFailureMax: 5, authFailureWindowSec: 1 });
    try {
      const put = (token: string, remoteAddress = '127.0.0.1', period = 'Q3') =>
        t.app.inject({
          method: 'PUT',
          url: `/api/scenarios/an-giang-2023/actuals/${period}`,
          remoteAddress,
          headers: { authorization: `Bearer ${token}` },
          payload: { values: { total: 7 }, vintage: 'estimate' },
        });
      for (let i = 0; i < 5; i++) expect((await put(`grdp_guess${i}`)).statusCode).toBe(401);
      const limited = await put('grdp_guess-again');
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // Someone else's failures do not lock out the owner of a valid token at the same (NAT) address.
      expect((await put(t.editor)).statusCode).toBe(201);
      const admin = await t.app.inject({ url: '/api/tokens', headers: { authorization: `Bearer ${t.admin}` } });
      expect(admin.statusCode).toBe(200);
      expect((await put('grdp_guess-more')).statusCode).toBe(429); // still bounded for the guesser
      expect((await t.app.inject({ url: '/api/scenarios' })).statusCode).toBe(200);
      expect((await put('grdp_other', '10.0.0.9')).statusCode).toBe(401); // another address is not blocked
      await sleep(1100);
      expect((await put('grdp_guess-later')).statusCode).toBe(401);
      expect((await put(t.editor, '127.0.0.1', 'Q4')).statusCode).toBe(201);
    } finally {
      await t.close();
    }
  });

  it('counts per token prefix too: guesses at one prefix from many addresses are limited, a valid token with that prefix is not', async () => {
    const t = await makeApp({ authFailureMax: 5, authFailureWindowSec: 60 });
    try {
      const get = (token: string, remoteAddress: string) =>
        t.app.inject({ url: '/api/tokens', remoteAddress, headers: { authorization: `Bearer ${token}` } });
      const prefix = t.admin.slice(0, PREFIX_LENGTH);
      for (let i = 0; i < 5; i++) expect((await get(`${prefix}guess${i}`, `10.1.0.${i}`)).statusCode).toBe(401);
      const limited = await get(`${prefix}guess-again`, '10.1.0.99');
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((await get(t.admin, '10.1.0.99')).statusCode).toBe(200);
      expect((await get(t.admin, '10.1.0.1')).statusCode).toBe(200);
      expect((await get('grdp_elsewhere', '10.1.0.98')).statusCode).toBe(401); // other prefixes are not blocked
    } finally {
      await t.close();
    }
  });

  it('is on by default (AUTH_FAILURE_MAX 50 per 300 s): 50 bad tokens from an address do not lock out a valid admin token there; the limiter forgets old addresses', async () => {
    const t = await makeApp();
    try {
      let last = 0;
      for (let i = 0; i < 60 && last !== 429; i++)
        last = (await t.app.inject({ url: '/api/scenarios', headers: { authorization: `Bearer grdp_x${i}` } }))
          .statusCode;
      expect(last).toBe(429);
      const admin = await t.app.inject({ url: '/api/tokens', headers: { authorization: `Bearer ${t.admin}` } });
      expect(admin.statusCode).toBe(200);
      const token = await t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: { authorization: `Bearer ${t.admin}` },
        payload: { name: 'Sau khi bị dò', role: 'editor' },
      });
      expect(token.statusCode).toBe(201);
    } finally {
      await t.close();
    }
    let now = 0;
    const l = createFailureLimiter(2, 1000, () => now);
    l.fail('a');
    l.fail('a');
    expect(l.blockedFor('a')).toBe(1);
    now = 1001;
    expect(l.blockedFor('a')).toBe(0);
    for (let i = 0; i < 12_000; i++) l.fail(`ip${i}`);
    expect(l.size).toBeLessThanOrEqual(10_000);
  });
});

describe('headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t?.close());

  it.each(['/api/scenarios', '/api/scenarios/nope', '/no/such/route'])('security headers on %s', async (url) => {
    const r = await t.app.inject({ url });
    expect(r.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(r.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(r.headers['x-powered-by']).toBeUndefined();
  });

  it('CORS is off unless configured', async () => {
    const r = await t.app.inject({ url: '/api/scenarios', headers: { origin: 'https://evil.example' } });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/scenarios',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
    });
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    expect(pre.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('CORS_ORIGIN allows exactly the configured origins', async () => {
    const c = await makeApp({ corsOrigin: ['https://so-ke-hoach.example'] });
    try {
      const ok = await c.app.inject({ url: '/api/scenarios', headers: { origin: 'https://so-ke-hoach.example' } });
      expect(ok.headers['access-control-allow-origin']).toBe('https://so-ke-hoach.example');
      const other = await c.app.inject({ url: '/api/scenarios', headers: { origin: 'https://evil.example' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      // The preflight of a PUT with a token and If-Match (an actual typed in from another office's page).
      const pre = await c.app.inject({
        method: 'OPTIONS',
        url: '/api/scenarios/an-giang-2023/actuals/Q3',
        headers: {
          origin: 'https://so-ke-hoach.example',
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'authorization, content-type, if-match',
        },
      });
      expect(pre.statusCode).toBe(204);
      expect(String(pre.headers['access-control-allow-methods']).split(/,\s*/)).toEqual(
        expect.arrayContaining(['PUT', 'DELETE', 'POST']),
      );
      expect(String(pre.headers['access-control-allow-headers'])).toMatch(/if-match/);
    } finally {
      await c.close();
    }
  });

  it('the content security policy does not upgrade requests to https (the app runs over http on a LAN)', async () => {
    for (const url of ['/docs/json', '/docs', '/api/scenarios']) {
      const r = await t.app.inject({ url });
      expect(String(r.headers['content-security-policy']), url).toMatch(/default-src 'self'/);
      expect(String(r.headers['content-security-policy']), url).not.toMatch(/upgrade-insecure-requests/);
    }
  });
});
