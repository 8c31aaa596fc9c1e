/**
 * The main indicators in Chromium against the real API (SQLite, seeded with scenarios/): the dashboard's table
 * with its status in words, the department and category filters, an entered figure changing a status, the
 * per-department report, English, and the phone width (360 px, no sideways scrolling).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { REPO_ROOT, startServer, type TestServer } from './server.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'screenshots');
const ID = 'an-giang-2023';
let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

async function newPage(width = 1280, height = 900, locale = 'vi-VN'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, locale });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  return page;
}

const rowText = (page: Page, id: string) =>
  page.$eval(`table.indicators tr[data-id="${id}"]`, (tr) =>
    Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim()),
  );
const ids = (page: Page, scope = '') =>
  page.$$eval(`${scope} table.indicators tbody tr`, (trs) => trs.map((tr) => (tr as HTMLElement).dataset.id));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

describe('indicators on the dashboard', () => {
  it('lists the 2023 indicators with target, actual, status in words and department (vi)', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/#/s/${ID}`);
    await page.waitForSelector('table.indicators');
    expect(await page.textContent('#ind-title')).toBe('Chỉ tiêu chủ yếu');
    expect(await page.textContent('#ind-count')).toBe('26 chỉ tiêu');
    expect(await rowText(page, 'grdp-growth')).toEqual([
      '(1)',
      'Tốc độ tăng trưởng kinh tế (GRDP)',
      '7–7,5 %',
      '2023',
      '7,36 (2023)',
      '● Đạt',
      'Chưa giao',
    ]);
    expect((await rowText(page, 'growth-industry-construction'))[5]).toBe('▼ Chưa đạt');
    expect((await rowText(page, 'exports'))[6]).toBe('Sở Công Thương');
    // the colour goes with the words
    const color = await page.$eval('tr[data-id="growth-agriculture"] .ind-status', (e) => getComputedStyle(e).color);
    expect(color).toBe('rgb(0, 114, 178)');
    expect((await rowText(page, 'growth-agriculture'))[5]).toBe('▲ Vượt');
    await page.screenshot({ path: join(SHOTS, 'indicators-vi.png'), fullPage: true });
  });

  it('filters by department and by category, keeping the filter in the address', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/#/s/${ID}`);
    await page.waitForSelector('table.indicators');
    await page.selectOption('#ind-dept', 'so-cong-thuong');
    expect(await ids(page)).toEqual(['growth-industry-construction', 'exports', 'retail-sales']);
    expect(page.url()).toContain('dept=so-cong-thuong');
    await page.selectOption('#ind-dept', '');
    await page.selectOption('#ind-cat', 'social');
    expect(await page.textContent('#ind-count')).toBe('12 chỉ tiêu');
    await page.selectOption('#ind-dept', '-');
    expect(await ids(page)).not.toContain('new-rural-communes');
    expect(await ids(page)).toContain('trained-labour');
  });

  it('an entered figure changes the status the table shows', async () => {
    const r = await fetch(`${server.url}/api/scenarios/${ID}/indicators/exports/actuals/2023`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.editor}`, 'content-type': 'application/json' },
      body: JSON.stringify({ value: 1150.5, vintage: 'estimate', source: 'Báo cáo năm 2023' }),
    });
    expect(r.status).toBe(201);
    const page = await newPage();
    await page.goto(`${server.url}/#/s/${ID}?dept=so-cong-thuong`);
    await page.waitForSelector('table.indicators');
    const row = await rowText(page, 'exports');
    expect(row.slice(4, 6)).toEqual(['1.150,5 (2023)', '▼ Chưa đạt']);
  });

  it('imports figures from the template: preview with old, new value and status, then confirm', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/#/s/${ID}`);
    await page.waitForSelector('#ind-import-form');
    const href = await page.getAttribute('#ind-template-csv', 'href');
    const template = await (await fetch(`${server.url}${href}`)).text();
    const filled = template.replace(/^(urbanisation;.*;2023;Cả năm;);;;;$/m, '$141,5;ước tính;;Báo cáo quý IV;');
    expect(filled).not.toBe(template);
    await page.fill('#editor-token', server.editor);
    await page.setInputFiles('#ind-import-file', {
      name: 'chi-tieu.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(filled),
    });
    await page.click('#ind-import-preview-button');
    await page.waitForSelector('#ind-import-preview');
    const preview = await page.$$eval('#ind-import-preview tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())),
    );
    expect(preview).toEqual([['Tỷ lệ đô thị hóa', '2023', '–', '41,5 · Loại số liệu: Ước tính', 'Chưa đạt']]);
    // nothing written before the confirmation
    expect((await rowText(page, 'urbanisation'))[4]).toBe('–');
    await page.click('#ind-import-confirm');
    await page.waitForSelector('#ind-import-done');
    expect(await page.textContent('#ind-import-done')).toContain('urbanisation 2023');
    expect((await rowText(page, 'urbanisation')).slice(4, 6)).toEqual(['41,5 (2023)', '▼ Chưa đạt']);

    // the same file again changes nothing; a bad file lists its rows in Vietnamese
    await page.click('#ind-import-preview-button');
    await page.waitForSelector('#ind-import-unchanged');
    await page.setInputFiles('#ind-import-file', {
      name: 'sai.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Mã chỉ tiêu;Năm;Giá trị;Loại số liệu\nurbanisation;2023;abc;ước tính\n'),
    });
    await page.click('#ind-import-preview-button');
    await page.waitForSelector('#ind-import-problems');
    const problems = await page.$$eval('#ind-import-problems tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((c) => (c.textContent ?? '').trim())),
    );
    expect(problems).toEqual([['2', 'Giá trị', '"abc" không đọc được thành số']]);
    await page.screenshot({ path: join(SHOTS, 'indicators-import.png'), fullPage: true });
  });

  it('shows quarterly figures and the "so far" figure, in the table and the department report', async () => {
    for (const [period, value] of [
      ['Q1', 1600],
      ['Q2', 1750],
      ['H1', 3350],
    ] as const) {
      const r = await fetch(
        `${server.url}/api/scenarios/${ID}/indicators/budget-revenue/actuals/2024?period=${period}`,
        {
          method: 'PUT',
          headers: { authorization: `Bearer ${server.editor}`, 'content-type': 'application/json' },
          body: JSON.stringify({ value, vintage: 'estimate' }),
        },
      );
      expect(r.status).toBe(201);
    }
    const page = await newPage();
    await page.goto(`${server.url}/#/s/${ID}`);
    await page.waitForSelector('table.indicators');
    const cell = async (scope = '') =>
      page.$eval(`${scope} tr[data-id="budget-revenue"] td:nth-of-type(4)`, (td) => (td as HTMLElement).innerText);
    expect((await cell()).split('\n')).toEqual([
      '–',
      'Đến nay: 3.350 (Lũy kế 6 tháng 2024)',
      '2024: Quý I 1.600 · Quý II 1.750 · Lũy kế 6 tháng 3.350',
    ]);
    // the status stays from the year figure
    expect((await rowText(page, 'budget-revenue'))[5]).toBe('○ Chưa có số liệu');
    const dept = await page.$eval('tr[data-id="budget-revenue"] td:last-of-type', (td) => td.textContent);
    await page.goto(`${server.url}/#/s/${ID}/department/so-tai-chinh`);
    await page.waitForSelector('#dept-own table.indicators');
    expect(dept).toBe('Sở Tài chính');
    expect(await cell('#dept-own')).toContain('Đến nay: 3.350 (Lũy kế 6 tháng 2024)');
  });

  it('opens the printable report of a department, in English too', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/#/s/${ID}?dept=so-xay-dung`);
    await page.click('#ind-report');
    await page.waitForSelector('#dept-own table.indicators');
    expect(await page.textContent('h1')).toBe('Sở Xây dựng');
    expect(await ids(page, '#dept-own')).toEqual(['urbanisation']);
    expect(await ids(page, '#dept-cooperating')).toEqual(['growth-industry-construction']);
    expect(await page.isVisible('#print')).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#print')).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'indicators-department.png'), fullPage: true });

    const en = await newPage(1280, 900, 'en-GB');
    await en.goto(`${server.url}/`);
    await en.evaluate(() => localStorage.setItem('grdp.lang', 'en'));
    await en.goto(`${server.url}/#/s/${ID}/department/so-van-hoa-the-thao-du-lich`);
    await en.reload();
    await en.waitForSelector('#dept-own table.indicators');
    expect(await en.textContent('h1')).toBe('Department of Culture, Sports and Tourism');
    const body = (await en.textContent('main')) ?? '';
    expect(body).toContain('≈ 8 (±5%) million visits');
    expect(body).toContain('No data yet');
    expect(body).not.toMatch(/Chưa|Đạt|Vượt/);
  });

  it('fits a 360 px phone without sideways scrolling', async () => {
    const page = await newPage(360, 780);
    await page.goto(`${server.url}/#/s/${ID}`);
    await page.waitForSelector('table.indicators');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const widest = await page.evaluate(() =>
      Array.from(document.querySelectorAll('main *'))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 3)
        .map((e) => `${e.tagName}.${e.className}#${e.id}`),
    );
    expect(overflow, widest.join(' ')).toBeLessThanOrEqual(0);
    const label = await page.$eval(
      'tr[data-id="exports"] td:nth-of-type(2)',
      (td) => getComputedStyle(td, '::before').content,
    );
    expect(label).toBe('"Mục tiêu: "');
    await page.screenshot({ path: join(SHOTS, 'indicators-360.png'), fullPage: false });
    expect(pageErrors).toEqual([]);
  });
});
