/**
 * Backup and restore of the whole database as one JSON document (gzip when the file name ends in `.gz`):
 * `{format: 'grdp-backup', schemaVersion, createdAt, tables: {scenarios, actual_revisions, indicator_actual_revisions,
 * tokens, whatifs}}`.
 * Every row is kept as stored (full actuals history, token hashes — never plain tokens). A backup is written
 * atomically (temp file, fsync, rename); a restore replaces the whole content in ONE transaction and refuses a
 * file from a newer schema than this build knows.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { MIGRATIONS } from '../migrations/index.ts';
import type { Db } from './database.ts';
import type { Database } from './types.ts';

export const BACKUP_FORMAT = 'grdp-backup';

/** The tables in insert order (parents first); deleted in reverse. */
export const BACKUP_TABLES = [
  'scenarios',
  'actual_revisions',
  'indicator_actual_revisions',
  'tokens',
  'whatifs',
] as const;
type TableName = (typeof BACKUP_TABLES)[number];

/** The columns of each table, as a backup must carry them. */
const COLUMNS: { [T in TableName]: readonly (keyof Database[T])[] } = {
  scenarios: ['id', 'yaml', 'json', 'updated_at', 'updated_by', 'etag'],
  actual_revisions: [
    'scenario_id',
    'period',
    'revision',
    'values_json',
    'vintage',
    'note',
    'author',
    'created_at',
    'previous_values_json',
  ],
  indicator_actual_revisions: [
    'scenario_id',
    'indicator_id',
    'year',
    'revision',
    'value',
    'vintage',
    'published',
    'source',
    'note',
    'author',
    'created_at',
    'previous_value',
  ],
  tokens: ['id', 'name', 'role', 'hash', 'created_at', 'revoked_at'],
  whatifs: ['id', 'scenario_id', 'name', 'body_json', 'created_at', 'author'],
};
const NULLABLE: Record<string, true> = {
  'actual_revisions.note': true,
  'actual_revisions.previous_values_json': true,
  'indicator_actual_revisions.published': true,
  'indicator_actual_revisions.source': true,
  'indicator_actual_revisions.note': true,
  'indicator_actual_revisions.previous_value': true,
  'tokens.revoked_at': true,
};
const ORDER: { [T in TableName]: readonly string[] } = {
  scenarios: ['id'],
  actual_revisions: ['scenario_id', 'period', 'revision'],
  indicator_actual_revisions: ['scenario_id', 'indicator_id', 'year', 'revision'],
  tokens: ['id'],
  whatifs: ['id'],
};

export interface Backup {
  format: typeof BACKUP_FORMAT;
  schemaVersion: number;
  createdAt: string;
  tables: { [T in TableName]: Database[T][] };
}

/** A file that is not a backup this build can restore; the message says why. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** The number of the latest migration this build knows (`0001_initial` → 1). */
export function latestSchemaVersion(): number {
  return Math.max(0, ...Object.keys(MIGRATIONS).map((k) => Number.parseInt(k, 10)));
}

/** Every row of every table, in a stable order. */
export async function createBackup(db: Db): Promise<Backup> {
  return db.transaction().execute(async (trx) => {
    const tables = {} as Backup['tables'];
    for (const t of BACKUP_TABLES) {
      let q = trx.selectFrom(t).selectAll();
      for (const c of ORDER[t]) q = q.orderBy(c as never);
      const rows = (await q.execute()) as Record<string, unknown>[];
      if (t === 'actual_revisions') for (const r of rows) r.revision = Number(r.revision);
      if (t === 'indicator_actual_revisions')
        for (const r of rows) {
          r.revision = Number(r.revision);
          r.year = Number(r.year);
        }
      (tables as Record<string, unknown>)[t] = rows;
    }
    return { format: BACKUP_FORMAT, schemaVersion: latestSchemaVersion(), createdAt: new Date().toISOString(), tables };
  });
}

/** The bytes of a backup: JSON, gzipped when `gzip`. */
export function encodeBackup(backup: Backup, gzip: boolean): Buffer {
  const text = Buffer.from(`${JSON.stringify(backup)}\n`, 'utf8');
  return gzip ? gzipSync(text) : text;
}

/** Writes `data` to `file` atomically: a temp file in the same folder, fsync, then rename over the target. */
export async function writeFileAtomic(file: string, data: Buffer): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => {});
    await rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  try {
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  const dir = await open(dirname(file), 'r').catch(() => undefined);
  if (dir)
    await dir
      .sync()
      .catch(() => {})
      .finally(() => dir.close());
}

/** Backs the database up into `file` (gzip when it ends in `.gz`); returns what was written. */
export async function backupToFile(db: Db, file: string): Promise<Backup> {
  const backup = await createBackup(db);
  await writeFileAtomic(file, encodeBackup(backup, file.endsWith('.gz')));
  return backup;
}

/** Parses and checks a backup's bytes (gzip detected by its magic number). Throws BackupError. */
export function decodeBackup(data: Buffer): Backup {
  let text: string;
  try {
    text = (data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data, { maxOutputLength: 2 ** 30 }) : data).toString(
      'utf8',
    );
  } catch (e) {
    throw new BackupError(`not a readable gzip file: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new BackupError(`not a JSON backup: ${(e as Error).message}`);
  }
  return checkBackup(doc);
}

/** Checks the shape of a parsed backup: format, schema version, every table and column. Throws BackupError. */
export function checkBackup(doc: unknown): Backup {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new BackupError('a backup is a JSON object');
  const b = doc as Record<string, unknown>;
  if (b.format !== BACKUP_FORMAT)
    throw new BackupError(`format must be "${BACKUP_FORMAT}", got ${JSON.stringify(b.format)}`);
  const version = b.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new BackupError(`schemaVersion must be a positive integer, got ${JSON.stringify(version)}`);
  const latest = latestSchemaVersion();
  if (version > latest)
    throw new BackupError(
      `the backup is from a newer schema (version ${version}) than this grdp knows (version ${latest}); ` +
        'restore it with the grdp version that wrote it, or upgrade grdp first',
    );
  if (version < latest)
    throw new BackupError(
      `the backup is from an older schema (version ${version}, this grdp has ${latest}); restore it with the grdp ` +
        'version that wrote it, then upgrade that database',
    );
  const tables = b.tables as Record<string, unknown> | undefined;
  if (typeof tables !== 'object' || tables === null || Array.isArray(tables))
    throw new BackupError('tables must be an object with one array per table');
  for (const name of Object.keys(tables))
    if (!(BACKUP_TABLES as readonly string[]).includes(name)) throw new BackupError(`unknown table "${name}"`);
  for (const t of BACKUP_TABLES) {
    const rows = tables[t];
    if (!Array.isArray(rows)) throw new BackupError(`tables.${t} must be an array`);
    const cols = COLUMNS[t] as readonly string[];
    rows.forEach((row, i) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row))
        throw new BackupError(`tables.${t}[${i}] must be an object`);
      for (const k of Object.keys(row))
        if (!cols.includes(k)) throw new BackupError(`tables.${t}[${i}] has an unknown column "${k}"`);
      for (const c of cols) {
        const v = (row as Record<string, unknown>)[c];
        const ok =
          c === 'revision' || c === 'year'
            ? typeof v === 'number' && Number.isInteger(v) && v >= 1
            : typeof v === 'string' || (v === null && NULLABLE[`${t}.${c}`] === true);
        if (!ok) throw new BackupError(`tables.${t}[${i}].${c} has a wrong value: ${JSON.stringify(v)}`);
      }
    });
  }
  if (typeof b.createdAt !== 'string') throw new BackupError('createdAt must be a string');
  return b as unknown as Backup;
}

/** Reads and checks a backup file. Throws BackupError. */
export async function readBackupFile(file: string): Promise<Backup> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (e) {
    throw new BackupError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return decodeBackup(data);
}

const CHUNK = 200;

/**
 * Replaces the whole content of a migrated database with the backup's, in one transaction: either every row of
 * the backup is there afterwards, or (on any error) the database is as it was.
 */
export async function restoreBackup(db: Db, backup: Backup): Promise<{ rows: Record<TableName, number> }> {
  const checked = checkBackup(backup);
  const rows = {} as Record<TableName, number>;
  await db.transaction().execute(async (trx) => {
    for (const t of [...BACKUP_TABLES].reverse()) await trx.deleteFrom(t).execute();
    for (const t of BACKUP_TABLES) {
      const all = checked.tables[t] as unknown as Record<string, unknown>[];
      const cols = COLUMNS[t] as readonly string[];
      for (let i = 0; i < all.length; i += CHUNK) {
        const chunk = all.slice(i, i + CHUNK).map((r) => Object.fromEntries(cols.map((c) => [c, r[c]])));
        await trx
          .insertInto(t)
          .values(chunk as never)
          .execute();
      }
      rows[t] = all.length;
    }
  });
  return { rows };
}
