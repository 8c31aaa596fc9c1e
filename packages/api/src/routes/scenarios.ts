/** Stored scenarios: list, get, create-or-replace (YAML or JSON, validated by the engine loader), delete. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiError, parseIfMatch, scenarioNotFound } from '../errors.ts';
import { authorOf } from '../plugins/auth.ts';
import { readScenarioBody } from '../scenario-input.ts';
import { IfMatchHeaders } from '../schemas/actuals.ts';
import { errors, ScenarioIdParams, SECURITY } from '../schemas/common.ts';
import {
  PutScenarioResponseSchema,
  ScenarioBodySchema,
  ScenarioListSchema,
  StoredScenarioSchema,
} from '../schemas/scenarios.ts';

export const scenarioRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/scenarios',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['scenarios'],
        summary: 'List stored scenarios',
        response: { 200: ScenarioListSchema, ...errors(401, 403) },
      },
    },
    async () => ({ scenarios: await app.repos.scenarios.list() }),
  );

  app.get(
    '/api/scenarios/:id',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['scenarios'],
        summary: 'One stored scenario (JSON and its YAML), with its ETag',
        params: ScenarioIdParams,
        response: { 200: StoredScenarioSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const stored = await app.repos.scenarios.require(request.params.id);
      reply.header('etag', stored.etag);
      return stored;
    },
  );

  app.put(
    '/api/scenarios/:id',
    {
      onRequest: app.authorize('admin'),
      schema: {
        tags: ['scenarios'],
        summary: 'Create or replace a scenario (YAML or JSON body, validated by the engine loader)',
        description:
          'With If-Match, replaces only if the stored scenario still has that ETag (else 409 STALE_ETAG). A JSON body may be the scenario file, the `scenario` of GET /api/scenarios/{id}, or that whole answer. A replacement that drops a sector with entered actuals is refused with 409 ACTUALS_ORPHANED listing them (`orphaned`), unless `orphanedActuals=delete`: then those figures leave the current actuals in the same change (a new revision per period; the history keeps them).',
        security: SECURITY,
        params: ScenarioIdParams,
        querystring: Type.Object(
          {
            orphanedActuals: Type.Optional(
              Type.Union([Type.Literal('refuse'), Type.Literal('delete')], {
                description:
                  'What to do with entered actuals of sectors the replacement drops: refuse (default, 409) or delete',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        headers: IfMatchHeaders,
        body: ScenarioBodySchema,
        response: {
          200: PutScenarioResponseSchema,
          201: PutScenarioResponseSchema,
          ...errors(400, 401, 403, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const author = authorOf(request.principal);
      const ifMatch = parseIfMatch(request.headers['if-match']);
      const { scenario, warnings, yaml } = readScenarioBody(request.body);
      if (scenario.id !== request.params.id)
        throw new ApiError('ID_MISMATCH', `the body has id "${scenario.id}", the path "${request.params.id}"`, 'id');
      const { stored, created } = await app.repos.scenarios.put(
        scenario,
        yaml,
        author,
        ifMatch,
        request.query.orphanedActuals === undefined ? {} : { orphanedActuals: request.query.orphanedActuals },
      );
      reply.status(created ? 201 : 200).header('etag', stored.etag);
      return {
        id: stored.id,
        created,
        etag: stored.etag,
        updatedAt: stored.updatedAt,
        updatedBy: stored.updatedBy,
        warnings,
      };
    },
  );

  app.delete(
    '/api/scenarios/:id',
    {
      onRequest: app.authorize('admin'),
      schema: {
        tags: ['scenarios'],
        summary: 'Delete a scenario with its actuals and what-ifs',
        security: SECURITY,
        params: ScenarioIdParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      const deleted = await app.repos.scenarios.delete(request.params.id, ifMatch);
      if (!deleted) throw scenarioNotFound(request.params.id);
      return reply.status(204).send(null);
    },
  );
};
