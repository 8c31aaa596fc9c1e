import { readFileSync } from 'node:fs';
import type { Period } from '@grdp/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectMultipart, workbook } from '../../test-support/files.ts';
import { dump, json, makeApp, type TestApp } from '../../test-support/helpers.ts';
import { EXAMPLE_CSV, EXAMPLE_XLSX } from '../files/make-example.ts';
import { XLSX_MIME } from '../files/xlsx.ts';
import type { ActualInput } from '../repositories/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => t.close());

const url = '/api/scenarios/an-giang-2023/actuals/import';
const importCsv = (text: string | Buffer, query = '') =>
  t.as(t.editor, {
    method: 'POST',
    url: url + query,
    payload: typeof text === 'string' ? Buffer.from(text, 'utf8') : text,
    headers: { 'content-type': 'text/csv' },
  });
const importXlsx = (file: Buffer) =>
  t.as(t.editor, { method: 'POST', url, payload: file, headers: { 'content-type': XLSX_MIME } });
const history = async (period: string) =>
  (
    json(await t.app.inject({ url: `/api/scenarios/an-giang-2023/actuals/${period}/history` })) as {
      revisions: {
        revision: number;
        origin: string;
        author: string;
        values: Record<string, number>;
        previousValues: unknown;
        note: string | null;
      }[];
    }
  ).revisions;

const OFFICIAL_FY = 'period,key,growth_pct,vintage,note\nFY,total,6.14,official,Niên giám thống kê 2023\n';

interface ImportAnswer {
  format: string;
  rows: number;
  dryRun: boolean;
  unchanged: boolean;
  revisions: { period: string; revision: number }[];
  periods: {
    period: string;
    vintage: string;
    previousVintage: string | null;
    unchanged: boolean;
    changes: { key: string; before: number | null; after: number }[];
    values: Record<string, number>;
    outOfBand: { key: string; value: number; low: number; high: number }[];
    totalMismatch: { published: number; fromSectors: number; tolerance: number } | null;
    revision: unknown;
  }[];
}

interface ImportErrorBody {
  code: string;
  message: string;
  errors: { row: number; column: string; reason: string }[];
}

describe('actuals import: good files', () => {
  it("imports the example CSV (multipart): its figures are the scenario file's own actuals, so nothing is written", async () => {
    const r = await t.as(t.editor, {
      method: 'POST',
      url,
      ...injectMultipart('actuals-an-giang-2023.csv', readFileSync(EXAMPLE_CSV), 'text/csv'),
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = json(r) as unknown as ImportAnswer;
    expect(body).toMatchObject({
      format: 'csv',
      rows: 15,
      locale: 'vi',
      dryRun: false,
      unchanged: true,
      revisions: [],
    });
    expect(body.periods.map((p) => [p.period, p.unchanged, p.changes.length])).toEqual([
      ['Q1', true, 0],
      ['H1', true, 0],
      ['FY', true, 0],
    ]);
    // Only the scenario file's own Q1 figures: revision 1, author file.
    expect((await history('Q1')).map((x) => [x.revision, x.author])).toEqual([[1, 'file']]);
    const xlsx = json(await importXlsx(readFileSync(EXAMPLE_XLSX))) as unknown as ImportAnswer;
    expect(xlsx).toMatchObject({ format: 'xlsx', rows: 15, unchanged: true, revisions: [] });
  });

  it('previews the official FY 6,14 (dry run): old and new value, out of band, the total against its sectors; writes nothing', async () => {
    const before = await dump(t.handle.db);
    const r = await importCsv(OFFICIAL_FY, '?dryRun=1');
    expect(r.statusCode, r.body).toBe(200);
    const body = json(r) as unknown as ImportAnswer;
    expect(body).toMatchObject({ dryRun: true, unchanged: false, revisions: [] });
    const fy = body.periods[0]!;
    expect(fy).toMatchObject({ period: 'FY', vintage: 'official', previousVintage: 'estimate', revision: null });
    expect(fy.changes).toEqual([{ key: 'total', before: 7.36, after: 6.14 }]);
    expect(fy.values).toMatchObject({ total: 6.14, agriculture: 3.81, services: 9.29 });
    expect(fy.outOfBand).toEqual([{ key: 'total', value: 6.14, low: 7, high: 7.5 }]);
    // 6,14 against sectors that still add up to about 7,37: reported, not fixed.
    expect(fy.totalMismatch?.published).toBe(6.14);
    expect(fy.totalMismatch?.fromSectors).toBeGreaterThan(7.3);
    expect(await dump(t.handle.db)).toBe(before);
  });

  it('imports only the cells the file names; the same file again writes nothing', async () => {
    const r = await importCsv(OFFICIAL_FY);
    expect(r.statusCode, r.body).toBe(200);
    const body = json(r) as unknown as ImportAnswer;
    expect(body.revisions.map((x) => [x.period, x.revision])).toEqual([['FY', 1]]);
    // Every figure ever shown: the file's estimate 7,36 (revision 1), then the official 6,14.
    const fy = await history('FY');
    expect(fy.map((x) => [x.revision, x.author, x.values.total])).toEqual([
      [1, 'file', 7.36],
      [2, 'Phòng Tổng hợp', 6.14],
    ]);
    expect(fy[0]).toMatchObject({ origin: 'file', vintage: 'estimate', published: '2023-12-31', etag: null });
    expect(fy[1]).toMatchObject({ origin: 'entered', entered: 1, vintage: 'official' });
    expect(fy[1]!.previousValues).toMatchObject({ total: 7.36 });
    expect(fy[1]!.values).toEqual({
      total: 6.14,
      agriculture: 3.81,
      industry_construction: 10.74,
      services: 9.29,
      product_taxes: 4.52,
    });

    const again = json(await importCsv(OFFICIAL_FY)) as unknown as ImportAnswer;
    expect(again).toMatchObject({ unchanged: true, revisions: [] });
    expect(await history('FY')).toHaveLength(2);
  });

  it('keeps the cells a clerk typed by hand when a file names other cells of the period', async () => {
    const typed = await t.as(t.editor, {
      method: 'PUT',
      url: '/api/scenarios/an-giang-2023/actuals/Q3',
      payload: { values: { total: 7.1, agriculture: 3.2 }, vintage: 'estimate' },
    });
    expect(typed.statusCode, typed.body).toBe(201);
    const r = await importCsv('period,key,growth_pct,vintage\nQ3,services,8.4,estimate\n');
    expect(r.statusCode, r.body).toBe(200);
    const q3 = await history('Q3');
    expect(q3.map((x) => x.values)).toEqual([
      { total: 7.1, agriculture: 3.2 },
      { total: 7.1, agriculture: 3.2, services: 8.4 },
    ]);
  });

  it('reads "7,36%", "7.36" and "-0,5" in one file, with a BOM and headers without diacritics', async () => {
    const text =
      '\ufeffKY;CHI TIEU;Tang truong (%);Loai so lieu;Ghi chu\r\nQ2;total;7,36%;uoc tinh;\r\nQ2;services;7.36;Ước tính;x\r\nQ2;agriculture;-0,5;estimate;\r\n';
    const r = await importCsv(text);
    expect(r.statusCode, r.body).toBe(200);
    const q2 = await history('Q2');
    expect(q2.at(-1)!.values).toEqual({ total: 7.36, services: 7.36, agriculture: -0.5 });
  });

  it('reads a formula cell by its cached value, and a %-formatted cell as a percentage', async () => {
    // Q3 holds total 7,1, agriculture 3,2, services 8,4 from the test above: the file replaces total and services.
    const file = await workbook(
      [
        ['period', 'key', 'growth_pct', 'vintage'],
        ['Q3', 'total', { formula: '3.5*2', result: 7 }, 'official'],
        ['Q3', 'services', 0.0812, 'official'],
      ],
      'Actuals',
      0,
      { row: 3, col: 3, fmt: '0.00%' },
    );
    const r = await importXlsx(file);
    expect(r.statusCode, r.body).toBe(200);
    expect((await history('Q3')).at(-1)!.values).toEqual({ total: 7, agriculture: 3.2, services: 8.12 });
  });
});

describe('actuals import: numbers by locale', () => {
  const file = (cells: string[]) =>
    `period,key,growth_pct,vintage\n${cells.map((c, i) => `Q4,${i === 0 ? 'total' : 'services'},"${c}",estimate`).join('\n')}\n`;

  it('refuses an ambiguous "1,234" without a locale, listing the cell, and changes nothing', async () => {
    const before = await dump(t.handle.db);
    const r = await importCsv(file(['1,234']));
    expect(r.statusCode).toBe(400);
    const body = json(r) as unknown as ImportErrorBody;
    expect(body.code).toBe('IMPORT_INVALID');
    expect(body.errors).toEqual([{ row: 2, column: 'growth_pct', reason: expect.stringMatching(/locale/) }]);
    expect(await dump(t.handle.db)).toBe(before);
  });

  it('reads "1,234" by the declared locale, or by one detected from an unambiguous cell', async () => {
    expect((await importCsv(file(['1,234']), '?locale=vi')).statusCode).toBe(200);
    expect((await history('Q4')).at(-1)!.values.total).toBe(1.234);
    const detected = await importCsv(file(['1,234', '0,5']));
    expect(detected.statusCode, detected.body).toBe(200);
    expect(json(detected).locale).toBe('vi');
    expect((await history('Q4')).at(-1)!.values).toEqual({ total: 1.234, services: 0.5 });
  });

  it('reads "1.234,5" and "1,234.5" by their own locale but refuses the other under a declared one', async () => {
    const r = await importCsv(file(['1.234,5']), '?locale=en');
    expect(r.statusCode).toBe(400);
    const vi = await importCsv(
      `period;key;growth_pct;vintage\nQ4;total;"0,5";estimate\nQ4;services;"1.234,5";estimate\n`,
    );
    // 1234.5 % is read right and then refused as not a growth rate.
    expect((json(vi) as unknown as ImportErrorBody).errors[0]!.reason).toMatch(/1234\.5 is not a growth rate/);
  });
});

describe('actuals import: bad files change nothing', () => {
  it('lists every bad row with its column and leaves the database unchanged', async () => {
    const before = await dump(t.handle.db);
    const text = [
      'Kỳ;Chỉ tiêu;Tăng trưởng (%);Loại số liệu;Ghi chú',
      'Q1;total;6,5;Ước tính;',
      'Q5;total;6,5;Ước tính;',
      'Q2;mining;abc;Ước tính;',
      'Q2;total;7;guess;',
      'Q1;total;6,6;Ước tính;',
    ].join('\r\n');
    const r = await importCsv(text);
    expect(r.statusCode).toBe(400);
    const body = json(r) as unknown as ImportErrorBody;
    expect(body.code).toBe('IMPORT_INVALID');
    expect(body.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Kỳ'],
      [4, 'Chỉ tiêu'],
      [4, 'Tăng trưởng (%)'],
      [5, 'Loại số liệu'],
      [6, 'Chỉ tiêu'],
    ]);
    expect(body.errors[4]!.reason).toMatch(/row 2/);
    expect(await dump(t.handle.db)).toBe(before);
  });

  it('refuses unknown and missing columns, and two vintages for one period', async () => {
    const r = await importCsv('period,key,growth,colour\nQ1,total,1,red\n');
    const body = json(r) as unknown as ImportErrorBody;
    expect(body.errors.map((e) => e.column)).toEqual(['colour', 'Loại số liệu / vintage']);
    const mixed = await importCsv('period,key,growth_pct,vintage\nQ1,total,1,estimate\nQ1,services,2,official\n');
    expect((json(mixed) as unknown as ImportErrorBody).errors).toEqual([
      { row: 3, column: 'vintage', reason: expect.stringMatching(/one vintage/) },
    ]);
  });

  it('refuses a value under no header instead of dropping it, and changes nothing', async () => {
    const before = await dump(t.handle.db);
    const r = await importCsv('period,key,growth_pct,vintage\nQ1,total,6.4,estimate,7.1\n');
    expect(r.statusCode).toBe(400);
    expect((json(r) as unknown as ImportErrorBody).errors).toEqual([
      { row: 2, column: 'E', reason: 'a value in a column without a header' },
    ]);
    expect(await dump(t.handle.db)).toBe(before);
  });

  it('refuses a formula without a cached value, at its row and column', async () => {
    const before = await dump(t.handle.db);
    const file = await workbook([
      ['period', 'key', 'growth_pct', 'vintage'],
      ['Q1', 'total', 6.2, 'estimate'],
      ['Q1', 'services', { formula: 'B1*2' } as never, 'estimate'],
    ]);
    const r = await importXlsx(file);
    expect(r.statusCode).toBe(400);
    expect((json(r) as unknown as ImportErrorBody).errors).toEqual([
      { row: 3, column: 'growth_pct', reason: expect.stringMatching(/formula without a saved result/) },
    ]);
    expect(await dump(t.handle.db)).toBe(before);
  });

  it('refuses Windows-1258 and UTF-16 text with a clear message', async () => {
    const cp1258 = Buffer.from([0x4b, 0x79, 0xd2, 0x3b, 0x43, 0x68, 0x69, 0x0d, 0x0a]);
    const r = await importCsv(cp1258);
    expect(r.statusCode).toBe(400);
    expect(json(r)).toMatchObject({ code: 'IMPORT_UNREADABLE', message: expect.stringMatching(/not UTF-8/) });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('period,key\r\n', 'utf16le')]);
    expect(json(await importCsv(utf16)).message).toMatch(/UTF-16/);
  });

  it('rolls back every period in the repository when one fails (one transaction)', async () => {
    const before = await dump(t.handle.db);
    const entries: { period: Period; input: ActualInput }[] = [
      { period: 'Q1', input: { values: { total: 1 }, vintage: 'estimate' } },
      { period: 'Q2', input: { values: { mining: 1 }, vintage: 'estimate' } },
    ];
    await expect(t.repos.actuals.importRevisions('an-giang-2023', entries, 'x')).rejects.toThrow(/mining/);
    expect(await dump(t.handle.db)).toBe(before);
  });

  it('needs an editor token', async () => {
    const r = await t.app.inject({ method: 'POST', url, payload: 'a', headers: { 'content-type': 'text/csv' } });
    expect(r.statusCode).toBe(401);
  });
});
