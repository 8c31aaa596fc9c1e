/** GET /api/backtest: the track record of the uncertainty models on the repository's history. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { backtestReport, history } from '../history.ts';
import { BacktestQuery, BacktestResponseSchema } from '../schemas/backtest.ts';
import { errors } from '../schemas/common.ts';

export const backtestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  let both: ReturnType<typeof backtestReport> | undefined;
  app.get(
    '/api/backtest',
    {
      onRequest: app.authorize('read'),
      schema: {
        tags: ['compute'],
        summary:
          'Backtest: every past scenario-year replayed as of Q1, H1 and 9M; Brier and log scores, reliability, worst misses',
        querystring: BacktestQuery,
        response: { 200: BacktestResponseSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const model = request.query.model;
      if (model) return backtestReport(history(), [model]);
      both ??= backtestReport(history());
      return both;
    },
  );
};
