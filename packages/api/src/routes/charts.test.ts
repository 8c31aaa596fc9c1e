import { scenarioChart, THEMES } from '@grdp/charts';
import { resolveBase } from '@grdp/engine';
import type { Chart } from 'chart.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../../test-support/helpers.ts';
import { expectColour, hex, over, pixels, pngSize } from '../../test-support/images.ts';
import { drawChart } from '../charts/render.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => t.close());

const url = (chart: string, query = '') => `/api/scenarios/an-giang-2023/charts/${chart}${query}`;

/** The same chart drawn here at the same size, for its scales (where a value lands in pixels). */
async function layout(name: string, width: number, height: number, theme: 'light' | 'dark' = 'light') {
  const scenario = (await t.repos.scenarios.effectiveScenario('an-giang-2023'))!;
  const { base } = await resolveBase(scenario);
  const { config } = scenarioChart(scenario, base, name, { lang: 'vi', theme, responsive: false })!;
  const drawn = drawChart(config, { width, height, format: 'png', theme });
  const chart = drawn.chart as Chart;
  const x = chart.scales.x!;
  const y = chart.scales.y!;
  const data = chart.data.datasets.map((d) => d.data as (number | null)[]);
  const px = { x: (i: number) => x.getPixelForValue(i), y: (v: number) => y.getPixelForValue(v) };
  drawn.finish();
  return { px, data };
}

describe('chart images', () => {
  it('total-quarterly PNG: the asked size, the band fill inside the Q3 band, the Q1 estimate point', async () => {
    const r = await t.app.inject({ url: url('total-quarterly.png', '?width=640&height=400&scale=1') });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/png');
    expect(pngSize(r.rawPayload)).toEqual({ width: 640, height: 400 });
    const { px } = await layout('total-quarterly', 640, 400);
    const at = pixels(r.rawPayload);
    // Q3 band 7,02–7,45 (no actual there): band colour a few pixels right of the grid line.
    expectColour(at(px.x(2) + 5, px.y(7.3)), over(THEMES.light.bandFill, THEMES.light.background));
    expectColour(at(px.x(2) + 5, px.y(8.2)), hex(THEMES.light.background));
    // Q1 estimate 6,30 (from the engine's actual table) in the estimate colour.
    expectColour(at(px.x(0), px.y(6.3)), hex(THEMES.light.vintage.estimate));
  });

  it('dark theme: dark background and the dark band fill', async () => {
    const r = await t.app.inject({ url: url('total-cumulative.png', '?theme=dark&width=600&height=360&scale=1') });
    expect(r.statusCode).toBe(200);
    const { px } = await layout('total-cumulative', 600, 360, 'dark');
    const at = pixels(r.rawPayload);
    expectColour(at(1, 1), hex(THEMES.dark.background));
    // 9M band 6,97–7,42 (index 2 of Q1, H1, 9M, FY).
    expectColour(at(px.x(2) + 5, px.y(7.2)), over(THEMES.dark.bandFill, THEMES.dark.background));
  });

  it('fan PNG: quantile rings only for the quarters without actuals (Q3, Q4)', async () => {
    const r = await t.app.inject({ url: url('fan.png', '?width=640&height=400&scale=1') });
    expect(r.statusCode).toBe(200);
    const { px, data } = await layout('fan', 640, 400);
    const [, , p25, p50] = data as [unknown, unknown, (number | null)[], (number | null)[]];
    expect(p50.slice(0, 2)).toEqual([null, null]);
    expect(p50[2]).toBeGreaterThan(7);
    const at = pixels(r.rawPayload);
    const inner = (p25[3]! + p50[3]!) / 2;
    expectColour(at(px.x(3) - 6, px.y(inner)), over(THEMES.light.fanFills[2]!, THEMES.light.background), 6);
  });

  it('sector, contributions and SVG charts render; a sector has a cumulative view', async () => {
    for (const [chart, type] of [
      ['sector-agriculture.png?view=cumulative', 'image/png'],
      ['contributions.png?lang=en', 'image/png'],
      ['contributions.svg', 'image/svg+xml'],
    ] as const) {
      const r = await t.app.inject({ url: url(chart) });
      expect(r.statusCode, chart).toBe(200);
      expect(r.headers['content-type']).toBe(type);
    }
    const svg = await t.app.inject({ url: url('total-quarterly.svg') });
    expect(svg.body).toMatch(/^<\?xml|^<svg/);
    expect(svg.body).toContain('<path');
  });

  it('400 {code, message, path} for bad query values', async () => {
    for (const [query, path] of [
      ['?width=0', 'querystring.width'],
      ['?height=99999', 'querystring.height'],
      ['?width=abc', 'querystring.width'],
      ['?theme=pink', 'querystring.theme'],
      ['?lang=fr', 'querystring.lang'],
      ['?scale=5', 'querystring.scale'],
      ['?width=4000&scale=2', 'querystring.scale'],
    ]) {
      const r = await t.app.inject({ url: url('total-quarterly.png', query) });
      expect(r.statusCode, query).toBe(400);
      expect(r.json(), query).toMatchObject({ code: 'VALIDATION', message: expect.any(String), path });
    }
  });

  it('404 for an unknown chart, sector, format or scenario', async () => {
    for (const u of [
      url('pie.png'),
      url('sector-mining.png'),
      url('total-quarterly.gif'),
      '/api/scenarios/nowhere/charts/fan.png',
    ]) {
      const r = await t.app.inject({ url: u });
      expect(r.statusCode, u).toBe(404);
      expect(r.json().code).toBe('NOT_FOUND');
    }
  });

  it('PNG at report size by default (1600 × 900), or width × scale', async () => {
    const r = await t.app.inject({ url: url('total.png') });
    expect(pngSize(r.rawPayload)).toEqual({ width: 1600, height: 900 });
    const small = await t.app.inject({ url: url('total.png', '?width=500&height=300&scale=1.5') });
    expect(pngSize(small.rawPayload)).toEqual({ width: 750, height: 450 });
  });

  it('catalogue names and the old image names draw the same chart', async () => {
    for (const [name, alias] of [
      ['total.svg?view=cumulative', 'total-cumulative.svg'],
      ['total.svg', 'total-quarterly.svg'],
      ['agriculture.svg?view=cumulative', 'sector-agriculture.svg?view=cumulative'],
    ] as const) {
      const a = await t.app.inject({ url: url(name) });
      const b = await t.app.inject({ url: url(alias) });
      expect(a.statusCode, name).toBe(200);
      // SVG clip-path ids count up from one drawing to the next.
      const ids = (svg: string) => svg.replace(/cl_[0-9a-f]+/g, 'cl');
      expect(ids(a.body), name).toBe(ids(b.body));
    }
    expect((await t.app.inject({ url: url('fan.svg?view=cumulative') })).statusCode).toBe(200);
  });

  it('JSON: {title, columns, rows} of the band chart, the figures of the actual table', async () => {
    const r = await t.app.inject({ url: url('total.json', '?view=cumulative&lang=en') });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    const table = r.json();
    expect(table.title).toBe('GRDP total — cumulative');
    expect(table.columns.map((c: { key: string }) => c.key)).toEqual(['low', 'high', 'actual']);
    expect(table.rows.map((row: { period: string }) => row.period)).toEqual(['Q1', 'H1', '9M', 'FY']);
    expect(table.rows[3]).toMatchObject({
      period: 'FY',
      label: 'Full year',
      values: { low: 7, high: 7.5, actual: 7.36 },
    });
    expect(table.rows[3].vintage).toBe('estimate');
  });

  it('contributions: no period filled in without actuals; the FY total is the total chart FY figure, with a note', async () => {
    const table = (await t.app.inject({ url: url('contributions.json', '?view=quarterly') })).json();
    // Q3 and Q4 have no actual figures in the file (Q2 is derived from H1 and Q1).
    expect(table.rows[2].values).toMatchObject({ agriculture: null, total: null });
    expect(table.rows[3].values.total).toBeNull();
    const cumulative = (await t.app.inject({ url: url('contributions.json', '?view=cumulative') })).json();
    const total = (await t.app.inject({ url: url('total.json', '?view=cumulative') })).json();
    expect(cumulative.rows[3].values.total).toBe(total.rows[3].values.actual);
    expect(cumulative.columns.map((c: { key: string }) => c.key)).toEqual([
      'agriculture',
      'industry_construction',
      'services',
      'product_taxes',
      'total',
    ]);
    const sum = ['agriculture', 'industry_construction', 'services', 'product_taxes']
      .map((k) => cumulative.rows[3].values[k] as number)
      .reduce((a, b) => a + b, 0);
    // The sector figures add up to 7,37 against the published 7,36 (and Q1, H1 differ too): the table says so.
    expect(sum.toFixed(2)).toBe('7.37');
    expect(cumulative.notes).toHaveLength(3);
    expect(cumulative.notes[2]).toMatch(/^Cả năm: .*7,37%.*7,36%/);
  });

  it('CSV follows lang: vi with ; and decimal commas and a BOM, en with , and .', async () => {
    const vi = await t.app.inject({ url: url('total.csv', '?view=cumulative') });
    expect(vi.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(vi.headers['content-disposition']).toBe('attachment; filename="an-giang-2023-total-cumulative.csv"');
    expect(vi.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = vi.rawPayload.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Kỳ;Thấp (%);Cao (%);Thực hiện (%);Loại số liệu');
    expect(lines[1]).toBe('Quý I;6,15;6,54;6,30;Ước tính');
    expect(lines[4]).toBe('Cả năm;7,00;7,50;7,36;Ước tính');
    const en = await t.app.inject({ url: url('total.csv', '?view=cumulative&lang=en') });
    const enLines = en.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(enLines[0]).toBe('Period,Low (%),High (%),Actual (%),Vintage');
    expect(enLines[4]).toBe('Full year,7.00,7.50,7.36,Estimate');
  });
});
