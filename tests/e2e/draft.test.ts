/**
 * The draft studio in Chromium against the real API: An Giang 2023's FY targets drafted on its base levels, a
 * target changed in the page re-drafts the table to the figures the engine's `draftScenario` gives, the
 * reconcile choice closes the gap, the adjust panel shows the engine's `adjustScenario` bands, the vi page
 * shows none of its English labels, and nothing scrolls sideways at 360 px. The studio's state is in its link:
 * edited, reloaded or opened from the link, it shows the same table. The printable appendix (stored scenario and
 * draft) shows the engine's `appendixTable`, fits a phone, and prints without the app's navigation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  adjustScenario,
  appendixGrid,
  appendixTable,
  type Band,
  draftBand,
  draftScenario,
  formatBand,
  loadScenario,
  PERIODS,
  type QuarterValues,
  type Reconcile,
  type Scenario,
  TOTAL,
} from '@grdp/engine';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../packages/web/src/i18n/en.ts';
import { launchBrowser } from './browser.ts';
import { REPO_ROOT, startServer, type TestServer } from './server.ts';

const ID = 'an-giang-2023';
const scenario: Scenario = loadScenario(readFileSync(join(REPO_ROOT, 'scenarios', `${ID}.yaml`), 'utf8')).scenario;
const base = scenario.base!.levels as Record<string, QuarterValues>;
const keys = [TOTAL, ...scenario.sectors.map((s) => s.id)];

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];

/** The table the engine drafts (flat profile) with the FY targets changed as given, as the page prints it (vi). */
function expectedRows(changes: Record<string, Partial<Band>>, reconcile: Reconcile = { method: 'none' }): string[][] {
  const FY: Record<string, Band> = {};
  for (const k of keys) {
    const b = { ...scenario.targets.FY![k]!, ...changes[k] };
    FY[k] = draftBand(b.low, b.high);
  }
  const d = draftScenario({ ...scenario, targets: { FY }, actuals: [] }, base, {
    profile: { kind: 'flat' },
    reconcile,
  });
  return keys.map((k) =>
    PERIODS.map((p) => {
      const band = d.scenario.targets[p]![k]!;
      return formatBand(band.low, band.high, 'vi');
    }),
  );
}

async function tableCells(page: Page, id: string): Promise<string[][]> {
  return page.$$eval(`#${id} tbody tr`, (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((c) => (c.textContent ?? '').trim())),
  );
}

async function openStudio(width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}/#/s/${ID}`);
  await page.click(`nav a[href="#/s/${ID}/draft"]`);
  await page.waitForSelector('#draft-bands');
  return page;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('draft studio', () => {
  it('drafts the FY targets, and re-drafts to the engine’s figures as a target is typed', async () => {
    const page = await openStudio(1280);
    expect(await tableCells(page, 'draft-bands')).toEqual(expectedRows({}));
    // the FY column prints the targets
    const fy = (await tableCells(page, 'draft-bands')).map((row) => row.at(-1));
    expect(fy[0]).toBe('7,00–7,50%');

    await page.fill('#target-agriculture-high', '4,1');
    const want = expectedRows({ agriculture: { high: 4.1 } });
    await page.waitForFunction(
      (q1) => document.querySelector('#draft-bands tr[data-key="agriculture"] td')?.textContent === q1,
      want[1]![0]!,
    );
    const got = await tableCells(page, 'draft-bands');
    expect(got).toEqual(want);
    expect(got[1]!.at(-1)).toBe('3,20–4,10%');
    expect(got).not.toEqual(expectedRows({}));

    // the gap message carries the engine's gap; shift closes it
    const gapText = await page.textContent('#draft-status .gap[data-side="high"]');
    expect(gapText).toContain('chênh lệch');
    await page.selectOption('#draft-reconcile', 'shift');
    await page.waitForFunction(
      (q1) => document.querySelector('#draft-bands tr[data-key="agriculture"] td')?.textContent === q1,
      expectedRows({ agriculture: { high: 4.1 } }, { method: 'shift' })[1]![0]!,
    );
    expect(await tableCells(page, 'draft-bands')).toEqual(
      expectedRows({ agriculture: { high: 4.1 } }, { method: 'shift' }),
    );
    expect(await page.getAttribute('#draft-reproducible', 'data-reproducible')).toBe('true');

    // a bad figure is marked and the table keeps its last draft
    await page.fill('#target-total-low', 'abc');
    expect(await page.getAttribute('#target-total-low', 'aria-invalid')).toBe('true');

    // the download is the engine's YAML of the draft
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#draft-download')]);
    const yaml = readFileSync((await download.path())!, 'utf8');
    expect(loadScenario(yaml).scenario.targets.FY!.agriculture!.high).toBe(
      draftScenario(
        {
          ...scenario,
          targets: {
            FY: Object.fromEntries(
              keys.map((k) => {
                const b = scenario.targets.FY![k]!;
                return [k, draftBand(b.low, k === 'agriculture' ? 4.1 : b.high)];
              }),
            ),
          },
          actuals: [],
        },
        base,
        { profile: { kind: 'flat' }, reconcile: { method: 'shift' } },
      ).fy.agriculture!.high,
    );
    expect(pageErrors).toEqual([]);
  });

  it('shows the engine’s adjusted bands as of Q2 next to the current ones', async () => {
    const page = await openStudio(1280);
    await page.waitForSelector('#adjust-bands');
    const a = adjustScenario(scenario, base, { asOf: 'Q2', rule: 'profile' });
    const want = keys.map((k) =>
      PERIODS.map((p) => {
        const band = a.scenario.targets[p]![k]!;
        return formatBand(band.low, band.high, 'vi');
      }),
    );
    expect(await tableCells(page, 'adjust-bands')).toEqual(want);
  });

  it('shows none of its English labels in vi, and fits 360 px without sideways scroll', async () => {
    const page = await openStudio(360);
    await page.selectOption('#draft-profile', 'shape');
    await page.waitForSelector('#draft-shape:not([hidden])');
    const text = await page.evaluate(() => document.body.innerText);
    const own = Object.entries(en).filter(([k]) => /^(draft|adjust|navDraft)/.test(k));
    expect(own.length).toBeGreaterThan(30);
    for (const [key, label] of own) expect(text, `${key}: "${label}"`).not.toContain(label);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll).toBeLessThanOrEqual(client);
  });
});

describe('draft studio: the state in the link', () => {
  it('edit, reload: the same targets, profile, offsets, reconcile choice and table; the link opens it too', async () => {
    const page = await openStudio(1280);
    await page.fill('#target-agriculture-high', '4,1');
    await page.selectOption('#draft-profile', 'shape');
    await page.fill('#shape-services-Q2', '1,5');
    await page.selectOption('#draft-reconcile', 'absorb:services');
    // the engine's draft of exactly this state
    const FY: Record<string, Band> = {};
    for (const k of keys) {
      const b = scenario.targets.FY![k]!;
      FY[k] = draftBand(b.low, k === 'agriculture' ? 4.1 : b.high);
    }
    const offsets = Object.fromEntries(scenario.sectors.map((s) => [s.id, [0, 0, 0, 0]]));
    offsets.services = [0, 1.5, 0, 0];
    const d = draftScenario({ ...scenario, targets: { FY }, actuals: [] }, base, {
      profile: { kind: 'shape', offsets },
      reconcile: { method: 'absorb', sector: 'services' },
    });
    const want = keys.map((k) =>
      PERIODS.map((p) => formatBand(d.scenario.targets[p]![k]!.low, d.scenario.targets[p]![k]!.high, 'vi')),
    );
    await page.waitForFunction(
      (q2) => document.querySelectorAll('#draft-bands tr[data-key="services"] td')[1]?.textContent === q2,
      want[3]![1]!,
    );
    expect(await tableCells(page, 'draft-bands')).toEqual(want);
    const url = page.url();
    expect(new URL(url).hash).toBe(
      `#/s/${ID}/draft?fy=agriculture%3A3.2%2C4.1&profile=shape&shape=services%3A0%2C1.5%2C0%2C0&reconcile=absorb%3Aservices`,
    );

    await page.reload();
    await page.waitForSelector('#draft-bands');
    expect(await tableCells(page, 'draft-bands')).toEqual(want);
    expect(await page.inputValue('#target-agriculture-high')).toBe('4,10');
    expect(await page.inputValue('#draft-profile')).toBe('shape');
    expect(await page.isVisible('#draft-shape')).toBe(true);
    expect(await page.inputValue('#shape-services-Q2')).toBe('1,50');
    expect(await page.inputValue('#draft-reconcile')).toBe('absorb:services');

    // the shared link, in a new context, opens the same draft
    const other = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' })
    ).newPage();
    await other.goto(url);
    await other.waitForSelector('#draft-bands');
    expect(await tableCells(other, 'draft-bands')).toEqual(want);

    // an old link (no state) still opens the defaults
    await other.goto(`${server.url}/#/s/${ID}/draft`);
    await other.waitForFunction(() => document.querySelector('#draft-profile') !== null);
    await other.reload();
    await other.waitForSelector('#draft-bands');
    expect(await tableCells(other, 'draft-bands')).toEqual(expectedRows({}));
    expect(await other.inputValue('#draft-profile')).toBe('flat');
    expect(pageErrors).toEqual([]);
  });
});

describe('the printable appendix', () => {
  /** The page's table: header labels, then each row's label and cells. */
  async function appendixCells(page: Page): Promise<string[][]> {
    return page.$$eval('#appendix-table tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())),
    );
  }

  it("of the stored scenario: the engine's appendix table, in vi and in en", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // from the dashboard's exports
    await page.goto(`${server.url}/#/s/${ID}`);
    await page.click('#appendix-link');
    await page.waitForSelector('#appendix-table');
    expect(new URL(page.url()).hash).toBe(`#/s/${ID}/appendix`);
    const vi = appendixTable(scenario, 'vi');
    expect(await page.textContent('#appendix h1')).toBe(vi.title);
    expect(await page.textContent('.appendix-subtitle')).toBe(vi.subtitle);
    expect(await appendixCells(page)).toEqual(appendixGrid(vi));
    expect((await appendixCells(page))[1]).toContain('7,0 – 7,5%');
    expect(await page.getAttribute('#appendix-xlsx', 'href')).toBe(`/api/scenarios/${ID}/appendix.xlsx?lang=vi`);
    const text = await page.evaluate(() => document.body.innerText);
    const own = Object.entries(en).filter(([k]) => k.startsWith('appendix'));
    expect(own.length).toBeGreaterThan(4);
    for (const [key, label] of own) expect(text, `${key}: "${label}"`).not.toContain(label);
    await page.click('#lang-switch');
    await page.waitForFunction(
      (title) => document.querySelector('#appendix h1')?.textContent === title,
      appendixTable(scenario, 'en').title,
    );
    expect(await appendixCells(page)).toEqual(appendixGrid(appendixTable(scenario, 'en')));
    await page.click('#lang-switch');
    await page.waitForFunction((title) => document.querySelector('#appendix h1')?.textContent === title, vi.title);
  });

  it("of a draft: the studio's button opens the drafted table's appendix", async () => {
    const page = await openStudio(1280);
    await page.fill('#target-agriculture-high', '4,1');
    await page.selectOption('#draft-reconcile', 'shift');
    await page.waitForFunction(
      (q1) => document.querySelector('#draft-bands tr[data-key="agriculture"] td')?.textContent === q1,
      expectedRows({ agriculture: { high: 4.1 } }, { method: 'shift' })[1]![0]!,
    );
    await page.click('#draft-appendix');
    await page.waitForSelector('#appendix-table');
    expect(new URL(page.url()).hash).toBe(`#/s/${ID}/draft/appendix?fy=agriculture%3A3.2%2C4.1&reconcile=shift`);
    const FY: Record<string, Band> = {};
    for (const k of keys) {
      const b = scenario.targets.FY![k]!;
      FY[k] = draftBand(b.low, k === 'agriculture' ? 4.1 : b.high);
    }
    const d = draftScenario({ ...scenario, targets: { FY }, actuals: [] }, base, {
      profile: { kind: 'flat' },
      reconcile: { method: 'shift' },
    });
    expect(await appendixCells(page)).toEqual(appendixGrid(appendixTable(d.scenario, 'vi')));
    // the XLSX button: the API drafts the same table from the page's state and base, cell for cell
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#appendix-xlsx')]);
    expect(download.suggestedFilename()).toBe(`${ID}-appendix-vi.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await download.path())!) as unknown as ExcelJS.Buffer);
    const rows: string[][] = [];
    book.worksheets[0]!.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(values.map((v) => (v === null || v === undefined ? '' : String(v))));
    });
    expect(rows.slice(-appendixGrid(appendixTable(d.scenario, 'vi')).length)).toEqual(
      appendixGrid(appendixTable(d.scenario, 'vi')),
    );
    // back to the studio, with the same state
    await page.click('nav.toolbar a');
    await page.waitForSelector('#draft-bands');
    expect(await page.inputValue('#target-agriculture-high')).toBe('4,10');
    expect(await page.inputValue('#draft-reconcile')).toBe('shift');
  });

  it('fits a 360 px phone without sideways scroll, and prints the table without the navigation', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/#/s/${ID}/appendix`);
    await page.waitForSelector('#appendix-table');
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll).toBeLessThanOrEqual(client);
    // each cell names its period on a phone
    const label = await page.$eval('#appendix-table tbody td', (td) => getComputedStyle(td, '::before').content);
    expect(label).toBe('"Quý I"');

    await page.setViewportSize({ width: 1122, height: 794 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('header.top')).toBe(false);
    expect(await page.isVisible('#appendix-print')).toBe(false);
    expect(await page.$eval('#appendix-table', (t) => getComputedStyle(t).display)).toBe('table');
    expect(await page.$eval('#appendix-table thead', (t) => getComputedStyle(t).display)).toBe('table-header-group');
    const pdf = await page.pdf({ format: 'A4', landscape: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageErrors).toEqual([]);
  });
});
