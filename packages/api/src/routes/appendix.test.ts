/** The plan's appendix as XLSX: the workbook's cells are the engine's `appendixGrid`, for a stored, drafted or adjusted table. */
import { readFileSync } from 'node:fs';
import { appendixGrid, appendixTable, type Lang, loadScenario } from '@grdp/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readBack } from '../../test-support/files.ts';
import { json, makeApp, type TestApp } from '../../test-support/helpers.ts';
import { APPENDIX_PREAMBLE_ROWS, appendixSheetName } from '../files/appendix.ts';
import { XLSX_MIME } from '../files/xlsx.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => t.close());

const repo = new URL('../../../../', import.meta.url).pathname;
const targets = parse(readFileSync(`${repo}scenarios/an-giang-2023-targets.yaml`, 'utf8'));

/** The sheet's text, row by row (merged preamble cells read as their first cell). */
async function sheet(body: Buffer, lang: Lang): Promise<string[][]> {
  const book = await readBack(body);
  expect(Object.keys(book)).toEqual([appendixSheetName(lang)]);
  return book[appendixSheetName(lang)]!.map((row) => row.map((c) => (c.value === null ? '' : String(c.value))));
}

/** Title, subtitle, unit, then the grid: every cell equal to the builder's string. */
function expectAppendix(rows: string[][], scenario: Parameters<typeof appendixTable>[0], lang: Lang) {
  const table = appendixTable(scenario, lang);
  expect(rows.slice(0, APPENDIX_PREAMBLE_ROWS).map((r) => r[0])).toEqual([table.title, table.subtitle, table.unit]);
  expect(rows.slice(APPENDIX_PREAMBLE_ROWS)).toEqual(appendixGrid(table));
}

describe('GET /api/scenarios/:id/appendix.xlsx', () => {
  it("An Giang 2023 in vi: the published bands, cell for cell the builder's strings", async () => {
    const r = await t.app.inject({ url: '/api/scenarios/an-giang-2023/appendix.xlsx' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX_MIME);
    expect(r.headers['content-disposition']).toBe('attachment; filename="an-giang-2023-appendix-vi.xlsx"');
    const rows = await sheet(r.rawPayload, 'vi');
    const scenario = (await t.repos.scenarios.effectiveScenario('an-giang-2023'))!;
    expectAppendix(rows, scenario, 'vi');
    expect(rows[APPENDIX_PREAMBLE_ROWS + 1]).toEqual([
      'Tổng GRDP',
      '6,15 – 6,54%',
      '8,14 – 8,70%',
      '7,02 – 7,45%',
      '7,08 – 7,73%',
      '6,94 – 7,40%',
      '6,97 – 7,42%',
      '7,0 – 7,5%',
    ]);
  });

  it('in English with ?lang=en; 404 for an unknown scenario; 400 for a bad lang', async () => {
    const r = await t.app.inject({ url: '/api/scenarios/an-giang-2023/appendix.xlsx?lang=en' });
    expect(r.statusCode).toBe(200);
    const rows = await sheet(r.rawPayload, 'en');
    expectAppendix(rows, (await t.repos.scenarios.effectiveScenario('an-giang-2023'))!, 'en');
    expect(rows[APPENDIX_PREAMBLE_ROWS]![7]).toBe('Full year');
    expect((await t.app.inject({ url: '/api/scenarios/nope/appendix.xlsx' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/scenarios/an-giang-2023/appendix.xlsx?lang=fr' })).statusCode).toBe(400);
  });
});

describe('POST /api/planner/draft/appendix.xlsx', () => {
  it("the drafted table: the same cells as the draft answer's scenario", async () => {
    const body = { scenario: targets, profile: 'flat', reconcile: 'shift' };
    const draft = await t.app.inject({ method: 'POST', url: '/api/planner/draft', payload: body });
    expect(draft.statusCode).toBe(200);
    const drafted = loadScenario((json(draft) as { yaml: string }).yaml).scenario;
    const r = await t.app.inject({ method: 'POST', url: '/api/planner/draft/appendix.xlsx?lang=vi', payload: body });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toBe(`attachment; filename="${drafted.id}-appendix-vi.xlsx"`);
    const rows = await sheet(r.rawPayload, 'vi');
    expectAppendix(rows, drafted, 'vi');
    // two decimals everywhere, low first
    for (const row of rows.slice(APPENDIX_PREAMBLE_ROWS + 1))
      for (const cell of row.slice(1)) expect(cell).toMatch(/^−?\d+,\d\d – −?\d+,\d\d%$/);
  });

  it('carries no formula: a title or sector name starting with = gets a leading quote', async () => {
    const evil = '=HYPERLINK("http://evil.example/","Bấm vào đây")';
    const scenario = {
      ...targets,
      title: { vi: evil, en: evil },
      sectors: targets.sectors.map((s: { id: string }) =>
        s.id === 'services' ? { ...s, name: { vi: evil, en: evil } } : s,
      ),
    };
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/planner/draft/appendix.xlsx',
      payload: { scenario, profile: 'flat', reconcile: 'shift' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const cells = (await sheet(r.rawPayload, 'vi')).flat();
    expect(cells).toContain(`'${evil}`);
    expect(cells).not.toContain(evil);
  });

  it('answers a bad draft body as the draft route does', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/planner/draft/appendix.xlsx',
      payload: { scenario: targets, profile: 'last-year' },
    });
    expect(r.statusCode).toBe(422);
    expect(JSON.stringify(json(r))).toMatch(/lastYear/);
  });
});

describe('POST /api/scenarios/:id/adjust/appendix.xlsx', () => {
  it('the adjusted version: actual quarters as points, its version label in the subtitle', async () => {
    const body = { asOf: 'Q2', label: 'adjusted-2023-07' };
    const adjusted = await t.app.inject({ method: 'POST', url: '/api/scenarios/an-giang-2023/adjust', payload: body });
    expect(adjusted.statusCode).toBe(200);
    const scenario = loadScenario((json(adjusted) as { yaml: string }).yaml).scenario;
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/scenarios/an-giang-2023/adjust/appendix.xlsx',
      payload: body,
    });
    expect(r.statusCode).toBe(200);
    const rows = await sheet(r.rawPayload, 'vi');
    expectAppendix(rows, scenario, 'vi');
    expect(rows[1]![0]).toContain('adjusted-2023-07');
    // Q1 and Q2 have actuals: points; Q3, Q4 re-drafted: bands
    const total = rows[APPENDIX_PREAMBLE_ROWS + 1]!;
    expect(total.slice(1, 3)).toEqual([expect.stringMatching(/^\d+,\d\d%$/), expect.stringMatching(/^\d+,\d\d%$/)]);
    expect(total[3]).toMatch(/^\d+,\d\d – \d+,\d\d%$/);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/scenarios/nope/adjust/appendix.xlsx', payload: body }))
        .statusCode,
    ).toBe(404);
  });
});
