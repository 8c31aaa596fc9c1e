/** The compute pool (compute/pool.ts) as `app.compute`, with the settings of the config. */
import type { FastifyPluginAsync } from 'fastify';
import { type ComputePool, sharedComputePool } from '../compute/pool.ts';
import type { Config } from '../config.ts';
import { global } from './global.ts';

declare module 'fastify' {
  interface FastifyInstance {
    compute: ComputePool;
  }
}

export const computePlugin: FastifyPluginAsync<{ config: Config }> = global(async (app, { config }) => {
  const pool = sharedComputePool({
    threads: config.computeThreads,
    queue: config.computeQueue,
    timeoutMs: config.computeTimeoutSec * 1000,
  });
  app.decorate('compute', pool);
});
