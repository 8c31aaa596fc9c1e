import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, makeApp, type TestApp } from '../../test-support/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => t.close());

const url = '/api/scenarios/an-giang-2023/actuals';
const put = (period: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.as(t.editor, { method: 'PUT', url: `${url}/${period}`, payload: payload as object, headers });

describe('actuals', () => {
  let etag1: string;

  it('creates the first revision of a period without If-Match (201) and answers its ETag', async () => {
    const r = await put('Q1', { values: { total: 6.2, agriculture: 2.1 }, vintage: 'estimate', note: 'ước tính' });
    expect(r.statusCode).toBe(201);
    etag1 = r.headers.etag as string;
    expect(etag1).toMatch(/^"[\w-]+"$/);
    expect(json(r)).toMatchObject({ revision: 1, author: 'Phòng Tổng hợp', previousValues: null, note: 'ước tính' });
    const g = await t.app.inject({ url: `${url}/Q1` });
    expect(g.statusCode).toBe(200);
    expect(g.headers.etag).toBe(etag1);
    expect(json(g).values).toEqual({ total: 6.2, agriculture: 2.1 });
  });

  it('refuses a growth of −100 or less, or above 1000, with the engine range (400 at its path)', async () => {
    for (const value of [-100, -150, 1000.5]) {
      const r = await put('Q4', { values: { total: value }, vintage: 'estimate' });
      expect(r.statusCode, String(value)).toBe(400);
      expect(json(r).path, String(value)).toContain('values');
    }
    expect((await t.app.inject({ url: `${url}/Q4` })).statusCode).toBe(404);
  });

  it('needs If-Match to change an existing period (428) and refuses a stale one (409), changing nothing', async () => {
    const missing = await put('Q1', { values: { total: 6.3 }, vintage: 'revised' });
    expect(missing.statusCode).toBe(428);
    expect(json(missing).code).toBe('IF_MATCH_REQUIRED');
    const stale = await put('Q1', { values: { total: 6.3 }, vintage: 'revised' }, { 'if-match': '"abc"' });
    expect(stale.statusCode).toBe(409);
    expect(json(stale).code).toBe('STALE_ETAG');
    // The scenario file's Q1 figures, then the one entered revision.
    const history = json(await t.app.inject({ url: `${url}/Q1/history` })) as { revisions: unknown[] };
    expect(history.revisions).toHaveLength(2);
  });

  it('records a new revision with the previous values; history is oldest first, the file’s figures first', async () => {
    const r = await put('Q1', { values: { total: 6.31 }, vintage: 'revised', note: 'số sửa' }, { 'if-match': etag1 });
    expect(r.statusCode).toBe(200);
    expect(json(r)).toMatchObject({ revision: 2, previousValues: { total: 6.2, agriculture: 2.1 } });
    expect(r.headers.etag).not.toBe(etag1);
    const again = await put('Q1', { values: { total: 6.4 }, vintage: 'official' }, { 'if-match': etag1 });
    expect(again.statusCode).toBe(409);
    const h = json(await t.app.inject({ url: `${url}/Q1/history` })) as {
      revisions: { revision: number; entered: number | null; author: string; values: { total: number } }[];
    };
    expect(h.revisions.map((x) => [x.revision, x.entered, x.author, x.values.total])).toEqual([
      [1, null, 'file', 6.3],
      [2, 1, 'Phòng Tổng hợp', 6.2],
      [3, 2, 'Phòng Tổng hợp', 6.31],
    ]);
  });

  it('pages through a history with after and limit, oldest first; bad paging values get 400', async () => {
    const page = async (q: string) =>
      (
        json(await t.app.inject({ url: `${url}/Q1/history?${q}` })) as { revisions: { revision: number }[] }
      ).revisions.map((x) => x.revision);
    expect(await page('limit=1')).toEqual([1]);
    expect(await page('after=1&limit=5')).toEqual([2, 3]);
    expect(await page('after=2')).toEqual([3]);
    expect(await page('after=3')).toEqual([]);
    for (const bad of ['limit=0', 'after=-1', 'limit=abc', 'page=2']) {
      const r = await t.app.inject({ url: `${url}/Q1/history?${bad}` });
      expect(r.statusCode, bad).toBe(400);
    }
  });

  it('lists the current revision of every period and feeds them to computations', async () => {
    expect((await put('H1', { values: { total: 7.05 }, vintage: 'estimate' })).statusCode).toBe(201);
    const list = json(await t.app.inject({ url })) as { actuals: { period: string; values: { total: number } }[] };
    expect(list.actuals.map((a) => [a.period, a.values.total])).toEqual([
      ['Q1', 6.31],
      ['H1', 7.05],
    ]);
    const effective = await t.repos.scenarios.effectiveScenario('an-giang-2023');
    expect(effective?.actuals.find((a) => a.period === 'H1')?.values.total).toBe(7.05);
  });

  it('answers 404 for a period never entered and for an unknown scenario', async () => {
    expect((await t.app.inject({ url: `${url}/Q3` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/scenarios/nope/actuals' })).statusCode).toBe(404);
    const r = await t.as(t.editor, {
      method: 'PUT',
      url: '/api/scenarios/nope/actuals/Q1',
      payload: { values: { total: 1 }, vintage: 'estimate' },
    });
    expect(r.statusCode).toBe(404);
  });
});
