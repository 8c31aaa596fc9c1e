/**
 * The bad-input corpus over real HTTP: every case answers 4xx JSON with a code and a message that says what and
 * where, the full database dump is the same before and after, and /healthz answers 200 after each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Case, CORPUS, HEADER, IMPORT, IMPORT_GROUPS, ROW } from './corpus.ts';
import { BOM, multipart } from './files.ts';
import { AN_GIANG_YAML, dump, http, makeBackendApp, SCEN } from './helpers.ts';

type App = Awaited<ReturnType<typeof makeBackendApp>>;
let t: App;
let q1Etag: string;
let importRoute = false;
const seen: Record<string, Record<number, number>> = {};

beforeAll(async () => {
  t = await makeBackendApp('sqlite');
  const r = await t.repos.actuals.put(
    'an-giang-2023',
    'Q1',
    { values: { total: 6.2 }, vintage: 'estimate' },
    'seed',
    undefined,
  );
  q1Etag = r.revision.etag;
  const docs = (await http(t.base, 'GET', '/docs/json')).json() as { paths: Record<string, unknown> };
  importRoute = Object.keys(docs.paths).some((p) => /\/actuals\/import$/.test(p));
});
afterAll(async () => {
  const lines = Object.entries(seen).map(([g, s]) => `${g}: ${JSON.stringify(s)}`);
  console.info(
    `bad-input corpus: ${CORPUS.length} cases (import route ${importRoute ? 'present' : 'absent: 404'})\n${lines.join('\n')}`,
  );
  await t?.close();
});

function tokenFor(c: Case): string | undefined {
  return c.who === 'admin' ? t.admin : c.who === 'editor' ? t.editor : undefined;
}

describe('bad-input corpus', () => {
  it('has at least 100 cases in every group', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(100);
    const groups = new Set(CORPUS.map((c) => c.group));
    expect([...groups].sort()).toEqual([
      'actuals',
      'headers',
      'import-csv',
      'import-xlsx',
      'query',
      'scenario-json',
      'scenario-yaml',
    ]);
    expect(new Set(CORPUS.map((c) => `${c.group}/${c.name}`)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map((c) => [`${c.group}: ${c.name}`, c] as const))(
    '%s → 4xx JSON, nothing stored, still up',
    async (_n, c) => {
      const before = await dump(t.handle.db);
      const req = c.req();
      const headers = Object.fromEntries(
        Object.entries(req.headers ?? {}).map(([k, v]) => [k, v === '__Q1__' ? q1Etag : v]),
      );
      const r = await http(t.base, req.method, req.url, {
        token: tokenFor(c),
        headers,
        ...(req.body !== undefined ? { body: req.body === null ? 'null' : req.body } : {}),
        timeoutMs: 50_000,
      });
      const counts = seen[c.group] ?? {};
      seen[c.group] = counts;
      counts[r.status] = (counts[r.status] ?? 0) + 1;
      expect(r.status, r.text).toBeGreaterThanOrEqual(400);
      expect(r.status, r.text).toBeLessThan(500);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      const body = r.json() as {
        code?: unknown;
        message?: unknown;
        path?: unknown;
        issues?: { path: string }[];
        errors?: { row: number; column: string; reason: string }[];
      };
      expect(typeof body.code, r.text).toBe('string');
      expect(body.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(typeof body.message).toBe('string');
      expect((body.message as string).length).toBeGreaterThan(5);
      const isImport = IMPORT_GROUPS.includes(c.group);
      if (isImport && !importRoute) {
        expect(r.status).toBe(404);
      } else {
        if (c.status) expect(r.status, r.text).toBe(c.status);
        if (typeof c.code === 'string') expect(body.code, r.text).toBe(c.code);
        else if (c.code) expect(body.code, r.text).toMatch(c.code);
        if (c.where) {
          const places = [
            String(body.path ?? ''),
            ...(body.issues ?? []).map((i) => i.path),
            ...(body.errors ?? []).flatMap((e) => [e.column, e.reason]),
            String(body.message),
          ];
          expect(
            places.some((p) => p.includes(c.where!)),
            `"${c.where}" in ${r.text.slice(0, 500)}`,
          ).toBe(true);
        }
      }
      expect(await dump(t.handle.db)).toBe(before);
      const health = await http(t.base, 'GET', '/healthz');
      expect(health.status).toBe(200);
    },
  );

  it('accepts the valid import the CSV cases are variations of (the refusals are about the defect)', async () => {
    const m = multipart('actuals.csv', Buffer.from(`${HEADER}\n${ROW}\n`), 'text/csv');
    const r = await http(t.base, 'POST', IMPORT, {
      token: t.editor,
      body: m.body,
      headers: { 'content-type': m.contentType },
    });
    expect(r.status, r.text).toBe(200);
    expect((await t.repos.actuals.get('an-giang-2023', 'Q2'))?.values).toEqual({ total: 8.2 });
  });

  it('accepts a valid file that starts with a UTF-8 BOM (a BOM alone is not an error)', async () => {
    const r = await http(t.base, 'PUT', SCEN, {
      token: t.admin,
      body: Buffer.concat([BOM, Buffer.from(AN_GIANG_YAML)]),
      headers: { 'content-type': 'application/yaml' },
    });
    expect(r.status, r.text).toBe(200);
  });
});
