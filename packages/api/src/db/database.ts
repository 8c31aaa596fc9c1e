/**
 * One query layer for both databases: Kysely over better-sqlite3 (default, a file under DATA_DIR) or pg
 * (DATABASE_URL=postgres://…). Migrations run from an in-code provider.
 */
import { accessSync, chmodSync, closeSync, constants, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type MigrationResultSet, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { ConfigError } from '../config.ts';
import { ApiError } from '../errors.ts';
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
  /**
   * SQLite file: why the database cannot be trusted with a write (the file deleted, replaced or not writable
   * under the running server, named by path), or null. `/healthz` answers 503 with it.
   */
  storageProblem?: () => string | null;
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
    file = join(options.dataDir, 'grdp.sqlite');
    prepareDataDir(options.dataDir, file);
  }
  const sqlite = new BetterSqlite3(file);
  if (file !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const watch = file === ':memory:' ? undefined : watchFile(file, options.dataDir);
  const database = withStatementCache(sqlite, watch?.gone);
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }),
    kind: 'sqlite',
    preparedStatements: () => database.prepared,
    ...(watch ? { storageProblem: () => watch.gone() ?? watch.readOnly() } : {}),
  };
}

/** Why an OS error stopped us, for a person: `EACCES (permission denied)`. */
const reason = (e: unknown) => {
  const code = (e as NodeJS.ErrnoException).code;
  const text: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is a file, not a directory',
    ENOENT: 'no such directory',
    ENOSPC: 'the disk is full',
  };
  return code ? `${code} (${text[code] ?? (e as Error).message})` : (e as Error).message;
};

/**
 * Creates the data directory (0700) and the database file (0600) when missing, and checks both can be written,
 * before SQLite opens it: a missing or read-only DATA_DIR stops the start with a message naming the path
 * (a ConfigError: the server and the CLI print it without a stack and exit 1).
 */
function prepareDataDir(dir: string, file: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new ConfigError('DATA_DIR', `the data directory ${dir} does not exist and cannot be created: ${reason(e)}`);
  }
  try {
    accessSync(dir, constants.W_OK);
    // Owner-only: the database holds token hashes and unpublished figures. SQLite gives its -wal and -shm files
    // the database file's permissions.
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
  } catch (e) {
    throw new ConfigError('DATA_DIR', `the data directory ${dir} is not writable: ${reason(e)}`);
  }
}

/**
 * The database file as opened (device and inode): `gone` says so when the file was deleted or replaced while the
 * server runs (a write would then land in a file nobody will open again), `readOnly` when it or its directory
 * can no longer be written.
 */
function watchFile(file: string, dir: string) {
  const opened = statSync(file);
  return {
    gone(): string | null {
      let now: ReturnType<typeof statSync>;
      try {
        now = statSync(file);
      } catch (e) {
        return `The database file ${file} is missing (${reason(e)}): it was deleted while the server runs. Restore it from a backup and restart the server`;
      }
      if (now.ino !== opened.ino || now.dev !== opened.dev)
        return `The database file ${file} was replaced while the server runs; restart the server to use the new file`;
      return null;
    },
    readOnly(): string | null {
      try {
        accessSync(file, constants.W_OK);
        accessSync(dir, constants.W_OK);
        return null;
      } catch (e) {
        return `The database file ${file} or its directory is not writable: ${reason(e)}`;
      }
    },
  };
}

/** The ROLLBACK of a transaction SQLite has already rolled back: nothing to do. */
const NOTHING_TO_ROLL_BACK = {
  reader: false,
  all: () => [],
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
  iterate: () => [][Symbol.iterator](),
};

/** At most this many distinct SQL texts keep a prepared statement (least recently used ones are dropped). */
const STATEMENT_CACHE_SIZE = 256;

/**
 * better-sqlite3 as Kysely's SQLite database, with each distinct SQL text prepared once: Kysely's driver calls
 * `prepare` on every query, and preparing (parsing and planning the SQL) cost more than running the small reads
 * the API makes. A statement is only reused once the previous run is over (`all` and `run` finish
 * synchronously); `iterate` (streaming) gets a fresh statement so two streams never share one. Every write is a
 * transaction, so checking the file at COMMIT (`gone`) keeps a write to a deleted file from being acknowledged.
 */
function withStatementCache(sqlite: BetterSqlite3.Database, gone?: () => string | null) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const wrapper = {
    /** How many statements were prepared since opening (a repeated query does not add one). */
    prepared: 0,
    close: () => sqlite.close(),
    prepare(sql: string) {
      // SQLite ends a transaction itself on some errors (SQLITE_FULL, SQLITE_IOERR): Kysely's ROLLBACK would then
      // fail with "cannot rollback - no transaction is active" and hide the error that says what happened.
      if (sql === 'rollback' && !sqlite.inTransaction) return NOTHING_TO_ROLL_BACK;
      // No 2xx for a write that would not survive a restart: the file it goes to was deleted or replaced.
      if (sql === 'commit' && gone) {
        const problem = gone();
        if (problem) throw new ApiError('STORAGE_UNAVAILABLE', problem);
      }
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
