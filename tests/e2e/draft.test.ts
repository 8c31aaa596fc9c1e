/**
 * The draft studio in Chromium against the real API: An Giang 2023's FY targets drafted on its base levels, a
 * target changed in the page re-drafts the table to the figures the engine's `draftScenario` gives, the
 * reconcile choice closes the gap, the adjust panel shows the engine's `adjustScenario` bands, the vi page
 * shows none of its English labels, and nothing scrolls sideways at 360 px.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  adjustScenario,
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
