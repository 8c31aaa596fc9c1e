/**
 * Chart images for reports: `GET /api/scenarios/:id/charts/:chart` with `:chart` = `<name>.png` or `<name>.svg`,
 * names total-quarterly, total-cumulative, sector-<id>, contributions, fan; `width`, `height`, `lang`, `theme`,
 * `view` in the query. Bad query values → 400 `{code, message, path}`; unknown scenario or chart → 404.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { scenarioChart } from '../charts/data.ts';
import { MAX_SIZE, MIN_SIZE, renderChart } from '../charts/render.ts';
import { ApiError } from '../errors.ts';
import { errors, ScenarioIdParams, SLUG } from '../schemas/common.ts';
import { FileResponse, LangSchema } from '../schemas/files.ts';

const SIZE = Type.String({ pattern: '^[0-9]{1,6}$', description: `pixels, ${MIN_SIZE}..${MAX_SIZE}` });

const ChartParams = Type.Composite([
  ScenarioIdParams,
  Type.Object({
    chart: Type.String({
      maxLength: 120,
      description: 'total-quarterly | total-cumulative | sector-<id> | contributions | fan, then .png or .svg',
    }),
  }),
]);

const ChartQuery = Type.Object(
  {
    width: Type.Optional({ ...SIZE, description: `Width in pixels, ${MIN_SIZE}..${MAX_SIZE} (default 800)` }),
    height: Type.Optional({ ...SIZE, description: `Height in pixels, ${MIN_SIZE}..${MAX_SIZE} (default 450)` }),
    lang: Type.Optional(LangSchema),
    theme: Type.Optional(Type.Union([Type.Literal('light'), Type.Literal('dark')])),
    view: Type.Optional(
      Type.Union([Type.Literal('quarterly'), Type.Literal('cumulative')], {
        description: 'sector-<id>, contributions and fan: quarters (default) or cumulative periods',
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

export const chartRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/scenarios/:id/charts/:chart',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['charts'],
        summary: 'A chart of a stored scenario as a PNG or SVG image (bands, contributions, fan)',
        params: ChartParams,
        querystring: ChartQuery,
        response: { 200: FileResponse, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { id, chart } = request.params;
      const m = /^(.+)\.(png|svg)$/.exec(chart);
      const name = m?.[1];
      if (!m || !name || !new RegExp(SLUG).test(name.replace(/_/g, '-')))
        throw new ApiError('NOT_FOUND', `no chart ${chart}: use <name>.png or <name>.svg`);
      const format = m[2] as 'png' | 'svg';
      const { query } = request;
      const width = size(query.width, 800, 'width');
      const height = size(query.height, 450, 'height');
      const scenario = await app.repos.scenarios.effectiveScenario(id);
      if (!scenario) throw new ApiError('NOT_FOUND', `no scenario ${id}`);
      const config = await scenarioChart(scenario, name, {
        lang: query.lang ?? 'vi',
        theme: query.theme ?? 'light',
        view: query.view,
      });
      if (!config) throw new ApiError('NOT_FOUND', `no chart ${name} for ${id}`);
      let image: Buffer;
      try {
        image = renderChart(config, { width, height, format, theme: query.theme ?? 'light' });
      } catch (e) {
        if (e instanceof RangeError) throw new ApiError('VALIDATION', e.message, 'querystring');
        throw e;
      }
      return (reply as FastifyReply)
        .type(format === 'png' ? 'image/png' : 'image/svg+xml')
        .header('cache-control', 'no-cache')
        .send(image);
    },
  );
};
