/**
 * Databases for tests (tests/ cannot import pg or kysely itself): whether the PostgreSQL test server is
 * reachable, a fresh schema or a fresh database that is dropped afterwards, plain queries, and an integrity check.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';

/** SQLite `PRAGMA integrity_check` ('ok' when sound); PostgreSQL has no equivalent and answers 'ok'. */
export async function integrityCheck(handle: DatabaseHandle): Promise<string> {
  if (handle.kind !== 'sqlite') return 'ok';
  const r = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(handle.db);
  return r.rows.map((x) => x.integrity_check).join('; ');
}

/**
 * SQLite: no page may be added from now on (`PRAGMA max_page_count` set to the current count), so the next write
 * that needs room fails with SQLITE_FULL, as on a full disk.
 */
export async function fillSqlite(handle: DatabaseHandle): Promise<void> {
  if (handle.kind !== 'sqlite') throw new Error('fillSqlite needs SQLite');
  const r = await sql<{ page_count: number }>`pragma page_count`.execute(handle.db);
  await sql.raw(`pragma max_page_count = ${Number(r.rows[0]!.page_count)}`).execute(handle.db);
}

export const PG_URL =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/test';

/** null when PostgreSQL answers, else why not. */
export async function postgresProblem(url = PG_URL): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return (e as Error).message || String(e);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs one statement on `url` with a short-lived client. */
export async function pgQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(
  sqlText: string,
  params: unknown[] = [],
  url = PG_URL,
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sqlText, params)).rows;
  } finally {
    await client.end();
  }
}

/** A fresh schema with a handle over it; `drop` closes the handle and drops the schema. */
export async function freshSchema(prefix = 'grdp_rel'): Promise<{
  handle: DatabaseHandle;
  schema: string;
  drop: () => Promise<void>;
}> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  await pgQuery(`create schema ${schema}`);
  const handle = openDatabase({ databaseUrl: PG_URL, dataDir: '', schema });
  return {
    handle,
    schema,
    drop: async () => {
      await handle.db.destroy().catch(() => {});
      await pgQuery(`drop schema if exists ${schema} cascade`);
    },
  };
}

/** A fresh database on the test server (for a child process that uses DATABASE_URL as is); `drop` removes it. */
export async function freshDatabase(
  prefix = 'grdp_crash',
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await pgQuery(`create database ${name}`);
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    drop: async () => {
      await pgQuery(`drop database if exists ${name} with (force)`);
    },
  };
}
