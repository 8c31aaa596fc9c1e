/**
 * Builds the Fastify app from plugins: db and repositories, auth, errors, OpenAPI, then one route file per
 * resource. Tests build it and use `inject()`; server.ts only adds listen and signals.
 */
import { readFileSync } from 'node:fs';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { authPlugin } from './plugins/auth.ts';
import { computePlugin } from './plugins/compute.ts';
import { dbPlugin } from './plugins/db.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { responseCheckPlugin } from './plugins/response-check.ts';
import { securityHeadersPlugin } from './plugins/security.ts';
import { swaggerPlugin } from './plugins/swagger.ts';
import { textPlugin } from './plugins/text.ts';
import { type WebPluginOptions, webPlugin } from './plugins/web.ts';
import { actualRoutes } from './routes/actuals.ts';
import { backtestRoutes } from './routes/backtest.ts';
import { chartRoutes } from './routes/charts.ts';
import { computeRoutes } from './routes/compute.ts';
import { fileRoutes } from './routes/files.ts';
import { guideRoutes } from './routes/guide.ts';
import { indicatorRoutes } from './routes/indicators.ts';
import { plannerRoutes } from './routes/planner.ts';
import { scenarioRoutes } from './routes/scenarios.ts';
import { simulationRoutes } from './routes/simulation.ts';
import { systemRoutes } from './routes/system.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { trackingRoutes } from './routes/tracking.ts';
import { versionRoutes } from './routes/versions.ts';
import { whatifRoutes } from './routes/whatifs.ts';

export const API_VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;

const YAML_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml', 'text/x-yaml'];

export interface BuildOptions {
  /** An open, migrated database; without it the app opens one from the config and closes it on close. */
  handle?: DatabaseHandle;
  /** Close the given handle when the app closes. */
  closeHandle?: boolean;
  /** Serve the built web app at `/` (the server does; API tests do not). */
  web?: WebPluginOptions;
  /** Tests: check every JSON answer against its response schema (plugins/response-check.ts). */
  checkResponses?: boolean;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    // Strict bodies: no coercion ("7.5" is not a number) and unknown fields are refused, not dropped.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    routerOptions: { maxParamLength: 200 },
    // A body still arriving after requestTimeout is cut off (408); an idle connection is closed after
    // connectionTimeout: partial uploads cannot pile up until the file descriptors run out.
    requestTimeout: config.requestTimeoutSec * 1000,
    connectionTimeout: config.connectionTimeoutSec * 1000,
    // Headers must be in within 20 s (or requestTimeout if shorter); Node checks both every second, not 30 s.
    http: {
      headersTimeout: Math.min(config.requestTimeoutSec * 1000, 20_000),
      connectionsCheckingInterval: 1000,
    },
    trustProxy: config.trustProxy,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Bodies are JSON or YAML only: a text/plain body would skip the per-media-type schemas.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body));

  await app.register(errorsPlugin);
  if (options.checkResponses) await app.register(responseCheckPlugin);
  await app.register(textPlugin);
  // The app is often served over plain HTTP on an office network: `upgrade-insecure-requests` would send the
  // page's own requests (the API, /docs) to an https:// port that does not exist.
  await app.register(securityHeadersPlugin, {
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  if (config.corsOrigin.length > 0)
    await app.register(cors, {
      origin: config.corsOrigin.includes('*') ? true : config.corsOrigin,
      // Every method the API answers; the preflight must allow PUT (actuals, scenarios) and DELETE.
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'if-match', 'accept-language'],
      exposedHeaders: ['etag', 'retry-after'],
    });
  if (config.rateLimitMax > 0) await app.register(rateLimit, { max: config.rateLimitMax, timeWindow: '1 minute' });
  await app.register(dbPlugin, { config, ...options });
  await app.register(computePlugin, { config });
  await app.register(authPlugin, { config });
  await app.register(swaggerPlugin, { version: API_VERSION });

  await app.register(systemRoutes, { version: API_VERSION });
  await app.register(scenarioRoutes);
  await app.register(versionRoutes);
  await app.register(computeRoutes);
  await app.register(trackingRoutes);
  await app.register(simulationRoutes);
  await app.register(backtestRoutes);
  await app.register(actualRoutes);
  await app.register(indicatorRoutes);
  await app.register(whatifRoutes);
  await app.register(tokenRoutes);
  await app.register(fileRoutes, { config });
  await app.register(chartRoutes);
  await app.register(guideRoutes);
  await app.register(plannerRoutes);
  if (options.web) await app.register(webPlugin, options.web);
  await app.ready();
  return app;
}
