/**
 * The bad-input corpus in process (inject): each request answers 4xx JSON with a stable code that says what and
 * where, never 500, and leaves every stored row unchanged. The reliability suite runs the same corpus over real
 * HTTP, with the heavy cases (tens of megabytes) as well.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, expectRefusal, withEtag } from '../../test-support/bad-input.ts';
import { dump, makeApp, type TestApp } from '../../test-support/helpers.ts';

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

const light = CORPUS.filter((c) => !c.heavy);
const heavy = CORPUS.filter((c) => c.heavy);
console.info(
  `malformed requests: ${light.length} of ${CORPUS.length} corpus cases in process; the ${heavy.length} heavy ones (${heavy.map((c) => c.name).join(', ')}) run in tests/reliability/corpus.test.ts`,
);

describe('malformed requests', () => {
  it('runs at least 100 cases in process', () => expect(light.length).toBeGreaterThanOrEqual(100));

  it.each(light.map((c) => [`${c.group}: ${c.name}`, c] as const))(
    '%s → 4xx JSON with a code, nothing stored',
    async (_n, c) => {
      const before = await dump(t.handle.db);
      const req = c.req();
      const token = c.who === 'admin' ? t.admin : c.who === 'editor' ? t.editor : undefined;
      const r = await t.as(token, {
        method: req.method,
        url: req.url,
        headers: withEtag(req, q1Etag),
        ...(req.body !== undefined ? { payload: req.body === null ? 'null' : (req.body as string | Buffer) } : {}),
      });
      expectRefusal(c, { status: r.statusCode, contentType: r.headers['content-type'] as string, text: r.body });
      expect(await dump(t.handle.db)).toBe(before);
    },
  );
});
