import { existsSync } from 'node:fs';
import { getTheme, registerCharts, type ThemeName } from '@grdp/charts';
import { Canvas, createCanvas, GlobalFonts, SvgExportFlag } from '@napi-rs/canvas';
import { Chart, type ChartConfiguration, type ChartType, type DefaultDataPoint, type Plugin } from 'chart.js';

export type ChartFormat = 'png' | 'svg';

export interface RenderOptions {
  /** CSS pixels, integer in [MIN_SIZE, MAX_SIZE]. */
  width: number;
  height: number;
  format: ChartFormat;
  /** Background colour; default light (white). */
  theme?: ThemeName;
  /** PNG only (SVG is resolution-free): the image is width·dpr × height·dpr pixels. Default 1, at most 4. */
  devicePixelRatio?: number;
}

export const MIN_SIZE = 50;
export const MAX_SIZE = 4000;
export const MAX_PIXEL_RATIO = 4;

/** Font files tried in order; the first found is registered as "DejaVu Sans" (Vietnamese glyphs). */
export const FONT_PATHS = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
];
const BOLD_FONT_PATHS = FONT_PATHS.map((p) => p.replace('DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'));

let setUp = false;
let fontRegistered = false;

/** Whether a DejaVu Sans file was registered (false: the canvas falls back to its system fonts). */
export function isFontRegistered(): boolean {
  setUpOnce();
  return fontRegistered;
}

function setUpOnce(): void {
  if (setUp) return;
  setUp = true;
  registerCharts(Chart);
  for (const paths of [FONT_PATHS, BOLD_FONT_PATHS]) {
    const path = paths.find((p) => existsSync(p));
    if (!path) continue;
    try {
      if (GlobalFonts.registerFromPath(path, 'DejaVu Sans') && paths === FONT_PATHS) fontRegistered = true;
    } catch {
      // A broken font file: keep the system fonts.
    }
  }
}

function checkSize(name: string, value: number): void {
  if (!Number.isInteger(value) || value < MIN_SIZE || value > MAX_SIZE)
    throw new RangeError(`${name} must be an integer from ${MIN_SIZE} to ${MAX_SIZE} pixels, got ${String(value)}`);
}

/** Validates the size options; throws a RangeError with a message fit for a 400 response. */
export function checkRenderOptions(opts: RenderOptions): void {
  checkSize('width', opts.width);
  checkSize('height', opts.height);
  if (opts.format !== 'png' && opts.format !== 'svg')
    throw new RangeError(`format must be "png" or "svg", got ${String(opts.format)}`);
  const dpr = opts.devicePixelRatio;
  if (dpr !== undefined && !(Number.isFinite(dpr) && dpr > 0 && dpr <= MAX_PIXEL_RATIO))
    throw new RangeError(`devicePixelRatio must be a number in (0, ${MAX_PIXEL_RATIO}], got ${String(dpr)}`);
}

function backgroundPlugin<TType extends ChartType>(colour: string): Plugin<TType> {
  return {
    id: 'grdpBackground',
    beforeDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = colour;
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    },
  };
}

export interface DrawnChart<TType extends ChartType = ChartType> {
  chart: Chart<TType>;
  canvas: Canvas;
  /** Encodes the drawing (PNG bytes or SVG text) and destroys the chart. */
  finish(): Buffer;
}

/**
 * Draws `config` with Chart.js on a @napi-rs/canvas, synchronously (no animation, not responsive), and returns
 * the live chart (its scales give the pixel of any value) and canvas. Call `finish()` to encode and clean up.
 */
export function drawChart<TType extends ChartType, TData = DefaultDataPoint<TType>, TLabel = unknown>(
  config: ChartConfiguration<TType, TData, TLabel>,
  opts: RenderOptions,
): DrawnChart<TType> {
  checkRenderOptions(opts);
  setUpOnce();
  const svg = opts.format === 'svg';
  const dpr = svg ? 1 : (opts.devicePixelRatio ?? 1);
  const canvas = svg
    ? new Canvas(opts.width, opts.height, SvgExportFlag.ConvertTextToPaths)
    : createCanvas(opts.width, opts.height);
  const theme = getTheme(opts.theme ?? 'light');
  const options = {
    ...config.options,
    animation: false,
    responsive: false,
    devicePixelRatio: dpr,
    events: [],
  } as ChartConfiguration<TType, TData, TLabel>['options'];
  const chart = new Chart<TType, TData, TLabel>(canvas.getContext('2d') as unknown as CanvasRenderingContext2D, {
    ...config,
    options,
    plugins: [...(config.plugins ?? []), backgroundPlugin<TType>(theme.background)],
  });
  let done = false;
  return {
    chart: chart as unknown as Chart<TType>,
    canvas,
    finish() {
      if (done) throw new Error('finish() called twice');
      done = true;
      try {
        if (svg) return (canvas as Canvas & { getContent(): Buffer }).getContent();
        return canvas.toBuffer('image/png');
      } finally {
        chart.destroy();
      }
    },
  };
}

/** A chart as PNG bytes or SVG text. Throws a RangeError for a bad size, pixel ratio or format. */
export function renderChart<TType extends ChartType, TData = DefaultDataPoint<TType>, TLabel = unknown>(
  config: ChartConfiguration<TType, TData, TLabel>,
  opts: RenderOptions,
): Buffer {
  return drawChart(config, opts).finish();
}
