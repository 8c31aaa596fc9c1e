/** Saved what-if variants of a stored scenario. Reading is open; saving and deleting need an editor token. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiError } from '../errors.ts';
import { authorOf } from '../plugins/auth.ts';
import { errors, ScenarioIdParams, SECURITY } from '../schemas/common.ts';
import { CreateWhatifBody, WhatifSchema } from '../schemas/whatifs.ts';

const WhatifParams = Type.Composite([ScenarioIdParams, Type.Object({ whatifId: Type.String({ maxLength: 100 }) })]);

export const whatifRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/scenarios/:id/whatifs',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['whatifs'],
        summary: 'Saved what-ifs of a scenario, oldest first',
        params: ScenarioIdParams,
        response: { 200: Type.Object({ whatifs: Type.Array(WhatifSchema) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await app.repos.scenarios.require(request.params.id);
      return { whatifs: await app.repos.whatifs.list(request.params.id) };
    },
  );

  app.post(
    '/api/scenarios/:id/whatifs',
    {
      onRequest: app.authorize('editor'),
      schema: {
        tags: ['whatifs'],
        summary: 'Save a what-if',
        security: SECURITY,
        params: ScenarioIdParams,
        body: CreateWhatifBody,
        response: { 201: WhatifSchema, ...errors(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const w = await app.repos.whatifs.create(
        request.params.id,
        request.body.name,
        request.body.body,
        authorOf(request.principal),
      );
      return reply.status(201).send(w);
    },
  );

  app.delete(
    '/api/scenarios/:id/whatifs/:whatifId',
    {
      onRequest: app.authorize('editor'),
      schema: {
        tags: ['whatifs'],
        summary: 'Delete a saved what-if',
        security: SECURITY,
        params: WhatifParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!(await app.repos.whatifs.delete(request.params.id, request.params.whatifId)))
        throw new ApiError('NOT_FOUND', `no what-if ${request.params.whatifId}`);
      request.log.info({ by: request.principal?.name }, 'what-if deleted');
      return reply.status(204).send(null);
    },
  );
};
