import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectMultipart, workbook, zip } from '../../test-support/files.ts';
import { dump, json, makeApp, type TestApp } from '../../test-support/helpers.ts';
import { ApiError } from '../errors.ts';
import { readXlsx, XLSX_MIME } from './xlsx.ts';
import { checkZip } from './zip.ts';

const MiB = 1024 * 1024;

async function rejection(p: Promise<unknown> | (() => unknown)): Promise<ApiError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('expected a rejection');
}

describe('checkZip', () => {
  it('lists the entries of a well-formed archive', () => {
    const archive = zip([{ name: 'a.xml', data: Buffer.from('<a/>') }]);
    expect(checkZip(archive)).toEqual([{ name: 'a.xml', compressedSize: expect.any(Number), uncompressedSize: 4 }]);
  });

  it('refuses an archive whose declared sizes add up to more than the limit (zip bomb)', async () => {
    const archive = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(51 * MiB) }]);
    expect(archive.length).toBeLessThan(MiB);
    const e = await rejection(() => checkZip(archive));
    expect(e.code).toBe('IMPORT_UNREADABLE');
    expect(e.message).toMatch(/more than 50 MiB/);
  });

  it('stops inflating an entry that expands beyond its declared size', async () => {
    const archive = zip([{ name: 'x.xml', data: Buffer.alloc(2 * MiB), declaredSize: 100 }]);
    expect((await rejection(() => checkZip(archive))).message).toMatch(/beyond its declared size/);
  });

  it('refuses bytes that are not a zip archive', async () => {
    const fake = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 7)]);
    expect((await rejection(() => checkZip(fake))).message).toMatch(/not a zip archive/);
  });
});

describe('readXlsx', () => {
  it('prefers the sheet named "Thực hiện" (any case, without diacritics too) over the first', async () => {
    const file = await workbook([['period'], ['Q1']], 'THUC HIEN', 2);
    expect(await readXlsx(file, 10)).toEqual({ name: 'THUC HIEN', rows: [['period'], ['Q1']] });
  });

  it('refuses more than 20 sheets and more rows than allowed', async () => {
    expect((await rejection(readXlsx(await workbook([['a']], 'Actuals', 20), 10))).message).toMatch(/21 sheets/);
    const rows = Array.from({ length: 12 }, (_, i) => [`r${i}`]);
    expect((await rejection(readXlsx(await workbook(rows), 10))).message).toMatch(/more than 10 data rows/);
  });
});

describe('import limits over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ uploadLimit: 4096, importMaxRows: 5 });
  });
  afterAll(async () => t.close());
  const url = '/api/scenarios/an-giang-2023/actuals/import';

  it('answers 400 IMPORT_UNREADABLE for a zip bomb-like XLSX and changes nothing', async () => {
    const before = await dump(t.handle.db);
    const bomb = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(1024), declaredSize: 10 },
    ]);
    const r = await t.as(t.editor, { method: 'POST', url, payload: bomb, headers: { 'content-type': XLSX_MIME } });
    expect(r.statusCode).toBe(400);
    expect(json(r)).toMatchObject({ code: 'IMPORT_UNREADABLE', message: expect.stringMatching(/declared size/) });
    expect(await dump(t.handle.db)).toBe(before);
  });

  it('answers 413 for an upload over the limit, raw or multipart', async () => {
    const big = Buffer.from(`period,key,growth_pct,vintage\n${'Q1,total,1,estimate\n'.repeat(300)}`);
    const raw = await t.as(t.editor, { method: 'POST', url, payload: big, headers: { 'content-type': 'text/csv' } });
    expect(raw.statusCode).toBe(413);
    const multi = await t.as(t.editor, { method: 'POST', url, ...injectMultipart('a.csv', big, 'text/csv') });
    expect(multi.statusCode).toBe(413);
    expect(json(multi).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses more data rows than IMPORT_MAX_ROWS', async () => {
    const rows = `period,key,growth_pct,vintage\n${['total', 'agriculture', 'services', 'industry_construction', 'product_taxes', 'total'].map((k) => `Q1,${k},1,estimate`).join('\n')}\n`;
    const r = await t.as(t.editor, { method: 'POST', url, payload: rows, headers: { 'content-type': 'text/csv' } });
    expect(r.statusCode).toBe(400);
    expect(json(r).message).toMatch(/more than 5 data rows/);
  });
});
