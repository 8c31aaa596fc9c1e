/**
 * The bad-input corpus (packages/api/test-support/bad-input.ts, shared with the API's in-process suite) over
 * real HTTP, heavy cases included: every case answers 4xx JSON with a code and a message that says what and
 * where, the full database dump is the same before and after, and /healthz answers 200 after each.
 */

import { BOM, type Case, CORPUS, expectRefusal, HEADER, IMPORT, multipart, ROW, withEtag } from '@grdp/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AN_GIANG_YAML, dump, http, makeBackendApp, SCEN } from './helpers.ts';

type App = Awaited<ReturnType<typeof makeBackendApp>>;
let t: App;
let q1Etag: string;
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
});
afterAll(async () => {
  const lines = Object.entries(seen).map(([g, s]) => `${g}: ${JSON.stringify(s)}`);
  console.info(`bad-input corpus: ${CORPUS.length} cases\n${lines.join('\n')}`);
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
      'other-writes',
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
      const r = await http(t.base, req.method, req.url, {
        token: tokenFor(c),
        headers: withEtag(req, q1Etag),
        ...(req.body !== undefined ? { body: req.body === null ? 'null' : req.body } : {}),
        timeoutMs: 50_000,
      });
      const counts = seen[c.group] ?? {};
      seen[c.group] = counts;
      counts[r.status] = (counts[r.status] ?? 0) + 1;
      expectRefusal(c, { status: r.status, contentType: r.headers.get('content-type'), text: r.text });
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
