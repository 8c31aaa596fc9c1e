/**
 * Monte Carlo simulation of a stored scenario (its effective actuals) or one sent in the body, and multi-year plan
 * evaluation (stateless). Every figure comes from @grdp/engine.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { planOf, type SimulateRequest } from '../compute/run.ts';
import { simulateOnPool } from '../compute/simulate.ts';
import { ApiError } from '../errors.ts';
import { readScenarioBody } from '../scenario-input.ts';
import { errors, ScenarioIdParams } from '../schemas/common.ts';
import {
  MAX_HTTP_DRAWS,
  PlanBody,
  PlanResponseSchema,
  PostedSimulateBody,
  SimulateResponseSchema,
  StoredSimulateBody,
} from '../schemas/compute.ts';
import { optionalBody } from './tracking.ts';

/** The options with the HTTP limit on draws (a bad count: 400 at `draws`); the defaults are the engine's. */
function simulateRequest(body: SimulateRequest | undefined): SimulateRequest {
  const draws = body?.draws;
  if (draws !== undefined && (draws < 1 || draws > MAX_HTTP_DRAWS))
    throw new ApiError(
      'VALIDATION',
      `draws must be from 1 to ${MAX_HTTP_DRAWS.toLocaleString('en')} over HTTP (the CLI allows more)`,
      'draws',
    );
  return { ...body };
}

export const simulationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/scenarios/:id/simulate',
    {
      onRequest: app.authorize('read'),
      preValidation: optionalBody,
      schema: {
        tags: ['compute'],
        summary: 'Simulate a stored scenario: probability of reaching the FY targets and the spread of every period',
        params: ScenarioIdParams,
        body: StoredSimulateBody,
        response: { 200: SimulateResponseSchema, ...errors(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (request) => {
      const options = simulateRequest(request.body as SimulateRequest | undefined);
      const scenario = await app.repos.scenarios.requireEffective(request.params.id);
      return simulateOnPool(app.compute, scenario, options);
    },
  );

  app.post(
    '/api/simulate',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['compute'],
        summary: 'Simulate a scenario sent in the body ({scenario, draws?, seed?, …}); nothing is stored',
        body: PostedSimulateBody,
        response: { 200: SimulateResponseSchema, ...errors(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request) => {
      const { scenario: body, ...rest } = request.body;
      const options = simulateRequest(rest as SimulateRequest);
      const { scenario, warnings } = readScenarioBody(body);
      return { ...(await simulateOnPool(app.compute, scenario, options)), warnings };
    },
  );

  app.post(
    '/api/plan',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['compute'],
        summary: 'Evaluate a multi-year plan sent in the body: compounded path, average growth, growth still needed',
        body: PlanBody,
        response: { 200: PlanResponseSchema, ...errors(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request) => planOf(request.body),
  );
};
