import { existsSync } from 'node:fs';
import { type BandChartInput, bandChart, contributionsChart, fanChart, THEMES } from '@grdp/charts';
import { describe, expect, it } from 'vitest';
import { expectColour, hex, over, pixels, pngSize } from '../../test-support/images.ts';
import { drawChart, FONT_PATHS, isFontRegistered, renderChart } from './render.ts';

const input: BandChartInput = {
  key: 'total',
  bands: [
    { period: 'Q1', low: 6, high: 6.5 },
    { period: 'Q2', low: 6.5, high: 7 },
    { period: 'Q3', low: 7, high: 7.6 },
    { period: 'Q4', low: 7.2, high: 8 },
  ],
  actuals: [
    { period: 'Q1', value: 6.2, vintage: 'estimate' },
    { period: 'Q2', value: 7.36, vintage: 'official' },
  ],
};

describe('renderChart', () => {
  it('draws a PNG of the asked size; the band fill and an actual point are where the data says', () => {
    const drawn = drawChart(bandChart(input, { lang: 'en' }), { width: 640, height: 400, format: 'png' });
    const { chart } = drawn;
    const x = chart.scales.x!;
    const y = chart.scales.y!;
    // Band at Q3 (no actual there): between 7 and 7.6, a few pixels off the vertical grid line.
    const bandX = x.getPixelForValue(2) + 5;
    const bandY = y.getPixelForValue(7.3);
    const officialX = x.getPixelForValue(1);
    const officialY = y.getPixelForValue(7.36);
    // Outside the band: Q3 at 8.2 growth (above the high edge, inside the chart area).
    const outsideY = y.getPixelForValue(8.1);
    const png = drawn.finish();
    expect(pngSize(png)).toEqual({ width: 640, height: 400 });
    const at = pixels(png);
    expectColour(at(bandX, bandY), over(THEMES.light.bandFill, THEMES.light.background));
    expectColour(at(officialX, officialY), hex(THEMES.light.vintage.official));
    expectColour(at(bandX, outsideY), hex(THEMES.light.background));
    expect(at(1, 1)).toEqual([255, 255, 255, 255]);
  });

  it('scales by devicePixelRatio and paints the dark background', () => {
    const drawn = drawChart(bandChart(input, { lang: 'vi', theme: 'dark' }), {
      width: 300,
      height: 200,
      format: 'png',
      theme: 'dark',
      devicePixelRatio: 2,
    });
    const estimate = [drawn.chart.scales.x!.getPixelForValue(0), drawn.chart.scales.y!.getPixelForValue(6.2)] as const;
    const png = drawn.finish();
    expect(pngSize(png)).toEqual({ width: 600, height: 400 });
    const at = pixels(png);
    expectColour(at(1, 1), hex(THEMES.dark.background), 0);
    expectColour(at(estimate[0] * 2, estimate[1] * 2), hex(THEMES.dark.vintage.estimate));
  });

  it('stacked contribution bars are drawn at their values', () => {
    const config = contributionsChart(
      {
        sectors: [{ key: 'agriculture' }, { key: 'services' }],
        rows: [
          { period: 'Q1', contributions: { agriculture: 2, services: 3 }, total: 5 },
          { period: 'Q2', contributions: { agriculture: 1, services: 4 }, total: 5 },
        ],
      },
      { lang: 'en' },
    );
    const drawn = drawChart(config, { width: 500, height: 300, format: 'png' });
    const x = drawn.chart.scales.x!.getPixelForValue(1);
    const y = drawn.chart.scales.y!;
    const agriY = y.getPixelForValue(0.5);
    const servicesY = y.getPixelForValue(3);
    const at = pixels(drawn.finish());
    expectColour(at(x + 10, agriY), hex(THEMES.light.sectors[0]!));
    expectColour(at(x + 10, servicesY), hex('#E69F00'));
  });

  it('renders an SVG with paths (text converted to paths), a vi fan chart with diacritics', () => {
    const quantiles = (['Q1', 'Q2', 'Q3', 'Q4'] as const).map((period) => ({
      period,
      p5: 5,
      p10: 5.5,
      p25: 6,
      p50: 6.5,
      p75: 7,
      p90: 7.5,
      p95: 8,
    }));
    const svg = renderChart(fanChart({ key: 'total', quantiles, bands: input.bands }, { lang: 'vi' }), {
      width: 600,
      height: 360,
      format: 'svg',
    }).toString('utf8');
    expect(svg).toContain('<svg');
    expect(svg).toMatch(/width="600"/);
    expect((svg.match(/<path/g) ?? []).length).toBeGreaterThan(20);
    // Text became outlines: no raw label text left in the file.
    expect(svg).not.toContain('Trung vị');
  });

  it('renders vi labels with the registered DejaVu font', () => {
    const png = renderChart(bandChart({ ...input, title: 'Tăng trưởng GRDP — Quý I–IV, ước tính' }, { lang: 'vi' }), {
      width: 400,
      height: 300,
      format: 'png',
    });
    expect(pngSize(png)).toEqual({ width: 400, height: 300 });
    expect(isFontRegistered()).toBe(FONT_PATHS.some((p) => existsSync(p)));
  });

  it.each([
    ['width 0', { width: 0, height: 300 }, /width must be an integer from 50 to 4000 pixels, got 0/],
    ['width 10000', { width: 10000, height: 300 }, /width .* got 10000/],
    ['height NaN', { width: 300, height: Number.NaN }, /height .* got NaN/],
    ['fractional width', { width: 300.5, height: 300 }, /width/],
    ['pixel ratio 0', { width: 300, height: 300, devicePixelRatio: 0 }, /devicePixelRatio/],
    ['pixel ratio 10', { width: 300, height: 300, devicePixelRatio: 10 }, /devicePixelRatio/],
  ])('rejects %s with a RangeError', (_name, size, message) => {
    const config = bandChart(input);
    expect(() => renderChart(config, { format: 'png', ...size })).toThrow(RangeError);
    expect(() => renderChart(config, { format: 'png', ...size })).toThrow(message);
  });

  it('is deterministic: the same config renders to the same bytes twice', () => {
    const config = contributionsChart(
      { sectors: [{ key: 'services' }], rows: [{ period: 'Q1', contributions: { services: 3 }, total: 3 }] },
      { lang: 'vi' },
    );
    const a = renderChart(config, { width: 320, height: 240, format: 'png' });
    const b = renderChart(config, { width: 320, height: 240, format: 'png' });
    expect(a.equals(b)).toBe(true);
  });

  it('rejects an unknown format', () => {
    expect(() => renderChart(bandChart(input), { width: 300, height: 300, format: 'gif' as never })).toThrow(
      RangeError,
    );
  });
});
