/** Test helpers: an app over in-memory SQLite (or a PostgreSQL schema) with an admin and an editor token, the An Giang file, a data dump. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '@grdp/engine';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { type Config, REPO_ROOT, testConfig } from '../src/config.ts';
import { type DatabaseHandle, type Db, migrate, openDatabase } from '../src/db/database.ts';
import { createRepositories, type Repositories } from '../src/repositories/index.ts';
import { freshSchema } from './databases.ts';

export const AN_GIANG_YAML = readFileSync(join(REPO_ROOT, 'scenarios', 'an-giang-2023.yaml'), 'utf8');
export const anGiang = () => loadScenario(AN_GIANG_YAML).scenario;

export interface TestApp {
  app: FastifyInstance;
  repos: Repositories;
  handle: DatabaseHandle;
  admin: string;
  editor: string;
  /** inject() with a bearer token. */
  as(token: string | undefined, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export type Backend = 'sqlite' | 'postgres';

/**
 * An app over in-memory SQLite (or, with `backend: 'postgres'`, a fresh schema on the test server that `close`
 * drops), with an admin and an editor token and the An Giang file stored unless `seed: false`. Every JSON answer
 * is checked against its response schema (a mismatch answers 500 RESPONSE_MISMATCH) unless `checkResponses: false`
 * (load runs, where the check's CPU would be measured too).
 */
export async function makeApp(
  overrides: Partial<Config> = {},
  options: { seed?: boolean; backend?: Backend; checkResponses?: boolean; dataDir?: string } = {},
): Promise<TestApp> {
  let handle: DatabaseHandle;
  let drop = async () => {};
  if (options.backend === 'postgres') {
    const s = await freshSchema('grdp_rel');
    handle = s.handle;
    drop = s.drop;
  } else {
    // `dataDir`: a SQLite file there (grdp.sqlite), as the server uses; else in memory.
    handle = openDatabase(
      options.dataDir ? { databaseUrl: '', dataDir: options.dataDir } : { databaseUrl: ':memory:', dataDir: '' },
    );
  }
  await migrate(handle);
  const repos = createRepositories(handle.db);
  const admin = (await repos.tokens.create('Quản trị', 'admin')).token;
  const editor = (await repos.tokens.create('Phòng Tổng hợp', 'editor')).token;
  if (options.seed !== false) await repos.scenarios.put(anGiang(), AN_GIANG_YAML, 'seed');
  const app = await buildApp(testConfig(overrides), {
    handle,
    closeHandle: options.backend !== 'postgres',
    checkResponses: options.checkResponses !== false,
  });
  return {
    app,
    repos,
    handle,
    admin,
    editor,
    as: (token, o) =>
      app.inject({ ...o, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...o.headers } }),
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

/** Every stored row of every table, in a stable order: compare before and after to prove nothing changed. */
export async function dump(db: Db): Promise<string> {
  const out = {
    scenarios: await db.selectFrom('scenarios').selectAll().orderBy('id').execute(),
    scenario_versions: await db
      .selectFrom('scenario_versions')
      .selectAll()
      .orderBy('scenario_id')
      .orderBy('number')
      .execute(),
    actual_revisions: await db
      .selectFrom('actual_revisions')
      .selectAll()
      .orderBy('scenario_id')
      .orderBy('period')
      .orderBy('revision')
      .execute(),
    indicator_actual_revisions: await db
      .selectFrom('indicator_actual_revisions')
      .selectAll()
      .orderBy('scenario_id')
      .orderBy('indicator_id')
      .orderBy('year')
      .orderBy('revision')
      .execute(),
    tokens: await db.selectFrom('tokens').selectAll().orderBy('id').execute(),
    whatifs: await db.selectFrom('whatifs').selectAll().orderBy('id').execute(),
  };
  return JSON.stringify(out);
}

export const json = (r: LightMyRequestResponse) => r.json() as Record<string, unknown>;
