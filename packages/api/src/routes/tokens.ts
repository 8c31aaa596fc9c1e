/** Bearer tokens, for admins: list, create (the token is shown once), revoke. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiError } from '../errors.ts';
import { errors, SECURITY } from '../schemas/common.ts';
import { CreatedTokenSchema, CreateTokenBody, TokenInfoSchema } from '../schemas/tokens.ts';

export const tokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/tokens',
    {
      onRequest: app.authorize('admin'),
      schema: {
        tags: ['tokens'],
        summary: 'List tokens (names and roles; never the tokens)',
        security: SECURITY,
        response: { 200: Type.Object({ tokens: Type.Array(TokenInfoSchema) }), ...errors(401, 403) },
      },
    },
    async () => ({ tokens: await app.repos.tokens.list() }),
  );

  app.post(
    '/api/tokens',
    {
      onRequest: app.authorize('admin'),
      schema: {
        tags: ['tokens'],
        summary: 'Create a token; the answer is the only time it is shown',
        security: SECURITY,
        body: CreateTokenBody,
        response: { 201: CreatedTokenSchema, ...errors(400, 401, 403, 415) },
      },
    },
    async (request, reply) => {
      const created = await app.repos.tokens.create(request.body.name, request.body.role);
      request.log.info({ by: request.principal?.name, id: created.id }, 'token created');
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/tokens/:tokenId',
    {
      onRequest: app.authorize('admin'),
      schema: {
        tags: ['tokens'],
        summary: 'Revoke a token',
        security: SECURITY,
        params: Type.Object({ tokenId: Type.String({ maxLength: 100 }) }),
        response: { 204: Type.Null(), ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!(await app.repos.tokens.revoke(request.params.tokenId)))
        throw new ApiError('NOT_FOUND', `no active token ${request.params.tokenId}`);
      request.log.info({ by: request.principal?.name, id: request.params.tokenId }, 'token revoked');
      return reply.status(204).send(null);
    },
  );
};
