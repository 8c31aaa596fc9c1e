/**
 * One query layer for both databases: Kysely over better-sqlite3 (default, a file under DATA_DIR) or pg
 * (DATABASE_URL=postgres://…). Migrations run from an in-code provider.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type MigrationResultSet, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { MIGRATIONS } from '../migrations/index.ts';
import type { Database } from './types.ts';

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  /** `postgres://…`, `:memory:`, or empty for `<dataDir>/grdp.sqlite`. */
  databaseUrl: string;
  dataDir: string;
  /** PostgreSQL schema for every table (search_path); tests use their own. Default `public`. */
  schema?: string;
}

export interface DatabaseHandle {
  db: Db;
  kind: 'sqlite' | 'postgres';
  schema?: string;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** Opens the database (creating the SQLite file and its directory on first start). Does not migrate. */
export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (isPostgresUrl(options.databaseUrl)) {
    const schema = options.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      options: `-c search_path=${schema}`,
      max: 10,
    });
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), kind: 'postgres', schema };
  }
  let file = ':memory:';
  if (options.databaseUrl !== ':memory:') {
    mkdirSync(options.dataDir, { recursive: true });
    file = join(options.dataDir, 'grdp.sqlite');
  }
  const sqlite = new BetterSqlite3(file);
  if (file !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), kind: 'sqlite' };
}

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrate(handle: DatabaseHandle): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(handle.kind === 'postgres' ? { migrationTableSchema: handle.schema } : {}),
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${(result.error as Error).message ?? result.error}`);
  }
  return result;
}
