/**
 * One chart of a scenario as a file: the @grdp/charts builder's data table (JSON or CSV) or its image (PNG or
 * SVG, rendered with render.ts). Runs in the compute pool: resolving the base may calibrate, and rendering a
 * large PNG takes a core for a while. Returns undefined for a chart name the scenario does not have.
 */
import { scenarioChart, tableCsv } from '@grdp/charts';
import { type Lang, resolveBase, type Scenario } from '@grdp/engine';
import { ApiError } from '../errors.ts';
import { type ChartFormat, renderChart } from './render.ts';

export interface ChartFileOptions {
  format: ChartFormat | 'csv' | 'json';
  width: number;
  height: number;
  scale: number;
  lang: Lang;
  theme: 'light' | 'dark';
  view?: 'quarterly' | 'cumulative';
  contrib?: 'actual' | 'mid';
}

export interface ChartFile {
  /** File name without extension: `<scenario>-<chart>-<view>`. */
  file: string;
  /** Text for CSV and JSON and SVG, bytes for PNG. */
  body: string | Uint8Array;
}

export async function scenarioChartFile(
  scenario: Scenario,
  name: string,
  o: ChartFileOptions,
): Promise<ChartFile | undefined> {
  const { base } = await resolveBase(scenario);
  const built = scenarioChart(scenario, base, name, {
    lang: o.lang,
    theme: o.theme,
    responsive: false,
    ...(o.view !== undefined && { view: o.view }),
    ...(o.contrib !== undefined && { contributions: o.contrib }),
  });
  if (!built) return undefined;
  const file = `${scenario.id}-${built.entry.name}-${built.view}`;
  if (o.format === 'json') return { file, body: JSON.stringify(built.table) };
  if (o.format === 'csv') return { file, body: tableCsv(built.table, o.lang) };
  try {
    const image = renderChart(built.config, {
      width: o.width,
      height: o.height,
      format: o.format,
      theme: o.theme,
      devicePixelRatio: o.scale,
    });
    return { file, body: o.format === 'svg' ? image.toString('utf8') : new Uint8Array(image) };
  } catch (e) {
    if (e instanceof RangeError) throw new ApiError('VALIDATION', e.message, 'querystring');
    throw e;
  }
}
