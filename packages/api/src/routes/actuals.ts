/**
 * Entered actuals. Every PUT is a new revision; GET answers the current one with its ETag. Changing an existing
 * period needs If-Match (missing → 428, stale → 409, and nothing changes); the first PUT of a period needs none.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { enteredAfter, fileActualsOf, type Period, periodHistory } from '@grdp/engine';
import { ApiError, parseIfMatch } from '../errors.ts';
import { authorOf } from '../plugins/auth.ts';
import {
  ActualHistorySchema,
  ActualListSchema,
  ActualParams,
  ActualRevisionSchema,
  HistoryQuery,
  IfMatchHeaders,
  PutActualBody,
} from '../schemas/actuals.ts';
import { errors, ScenarioIdParams, SECURITY } from '../schemas/common.ts';

export const actualRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const mustExist = async (id: string) => {
    const stored = await app.repos.scenarios.get(id);
    if (!stored) throw new ApiError('NOT_FOUND', `no scenario ${id}`);
    return stored;
  };

  app.get(
    '/api/scenarios/:id/actuals',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['actuals'],
        summary: 'The current revision of every entered period',
        params: ScenarioIdParams,
        response: { 200: ActualListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await mustExist(request.params.id);
      return { actuals: await app.repos.actuals.current(request.params.id) };
    },
  );

  app.get(
    '/api/scenarios/:id/actuals/:period',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['actuals'],
        summary: 'The current revision of one period, with its ETag',
        params: ActualParams,
        response: { 200: ActualRevisionSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { id, period } = request.params;
      await mustExist(id);
      const current = await app.repos.actuals.get(id, period as Period);
      if (!current) throw new ApiError('NOT_FOUND', `no actuals entered for ${id} ${period}`);
      reply.header('etag', current.etag);
      return current;
    },
  );

  app.get(
    '/api/scenarios/:id/actuals/:period/history',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['actuals'],
        summary:
          'Every figure shown for one period, oldest first: the scenario file’s own (revision 1, author file), then the entered revisions (pages with after and limit)',
        params: ActualParams,
        querystring: HistoryQuery,
        response: { 200: ActualHistorySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id, period } = request.params;
      const stored = await mustExist(id);
      const { after, limit } = request.query;
      const page = { ...(after && { after: Number(after) }), ...(limit && { limit: Number(limit) }) };
      // The engine's rule (periodHistory): the file's figures first, the entered revisions numbered on.
      const file = fileActualsOf(stored.scenario, period as Period);
      const entered = await app.repos.actuals.history(id, period as Period, {
        after: enteredAfter(file, page.after),
        ...(page.limit !== undefined && { limit: page.limit }),
      });
      return { revisions: periodHistory(id, period as Period, file, entered, page) };
    },
  );

  app.put(
    '/api/scenarios/:id/actuals/:period',
    {
      onRequest: app.authorize('editor'),
      schema: {
        tags: ['actuals'],
        summary: 'Enter actuals for a period: a new revision (If-Match required once the period exists)',
        security: SECURITY,
        params: ActualParams,
        headers: IfMatchHeaders,
        body: PutActualBody,
        response: {
          200: ActualRevisionSchema,
          201: ActualRevisionSchema,
          ...errors(400, 401, 403, 404, 409, 413, 415, 422, 428),
        },
      },
    },
    async (request, reply) => {
      const { id, period } = request.params;
      const ifMatch = parseIfMatch(request.headers['if-match']);
      const { revision, created } = await app.repos.actuals.put(
        id,
        period as Period,
        request.body,
        authorOf(request.principal),
        ifMatch,
      );
      reply.status(created ? 201 : 200).header('etag', revision.etag);
      return revision;
    },
  );
};
