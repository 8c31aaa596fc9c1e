/**
 * The plan's main indicators of a stored scenario: targets, figures, latest actual and status; and the entered
 * actuals per indicator and year, with the same revision and If-Match rules as GRDP actuals.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { enteredByIndicator, indicatorsOf } from '../compute/indicators.ts';
import { ApiError, parseIfMatch } from '../errors.ts';
import { indicatorsCsv, indicatorsXlsx } from '../files/indicators-export.ts';
import { XLSX_MIME } from '../files/xlsx.ts';
import { authorOf } from '../plugins/auth.ts';
import { IfMatchHeaders } from '../schemas/actuals.ts';
import { errors, ScenarioIdParams, SECURITY } from '../schemas/common.ts';
import { FileResponse } from '../schemas/files.ts';
import {
  IndicatorActualHistorySchema,
  IndicatorActualParams,
  IndicatorActualRevisionSchema,
  IndicatorPeriodQuery,
  IndicatorsResponseSchema,
  PutIndicatorActualBody,
} from '../schemas/indicators.ts';

function attachment(reply: FastifyReply, type: string, filename: string, body: Buffer) {
  return reply.type(type).header('content-disposition', `attachment; filename="${filename}"`).send(body);
}

export const indicatorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const mustExist = async (id: string) => {
    if (!(await app.repos.scenarios.get(id))) throw new ApiError('NOT_FOUND', `no scenario ${id}`);
  };

  const answerFor = async (id: string) => {
    const scenario = await app.repos.scenarios.effectiveScenario(id);
    if (!scenario) throw new ApiError('NOT_FOUND', `no scenario ${id}`);
    const entered = enteredByIndicator(await app.repos.indicators.current(id));
    return indicatorsOf({ ...scenario, grdp: { year: scenario.year, actuals: scenario.actuals } }, entered);
  };

  const ExportQuery = Type.Object(
    {
      lang: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])),
      department: Type.Optional(Type.String({ maxLength: 100, description: 'only this department’s indicators' })),
    },
    { additionalProperties: false },
  );
  for (const format of ['csv', 'xlsx'] as const)
    app.get(
      `/api/scenarios/:id/indicators.${format}`,
      {
        onRequest: app.authorize('read'),
        schema: {
          tags: ['indicators'],
          summary: `The indicators table as ${format.toUpperCase()} (?lang=vi|en, ?department=ID)`,
          params: ScenarioIdParams,
          querystring: ExportQuery,
          response: { 200: FileResponse, ...errors(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const { lang = 'vi', department } = request.query;
        const answer = await answerFor(id);
        if (department !== undefined && !answer.departments.some((d) => d.id === department))
          throw new ApiError('NOT_FOUND', `no department ${department} in ${id}`, 'department');
        const rows =
          department === undefined
            ? answer
            : {
                ...answer,
                indicators: answer.indicators.filter(
                  (i) => i.department === department || i.cooperating.includes(department),
                ),
              };
        const name = `${id}-indicators${department ? `-${department}` : ''}-${lang}.${format}`;
        const body =
          format === 'csv' ? Buffer.from(indicatorsCsv(rows, lang), 'utf8') : await indicatorsXlsx(rows, lang);
        return attachment(reply, format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME, name, body);
      },
    );

  app.get(
    '/api/scenarios/:id/indicators',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['indicators'],
        summary: 'The main indicators: targets and qualifiers, departments, figures by year, latest actual and status',
        params: ScenarioIdParams,
        response: { 200: IndicatorsResponseSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => answerFor(request.params.id),
  );

  app.get(
    '/api/scenarios/:id/indicators/:indicator/actuals/:year',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['indicators'],
        summary: 'The current revision of an indicator’s figure for a year (or ?period=Q1…9M), with its ETag',
        params: IndicatorActualParams,
        querystring: IndicatorPeriodQuery,
        response: { 200: IndicatorActualRevisionSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { id, indicator, year } = request.params;
      await mustExist(id);
      const { period = 'FY' } = request.query;
      const current = await app.repos.indicators.get(id, indicator, Number(year), period);
      if (!current) throw new ApiError('NOT_FOUND', `no figure entered for ${indicator} ${year} ${period}`);
      reply.header('etag', current.etag);
      return current;
    },
  );

  app.get(
    '/api/scenarios/:id/indicators/:indicator/actuals/:year/history',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['indicators'],
        summary: 'Every revision of an indicator’s figure for a year (or ?period=Q1…9M), oldest first',
        params: IndicatorActualParams,
        querystring: IndicatorPeriodQuery,
        response: { 200: IndicatorActualHistorySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id, indicator, year } = request.params;
      await mustExist(id);
      const { period = 'FY' } = request.query;
      return { revisions: await app.repos.indicators.history(id, indicator, Number(year), period) };
    },
  );

  app.put(
    '/api/scenarios/:id/indicators/:indicator/actuals/:year',
    {
      onRequest: app.authorize('editor'),
      schema: {
        tags: ['indicators'],
        summary:
          'Enter an indicator’s figure for a year (or ?period=Q1…9M): a new revision (If-Match required once it exists)',
        security: SECURITY,
        params: IndicatorActualParams,
        querystring: IndicatorPeriodQuery,
        headers: IfMatchHeaders,
        body: PutIndicatorActualBody,
        response: {
          200: IndicatorActualRevisionSchema,
          201: IndicatorActualRevisionSchema,
          ...errors(400, 401, 403, 404, 409, 413, 415, 428),
        },
      },
    },
    async (request, reply) => {
      const { id, indicator, year } = request.params;
      const { revision, created } = await app.repos.indicators.put(
        id,
        indicator,
        Number(year),
        request.body,
        authorOf(request.principal),
        parseIfMatch(request.headers['if-match']),
        request.query.period ?? 'FY',
      );
      reply.status(created ? 201 : 200).header('etag', revision.etag);
      return revision;
    },
  );
};
