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
        author: string;
        values: Record<string, number>;
        previousValues: unknown;
        note: string | null;
      }[];
    }
  ).revisions;

interface ImportErrorBody {
  code: string;
  message: string;
  errors: { row: number; column: string; reason: string }[];
}

describe('actuals import: good files', () => {
  it('imports the example CSV (multipart): one revision per period, attributed to the token', async () => {
    const r = await t.as(t.editor, {
      method: 'POST',
      url,
      ...injectMultipart('actuals-an-giang-2023.csv', readFileSync(EXAMPLE_CSV), 'text/csv'),
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = json(r) as { format: string; rows: number; locale: string; revisions: { period: string }[] };
    expect(body).toMatchObject({ format: 'csv', rows: 15, locale: 'vi' });
    expect(body.revisions.map((x) => x.period)).toEqual(['Q1', 'H1', 'FY']);
    const q1 = await history('Q1');
    expect(q1).toHaveLength(1);
    expect(q1[0]).toMatchObject({ revision: 1, author: 'Phòng Tổng hợp', previousValues: null });
    expect(q1[0]!.values).toEqual({
      total: 6.3,
      agriculture: 3.09,
      industry_construction: 8.8,
      services: 9.5,
      product_taxes: 5.73,
    });
    expect(q1[0]!.note).toBe('Báo cáo KT-XH quý I/2023');
  });

  it('imports the example XLSX (raw body) on top of the current revisions, without If-Match', async () => {
    const r = await importXlsx(readFileSync(EXAMPLE_XLSX));
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r)).toMatchObject({ format: 'xlsx', rows: 15 });
    const fy = await history('FY');
    expect(fy.map((x) => x.revision)).toEqual([1, 2]);
    expect(fy[1]!.values.total).toBe(7.36);
    expect(fy[1]!.previousValues).toEqual(fy[0]!.values);
    expect(fy[1]!.author).toBe('Phòng Tổng hợp');
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
    expect((await history('Q3')).at(-1)!.values).toEqual({ total: 7, services: 8.12 });
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
