/**
 * One truth per figure: for a scenario with entered actuals (Q3 entered in the app), every period's total and
 * sector figures agree at 2 decimals on every surface — the API's track and evaluate, the CLI's --json against the
 * same database, the chart JSON and CSV, export.csv and export.xlsx, the embed's data table and the dashboard's
 * tables (read in Chromium). The contributions chart's FY total is the total chart's FY figure.
 */
import { runCli } from '@grdp/api';
import { formatNumber, type Lang, PERIODS } from '@grdp/engine';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const ID = 'an-giang-2023';
const KEYS = ['total', 'agriculture', 'industry_construction', 'services', 'product_taxes'];
const VIEWS = {
  quarterly: ['Q1', 'Q2', 'Q3', 'Q4'],
  cumulative: ['Q1', 'H1', '9M', 'FY'],
} as const;
const Q3 = { total: 7.1, agriculture: 3.2, industry_construction: 10.1, services: 8.4, product_taxes: 4.4 };

/** A figure at 2 decimals, the way a reader of `lang` sees it (half away from zero). */
const two = (v: number, lang: Lang = 'en') => formatNumber(v, lang, 2);
const at = (period: string, key: string) => `${period} ${key}`;

let server: TestServer;
let browser: Browser;
/** The API's track: the actual of each period and key, at 2 decimals. */
const actual = new Map<string, string>();
/** The API's evaluate: low and high growth of each period and key, at 2 decimals. */
const low = new Map<string, string>();
const high = new Map<string, string>();

async function post(path: string, payload: object = {}): Promise<Record<string, unknown>> {
  const r = await fetch(`${server.url}/api/scenarios/${ID}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  expect(r.status, path).toBe(200);
  return (await r.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const put = await fetch(`${server.url}/api/scenarios/${ID}/actuals/Q3`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.editor}` },
    body: JSON.stringify({ values: Q3, vintage: 'estimate' }),
  });
  expect(put.status).toBe(201);
  const track = (await post('track')) as { status: { period: string; key: string; actual: number }[] };
  for (const s of track.status) actual.set(at(s.period, s.key), two(s.actual));
  type Cell = { growth: number };
  type Table = { periods: Record<string, { total: Cell; sectors: Record<string, Cell> }> };
  const evaluation = (await post('evaluate')) as { low: Table; high: Table };
  for (const p of PERIODS)
    for (const key of KEYS) {
      const cell = (t: Table) => (key === 'total' ? t.periods[p]!.total : t.periods[p]!.sectors[key]!);
      low.set(at(p, key), two(cell(evaluation.low).growth));
      high.set(at(p, key), two(cell(evaluation.high).growth));
    }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the same figure everywhere', () => {
  it('the API track has the entered Q3 and the figures derived from it', () => {
    expect(actual.get(at('Q3', 'total'))).toBe('7.10');
    // 9M is derived from H1 and the entered Q3; every key has a figure in each period.
    for (const key of KEYS) for (const p of PERIODS) expect(actual.has(at(p, key)), at(p, key)).toBe(true);
  });

  it('the CLI --json against the same database', async () => {
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    const code = await runCli(['track', '--scenario', ID, '--json'], io, { DATA_DIR: server.dataDir });
    expect(code, out.join('\n')).toBe(0);
    const track = JSON.parse(out.join('\n')) as { status: { period: string; key: string; actual: number }[] };
    expect(track.status.length).toBe(actual.size);
    for (const s of track.status) expect(two(s.actual), at(s.period, s.key)).toBe(actual.get(at(s.period, s.key)));
  });

  it('the chart JSON and CSV (vi) of every key and view', async () => {
    let compared = 0;
    for (const key of KEYS)
      for (const [view, periods] of Object.entries(VIEWS)) {
        const json = (await (
          await fetch(`${server.url}/api/scenarios/${ID}/charts/${key}.json?view=${view}`)
        ).json()) as {
          rows: { period: string; values: { low: number; high: number; actual: number | null } }[];
        };
        const csv = await (
          await fetch(`${server.url}/api/scenarios/${ID}/charts/${key}.csv?view=${view}&lang=vi`)
        ).text();
        const lines = csv
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n')
          .slice(1);
        periods.forEach((p, i) => {
          const row = json.rows[i]!;
          expect(row.period).toBe(p);
          expect(two(row.values.actual!), `${key} ${p}`).toBe(actual.get(at(p, key)));
          const cells = lines[i]!.split(';');
          expect(cells[3], `${key} ${p} csv`).toBe(two(row.values.actual!, 'vi'));
          if (view === 'quarterly') {
            // The quarterly bands are the paths evaluate runs on.
            expect(two(row.values.low), `${key} ${p} low`).toBe(low.get(at(p, key)));
            expect(two(row.values.high), `${key} ${p} high`).toBe(high.get(at(p, key)));
          }
          compared++;
        });
      }
    expect(compared).toBe(KEYS.length * 8);
  });

  it('the contributions chart: the FY total is the total chart FY figure', async () => {
    const json = (await (
      await fetch(`${server.url}/api/scenarios/${ID}/charts/contributions.json?view=cumulative`)
    ).json()) as {
      rows: { period: string; values: Record<string, number | null> }[];
    };
    for (const row of json.rows) expect(two(row.values.total!), row.period).toBe(actual.get(at(row.period, 'total')));
  });

  it('export.csv and export.xlsx (computed table)', async () => {
    const csv = await (await fetch(`${server.url}/api/scenarios/${ID}/export.csv?lang=en`)).text();
    const computed = csv
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .map((l) => l.split(','))
      .filter((c) => c[0] === 'Computed');
    expect(computed.length).toBe(PERIODS.length * KEYS.length);
    for (const [, period, key, lo, hi, value] of computed) {
      const k = at(period!, key!);
      expect(two(Number(value)), `csv ${k}`).toBe(actual.get(k));
      expect(lo, `csv ${k} low`).toBe(low.get(k));
      expect(hi, `csv ${k} high`).toBe(high.get(k));
    }
    const xlsx = Buffer.from(
      await (await fetch(`${server.url}/api/scenarios/${ID}/export.xlsx?lang=en`)).arrayBuffer(),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('Computed')!;
    let rows = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const [period, key, lo, hi, value] = (row.values as unknown[]).slice(1) as [
        string,
        string,
        number,
        number,
        number,
      ];
      const k = at(period, key);
      expect(two(value), `xlsx ${k}`).toBe(actual.get(k));
      expect(two(lo), `xlsx ${k} low`).toBe(low.get(k));
      expect(two(hi), `xlsx ${k} high`).toBe(high.get(k));
      rows++;
    });
    expect(rows).toBe(PERIODS.length * KEYS.length);
  });

  it('the dashboard tables and the embed data table, read in Chromium', async () => {
    const page: Page = await (await browser.newContext({ locale: 'vi-VN' })).newPage();
    const rowsOf = (selector: string) =>
      page.$$eval(`${selector} tbody tr`, (trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())),
      );
    for (const [view, periods] of Object.entries(VIEWS)) {
      await page.goto(`${server.url}/#/s/${ID}?view=${view}`);
      for (const key of KEYS) {
        await page.waitForSelector(`#table-band-${key}-${view} tbody tr`);
        const rows = await rowsOf(`#table-band-${key}-${view}`);
        periods.forEach((p, i) => {
          const expected = two(Number(actual.get(at(p, key))), 'vi');
          expect(rows[i]![3], `dashboard ${key} ${p}`).toBe(expected);
        });
      }
      for (const key of KEYS) {
        await page.goto(`${server.url}/embed/${ID}/${key}?view=${view}&lang=vi`);
        await page.waitForSelector(`#table-embed-${key}-${view} tbody tr`, { state: 'attached' });
        const rows = await rowsOf(`#table-embed-${key}-${view}`);
        periods.forEach((p, i) => {
          expect(rows[i]![3], `embed ${key} ${p}`).toBe(two(Number(actual.get(at(p, key))), 'vi'));
        });
      }
    }
  });
});
