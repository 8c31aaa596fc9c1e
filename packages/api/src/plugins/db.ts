/** The database and the repositories over it, as app decorators; the pool closes with the app. */
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';
import { type DatabaseHandle, type Db, migrate, openDatabase } from '../db/database.ts';
import { createRepositories, type Repositories } from '../repositories/index.ts';
import { global } from './global.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    repos: Repositories;
    /** Why the database file cannot be trusted with a write (SQLite file: deleted, replaced, read-only), or null. */
    storageProblem(): string | null;
  }
}

export interface DbPluginOptions {
  config: Config;
  /** An open, migrated database owned by the caller (server.ts, tests); otherwise one is opened and migrated. */
  handle?: DatabaseHandle;
  /** Close a given handle with the app (server.ts hands it over). */
  closeHandle?: boolean;
}

export const dbPlugin: FastifyPluginAsync<DbPluginOptions> = global(async (app, { config, handle, closeHandle }) => {
  const owned = handle === undefined;
  const h = handle ?? openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (owned) await migrate(h);
  app.decorate('db', h.db);
  app.decorate('repos', createRepositories(h.db));
  app.decorate('storageProblem', () => h.storageProblem?.() ?? null);
  if (owned || closeHandle) app.addHook('onClose', async () => h.db.destroy());
});
