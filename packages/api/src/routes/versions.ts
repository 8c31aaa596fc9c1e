/**
 * A scenario's versions (initial, adjusted in June, adjusted in August…): the list, one version's content, and two
 * versions side by side through the engine's `compareVersions`. Reads are open like every read; versions are
 * written by PUT /api/scenarios/:id and by saving an adjustment (POST /api/scenarios/:id/adjust with save).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { compareVersions } from '@grdp/engine';
import { ApiError, scenarioNotFound } from '../errors.ts';
import type { StoredScenarioVersion } from '../repositories/index.ts';
import { errors, ScenarioIdParams } from '../schemas/common.ts';
import {
  CompareQuery,
  CompareResponseSchema,
  VersionListSchema,
  VersionParams,
  VersionSchema,
} from '../schemas/versions.ts';

const infoOf = ({ yaml: _y, scenario: _s, ...info }: StoredScenarioVersion) => info;

export const versionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const find = async (id: string, n: number, path: string) => {
    const v = await app.repos.scenarios.version(id, n);
    if (v) return v;
    await app.repos.scenarios.require(id);
    throw new ApiError('NOT_FOUND', `scenario ${id} has no version ${n}`, path);
  };

  app.get(
    '/api/scenarios/:id/versions',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['scenarios'],
        summary: "A scenario's versions, oldest first: number, date, author, note, the version each adjusts",
        params: ScenarioIdParams,
        response: { 200: VersionListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const versions = await app.repos.scenarios.versions(request.params.id);
      if (!versions) throw scenarioNotFound(request.params.id);
      return { scenarioId: request.params.id, versions };
    },
  );

  app.get(
    '/api/scenarios/:id/versions/compare',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['scenarios'],
        summary: 'Two versions side by side: each band and how far the later moved from the earlier (pp)',
        params: ScenarioIdParams,
        querystring: CompareQuery,
        response: { 200: CompareResponseSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const from = await find(id, Number(request.query.from), 'querystring.from');
      const to = await find(id, Number(request.query.to), 'querystring.to');
      const side = (v: StoredScenarioVersion) => ({
        ...v.scenario,
        version: {
          ...(v.scenario.version ?? {}),
          label: v.label ?? v.scenario.version?.label ?? (v.number === 1 ? 'initial' : `v${v.number}`),
        },
      });
      return {
        scenarioId: id,
        from: infoOf(from),
        to: infoOf(to),
        comparison: compareVersions([side(from), side(to)]),
      };
    },
  );

  app.get(
    '/api/scenarios/:id/versions/:n',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['scenarios'],
        summary: 'One version of a scenario with its content (the file as stored then)',
        params: VersionParams,
        response: { 200: VersionSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const v = await find(request.params.id, Number(request.params.n), 'params.n');
      return { scenarioId: request.params.id, version: infoOf(v), yaml: v.yaml, scenario: v.scenario };
    },
  );
};
