import { THEMES } from '@grdp/web';
import type { Chart } from 'chart.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioChart } from '../charts/data.ts';
import { drawChart } from '../charts/render.ts';
import { makeApp, type TestApp } from '../testing/helpers.ts';
import { expectColour, hex, over, pixels, pngSize } from '../testing/images.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => t.close());

const url = (chart: string, query = '') => `/api/scenarios/an-giang-2023/charts/${chart}${query}`;

/** The same chart drawn here at the same size, for its scales (where a value lands in pixels). */
async function layout(name: string, width: number, height: number, theme: 'light' | 'dark' = 'light') {
  const scenario = (await t.repos.scenarios.effectiveScenario('an-giang-2023'))!;
  const config = (await scenarioChart(scenario, name, { lang: 'vi', theme }))!;
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
    const r = await t.app.inject({ url: url('total-quarterly.png', '?width=640&height=400') });
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
    const r = await t.app.inject({ url: url('total-cumulative.png', '?theme=dark&width=600&height=360') });
    expect(r.statusCode).toBe(200);
    const { px } = await layout('total-cumulative', 600, 360, 'dark');
    const at = pixels(r.rawPayload);
    expectColour(at(1, 1), hex(THEMES.dark.background));
    // 9M band 6,97–7,42 (index 2 of Q1, H1, 9M, FY).
    expectColour(at(px.x(2) + 5, px.y(7.2)), over(THEMES.dark.bandFill, THEMES.dark.background));
  });

  it('fan PNG: quantile rings only for the quarters without actuals (Q3, Q4)', async () => {
    const r = await t.app.inject({ url: url('fan.png', '?width=640&height=400') });
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
});
