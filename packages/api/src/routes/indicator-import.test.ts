/**
 * The indicator actuals template and import on SQLite and PostgreSQL (a schema of its own; skipped with the reason
 * printed when the server is unreachable, unless REQUIRE_POSTGRES=1): the per-scenario template in CSV and XLSX,
 * the dry-run preview (old and new value, status before and after from the qualifier), the commit as revisions,
 * re-importing identical values writing nothing, row/column problems in the user's language with nothing
 * written, and If-Match still guarding a hand edit after an import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectMultipart, readBack, workbook } from '../../test-support/files.ts';
import { type Backend, dump, json, makeApp, type TestApp } from '../../test-support/helpers.ts';
import { postgresGate } from '../../test-support/postgres-gate.ts';
import { XLSX_MIME } from '../files/xlsx.ts';

const describePostgres = await postgresGate('indicator import suite');

const base = '/api/scenarios/an-giang-2023/indicators';

interface Answer {
  rows: number;
  skipped: number;
  dryRun: boolean;
  unchanged: boolean;
  changes: {
    indicatorId: string;
    year: number;
    period: string;
    before: number | null;
    after: number;
    unchanged: boolean;
    revision: { revision: number; author: string; source: string | null } | null;
  }[];
  indicators: { id: string; before: { status: string }; after: { status: string; compared?: number } }[];
  revisions: { indicatorId: string; revision: number }[];
}
interface Problems {
  code: string;
  message: string;
  errors: { row: number; column: string; reason: string }[];
}

function suite(backend: Backend) {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({}, { backend });
  });
  afterAll(async () => t?.close());

  const importCsv = (text: string, query = '') =>
    t.as(t.editor, {
      method: 'POST',
      url: `${base}/import${query}`,
      payload: Buffer.from(text, 'utf8'),
      headers: { 'content-type': 'text/csv' },
    });

  it('offers a template per scenario: one row per indicator, the value left blank, vi and en', async () => {
    const csv = await t.app.inject({ url: `${base}/template.csv?lang=vi` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('an-giang-2023-indicators-template-vi.csv');
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'Mã chỉ tiêu;Tên chỉ tiêu;Đơn vị;Mục tiêu;Năm;Kỳ;Giá trị;Loại số liệu;Ngày công bố;Nguồn;Ghi chú',
    );
    expect(lines).toHaveLength(27);
    expect(lines.find((l) => l.startsWith('urbanisation;'))).toMatch(
      /^urbanisation;Tỷ lệ đô thị hóa;%;.*;2023;Cả năm;;;;;$/,
    );
    const xlsx = await t.app.inject({ url: `${base}/template.xlsx?lang=en` });
    expect(xlsx.headers['content-type']).toBe(XLSX_MIME);
    const sheets = await readBack(xlsx.rawPayload);
    expect(sheets.Indicators![0]!.map((c) => c.value)).toEqual([
      'indicator',
      'name',
      'unit',
      'target',
      'year',
      'period',
      'value',
      'vintage',
      'published',
      'source',
      'note',
    ]);
    expect(sheets.Indicators).toHaveLength(27);
    expect(sheets.Guide!.length).toBeGreaterThan(3);
    expect((await t.app.inject({ url: '/api/scenarios/nope/indicators/template.csv' })).statusCode).toBe(404);
  });

  it('the filled template previews, then imports as revisions; the same file again writes nothing', async () => {
    const template = (await t.app.inject({ url: `${base}/template.csv?lang=vi` })).body;
    const filled = template
      .replace(/^(exports;.*;2023;Cả năm;);;;;$/m, '$11150;ước tính;2024-01-05;Báo cáo năm;')
      .replace(/^(urbanisation;.*;2023;Cả năm;);;;;$/m, '$142,3;chính thức;;;Niên giám');
    const before = await dump(t.handle.db);
    const preview = await importCsv(filled, '?dryRun=1');
    expect(preview.statusCode).toBe(200);
    const p = json(preview) as unknown as Answer;
    expect(p).toMatchObject({ rows: 26, skipped: 24, dryRun: true, unchanged: false, revisions: [] });
    expect(p.changes.map((c) => [c.indicatorId, c.before, c.after, c.revision])).toEqual([
      ['exports', null, 1150, null],
      ['urbanisation', null, 42.3, null],
    ]);
    expect(p.indicators).toEqual([
      expect.objectContaining({ id: 'exports', before: expect.objectContaining({ status: 'no-data' }) }),
      expect.objectContaining({ id: 'urbanisation', after: expect.objectContaining({ status: 'exceeded' }) }),
    ]);
    expect(p.indicators[0]!.after).toMatchObject({ status: 'not-met', compared: 1150 });
    expect(await dump(t.handle.db)).toBe(before);

    const done = json(await importCsv(filled)) as unknown as Answer;
    expect(done.dryRun).toBe(false);
    expect(done.revisions.map((r) => [r.indicatorId, r.revision])).toEqual([
      ['exports', 1],
      ['urbanisation', 1],
    ]);
    expect(done.changes[0]!.revision).toMatchObject({ author: 'Phòng Tổng hợp', source: 'Báo cáo năm' });
    const answer = json(await t.app.inject({ url: base })) as {
      indicators: { id: string; status: { status: string } }[];
    };
    expect(answer.indicators.find((i) => i.id === 'exports')?.status.status).toBe('not-met');

    const afterImport = await dump(t.handle.db);
    const again = json(await importCsv(filled)) as unknown as Answer;
    expect(again).toMatchObject({ unchanged: true, revisions: [] });
    expect(again.changes.every((c) => c.unchanged && c.before === c.after)).toBe(true);
    expect(await dump(t.handle.db)).toBe(afterImport);
  });

  it('only the named figures change; a changed value gets a revision with its previous value', async () => {
    const r = json(await importCsv('indicator,year,value,vintage\nexports,2023,1175,revised\n')) as unknown as Answer;
    expect(r.changes).toEqual([
      expect.objectContaining({ indicatorId: 'exports', before: 1150, after: 1175, unchanged: false }),
    ]);
    expect(r.indicators[0]!.after.status).toBe('exceeded');
    const history = json(await t.app.inject({ url: `${base}/exports/actuals/2023/history` })) as {
      revisions: { value: number; previousValue: number | null }[];
    };
    expect(history.revisions.map((h) => [h.value, h.previousValue])).toEqual([
      [1150, null],
      [1175, 1150],
    ]);
    expect(
      (json(await t.app.inject({ url: `${base}/urbanisation/actuals/2023/history` })) as { revisions: [] }).revisions,
    ).toHaveLength(1);
  });

  it('an import moves the ETag: a hand edit with the old one is refused (409), with the new one accepted', async () => {
    const got = await t.app.inject({ url: `${base}/exports/actuals/2023` });
    const etag = got.headers.etag as string;
    await importCsv('indicator,year,value,vintage\nexports,2023,1180,official\n');
    const put = (ifMatch: string) =>
      t.as(t.editor, {
        method: 'PUT',
        url: `${base}/exports/actuals/2023`,
        payload: { value: 1190, vintage: 'official' },
        headers: { 'if-match': ifMatch },
      });
    expect((await put(etag)).statusCode).toBe(409);
    const fresh = (await t.app.inject({ url: `${base}/exports/actuals/2023` })).headers.etag as string;
    expect((await put(fresh)).statusCode).toBe(200);
  });

  it('lists every bad row and column in the user’s language and writes nothing', async () => {
    const before = await dump(t.handle.db);
    const file = [
      'Mã chỉ tiêu;Năm;Giá trị;Loại số liệu;Ngày công bố',
      'khong-co;2023;1;ước tính;',
      'exports;23;abc;sai;5/1/2024',
      'Tỷ lệ đô thị hóa;2023;43;chính thức;',
      'urbanisation;2023;44;chính thức;',
    ].join('\n');
    const vi = await importCsv(file);
    expect(vi.statusCode).toBe(400);
    const body = json(vi) as unknown as Problems;
    expect(body.code).toBe('IMPORT_INVALID');
    expect(body.message).toBe('Tệp có 6 lỗi; chưa nhập gì');
    expect(body.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Mã chỉ tiêu'],
      [3, 'Năm'],
      [3, 'Giá trị'],
      [3, 'Loại số liệu'],
      [3, 'Ngày công bố'],
      [5, 'Mã chỉ tiêu'],
    ]);
    expect(body.errors[0]!.reason).toBe('"khong-co" không phải chỉ tiêu của kịch bản này');
    expect(body.errors[5]!.reason).toBe('urbanisation năm 2023 đã có ở dòng 4');
    const en = json(await importCsv(file, '?lang=en')) as unknown as Problems;
    expect(en.errors[0]!.reason).toBe('"khong-co" is not an indicator here');
    expect(en.message).toBe('6 problems in the file; nothing was imported');
    const header = json(await importCsv('indicator,value\nexports,1\n', '?lang=en')) as unknown as Problems;
    expect(header.errors.map((e) => [e.column, e.reason])).toEqual([
      ['Năm / year', 'the column is missing'],
      ['Loại số liệu / vintage', 'the column is missing'],
    ]);
    expect(await dump(t.handle.db)).toBe(before);
  });

  it('reads an XLSX, multipart or raw, with number cells', async () => {
    const file = await workbook([
      ['indicator', 'year', 'value', 'vintage'],
      ['budget-revenue', 2023, 6700.5, 'official'],
    ]);
    const raw = await t.as(t.editor, {
      method: 'POST',
      url: `${base}/import?dryRun=1`,
      payload: file,
      headers: { 'content-type': XLSX_MIME },
    });
    expect(json(raw)).toMatchObject({ changes: [{ indicatorId: 'budget-revenue', after: 6700.5 }], dryRun: true });
    const multi = await t.as(t.editor, {
      method: 'POST',
      url: `${base}/import`,
      ...injectMultipart('ind.xlsx', file, XLSX_MIME),
    });
    expect(json(multi)).toMatchObject({ revisions: [{ indicatorId: 'budget-revenue', revision: 1 }] });
  });

  it('quarterly and cumulative figures: imported per period, shown with the "so far" figure; status from the year', async () => {
    const file = [
      'Mã chỉ tiêu;Năm;Kỳ;Giá trị;Loại số liệu',
      'social-investment;2024;Quý I;8.100;ước tính',
      'social-investment;2024;Lũy kế 6 tháng;17.500;ước tính',
      'social-investment;2024;Q2;9.400;ước tính',
      'social-investment;2024;Q2;9.500;ước tính',
      'social-investment;2024;Quý 9;1;ước tính',
    ].join('\n');
    const bad = json(await importCsv(file, '?locale=vi')) as unknown as Problems;
    expect(bad.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [5, 'Mã chỉ tiêu', 'social-investment Quý II 2024 đã có ở dòng 4'],
      [6, 'Kỳ', '"Quý 9" không phải kỳ báo cáo (Q1, Q2, Q3, Q4, 6 tháng, 9 tháng, cả năm)'],
    ]);
    const good = file.split('\n').slice(0, 4).join('\n');
    const done = json(await importCsv(good, '?locale=vi')) as unknown as Answer;
    expect(done.changes.map((c) => [c.period, c.after])).toEqual([
      ['Q1', 8100],
      ['H1', 17500],
      ['Q2', 9400],
    ]);
    const row = (
      json(await t.app.inject({ url: base })) as {
        indicators: {
          id: string;
          periods: { year: number; period: string; value: number; cumulative: boolean }[];
          soFar?: { period: string; value: number };
          status: { status: string };
        }[];
      }
    ).indicators.find((i) => i.id === 'social-investment')!;
    expect(row.periods.map((p) => [p.year, p.period, p.value, p.cumulative])).toEqual([
      [2024, 'Q1', 8100, true],
      [2024, 'Q2', 9400, false],
      [2024, 'H1', 17500, true],
    ]);
    expect(row.soFar).toMatchObject({ year: 2024, period: 'H1', value: 17500 });
    expect(row.status.status).toBe('no-data');

    // One period by hand: ?period=, with its own If-Match.
    const url = `${base}/social-investment/actuals/2024`;
    const put = (headers: Record<string, string>) =>
      t.as(t.editor, {
        method: 'PUT',
        url: `${url}?period=H1`,
        payload: { value: 17600, vintage: 'revised' },
        headers,
      });
    expect((await put({})).statusCode).toBe(428);
    const etag = (await t.app.inject({ url: `${url}?period=H1` })).headers.etag as string;
    expect((await t.app.inject({ url })).statusCode).toBe(404);
    const ok = await put({ 'if-match': etag });
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toMatchObject({ period: 'H1', revision: 2, previousValue: 17500 });
    expect(
      (json(await t.app.inject({ url: `${url}/history?period=H1` })) as { revisions: unknown[] }).revisions,
    ).toHaveLength(2);
  });

  it('needs an editor token', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: `${base}/import`,
      payload: 'indicator,year,value,vintage\nexports,2023,1,estimate\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(r.statusCode).toBe(401);
  });
}

describe('indicator import on SQLite', () => suite('sqlite'));

describePostgres('indicator import on PostgreSQL', () => {
  suite('postgres');
});
