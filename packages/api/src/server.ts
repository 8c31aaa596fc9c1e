#!/usr/bin/env -S npx tsx
/**
 * Starts the API: reads and checks the configuration, opens the database (SQLite under DATA_DIR by default),
 * runs migrations, seeds the repository's scenarios on first start, listens on HOST:PORT and closes cleanly on
 * SIGINT/SIGTERM. `npx tsx packages/api/src/server.ts`
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { closeSharedPools } from './compute/pool.ts';
import { ConfigError, loadConfig, REPO_ROOT } from './config.ts';
import { migrate, openDatabase } from './db/database.ts';
import { createRepositories } from './repositories/index.ts';
import { seedScenarios } from './seed.ts';

export async function start(
  env: Record<string, string | undefined> = process.env,
  options: { web?: boolean } = {},
): Promise<FastifyInstance> {
  const config = loadConfig(env);
  const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(handle);
    const app = await buildApp(config, { handle, closeHandle: true, ...(options.web === false ? {} : { web: {} }) });
    await seedScenarios(createRepositories(handle.db), join(REPO_ROOT, 'scenarios'), {
      info: (m) => app.log.info(m),
      warn: (m) => app.log.warn(m),
    });
    app.server.maxConnections = config.maxConnections;
    // Workers load the engine, the LP solver and Chart.js now, in the background, rather than at the first request.
    app.compute.warm().catch((e) => app.log.warn({ err: e }, 'compute pool warm-up failed'));
    const hint = await firstAdminHint(createRepositories(handle.db).tokens);
    if (hint) app.log.warn(hint);
    await app.listen({ port: config.port, host: config.host });
    return app;
  } catch (e) {
    await handle.db.destroy().catch(() => {});
    throw e;
  }
}

/** The command that makes the first admin token, as the README shows it. */
export const FIRST_ADMIN_COMMAND = 'npm run grdp -- token create --name "Quản trị" --role admin';

/**
 * While the database has no active admin token, the one line the server prints at start: how to make the first
 * one (from the same directory, with the same DATABASE_URL / DATA_DIR). null once an admin token exists.
 */
export async function firstAdminHint(tokens: {
  list(): Promise<{ role: string; revokedAt: string | null }[]>;
}): Promise<string | null> {
  const admins = (await tokens.list()).filter((t) => t.role === 'admin' && t.revokedAt === null);
  if (admins.length > 0) return null;
  return `No admin token yet (chưa có token quản trị). Create the first one with: ${FIRST_ADMIN_COMMAND}`;
}

async function main(): Promise<void> {
  let app: FastifyInstance;
  try {
    app = await start();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`grdp-api: bad setting ${e.message}\n`);
    } else {
      process.stderr.write(`grdp-api: cannot start: ${(e as Error).stack ?? e}\n`);
    }
    process.exit(1);
  }
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      app.log.info(`${signal}: closing`);
      const timer = setTimeout(() => process.exit(1), 10_000);
      timer.unref();
      app
        .close()
        .then(() => closeSharedPools())
        .then(
          () => process.exit(0),
          (e) => {
            app.log.error(e);
            process.exit(1);
          },
        );
    });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
