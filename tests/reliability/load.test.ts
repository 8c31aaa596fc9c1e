/**
 * A short load run (100 connections, 5 s) against a listening app: a mix of reads, what-ifs, evaluations and
 * writes. No connection errors, no timeouts, no 5xx, every answer 2xx; p99 printed. The 30 s and 10-minute runs
 * (with memory sampling) are in `npm run soak`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, makeBackendApp } from './helpers.ts';
import { prepareLoad, runLoad } from './load.ts';

describe('load: 100 connections for 5 s', () => {
  let t: Awaited<ReturnType<typeof makeBackendApp>>;
  beforeAll(async () => {
    // Without the test-only response check: its CPU is not the server's.
    t = await makeBackendApp('sqlite', {}, { checkResponses: false });
    await prepareLoad({ base: t.base, editor: t.editor });
  });
  afterAll(async () => t?.close());

  it('answers every request 2xx, with no errors or timeouts', async () => {
    const r = await runLoad({ base: t.base, editor: t.editor }, 100, 5);
    console.info(`load 100 × 5 s: ${JSON.stringify(r)}`);
    expect(r.requests).toBeGreaterThan(100);
    expect(r.errors).toBe(0);
    expect(r.timeouts).toBe(0);
    expect(r.s5xx).toBe(0);
    expect(r.non2xx).toBe(0);
    const history = await http(t.base, 'GET', '/api/scenarios/an-giang-2023/actuals/Q1/history');
    const revs = history.json().revisions as { revision: number; origin: string }[];
    expect(revs.map((x) => x.revision)).toEqual(revs.map((_, i) => i + 1));
    expect(revs[0]!.origin).toBe('file');
    expect(revs.length).toBeGreaterThan(1);
  }, 60_000);
});
