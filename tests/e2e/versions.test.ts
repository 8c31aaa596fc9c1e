/**
 * Scenario versions in Chromium against the real API: An Giang 2023 adjusted as of Q2 and saved (version 2, the
 * current one); the dashboard's "So với phiên bản…" selector draws version 1's band faintly behind each band chart
 * (the bands of the stored file), and the versions card lists both versions and sets their bands side by side as
 * the API's compare route gives them; the vi page shows none of its English labels and fits 360 px.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_ERRORS } from '@grdp/api';
import { formatBand, keyLabel, loadScenario, QUARTERS, type Scenario } from '@grdp/engine';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../packages/web/src/i18n/en.ts';
import { vi } from '../../packages/web/src/i18n/vi.ts';
import { launchBrowser } from './browser.ts';
import { REPO_ROOT, startServer, type TestServer } from './server.ts';

const ID = 'an-giang-2023';
const initial: Scenario = loadScenario(readFileSync(join(REPO_ROOT, 'scenarios', `${ID}.yaml`), 'utf8')).scenario;

let server: TestServer;
let browser: Browser;
let adjusted: Scenario;
const pageErrors: string[] = [];

interface Exposed {
  datasets: { label: string; data: (number | null)[] }[];
}

async function openDashboard(width: number, query = ''): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}/#/s/${ID}${query}`);
  await page.waitForSelector('#versions');
  return page;
}

async function chartData(page: Page, id: string): Promise<Exposed> {
  await page.waitForFunction((key) => window.__grdpCharts?.[key] !== undefined, id);
  return page.evaluate((key) => window.__grdpCharts![key] as unknown as Exposed, id);
}

const quarterly = (s: Scenario, side: 'low' | 'high', key = 'total') => QUARTERS.map((q) => s.targets[q]![key]![side]);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const r = await fetch(`${server.url}/api/scenarios/${ID}/adjust`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.editor}` },
    body: JSON.stringify({ asOf: 'Q2', label: 'adjusted-2023-07', date: '2023-07-15', note: 'Điều chỉnh', save: true }),
  });
  const answer = (await r.json()) as { saved?: { number: number }; yaml: string };
  if (r.status !== 200 || answer.saved?.number !== 2) throw new Error(`saving the adjustment failed: ${r.status}`);
  adjusted = loadScenario(answer.yaml).scenario;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('scenario versions on the dashboard', () => {
  it("the selector draws version 1's band faintly behind the current one", async () => {
    const page = await openDashboard(1280);
    // without a comparison: the current (adjusted) band only
    const plain = await chartData(page, 'band-total-quarterly');
    expect(plain.datasets[0]!.data).toEqual(quarterly(adjusted, 'low'));
    expect(plain.datasets.map((d) => d.label)).not.toContain('Phiên bản 1');
    const options = await page.$$eval('#compare-version option', (os) =>
      os.map((o) => [(o as HTMLOptionElement).value, (o.textContent ?? '').trim()]),
    );
    expect(options).toEqual([
      ['', 'Không so sánh'],
      ['1', 'Phiên bản 1'],
    ]);
    await page.selectOption('#compare-version', '1');
    const drawn = await chartData(page, 'band-total-quarterly-v1');
    expect(drawn.datasets[0]!.data).toEqual(quarterly(adjusted, 'low'));
    const [low, high] = drawn.datasets.slice(-2);
    expect(high!.label).toBe('Phiên bản 1');
    expect(low!.data).toEqual(quarterly(initial, 'low'));
    expect(high!.data).toEqual(quarterly(initial, 'high'));
    // every sector chart too
    const agri = await chartData(page, 'band-agriculture-quarterly-v1');
    expect(agri.datasets.at(-1)!.data).toEqual(quarterly(initial, 'high', 'agriculture'));
    expect(page.url()).toMatch(/compare=1/);
    expect(pageErrors).toEqual([]);
  });

  it('lists the versions and sets their bands side by side', async () => {
    const page = await openDashboard(1280, '?compare=1');
    await page.waitForSelector('#version-differences');
    const list = await page.$$eval('#version-list tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((c) => (c.textContent ?? '').trim())),
    );
    expect(list.map((r) => [r[0], r[1], r[2], r[4], r[5], r[6]])).toEqual([
      ['1', '–', '–', 'Nạp ban đầu', '–', ''],
      ['2 (hiện hành)', 'adjusted-2023-07', '15/07/2023', 'Phòng Tổng hợp', 'Phiên bản 1', 'Điều chỉnh'],
    ]);
    // Saved times in the one vi date format (dd/mm/yyyy hh:mm).
    expect(list.map((r) => r[3])).toEqual([expect.stringMatching(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/), expect.any(String)]);
    const row = async (period: string, key: string) =>
      page.$eval(`#version-differences tr[data-period="${period}"][data-key="${key}"]`, (tr) => ({
        changed: tr.classList.contains('changed'),
        cells: Array.from(tr.querySelectorAll('td')).map((c) => (c.textContent ?? '').trim()),
      }));
    const band = (s: Scenario, p: 'Q3' | 'FY') => formatBand(s.targets[p]!.total!.low, s.targets[p]!.total!.high, 'vi');
    const q3 = await row('Q3', 'total');
    expect(q3.changed).toBe(true);
    expect(q3.cells.slice(1, 3)).toEqual([band(initial, 'Q3'), band(adjusted, 'Q3')]);
    const fy = await row('FY', 'total');
    expect(fy.changed).toBe(false);
    expect(fy.cells).toEqual([keyLabel('total', 'vi'), band(initial, 'FY'), band(adjusted, 'FY'), 'không đổi']);
    // the same figures as the API's compare route
    const api = (await (await fetch(`${server.url}/api/scenarios/${ID}/versions/compare?from=1&to=2`)).json()) as {
      comparison: { cells: unknown[] };
    };
    expect(await page.$$eval('#version-differences tbody tr', (trs) => trs.length)).toBe(api.comparison.cells.length);
  });

  it('shows none of its English labels in vi, and fits 360 px without sideways scroll', async () => {
    const page = await openDashboard(360, '?compare=1');
    await page.waitForSelector('#version-differences');
    const text = await page.evaluate(() => document.body.innerText);
    const own = Object.entries(en).filter(([k]) => /^(version|compareWith|noComparison)/.test(k));
    expect(own.length).toBeGreaterThan(10);
    for (const [key, label] of own) expect(text, `${key}: "${label}"`).not.toContain(label);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll).toBeLessThanOrEqual(client);
    expect(pageErrors).toEqual([]);
  });

  it('the draft studio saves an adjustment with its note as the next version and links to the comparison', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/#/s/${ID}/draft`);
    await page.waitForSelector('#adjust-save');
    // without a token: nothing is stored, the page says what is missing
    await page.fill('#editor-token', '');
    await page.evaluate(() => sessionStorage.clear());
    await page.click('#adjust-save');
    await page.waitForFunction(() => (document.querySelector('#adjust-status')?.textContent ?? '') !== '');
    expect(await page.textContent('#adjust-status')).toBe('Nhập mã biên tập để lưu.');
    await page.fill('#editor-token', server.editor);
    await page.fill('#adjust-note', 'Điều chỉnh tháng 8');
    await page.click('#adjust-save');
    await page.waitForSelector('#adjust-compare');
    expect(await page.textContent('#adjust-status')).toMatch(/^Đã lưu phiên bản 3\./);
    const list = (await (await fetch(`${server.url}/api/scenarios/${ID}/versions`)).json()) as {
      versions: { number: number; parent: number | null; note: string | null; current: boolean }[];
    };
    expect(list.versions.at(-1)).toMatchObject({ number: 3, parent: 2, note: 'Điều chỉnh tháng 8', current: true });
    const compareLink = await page.$eval('#adjust-compare', (a) => (a as HTMLAnchorElement).href);
    // the page still holds version 2's ETag: a second save is refused, nothing is stored
    await page.click('#adjust-save');
    await page.waitForFunction(() => !/^Đã lưu/.test(document.querySelector('#adjust-status')?.textContent ?? ''));
    // The API's message, in the page's language (the one catalogue of error texts).
    expect(await page.textContent('#adjust-status')).toContain(API_ERRORS.STALE_ETAG.vi);
    const again = (await (await fetch(`${server.url}/api/scenarios/${ID}/versions`)).json()) as { versions: unknown[] };
    expect(again.versions).toHaveLength(3);
    await page.goto(compareLink);
    await page.waitForSelector('#version-differences');
    expect(page.url()).toMatch(/compare=2/);
    expect(await page.$eval('#compare-version', (s) => (s as HTMLSelectElement).value)).toBe('2');
    expect(pageErrors).toEqual([]);
  });
});
