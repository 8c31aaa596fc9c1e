/**
 * Backup and restore of the whole database as one JSON document (gzip when the file name ends in `.gz`):
 * `{format: 'grdp-backup', schemaVersion, createdAt, tables: {scenarios, scenario_versions, actual_revisions,
 * indicator_actual_revisions, tokens, whatifs}}`. A backup written before scenario versions existed (no
 * `scenario_versions`) is restored with each scenario as its own version 1, as the migration does.
 * Every row is kept as stored (full actuals history, token hashes — never plain tokens). A backup is written
 * atomically (temp file, fsync, rename); a restore replaces the whole content in ONE transaction and refuses a
 * file from a newer schema than this build knows.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { isPeriod, parseScenarioObject, type Scenario, scenarioToFile, textProblem, VINTAGES } from '@grdp/engine';
import { MIGRATIONS } from '../migrations/index.ts';
import { isRole } from '../repositories/tokens.ts';
import type { Db } from './database.ts';
import type { Database } from './types.ts';

export const BACKUP_FORMAT = 'grdp-backup';

/** The tables in insert order (parents first); deleted in reverse. */
export const BACKUP_TABLES = [
  'scenarios',
  'scenario_versions',
  'actual_revisions',
  'indicator_actual_revisions',
  'tokens',
  'whatifs',
] as const;
type TableName = (typeof BACKUP_TABLES)[number];

/** The columns of each table, as a backup must carry them. */
const COLUMNS: { [T in TableName]: readonly (keyof Database[T])[] } = {
  scenarios: ['id', 'yaml', 'json', 'updated_at', 'updated_by', 'etag'],
  scenario_versions: [
    'scenario_id',
    'number',
    'yaml',
    'json',
    'label',
    'issued',
    'note',
    'parent',
    'author',
    'created_at',
  ],
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
    'period',
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
  'scenario_versions.label': true,
  'scenario_versions.issued': true,
  'scenario_versions.note': true,
  'scenario_versions.parent': true,
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
  scenario_versions: ['scenario_id', 'number'],
  actual_revisions: ['scenario_id', 'period', 'revision'],
  indicator_actual_revisions: ['scenario_id', 'indicator_id', 'year', 'period', 'revision'],
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
      if (t === 'scenario_versions')
        for (const r of rows) {
          r.number = Number(r.number);
          if (r.parent !== null) r.parent = Number(r.parent);
        }
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
  // Written before scenario versions: each scenario is its own version 1 (what migration 0002 does).
  if (tables.scenario_versions === undefined && Array.isArray(tables.scenarios))
    tables.scenario_versions = (tables.scenarios as Record<string, unknown>[]).map((r) => ({
      scenario_id: r?.id,
      number: 1,
      yaml: r?.yaml,
      json: r?.json,
      label: null,
      issued: null,
      note: null,
      parent: null,
      author: r?.updated_by,
      created_at: r?.updated_at,
    }));
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
          c === 'revision' || c === 'year' || c === 'number' || c === 'parent'
            ? (typeof v === 'number' && Number.isInteger(v) && v >= 1) || (v === null && NULLABLE[`${t}.${c}`] === true)
            : typeof v === 'string' || (v === null && NULLABLE[`${t}.${c}`] === true);
        if (!ok) throw new BackupError(`tables.${t}[${i}].${c} has a wrong value: ${JSON.stringify(v)}`);
      }
    });
  }
  if (typeof b.createdAt !== 'string') throw new BackupError('createdAt must be a string');
  checkContent(b as unknown as Backup);
  return b as unknown as Backup;
}

/** Largest backup file read (1 GiB); `/dev/zero` or a runaway file is refused before reading. */
export const MAX_BACKUP_BYTES = 2 ** 30;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ID = /^[\w.:-]{1,200}$/;

function jsonOf(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BackupError(`${where} is not JSON: ${(e as Error).message}`);
  }
}

function checkValues(text: string, where: string): void {
  const v = jsonOf(text, where);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new BackupError(`${where} must be a JSON object`);
  for (const [k, n] of Object.entries(v))
    if (typeof n !== 'number' || !Number.isFinite(n))
      throw new BackupError(`${where}.${k} must be a number, got ${JSON.stringify(n)}`);
}

/**
 * What the rows say, beyond their shape: text the one text rule allows, roles from the allow-list, ids, hashes,
 * timestamps, scenarios the engine reads, actual values and what-if bodies that are JSON, and references to
 * scenarios that exist. Whatever the server would later choke on (a 500 on GET) is refused here, before writing.
 */
function checkContent(backup: Backup): void {
  for (const t of BACKUP_TABLES)
    (backup.tables[t] as unknown as Record<string, unknown>[]).forEach((row, i) => {
      for (const [c, v] of Object.entries(row)) {
        const bad = typeof v === 'string' ? textProblem(v) : null;
        if (bad) throw new BackupError(`tables.${t}[${i}].${c}: ${bad.message}`);
        if (c.endsWith('_at') && typeof v === 'string' && !(ISO_TIME.test(v) && !Number.isNaN(Date.parse(v))))
          throw new BackupError(`tables.${t}[${i}].${c} is not an ISO timestamp: ${JSON.stringify(v)}`);
      }
    });
  const scenarioIds = new Set<string>();
  backup.tables.scenarios.forEach((r, i) => {
    const at = `tables.scenarios[${i}]`;
    if (!ID.test(r.id)) throw new BackupError(`${at}.id is not an id: ${JSON.stringify(r.id)}`);
    try {
      // The row holds the engine's parsed scenario; its file form is what the engine checks.
      const stored = jsonOf(r.json, `${at}.json`);
      if (typeof stored !== 'object' || stored === null || Array.isArray(stored))
        throw new BackupError(`${at}.json is not a valid scenario: not a JSON object`);
      const { scenario } = parseScenarioObject(scenarioToFile(stored as Scenario));
      if (scenario.id !== r.id) throw new BackupError(`${at}.json has id "${scenario.id}", the row "${r.id}"`);
    } catch (e) {
      if (e instanceof BackupError) throw e;
      throw new BackupError(`${at}.json is not a valid scenario: ${(e as Error).message}`);
    }
    scenarioIds.add(r.id);
  });
  const known = (id: string, at: string) => {
    if (!scenarioIds.has(id)) throw new BackupError(`${at}.scenario_id "${id}" is not a scenario of the backup`);
  };
  checkVersions(backup, known);
  backup.tables.actual_revisions.forEach((r, i) => {
    const at = `tables.actual_revisions[${i}]`;
    known(r.scenario_id, at);
    if (!isPeriod(r.period)) throw new BackupError(`${at}.period is not a period: ${JSON.stringify(r.period)}`);
    if (!(VINTAGES as readonly string[]).includes(r.vintage))
      throw new BackupError(`${at}.vintage is not a vintage: ${JSON.stringify(r.vintage)}`);
    checkValues(r.values_json, `${at}.values_json`);
    if (r.previous_values_json !== null) checkValues(r.previous_values_json, `${at}.previous_values_json`);
  });
  backup.tables.indicator_actual_revisions.forEach((r, i) => {
    const at = `tables.indicator_actual_revisions[${i}]`;
    known(r.scenario_id, at);
    if (!isPeriod(r.period)) throw new BackupError(`${at}.period is not a period: ${JSON.stringify(r.period)}`);
  });
  backup.tables.tokens.forEach((r, i) => {
    const at = `tables.tokens[${i}]`;
    if (!ID.test(r.id)) throw new BackupError(`${at}.id is not an id: ${JSON.stringify(r.id)}`);
    if (!isRole(r.role)) throw new BackupError(`${at}.role must be editor or admin, got ${JSON.stringify(r.role)}`);
    if (!/^[0-9a-f]{64}$/.test(r.hash)) throw new BackupError(`${at}.hash is not a sha256 hex digest`);
  });
  backup.tables.whatifs.forEach((r, i) => {
    const at = `tables.whatifs[${i}]`;
    if (!ID.test(r.id)) throw new BackupError(`${at}.id is not an id: ${JSON.stringify(r.id)}`);
    known(r.scenario_id, at);
    const body = jsonOf(r.body_json, `${at}.body_json`);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new BackupError(`${at}.body_json must be a JSON object`);
  });
}

/**
 * Scenario versions: each of a backup scenario, numbered 1, 2, 3… without gaps, each a valid scenario of that id,
 * adjusting only an earlier version of its own scenario, and the last one holding the scenario's current content.
 */
function checkVersions(backup: Backup, known: (id: string, at: string) => void): void {
  const byScenario = new Map<string, { number: number; yaml: string; json: string }[]>();
  backup.tables.scenario_versions.forEach((r, i) => {
    const at = `tables.scenario_versions[${i}]`;
    known(r.scenario_id, at);
    const list = byScenario.get(r.scenario_id) ?? [];
    if (r.number !== list.length + 1)
      throw new BackupError(
        `${at}.number is ${r.number}; the versions of "${r.scenario_id}" are numbered 1, 2, 3… in order, so ${list.length + 1} was expected`,
      );
    if (r.parent !== null && r.parent >= r.number)
      throw new BackupError(`${at}.parent ${r.parent} is not an earlier version of "${r.scenario_id}"`);
    if (r.issued !== null && !/^\d{4}-\d{2}-\d{2}$/.test(r.issued))
      throw new BackupError(`${at}.issued is not a date (YYYY-MM-DD): ${JSON.stringify(r.issued)}`);
    try {
      const stored = jsonOf(r.json, `${at}.json`);
      if (typeof stored !== 'object' || stored === null || Array.isArray(stored))
        throw new BackupError(`${at}.json is not a valid scenario: not a JSON object`);
      const { scenario } = parseScenarioObject(scenarioToFile(stored as Scenario));
      if (scenario.id !== r.scenario_id)
        throw new BackupError(`${at}.json has id "${scenario.id}", the row "${r.scenario_id}"`);
    } catch (e) {
      if (e instanceof BackupError) throw e;
      throw new BackupError(`${at}.json is not a valid scenario: ${(e as Error).message}`);
    }
    list.push({ number: r.number, yaml: r.yaml, json: r.json });
    byScenario.set(r.scenario_id, list);
  });
  backup.tables.scenarios.forEach((r, i) => {
    const last = byScenario.get(r.id)?.at(-1);
    if (!last) throw new BackupError(`tables.scenarios[${i}] ("${r.id}") has no version in tables.scenario_versions`);
    if (last.yaml !== r.yaml || last.json !== r.json)
      throw new BackupError(
        `tables.scenarios[${i}] ("${r.id}") differs from its last version (${last.number}), which is the current one`,
      );
  });
}

/** Reads and checks a backup file. Throws BackupError. */
export async function readBackupFile(file: string): Promise<Backup> {
  let data: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new BackupError(`${file} is not a regular file`);
    if (info.size > MAX_BACKUP_BYTES)
      throw new BackupError(`${file} is ${info.size} bytes; a backup is at most ${MAX_BACKUP_BYTES} bytes`);
    data = await readFile(file);
  } catch (e) {
    if (e instanceof BackupError) throw e;
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
