import { readFileSync } from 'node:fs';
import { loadScenario } from '@grdp/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBack } from '../../test-support/files.ts';
import { makeApp, type TestApp } from '../../test-support/helpers.ts';
import { decodeUtf8, parseCsv } from '../files/csv.ts';
import { EXAMPLE_XLSX, exampleSheet, makeExample } from '../files/make-example.ts';
import { XLSX_MIME } from '../files/xlsx.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
  // An entered revision, so that the export's actuals are the effective ones (file + stored).
  const r = await t.as(t.editor, {
    method: 'PUT',
    url: '/api/scenarios/an-giang-2023/actuals/Q3',
    payload: { values: { total: 7.1, services: 8 }, vintage: 'estimate', note: 'ước tính quý III' },
  });
  expect(r.statusCode).toBe(201);
});
afterAll(async () => t.close());

const get = (url: string) => t.app.inject({ url });

describe('scenario export', () => {
  it('YAML loads back to the effective scenario, deep-equal', async () => {
    const r = await get('/api/scenarios/an-giang-2023/export.yaml');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/yaml');
    expect(r.headers['content-disposition']).toBe('attachment; filename="an-giang-2023.yaml"');
    const effective = await t.repos.scenarios.effectiveScenario('an-giang-2023');
    expect(effective!.actuals.some((a) => a.period === 'Q3' && a.source === 'entered by Phòng Tổng hợp')).toBe(true);
    expect(loadScenario(r.body).scenario).toEqual(effective);
  });

  it('CSV in vi: `;` separator, decimal comma, the three sections', async () => {
    const r = await get('/api/scenarios/an-giang-2023/export.csv?lang=vi');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(decodeUtf8(r.rawPayload), ';');
    expect(rows[0]!.slice(0, 4)).toEqual(['Phần', 'Kỳ', 'Chỉ tiêu', 'Thấp (%)']);
    expect(rows).toContainEqual(['Mục tiêu', 'Cả năm', 'total', '7', '7,5', '', '', '', '', '7,0 - 7,5%']);
    expect(rows).toContainEqual([
      'Thực hiện',
      'Quý III',
      'services',
      '',
      '',
      '8',
      'Ước tính',
      '',
      '',
      'ước tính quý III',
    ]);
    const computed = rows.filter((x) => x[0] === 'Bảng tính');
    // Q1 total on the low path reproduces the printed 6,15; the Q1 actual 6,3 is within [6,15, 6,54].
    expect(computed).toContainEqual(['Bảng tính', 'Quý I', 'total', '6,15', '6,54', '6,3', '', 'trong', '0,00', '']);
    expect(computed).toHaveLength(7 * 5);
  });

  it('CSV in en: `,` separator and decimal point', async () => {
    const r = await get('/api/scenarios/an-giang-2023/export.csv?lang=en');
    const rows = parseCsv(decodeUtf8(r.rawPayload), ',');
    expect(rows[0]).toEqual([
      'section',
      'period',
      'key',
      'low',
      'high',
      'value',
      'vintage',
      'status',
      'gap_pp',
      'note',
    ]);
    expect(rows).toContainEqual(['Targets', 'FY', 'total', '7', '7.5', '', '', '', '', '7,0 - 7,5%']);
  });

  it('XLSX: three sheets with real numbers formatted 0.00', async () => {
    for (const [lang, names] of [
      ['vi', ['Mục tiêu', 'Thực hiện', 'Bảng tính']],
      ['en', ['Targets', 'Actuals', 'Computed']],
    ] as const) {
      const r = await get(`/api/scenarios/an-giang-2023/export.xlsx?lang=${lang}`);
      expect(r.statusCode).toBe(200);
      const book = await readBack(r.rawPayload);
      expect(Object.keys(book)).toEqual(names);
      const targets = book[names[0]]!;
      const fyTotal = targets.find((row) => row[1]!.value === 'total' && String(row[0]!.value).match(/FY|Cả năm/));
      expect(fyTotal![2]).toEqual({ value: 7, numFmt: '0.00' });
      expect(fyTotal![3]).toEqual({ value: 7.5, numFmt: '0.00' });
      const computed = book[names[2]]!;
      const q1 = computed.find((row) => row[1]!.value === 'total' && String(row[0]!.value).match(/^(Q1|Quý I)$/))!;
      expect(typeof q1[2]!.value).toBe('number');
      expect(q1[2]!.value as number).toBeCloseTo(6.15, 2);
      expect(q1[2]!.numFmt).toBe('0.00');
    }
  });

  it('the XLSX export imports back (its Actuals sheet is in the template), changing nothing', async () => {
    const file = (await get('/api/scenarios/an-giang-2023/export.xlsx?lang=vi')).rawPayload;
    const r = await t.as(t.editor, {
      method: 'POST',
      url: '/api/scenarios/an-giang-2023/actuals/import',
      payload: file,
      headers: { 'content-type': XLSX_MIME },
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as { unchanged: boolean; revisions: unknown[]; periods: { period: string }[] };
    expect(body.periods.map((x) => x.period)).toEqual(['Q1', 'H1', 'Q3', 'FY']);
    expect(body.unchanged).toBe(true);
    expect(body.revisions).toEqual([]);
  });

  it('404 for an unknown scenario', async () => {
    expect((await get('/api/scenarios/nowhere/export.csv')).statusCode).toBe(404);
  });
});

describe('templates', () => {
  it('CSV in vi and en: the header row', async () => {
    const vi = await get('/api/templates/actuals.csv?lang=vi');
    expect(vi.statusCode).toBe(200);
    expect(parseCsv(decodeUtf8(vi.rawPayload), ';')).toEqual([
      ['Kỳ', 'Chỉ tiêu', 'Tăng trưởng (%)', 'Loại số liệu', 'Ghi chú'],
    ]);
    const en = await get('/api/templates/actuals.csv?lang=en');
    expect(parseCsv(decodeUtf8(en.rawPayload), ',')).toEqual([['period', 'key', 'growth_pct', 'vintage', 'note']]);
  });

  it('XLSX in vi and en: an empty actuals sheet with the headers and a guide', async () => {
    const vi = await readBack((await get('/api/templates/actuals.xlsx?lang=vi')).rawPayload);
    expect(Object.keys(vi)).toEqual(['Thực hiện', 'Hướng dẫn']);
    expect(vi['Thực hiện']!.map((r) => r.map((c) => c.value))).toEqual([
      ['Kỳ', 'Chỉ tiêu', 'Tăng trưởng (%)', 'Loại số liệu', 'Ghi chú'],
    ]);
    const en = await readBack((await get('/api/templates/actuals.xlsx?lang=en')).rawPayload);
    expect(en.Actuals![0]!.map((c) => c.value)).toEqual(['period', 'key', 'growth_pct', 'vintage', 'note']);
    expect(en.Guide!.length).toBeGreaterThan(4);
  });

  it('400 for an unknown lang', async () => {
    const r = await get('/api/templates/actuals.csv?lang=fr');
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'VALIDATION', path: 'querystring.lang' });
  });
});

describe('the committed example XLSX', () => {
  it('has the content make-example.ts writes from the CSV', async () => {
    const committed = await readBack(readFileSync(EXAMPLE_XLSX));
    const fresh = await readBack(await makeExample());
    expect(committed).toEqual(fresh);
    const sheet = exampleSheet();
    expect(committed['Thực hiện']!.length).toBe(sheet.rows.length + 1);
    expect(committed['Thực hiện']![1]![2]).toEqual({ value: 6.3, numFmt: '0.00' });
  });
});
