/**
 * The web app in Chromium against the real API (SQLite, seeded with scenarios/): dashboard bands and actuals,
 * actuals entry with derived figures, history and the conflict view, the what-if studio against the engine,
 * the embed page, PNG download, scenario upload errors, keyboard use. Each view is saved as a screenshot.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  actualTable,
  findFigure,
  formatNumber,
  loadScenario,
  type QuarterValues,
  type Scenario,
  whatIf,
} from '@grdp/engine';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { REPO_ROOT, startServer, type TestServer } from './server.ts';

/** Screenshots of each view are test artefacts; `UPDATE_GUIDE_SCREENSHOTS=1` refreshes the ones docs/guide.md shows. */
const SHOTS = process.env.UPDATE_GUIDE_SCREENSHOTS
  ? join(REPO_ROOT, 'docs', 'screenshots')
  : join(REPO_ROOT, 'test-results', 'screenshots');
const ID = 'an-giang-2023';
const scenario: Scenario = loadScenario(readFileSync(join(REPO_ROOT, 'scenarios', `${ID}.yaml`), 'utf8')).scenario;
const base = scenario.base!.levels as Record<string, QuarterValues>;

interface Exposed {
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
}

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

async function newPage(width = 1440, height = 1000): Promise<Page> {
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
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) pageErrors.push(`console: ${m.text()}`);
  });
  return page;
}

async function chartData(page: Page, id: string): Promise<Exposed> {
  await page.waitForFunction((key) => window.__grdpCharts?.[key] !== undefined, id);
  return page.evaluate((key) => window.__grdpCharts![key] as unknown as Exposed, id);
}

async function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} tbody tr`, (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())),
  );
}

/** The one token field (token-field.ts): typed once, kept for the session, read when a form sends. */
async function setEditorToken(page: Page, token: string): Promise<void> {
  await page.fill('#editor-token', token);
  await page.press('#editor-token', 'Tab');
}

const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: join(SHOTS, name), fullPage });

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

describe('web app', () => {
  it('serves the app with its CSP, and API paths stay JSON', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    const embed = await fetch(`${server.url}/embed/${ID}/total?lang=en`);
    expect(await embed.text()).toContain('<div id="app">');
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    const api = await fetch(`${server.url}/api/scenarios`);
    expect(api.headers.get('content-type')).toContain('application/json');
  });

  it('draws the An Giang 2023 bands and actuals, with tables, in vi by default', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/#/s/${ID}`);
    const quarterly = await chartData(page, 'band-total-quarterly');
    expect(quarterly.labels).toEqual(['Quý I', 'Quý II', 'Quý III', 'Quý IV']);
    expect(quarterly.datasets[0]!.data).toEqual([6.15, 8.14, 7.02, 7.08]);
    expect(quarterly.datasets[1]!.data).toEqual([6.54, 8.7, 7.45, 7.73]);
    // Q2 is not published: the engine derives it from H1 and Q1.
    const table = actualTable(scenario, base);
    const q2 = findFigure(table, 'Q2', 'total')!;
    expect(q2.derived).toBe(true);
    const estimates = quarterly.datasets.find((d) => d.label === 'Ước tính')!;
    expect(estimates.data[0]).toBe(6.3);
    expect(estimates.data[1]).toBeCloseTo(q2.value, 12);
    expect(estimates.data[2]).toBeNull();

    await page.click('input[name="view"][value="cumulative"]');
    const cumulative = await chartData(page, 'band-total-cumulative');
    expect(cumulative.labels).toEqual(['Quý I', 'Lũy kế 6 tháng', 'Lũy kế 9 tháng', 'Cả năm']);
    expect(cumulative.datasets[0]!.data).toEqual([6.15, 6.94, 6.97, 7]);
    expect(cumulative.datasets[1]!.data).toEqual([6.54, 7.4, 7.42, 7.5]);
    expect(cumulative.datasets.find((d) => d.label === 'Ước tính')!.data).toEqual([6.3, 6.5, null, 7.36]);
    const rows = await tableRows(page, '#table-band-total-cumulative');
    expect(rows[3]).toEqual(['Cả năm', '7,00', '7,50', '7,36', 'Ước tính']);
    expect(rows[1]).toEqual(['Lũy kế 6 tháng', '6,94', '7,40', '6,50', 'Ước tính']);
    // Sector charts and the contributions (actuals) chart.
    const agri = await chartData(page, 'band-agriculture-cumulative');
    expect(agri.datasets[1]!.data.at(-1)).toBe(3.5);
    const contributions = await chartData(page, 'contributions-cumulative');
    // The contributions' FY total is the total chart's FY figure; the page notes that the sectors add up to 7,37.
    expect(contributions.datasets.at(-1)!.data.at(-1)).toBe(7.36);
    expect(await page.textContent('#figure-contributions-cumulative .chart-notes')).toMatch(/Cả năm: .*7,37%.*7,36%/);
    // Tile: FY total within its band, no quarter left.
    const tile = page.locator('.tile[data-key="total"]');
    await expect(tile.getAttribute('class')).resolves.toContain('within');
    expect(await tile.textContent()).toContain('7,36%');
    expect(await tile.textContent()).toContain('7,00–7,50%');
    await shot(page, 'dashboard-vi.png');

    // Language switch is remembered.
    await page.click('#lang-switch');
    await page.waitForSelector('html[lang="en"]');
    await page.reload();
    const en = await chartData(page, 'band-total-cumulative');
    expect(en.labels).toEqual(['Q1', 'First 6 months', 'First 9 months', 'Full year']);
    expect((await tableRows(page, '#table-band-total-cumulative'))[3]).toEqual([
      'Full year',
      '7.00',
      '7.50',
      '7.36',
      'Estimate',
    ]);
    await shot(page, 'dashboard-en.png', false);

    const narrow = await newPage(360, 780);
    await narrow.goto(`${server.url}/#/s/${ID}`);
    await chartData(narrow, 'band-total-quarterly');
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(narrow, 'dashboard-360.png', false);
  });

  it('downloads a chart as PNG and as CSV', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/#/s/${ID}`);
    await chartData(page, 'band-total-quarterly');
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#figure-band-total-quarterly button[data-action="png"]'),
    ]);
    expect(png.suggestedFilename()).toBe('band-total-quarterly.png');
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(2000);
    // Report size whatever the screen: 1,600 × 900 pixels (IHDR width and height), as the API's PNG.
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1600, 900]);
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#figure-band-total-quarterly button[data-action="csv"]'),
    ]);
    const text = readFileSync((await csv.path())!, 'utf8');
    // The page is in vi: `;`, decimal commas, 2 decimals, Vietnamese labels, a BOM (the API's .csv is the same).
    expect(text.startsWith('\uFEFFKỳ;Thấp (%);Cao (%);Thực hiện (%);Loại số liệu')).toBe(true);
    expect(text).toContain('Quý I;6,15;6,54;6,30;Ước tính');
    const apiCsv = await fetch(`${server.url}/api/scenarios/${ID}/charts/total.csv?lang=vi&view=quarterly`);
    expect(Buffer.from(await apiCsv.arrayBuffer()).toString('utf8')).toBe(text);
    // SVG comes from the API's chart route.
    const svgHref = await page.getAttribute('#figure-band-total-quarterly a[data-action="svg"]', 'href');
    expect(svgHref).toBe(`/api/scenarios/${ID}/charts/total.svg?lang=vi&view=quarterly`);
    const svg = await fetch(server.url + svgHref);
    expect(svg.status).toBe(200);
    expect(await svg.text()).toContain('<svg');
  });

  it('lets an editor enter an actual, shows derived figures, the chart and the history', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/#/s/${ID}/entry`);
    await setEditorToken(page, server.editor);
    await page.fill('#in-Q3-total', '7,1');
    // 9M total is now derivable from H1 and Q3 (engine actuals derivation).
    const expected = actualTable(
      { ...scenario, actuals: [...scenario.actuals, { period: 'Q3', vintage: 'estimate', values: { total: 7.1 } }] },
      base,
    );
    const nineMonths = findFigure(expected, '9M', 'total')!;
    expect(nineMonths.derived).toBe(true);
    await expect(page.textContent('#der-9M-total')).resolves.toContain(formatNumber(nineMonths.value, 'vi'));
    // Typing a bad number is flagged at once; both decimal marks are accepted.
    await page.fill('#in-Q3-agriculture', '4,2x');
    await expect(page.getAttribute('#in-Q3-agriculture', 'aria-invalid')).resolves.toBe('true');
    await page.fill('#in-Q3-agriculture', '4.25');
    await expect(page.getAttribute('#in-Q3-agriculture', 'aria-invalid')).resolves.toBe('false');
    await shot(page, 'entry.png');
    await page.click('tbody[data-period="Q3"] button.save');
    await page.waitForSelector('tbody[data-period="Q3"] .status:has-text("Đã lưu")');

    await page.click('tbody[data-period="Q3"] button.history');
    await page.waitForSelector('table.history-table[data-period="Q3"]');
    const history = await tableRows(page, 'table.history-table[data-period="Q3"]');
    expect(history).toHaveLength(1);
    expect(history[0]!.join('|')).toContain('Phòng Tổng hợp');
    expect(history[0]!.join('|')).toContain('7,10');
    expect(history[0]!.join('|')).toContain('4,25');
    await shot(page, 'entry-history.png');

    await page.goto(`${server.url}/#/s/${ID}`);
    const chart = await chartData(page, 'band-total-quarterly');
    const estimates = chart.datasets.find((d) => d.label === 'Ước tính')!;
    expect(estimates.data[2]).toBe(7.1);
    expect((await tableRows(page, '#table-band-total-quarterly'))[2]![3]).toBe('7,10');
  });

  it('shows a stale second editor both values and lets them choose', async () => {
    const a = await newPage();
    const b = await newPage();
    for (const [page, token] of [
      [a, server.editor],
      [b, server.editor2],
    ] as const) {
      await page.goto(`${server.url}/#/s/${ID}/entry`);
      await setEditorToken(page, token);
      await page.waitForSelector('#in-Q3-total');
    }
    await a.fill('#in-Q3-total', '7,2');
    await a.click('tbody[data-period="Q3"] button.save');
    await a.waitForSelector('tbody[data-period="Q3"] .status:has-text("Đã lưu")');

    await b.fill('#in-Q3-total', '7,3');
    await b.click('tbody[data-period="Q3"] button.save');
    await b.waitForSelector('.conflict');
    const row = await b.$$eval('.conflict-table tr[data-key="total"] td', (tds) => tds.map((td) => td.textContent));
    expect(row).toEqual(['7,30', '7,20']);
    expect(await b.textContent('.conflict')).toContain('Phòng Tổng hợp');
    await shot(b, 'entry-conflict.png');
    await b.click('.conflict .keep-mine');
    await b.waitForSelector('tbody[data-period="Q3"] .status:has-text("Đã lưu")');
    const current = await (await fetch(`${server.url}/api/scenarios/${ID}/actuals/Q3`)).json();
    expect(current.values.total).toBe(7.3);
    expect(current.author).toBe('Phòng Nông nghiệp');
    expect(current.revision).toBe(3);
  });

  it('recomputes a what-if in the browser as the engine does, and restores it from the URL', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/#/s/${ID}/whatif`);
    await page.waitForSelector('#fy-after');
    await page.fill('#shock-agriculture-Q3', '-2');
    const expected = whatIf(scenario, base, [{ sector: 'agriculture', periods: ['Q3'], deltaPp: -2 }], {
      baseline: 'mid',
    });
    await page.waitForFunction(
      (v) => Number(document.querySelector<HTMLElement>('#fy-impact')?.dataset.value) === v,
      expected.fyImpactPp,
    );
    const fy = Number(await page.getAttribute('#fy-after', 'data-value'));
    expect(fy).toBe(expected.evaluation.periods.FY.total.growth);
    expect(await page.textContent('#fy-after')).toBe(`${formatNumber(fy, 'vi')}%`);
    expect(page.url()).toContain('shock=agriculture%3AQ3%3A-2pp');
    await page.waitForSelector('#prob-low');
    // every probability says which model made it and how such probabilities fared (docs/model.md)
    expect(await page.textContent('#sim-track-record')).toMatch(
      /^Mô hình bất định: học từ các kịch bản đã qua và kết quả thực tế\. Trong \d+ kịch bản-năm đã qua/,
    );
    const fan = await chartData(page, 'whatif-fan');
    expect(fan.datasets).toHaveLength(9);
    // Baseline mid: no quarter is fixed by actuals, so every period has a spread.
    expect(fan.datasets[3]!.data.every((v) => typeof v === 'number')).toBe(true);
    await shot(page, 'whatif.png');

    await page.fill('#whatif-name', 'Hạn mặn quý III');
    await page.fill('#editor-token', server.editor);
    await page.click('#save-whatif');
    await page.waitForSelector('#saved-whatifs li:has-text("Hạn mặn quý III")');
    const saved = await (await fetch(`${server.url}/api/scenarios/${ID}/whatifs`)).json();
    expect(saved.whatifs.map((w: { name: string; body: unknown }) => [w.name, w.body])).toEqual([
      ['Hạn mặn quý III', { baseline: 'mid', shocks: ['agriculture:Q3:-2pp'] }],
    ]);
    expect(page.url()).toMatch(/[?&]w=/);

    const restored = await newPage();
    await restored.goto(page.url());
    await restored.waitForSelector('#fy-after');
    expect(await restored.inputValue('#shock-agriculture-Q3')).toBe('-2');
    expect(Number(await restored.getAttribute('#fy-after', 'data-value'))).toBe(fy);

    // An old link (`s=agriculture.Q3:-2`) still opens the same what-if, rewritten to the one shock syntax.
    const old = await newPage();
    await old.goto(`${server.url}/#/s/${ID}/whatif?b=mid&s=agriculture.Q3:-2`);
    await old.waitForSelector('#fy-after');
    expect(await old.inputValue('#shock-agriculture-Q3')).toBe('-2');
    expect(Number(await old.getAttribute('#fy-after', 'data-value'))).toBe(fy);
    expect(old.url()).toContain('shock=agriculture%3AQ3%3A-2pp');
    expect(old.url()).not.toContain('s=agriculture.Q3');
  });

  it('renders an embed URL alone', async () => {
    const page = await newPage(640, 440);
    await page.goto(`${server.url}/embed/${ID}/total?lang=en&view=cumulative`);
    const data = await chartData(page, 'embed-total-cumulative');
    expect(data.labels).toEqual(['Q1', 'First 6 months', 'First 9 months', 'Full year']);
    expect(data.datasets[1]!.data).toEqual([6.54, 7.4, 7.42, 7.5]);
    expect(await page.$('header.top')).toBeNull();
    expect(await page.$('.toolbar')).toBeNull();
    expect(await page.$$('canvas')).toHaveLength(1);
    await shot(page, 'embed.png', false);

    // Every catalogue chart embeds, the fan and the old image names too; the embed's fan is the API's fan.
    const fan = await newPage(640, 440);
    await fan.goto(`${server.url}/embed/${ID}/fan?lang=en&view=cumulative`);
    const drawn = await chartData(fan, 'embed-fan-cumulative');
    const table = await (await fetch(`${server.url}/api/scenarios/${ID}/charts/fan.json?view=cumulative`)).json();
    expect(drawn.datasets[3]!.data).toEqual(table.rows.map((r: { values: { p50: number | null } }) => r.values.p50));
    expect(drawn.datasets[3]!.data.filter((v) => v !== null).length).toBeGreaterThan(0);
    const alias = await newPage(640, 440);
    await alias.goto(`${server.url}/embed/${ID}/total-cumulative?lang=en`);
    expect((await chartData(alias, 'embed-total-cumulative')).datasets[1]!.data).toEqual([6.54, 7.4, 7.42, 7.5]);
  });

  it('lists scenarios and shows an upload’s validation errors at their paths', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/#/`);
    await page.waitForSelector('#scenario-list');
    expect(await page.textContent('#scenario-list')).toContain('An Giang');
    const broken = readFileSync(join(REPO_ROOT, 'scenarios', `${ID}.yaml`), 'utf8')
      .replace('id: an-giang-2023', 'id: an-giang-test')
      .replace('agriculture: "2,07 - 2,15%"', 'agriculture: "hai phẩy"');
    await page.setInputFiles('#upload-file', {
      name: 'broken.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(broken),
    });
    await page.fill('#admin-token', server.admin);
    await page.click('#upload-form button[type="submit"]');
    await page.waitForSelector('#upload-issues');
    const issues = await tableRows(page, '#upload-issues');
    expect(issues.some((r) => r[0]!.includes('targets.Q1.agriculture'))).toBe(true);
    expect(await page.$('.preview .marked')).not.toBeNull();
    await shot(page, 'scenarios-upload.png');
  });

  it('works by keyboard alone: Tab reaches the dashboard link with a visible focus ring, Enter and Space act', async () => {
    const page = await newPage(360, 800);
    await page.goto(`${server.url}/#/`);
    await page.waitForSelector('#scenario-list');
    const focusedHref = () =>
      page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href'));
    let href: string | null | undefined;
    for (let i = 0; i < 40 && href !== `#/s/${ID}`; i++) {
      await page.keyboard.press('Tab');
      href = await focusedHref();
    }
    expect(href).toBe(`#/s/${ID}`);
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(ring).not.toBe('none');
    await page.keyboard.press('Enter');
    expect((await chartData(page, 'band-total-quarterly')).datasets[0]!.data).toEqual([6.15, 8.14, 7.02, 7.08]);
    // Tab to the cumulative view switch and choose it with the keyboard.
    let onRadio = false;
    for (let i = 0; i < 40 && !onRadio; i++) {
      await page.keyboard.press('Tab');
      onRadio = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === 'view');
    }
    expect(onRadio).toBe(true);
    await page.keyboard.press('ArrowRight');
    const cumulative = await chartData(page, 'band-total-cumulative');
    expect(cumulative.datasets[0]!.data).toEqual([6.15, 6.94, 6.97, 7]);
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
