/**
 * A chart of a stored scenario: `GET /api/scenarios/:id/charts/:chart` with `:chart` = `<name>.png`, `.svg`,
 * `.csv` or `.json`. Names from the chart catalogue of @grdp/charts (`total`, a sector id, `contributions`, `fan`;
 * the old `total-quarterly`, `total-cumulative`, `sector-<id>` are aliases); `view`, `lang`, `theme`, `width`,
 * `height`, `scale` and `contrib` in the query. Images and data come from the same @grdp/charts builder as the
 * web's chart boxes and the embed. Bad query values → 400 `{code, message, path}`; unknown scenario or chart → 404.
 */

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { MAX_PIXEL_RATIO, MAX_SIZE, MIN_SIZE } from '../charts/render.ts';
import { ApiError } from '../errors.ts';
import { errors, ScenarioIdParams } from '../schemas/common.ts';
import { FileResponse, LangSchema } from '../schemas/files.ts';

/** The default image: 800 × 450 CSS pixels, PNG at twice that (1600 × 900 pixels), fit for a printed report. */
export const DEFAULT_WIDTH = 800;
export const DEFAULT_HEIGHT = 450;
export const DEFAULT_SCALE = 2;
/** The largest PNG side in pixels (width or height times scale). */
export const MAX_PIXELS = 6000;
/** The largest image area in pixels (PNG: width × height × scale²; SVG: width × height): 8 megapixels. */
export const MAX_AREA = 8_000_000;

const SIZE = Type.String({ pattern: '^[0-9]{1,6}$', description: `pixels, ${MIN_SIZE}..${MAX_SIZE}` });

const ChartParams = Type.Composite([
  ScenarioIdParams,
  Type.Object({
    chart: Type.String({
      maxLength: 120,
      description:
        'total | <sector id> | contributions | fan (aliases: total-quarterly, total-cumulative, sector-<id>), then .png, .svg, .csv or .json',
    }),
  }),
]);

const ChartQuery = Type.Object(
  {
    width: Type.Optional({ ...SIZE, description: `Width in CSS pixels, ${MIN_SIZE}..${MAX_SIZE} (default 800)` }),
    height: Type.Optional({ ...SIZE, description: `Height in CSS pixels, ${MIN_SIZE}..${MAX_SIZE} (default 450)` }),
    scale: Type.Optional(
      Type.String({
        pattern: '^[0-9](\\.[0-9]{1,2})?$',
        description: `PNG pixels per CSS pixel, 1..${MAX_PIXEL_RATIO} (default 2: 1600 × 900); at most ${MAX_PIXELS} pixels a side`,
      }),
    ),
    lang: Type.Optional(LangSchema),
    theme: Type.Optional(Type.Union([Type.Literal('light'), Type.Literal('dark')])),
    view: Type.Optional(
      Type.Union([Type.Literal('quarterly'), Type.Literal('cumulative')], {
        description: 'Quarters (default) or cumulative periods (Q1, H1, 9M, FY); total-quarterly/-cumulative fix it',
      }),
    ),
    contrib: Type.Optional(
      Type.Union([Type.Literal('actual'), Type.Literal('mid')], {
        description: 'contributions: from the actuals (default) or along the scenario mid path',
      }),
    ),
  },
  { additionalProperties: false },
);

function size(raw: string | undefined, fallback: number, name: 'width' | 'height'): number {
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < MIN_SIZE || value > MAX_SIZE)
    throw new ApiError(
      'VALIDATION',
      `${name} must be an integer from ${MIN_SIZE} to ${MAX_SIZE} pixels, got ${raw}`,
      `querystring.${name}`,
    );
  return value;
}

function scaleOf(raw: string | undefined, width: number, height: number): number {
  const value = raw === undefined ? DEFAULT_SCALE : Number(raw);
  if (!(value >= 1 && value <= MAX_PIXEL_RATIO))
    throw new ApiError('VALIDATION', `scale must be from 1 to ${MAX_PIXEL_RATIO}, got ${raw}`, 'querystring.scale');
  if (Math.max(width, height) * value > MAX_PIXELS || width * height * value * value > MAX_AREA)
    throw new ApiError(
      'VALIDATION',
      `the image would be ${Math.round(width * value)} × ${Math.round(height * value)} pixels; at most ${MAX_PIXELS} a side and ${MAX_AREA / 1e6} megapixels`,
      'querystring.scale',
    );
  return value;
}

const FORMATS = {
  png: 'image/png',
  svg: 'image/svg+xml',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;
type Format = keyof typeof FORMATS;

export const chartRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/scenarios/:id/charts/:chart',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['charts'],
        summary:
          'A chart of a stored scenario (bands, contributions, fan): PNG or SVG image, or its data table as CSV or JSON',
        description:
          'JSON: `{title, columns: [{key, label}], rows: [{period, label, values: {<column key>: number | null}}], notes?}`; ' +
          'band charts have the columns low, high, actual; contributions one per sector id and total; the fan p5…p95. ' +
          'CSV follows `lang`: vi with `;`, decimal comma and a UTF-8 BOM; en with `,` and `.`; 2 decimals.',
        params: ChartParams,
        querystring: ChartQuery,
        response: { 200: FileResponse, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { id, chart } = request.params;
      const m = /^(.+)\.(png|svg|csv|json)$/.exec(chart);
      if (!m) throw new ApiError('NOT_FOUND', `no chart ${chart}: use <name>.png, .svg, .csv or .json`);
      const name = m[1]!;
      const format = m[2] as Format;
      const { query } = request;
      const width = size(query.width, DEFAULT_WIDTH, 'width');
      const height = size(query.height, DEFAULT_HEIGHT, 'height');
      const scale = format === 'png' ? scaleOf(query.scale, width, height) : 1;
      const lang = query.lang ?? 'vi';
      const theme = query.theme ?? 'light';
      if (format === 'svg' && width * height > MAX_AREA)
        throw new ApiError(
          'VALIDATION',
          `the image would be ${width} × ${height} pixels; at most ${MAX_AREA / 1e6} megapixels`,
          'querystring',
        );
      const scenario = await app.repos.scenarios.requireEffective(id);
      const built = await app.compute.run('chart', scenario, name, {
        format,
        width,
        height,
        scale,
        lang,
        theme,
        ...(query.view !== undefined && { view: query.view }),
        ...(query.contrib !== undefined && { contrib: query.contrib }),
      });
      if (!built) throw new ApiError('NOT_FOUND', `no chart ${name} for ${id}`);
      const send = (body: string | Buffer) =>
        (reply as FastifyReply).type(FORMATS[format]).header('cache-control', 'no-cache').send(body);
      if (format === 'csv') reply.header('content-disposition', `attachment; filename="${built.file}.csv"`);
      const body = built.body;
      return send(typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    },
  );
};
