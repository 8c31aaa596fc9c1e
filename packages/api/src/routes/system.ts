import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { ApiError } from '../errors.ts';
import { errors } from '../schemas/common.ts';

export const systemRoutes: FastifyPluginAsyncTypebox<{ version: string }> = async (app, { version }) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        description:
          '503 STORAGE_UNAVAILABLE, naming the path, when the SQLite file was deleted, replaced or made read-only under the running server.',
        response: { 200: Type.Object({ status: Type.Literal('ok') }), ...errors(500, 503) },
      },
    },
    async () => {
      await sql`select 1`.execute(app.db);
      const problem = app.storageProblem();
      if (problem) throw new ApiError('STORAGE_UNAVAILABLE', problem);
      return { status: 'ok' as const };
    },
  );
  app.get(
    '/api/version',
    {
      schema: {
        tags: ['system'],
        summary: 'Version of the API and the Node runtime',
        response: { 200: Type.Object({ name: Type.String(), version: Type.String(), node: Type.String() }) },
      },
    },
    async () => ({ name: 'grdp-scenario', version, node: process.version }),
  );
};
