/**
 * One query layer for both databases: Kysely over better-sqlite3 (default, a file under DATA_DIR) or pg
 * (DATABASE_URL=postgres://…). Migrations run from an in-code provider.
 */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
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
  /** SQLite: how many statements were prepared since opening (repeated queries reuse theirs). */
  preparedStatements?: () => number;
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
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    file = join(options.dataDir, 'grdp.sqlite');
    // Owner-only: the database holds token hashes and unpublished figures. SQLite gives its -wal and -shm files
    // the database file's permissions.
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
  }
  const sqlite = new BetterSqlite3(file);
  if (file !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const database = withStatementCache(sqlite);
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }),
    kind: 'sqlite',
    preparedStatements: () => database.prepared,
  };
}

/** At most this many distinct SQL texts keep a prepared statement (least recently used ones are dropped). */
const STATEMENT_CACHE_SIZE = 256;

/**
 * better-sqlite3 as Kysely's SQLite database, with each distinct SQL text prepared once: Kysely's driver calls
 * `prepare` on every query, and preparing (parsing and planning the SQL) cost more than running the small reads
 * the API makes. A statement is only reused once the previous run is over (`all` and `run` finish
 * synchronously); `iterate` (streaming) gets a fresh statement so two streams never share one.
 */
function withStatementCache(sqlite: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const wrapper = {
    /** How many statements were prepared since opening (a repeated query does not add one). */
    prepared: 0,
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql); // re-inserted below: most recently used last
      } else {
        statement = sqlite.prepare(sql);
        wrapper.prepared++;
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      const cached = statement;
      return {
        reader: cached.reader,
        all: (parameters: ReadonlyArray<unknown>) => cached.all(parameters),
        run: (parameters: ReadonlyArray<unknown>) => cached.run(parameters),
        iterate: (parameters: ReadonlyArray<unknown>) => sqlite.prepare(sql).iterate(parameters),
      };
    },
  };
  return wrapper;
}

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrate(handle: DatabaseHandle): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => MIGRATIONS },
    // 0002 was added after 0003 was published: a database at 0001 and 0003 runs 0002 next instead of refusing.
    allowUnorderedMigrations: true,
    ...(handle.kind === 'postgres' ? { migrationTableSchema: handle.schema } : {}),
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${(result.error as Error).message ?? result.error}`);
  }
  return result;
}
