/**
 * Tracking, required growth and what-ifs over a stored scenario (its effective actuals: the file's overlaid by
 * the entered ones) or one sent in the body, and re-running a saved what-if. Every figure comes from @grdp/engine.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { preValidationAsyncHookHandler } from 'fastify';
import { savedWhatifRequest, type WhatifRequest } from '../compute/run.ts';
import { ApiError } from '../errors.ts';
import { readScenarioBody } from '../scenario-input.ts';
import { errors, ScenarioIdParams } from '../schemas/common.ts';
import {
  PostedTrackBody,
  PostedWhatifBody,
  RequiredResponseSchema,
  StoredTrackBody,
  StoredWhatifBody,
  TrackResponseSchema,
  WhatifResponseSchema,
} from '../schemas/compute.ts';

const WhatifParams = Type.Composite([ScenarioIdParams, Type.Object({ whatifId: Type.String({ maxLength: 100 }) })]);
const STORED_ERRORS = errors(400, 401, 403, 404, 413, 415, 422);
const POSTED_ERRORS = errors(400, 401, 403, 413, 415, 422);

/** For routes whose body is optional: a request without one is validated (and handled) as `{}`. */
export const optionalBody: preValidationAsyncHookHandler = async (request) => {
  if (request.body === undefined || request.body === null) request.body = {};
};

export const trackingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const effective = (id: string) => app.repos.scenarios.requireEffective(id);

  app.post(
    '/api/scenarios/:id/track',
    {
      onRequest: app.authorize('read'),
      preValidation: optionalBody,
      schema: {
        tags: ['compute'],
        summary: 'Actuals of a stored scenario against their bands, and the growth the rest of the year needs',
        params: ScenarioIdParams,
        body: StoredTrackBody,
        response: { 200: TrackResponseSchema, ...STORED_ERRORS },
      },
    },
    async (request) => app.compute.run('track', await effective(request.params.id), request.body?.asOf),
  );

  app.post(
    '/api/track',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['compute'],
        summary: 'Track a scenario sent in the body ({scenario, asOf?}); nothing is stored',
        body: PostedTrackBody,
        response: { 200: TrackResponseSchema, ...POSTED_ERRORS },
      },
    },
    async (request) => {
      const { scenario: body, asOf } = request.body;
      // YAML text goes to the worker as it is and is read there with the computation: the event loop only parses
      // the JSON body, so provinces posted at once are read in parallel. A JSON document is read here and its
      // Scenario sent, as before (a deeply nested body could not even be cloned to a worker; the loader refuses it).
      if (typeof body === 'string') return app.compute.run('trackYaml', body, asOf);
      const { scenario, warnings } = readScenarioBody(body);
      return { ...(await app.compute.run('track', scenario, asOf)), warnings };
    },
  );

  app.post(
    '/api/scenarios/:id/required',
    {
      onRequest: app.authorize('read'),
      preValidation: optionalBody,
      schema: {
        tags: ['compute'],
        summary: 'Growth the remaining quarters of a stored scenario need to reach the FY low and high edges',
        params: ScenarioIdParams,
        body: StoredTrackBody,
        response: { 200: RequiredResponseSchema, ...STORED_ERRORS },
      },
    },
    async (request) => app.compute.run('required', await effective(request.params.id), request.body?.asOf),
  );

  app.post(
    '/api/required',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['compute'],
        summary: 'Required growth for a scenario sent in the body ({scenario, asOf?}); nothing is stored',
        body: PostedTrackBody,
        response: { 200: RequiredResponseSchema, ...POSTED_ERRORS },
      },
    },
    async (request) => {
      const { scenario: body, asOf } = request.body;
      // As POST /api/track: YAML text is read on the worker, a JSON document here.
      if (typeof body === 'string') return app.compute.run('requiredYaml', body, asOf);
      const { scenario, warnings } = readScenarioBody(body);
      return { ...(await app.compute.run('required', scenario, asOf)), warnings };
    },
  );

  app.post(
    '/api/scenarios/:id/whatif',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['compute'],
        summary: 'Shock sectors of a stored scenario and see every period move; with the sensitivity of FY growth',
        params: ScenarioIdParams,
        body: StoredWhatifBody,
        response: { 200: WhatifResponseSchema, ...STORED_ERRORS },
      },
    },
    async (request) => app.compute.run('whatif', await effective(request.params.id), request.body as WhatifRequest),
  );

  app.post(
    '/api/whatif',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['compute'],
        summary: 'What-if on a scenario sent in the body ({scenario, shocks, baseline?, asOf?}); nothing is stored',
        body: PostedWhatifBody,
        response: { 200: WhatifResponseSchema, ...POSTED_ERRORS },
      },
    },
    async (request) => {
      const { scenario: body, ...rest } = request.body;
      const { scenario, warnings } = readScenarioBody(body);
      return { ...(await app.compute.run('whatif', scenario, rest as WhatifRequest)), warnings };
    },
  );

  app.post(
    '/api/scenarios/:id/whatifs/:whatifId/run',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['whatifs', 'compute'],
        summary: 'Re-run a saved what-if on the scenario as it is now (same answer as the what-if route)',
        params: WhatifParams,
        response: { 200: WhatifResponseSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { id, whatifId } = request.params;
      const saved = await app.repos.whatifs.get(id, whatifId);
      if (!saved) throw new ApiError('NOT_FOUND', `no what-if ${whatifId} of scenario ${id}`);
      const whatif = savedWhatifRequest(saved.body);
      return {
        ...(await app.compute.run('whatif', await effective(id), whatif)),
        whatif: { id: saved.id, name: saved.name },
      };
    },
  );
};
