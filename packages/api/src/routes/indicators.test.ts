import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, makeApp, type TestApp } from '../../test-support/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => t.close());

const url = '/api/scenarios/an-giang-2023/indicators';
type Row = { id: string; status: { status: string; compared?: number }; figures: { origin: string }[] };
const rows = async () => (json(await t.app.inject({ url })) as { indicators: Row[] }).indicators;

describe('GET /api/scenarios/:id/indicators', () => {
  it('answers every indicator with its target, department, figures and status', async () => {
    const r = await t.app.inject({ url });
    expect(r.statusCode).toBe(200);
    const body = json(r) as { aboutTolerancePercent: number; departments: unknown[]; indicators: Row[] };
    expect(body.aboutTolerancePercent).toBe(5);
    expect(body.departments).toHaveLength(13);
    expect(body.indicators).toHaveLength(26);
    const growth = body.indicators.find((i) => i.id === 'grdp-growth')!;
    expect(growth).toMatchObject({
      target: { kind: 'band', low: 7, high: 7.5 },
      status: { status: 'met', compared: 7.36 },
      figures: [{ year: 2023, value: 7.36, origin: 'grdp' }],
    });
    expect(body.indicators.find((i) => i.id === 'exports')).toMatchObject({
      department: 'so-cong-thuong',
      status: { status: 'no-data', reason: 'no-actual' },
    });
  });

  it('404 for an unknown scenario', async () => {
    expect((await t.app.inject({ url: '/api/scenarios/nope/indicators' })).statusCode).toBe(404);
  });
});

describe('indicator actuals', () => {
  const put = (path: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.as(t.editor, { method: 'PUT', url: `${url}/${path}`, payload: payload as object, headers });

  it('an entered figure changes the status; a revision needs If-Match', async () => {
    const r = await put('exports/actuals/2023', { value: 1150, vintage: 'estimate', source: 'Báo cáo năm' });
    expect(r.statusCode).toBe(201);
    expect((await rows()).find((i) => i.id === 'exports')?.status).toMatchObject({ status: 'not-met', compared: 1150 });
    expect((await put('exports/actuals/2023', { value: 1171, vintage: 'revised' })).statusCode).toBe(428);
    const ok = await put(
      'exports/actuals/2023',
      { value: 1171, vintage: 'revised' },
      { 'if-match': r.headers.etag as string },
    );
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toMatchObject({ revision: 2, previousValue: 1150 });
    expect((await rows()).find((i) => i.id === 'exports')?.status.status).toBe('exceeded');
    const history = json(await t.app.inject({ url: `${url}/exports/actuals/2023/history` })) as {
      revisions: { value: number }[];
    };
    expect(history.revisions.map((x) => x.value)).toEqual([1150, 1171]);
  });

  it('refuses a rank that is not a place, an unknown indicator, and a reader', async () => {
    const bad = await put('exports/actuals/2023', { value: 'many', vintage: 'estimate' });
    expect(bad.statusCode).toBe(400);
    expect((await put('no-such/actuals/2023', { value: 1, vintage: 'estimate' })).statusCode).toBe(404);
    const reader = await t.app.inject({
      method: 'PUT',
      url: `${url}/urbanisation/actuals/2023`,
      payload: { value: 1, vintage: 'estimate' },
    });
    expect(reader.statusCode).toBe(401);
  });
});

describe('export of the indicators table', () => {
  it('CSV in Vietnamese: status in words, department, target with its qualifier', async () => {
    const r = await t.app.inject({ url: `${url}.csv?lang=vi` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    const lines = r.body.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Số;Mã;Chỉ tiêu;Nhóm;Cơ quan chủ trì;Cơ quan phối hợp;Mục tiêu;Kỳ;Năm thực hiện;Thực hiện;Tình trạng;Cần thêm;Kỳ đến nay;Đến nay;Số in;Nguồn',
    );
    expect(lines.find((l) => l.startsWith('(1);grdp-growth;'))).toContain(';2023;7,36;Đạt;');
    expect(lines.find((l) => l.startsWith('(5);budget-revenue;'))).toContain(
      ';Sở Tài chính;;đạt 6.638 tỷ đồng;2023;;;Chưa có số liệu;',
    );
  });

  it('carries the "so far" figure of a year without a year figure', async () => {
    const r = await t.as(t.editor, {
      method: 'PUT',
      url: `${url}/budget-revenue/actuals/2024?period=9M`,
      payload: { value: 5012.5, vintage: 'estimate' },
    });
    expect(r.statusCode).toBe(201);
    const lines = (await t.app.inject({ url: `${url}.csv?lang=vi` })).body.split('\r\n');
    expect(lines.find((l) => l.startsWith('(5);budget-revenue;'))).toContain(
      ';Chưa có số liệu;;Lũy kế 9 tháng 2024;5012,5;',
    );
  });

  it('XLSX, one department (the per-department report), in English', async () => {
    const r = await t.app.inject({ url: `${url}.xlsx?lang=en&department=so-van-hoa-the-thao-du-lich` });
    expect(r.statusCode).toBe(200);
    const { readXlsx } = await import('../files/xlsx.ts');
    const sheet = await readXlsx(r.rawPayload, 100);
    expect(sheet.rows.map((row) => row[1])).toEqual(['id', 'tourist-arrivals', 'tourism-revenue']);
    expect(sheet.rows[1]?.[6]).toBe('≈ 8 (±5%) million visits');
    expect((await t.app.inject({ url: `${url}.csv?department=nope` })).statusCode).toBe(404);
  });
});
