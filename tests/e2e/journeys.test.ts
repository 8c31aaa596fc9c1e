/**
 * The three days the README describes, in Chromium against the real app, with no API call made by hand:
 * the clerk (first admin token from the CLI, an editor token made in the app, Q3 typed, a CSV of 9M and FY
 * previewed and confirmed, the history), the analyst (a shock, a baseline switch that moves the probability,
 * save, reopen, delete), the report writer (embed height, PNG at report size, vi CSV, export links). Also: no view scrolls sideways
 * at 360 px, and the vi screens carry no English words.
 */
import { readFileSync } from 'node:fs';
import { runCli } from '@grdp/api';
import { englishWordsIn } from '@grdp/api/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const ID = 'an-giang-2023';
let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

async function newPage(width = 1280, height = 900): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: 1,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
  });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => void d.accept());
  return page;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

async function englishOn(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('code, [data-file-text], script, style, .visually-hidden, [hidden]').forEach((el) => {
      el.remove();
    });
    // biome-ignore lint/performance/useDomNodeTextContent: the text a reader sees (innerText leaves out what CSS hides)
    return clone.innerText;
  });
  return englishWordsIn(text);
}

const VIEWS = [
  ['scenarios', '/#/', 'h1'],
  ['dashboard', `/#/s/${ID}`, '#chart-band-total-quarterly'],
  ['entry', `/#/s/${ID}/entry`, '#entry-grid'],
  ['what-if', `/#/s/${ID}/whatif`, '#shock-grid'],
  ['draft', `/#/s/${ID}/draft`, '#draft-bands'],
  ['tokens', '/#/tokens', '#token-create'],
  ['not found', '/#/nowhere', 'h1'],
  ['unknown scenario', '/#/s/nowhere', '.error'],
  ['embed', `/embed/${ID}/total?lang=vi`, 'canvas'],
] as const;

describe('phones and languages', () => {
  it('no view scrolls sideways at 360 px, and charts stay at least 160 px tall', async () => {
    const page = await newPage(360, 740);
    for (const [name, path, ready] of VIEWS) {
      await page.goto(server.url + path);
      await page.waitForSelector(ready);
      await page.waitForTimeout(200);
      const { scroll, client, charts } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
        charts: Array.from(document.querySelectorAll('canvas')).map((c) => c.getBoundingClientRect().height),
      }));
      expect(scroll, `${name}: ${scroll} px wide in a ${client} px screen`).toBeLessThanOrEqual(client);
      for (const height of charts) expect(height, `${name}: a chart ${height} px tall`).toBeGreaterThanOrEqual(160);
    }
  });

  it('the vi screens have no English words', async () => {
    const page = await newPage();
    for (const [name, path, ready] of VIEWS) {
      await page.goto(server.url + path);
      await page.waitForSelector(ready);
      await page.waitForTimeout(200);
      expect(await englishOn(page), `${name} (${path})`).toEqual([]);
    }
  });
});

describe('the clerk', () => {
  it('first admin token → editor token in the app → Q3 typed → a CSV of 9M and FY previewed, confirmed → the history', async () => {
    // The first admin token, as the server's first-start line says: from the command line.
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    const code = await runCli(['token', 'create', '--name', 'Quản trị', '--role', 'admin', '--json'], io, {
      DATA_DIR: server.dataDir,
    });
    expect(code, out.join('\n')).toBe(0);
    const admin = (JSON.parse(out.join('\n')) as { token: string }).token;

    const page = await newPage();
    await page.goto(`${server.url}/#/tokens`);
    await page.fill('#admin-token', admin);
    await page.press('#admin-token', 'Tab');
    await page.fill('#new-token-name', 'Phòng Nông nghiệp');
    await page.selectOption('#new-token-role', 'editor');
    await page.click('#create-token');
    const editor = (await page.textContent('#new-token-value'))!;
    expect(editor).toMatch(/^grdp_/);
    await page.waitForSelector('#tokens-table td:has-text("Phòng Nông nghiệp")');

    await page.goto(`${server.url}/#/s/${ID}/entry`);
    await page.fill('#editor-token', editor);
    await page.fill('#in-Q3-total', '7,1');
    await page.fill('#in-Q3-agriculture', '3,2');
    await page.click('tbody[data-period="Q3"] button.save');
    await page.waitForSelector('tbody[data-period="Q3"] .status:has-text("Lần 1")');

    const csv = 'period,key,growth_pct,vintage\n9M,total,"6,9",estimate\nFY,total,"6,14",official\n';
    await page.setInputFiles('#import-file', { name: 'q3.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('#import-preview');
    await page.waitForSelector('#import-preview-table');
    const preview = await page.$$eval('#import-preview-table tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())),
    );
    expect(preview).toContainEqual(['Cả năm', 'Tổng GRDP', '7,36', '6,14', 'ngoài mục tiêu 7,00–7,50%']);
    expect(preview).toContainEqual(['Lũy kế 9 tháng', 'Tổng GRDP', '–', '6,90', 'ngoài mục tiêu 6,97–7,42%']);
    // Nothing written yet: the FY history is the scenario file's 7,36 alone.
    expect(
      (
        (await (await fetch(`${server.url}/api/scenarios/${ID}/actuals/FY/history`)).json()) as {
          revisions: { author: string; values: { total: number } }[];
        }
      ).revisions.map((r) => [r.author, r.values.total]),
    ).toEqual([['file', 7.36]]);
    await page.click('#import-confirm');
    await page.waitForSelector('#import-done');
    // Revision 2 of FY: the file's figures are revision 1.
    expect(await page.textContent('#import-done')).toContain('Cả năm (Lần 2)');
    // The grid shows the imported figures after the reload, and Q3 keeps what was typed.
    expect(await page.inputValue('#in-FY-total')).toBe('6,14');
    expect(await page.inputValue('#in-Q3-agriculture')).toBe('3,20');
    await page.click('tbody[data-period="FY"] button.history');
    await page.waitForSelector('tbody[data-period="FY"] .history-table');
    const history = await page.$$eval('tbody[data-period="FY"] .history-table tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())),
    );
    // Newest first: the official 6,14 (revision 2, the 7,36 it replaced in brackets), then the file's estimate
    // 7,36 (revision 1, author the scenario file, its publication date in the one vi date format).
    expect(history).toHaveLength(2);
    expect(history[0]!.slice(0, 1)).toEqual(['2']);
    expect(history[0]!.slice(2, 5)).toEqual(['Phòng Nông nghiệp', 'Chính thức', '6,14 (7,36)']);
    expect(history[1]!.slice(0, 5)).toEqual(['1', '31/12/2023', 'Tệp kịch bản', 'Ước tính', '7,36']);
    // The same file again: the preview says nothing would change.
    await page.setInputFiles('#import-file', { name: 'q3.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('#import-preview');
    await page.waitForSelector('#import-unchanged');
    // A bad file: each problem with its row, column and reason, in the page.
    // A vi clerk's file, with the template's Vietnamese headers (the problems name the columns as the file does).
    const bad = 'Kỳ,Chỉ tiêu,Tăng trưởng (%),Loại số liệu\nQ9,total,x,ước tính\n';
    await page.setInputFiles('#import-file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.click('#import-preview');
    await page.waitForSelector('#import-problems table');
    // In the page's language: the API's message and reasons follow the Accept-Language the app sends.
    const problems = (await page.textContent('#import-problems')) ?? '';
    expect(problems).toContain('2 lỗi trong tệp; chưa nhập gì');
    expect(problems).toContain('"Q9" không phải là kỳ');
    expect(problems).toContain('"x" không phải là số');
    expect(englishWordsIn(problems.replace(/"[^"]*"/g, ''))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('the analyst', () => {
  it('shock, baseline switch (the probability follows), save, reopen, delete', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/#/s/${ID}/whatif`);
    await page.waitForSelector('#prob-low');
    const probability = async () => Number(await page.getAttribute('#prob-low', 'data-value'));
    await page.fill('#shock-agriculture-Q3', '-2');
    await page.waitForFunction(() => /shock=/.test(location.hash));
    await page.waitForTimeout(600);
    const mid = await probability();
    await page.selectOption('#baseline', 'low');
    await page.waitForFunction(
      (before) => Number(document.querySelector('#prob-low')?.getAttribute('data-value')) !== before,
      mid,
    );
    const low = await probability();
    expect(low).toBeLessThan(mid);
    await page.selectOption('#baseline', 'high');
    await page.waitForFunction(
      (before) => Number(document.querySelector('#prob-low')?.getAttribute('data-value')) !== before,
      low,
    );
    expect(await probability()).toBeGreaterThan(mid);
    // "Actuals, then mid-band" as of H1: Q3 and Q4 stay uncertain.
    await page.selectOption('#baseline', 'actual');
    await page.selectOption('#as-of', 'Q2');
    await page.waitForTimeout(600);
    // No collapse to a point: not "100%", and not the full-year-known line.
    expect(await probability()).toBeLessThan(1);
    expect(await page.$('#sim-full-year')).toBeNull();
    expect(await page.textContent('#whatif-summary')).toContain('Các quý còn lại cần tăng');
    await page.selectOption('#baseline', 'mid');
    await page.waitForTimeout(300);
    expect(await page.textContent('#whatif-summary')).not.toContain('Các quý còn lại cần tăng');

    await page.fill('#whatif-name', 'Hạn mặn quý III');
    await page.fill('#editor-token', server.editor);
    await page.click('#save-whatif');
    const item = '#saved-whatifs li:has-text("Hạn mặn quý III")';
    await page.waitForSelector(item);
    expect(await page.textContent(item)).toMatch(/Phòng Tổng hợp, .*\d{2}\/\d{2}\/\d{4}/);
    const href = (await page.getAttribute(`${item} a`, 'href'))!;
    const reopened = await newPage();
    await reopened.goto(server.url + href);
    await reopened.waitForSelector('#fy-after');
    expect(await reopened.inputValue('#shock-agriculture-Q3')).toBe('-2');
    await page.click(`${item} button.delete-whatif`);
    await page.waitForSelector(item, { state: 'detached' });
    expect(pageErrors).toEqual([]);
  });
});

describe('the report writer', () => {
  it('embeds a chart, downloads its PNG at report size and its CSV for a Vietnamese Excel', async () => {
    const page = await newPage();
    // The embed at a phone's width is as tall as its chart and source line: no large blank gap.
    await page.setViewportSize({ width: 390, height: 700 });
    await page.goto(`${server.url}/embed/${ID}/total?lang=vi`);
    await page.waitForSelector('canvas');
    const height = await page.evaluate(() => document.querySelector('main')!.getBoundingClientRect().bottom);
    expect(height).toBeGreaterThan(160);
    expect(height).toBeLessThan(400);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`${server.url}/#/s/${ID}`);
    await page.waitForSelector('#figure-band-total-quarterly button[data-action="png"]');
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#figure-band-total-quarterly button[data-action="png"]'),
    ]);
    const bytes = readFileSync((await png.path())!);
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1600, 900]);
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#figure-band-total-quarterly button[data-action="csv"]'),
    ]);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.startsWith('\uFEFFKỳ;')).toBe(true);
    expect(text).toContain('Quý I;6,15;6,54;6,30;Ước tính');
    // The export links are on the dashboard.
    for (const f of ['csv', 'xlsx', 'yaml'])
      expect(await page.getAttribute(`#exports a[href*="export.${f}"]`, 'href')).toBe(
        `/api/scenarios/${ID}/export.${f}?lang=vi`,
      );
    expect(pageErrors).toEqual([]);
  });
});
