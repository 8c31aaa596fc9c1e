/**
 * Engine computations over a stored scenario (its effective actuals included) or one sent in the body: calibrate,
 * audit, evaluate. Every figure comes from @grdp/engine.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readScenarioBody } from '../scenario-input.ts';
import { errors, ScenarioIdParams } from '../schemas/common.ts';
import {
  AuditResponseSchema,
  BaseChoiceQuery,
  CalibrateQuery,
  CalibrateResponseSchema,
  EvaluateResponseSchema,
} from '../schemas/compute.ts';
import { ScenarioBodySchema } from '../schemas/scenarios.ts';

export const computeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const effective = (id: string) => app.repos.scenarios.requireEffective(id);

  app.post(
    '/api/scenarios/:id/calibrate',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['compute'],
        summary: 'Recover base-year levels that reproduce the published table, with every residual',
        params: ScenarioIdParams,
        querystring: CalibrateQuery,
        response: { 200: CalibrateResponseSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const scenario = await effective(request.params.id);
      return app.compute.run('calibrate', scenario, request.query.asPrinted === 'true');
    },
  );

  app.get(
    '/api/scenarios/:id/audit',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['compute'],
        summary: 'Audit a stored scenario: inverted bands, impossible totals, inconsistent cumulatives',
        params: ScenarioIdParams,
        response: { 200: AuditResponseSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const scenario = await effective(request.params.id);
      return app.compute.run('audit', scenario);
    },
  );

  app.post(
    '/api/scenarios/:id/evaluate',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['compute'],
        summary: 'Low and high tables of a stored scenario (levels, growth, contributions, shares)',
        params: ScenarioIdParams,
        querystring: BaseChoiceQuery,
        response: { 200: EvaluateResponseSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request) => app.compute.run('evaluate', await effective(request.params.id), request.query.base),
  );

  app.post(
    '/api/evaluate',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['compute'],
        summary: 'Low and high tables of a scenario sent in the body (YAML or JSON); nothing is stored',
        querystring: BaseChoiceQuery,
        body: ScenarioBodySchema,
        response: { 200: EvaluateResponseSchema, ...errors(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request) => {
      const { scenario, warnings } = readScenarioBody(request.body);
      return app.compute.run('evaluate', scenario, request.query.base, warnings);
    },
  );
};
