/**
 * Storage failures said plainly (issue 15). Before: a full disk answered 500 (the log said "cannot rollback - no
 * transaction is active", SQLite's own rollback hiding SQLITE_FULL); a read-only DATA_DIR stopped the start with
 * a stack; and with the data directory deleted under the running server, writes answered 201 and were lost on
 * restart while /healthz stayed 200.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@grdp/api';
import { dump, fillSqlite, makeApp, pgQuery, type TestApp } from '@grdp/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, describePostgres, makeBackendApp, SCEN } from './helpers.ts';
import { kill9, startServer } from './server.ts';

/** Root ignores file modes: the child runs as `nobody` then, so a read-only directory is read-only to it. */
const NOBODY = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

const putActual = (t: TestApp, period: string, ifMatch?: string) =>
  t.as(t.editor, {
    method: 'PUT',
    url: `${SCEN}/actuals/${period}`,
    headers: ifMatch ? { 'if-match': ifMatch } : {},
    payload: { values: { total: 7.1 }, vintage: 'estimate', note: 'ghi chú '.repeat(200) },
  });

/** Writes (new periods, then revisions) until one is refused; that refusal and the data just before it. */
async function writeUntilRefused(t: TestApp) {
  for (let i = 0; i < 100; i++) {
    const before = await dump(t.handle.db);
    const r = await putActual(t, `Q${(i % 4) + 1}`, i < 4 ? undefined : '*');
    if (r.statusCode >= 300) return { r, before };
  }
  throw new Error('100 writes were all accepted');
}

describe('a full disk (SQLite: PRAGMA max_page_count)', () => {
  it('answers 507 STORAGE_FULL saying the disk is full, stores nothing, and reads go on', async () => {
    const t = await makeApp();
    try {
      await fillSqlite(t.handle);
      const { r, before } = await writeUntilRefused(t);
      expect(r.statusCode, r.body).toBe(507);
      expect(r.json()).toMatchObject({ code: 'STORAGE_FULL' });
      expect(r.json().message).toMatch(/disk .*is full/);
      expect(r.body).not.toMatch(/rollback/i);
      expect(await dump(t.handle.db)).toBe(before);
      expect((await t.app.inject({ url: `${SCEN}/actuals` })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

function postgresDiskFull(backend: Backend) {
  it(`${backend}: SQLSTATE 53100 (disk_full) from the server answers 507 STORAGE_FULL, nothing stored`, async () => {
    const t = await makeBackendApp(backend);
    try {
      const s = t.handle.schema!;
      // PostgreSQL raises disk_full when it cannot extend a file; a trigger raises the same SQLSTATE on demand.
      await pgQuery(`create function ${s}.no_space() returns trigger language plpgsql as $$
        begin raise exception 'could not extend file: No space left on device' using errcode = 'disk_full'; end $$`);
      await pgQuery(
        `create trigger no_space before insert on ${s}.actual_revisions for each row execute function ${s}.no_space()`,
      );
      const before = await dump(t.handle.db);
      const r = await putActual(t, 'Q1');
      expect(r.statusCode, r.body).toBe(507);
      expect(r.json()).toMatchObject({ code: 'STORAGE_FULL' });
      expect(r.json().message).toMatch(/disk .*is full/);
      expect(await dump(t.handle.db)).toBe(before);
    } finally {
      await t.close();
    }
  });
}
describePostgres('a full disk on PostgreSQL', () => postgresDiskFull('postgres'));

describe('the SQLite file deleted or replaced under the running server', () => {
  let dir: string;
  let t: TestApp;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'grdp-storage-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('deleted data directory: /healthz 503 and writes 503, both naming the file; no write is acknowledged', async () => {
    const data = join(dir, 'deleted');
    t = await makeApp({}, { dataDir: data });
    try {
      expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
      expect((await putActual(t, 'Q1')).statusCode).toBe(201);
      rmSync(data, { recursive: true });
      const health = await t.app.inject({ url: '/healthz' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
      expect(health.json().message).toContain(join(data, 'grdp.sqlite'));
      const write = await putActual(t, 'Q2');
      expect(write.statusCode, write.body).toBe(503);
      expect(write.json()).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
      expect(write.json().message).toContain(join(data, 'grdp.sqlite'));
      const token = await t.as(t.admin, { method: 'POST', url: '/api/tokens', payload: { name: 'x', role: 'editor' } });
      expect(token.statusCode).toBe(503);
    } finally {
      await t.close();
    }
  });

  it('replaced file (another inode at the path): /healthz 503 and writes 503 saying it was replaced', async () => {
    const data = join(dir, 'replaced');
    t = await makeApp({}, { dataDir: data });
    try {
      const file = join(data, 'grdp.sqlite');
      copyFileSync(file, `${file}.copy`);
      unlinkSync(file);
      copyFileSync(`${file}.copy`, file);
      const health = await t.app.inject({ url: '/healthz' });
      expect(health.statusCode).toBe(503);
      expect(health.json().message).toMatch(/replaced/);
      const write = await putActual(t, 'Q1');
      expect(write.statusCode, write.body).toBe(503);
      expect(write.json().message).toContain(file);
    } finally {
      await t.close();
    }
  });
});

describe('the data directory at start, and made read-only while running (real server, own process)', () => {
  const start = (dataDir: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'packages/api/src/server.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, HOME: tmpdir(), DATA_DIR: dataDir, PORT: '1', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 60_000,
      ...NOBODY,
    });
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'grdp-datadir-'));
    chmodSync(dir, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a read-only DATA_DIR, one that cannot be created, and one under a file: exit 1, the path named, no stack', () => {
    const readOnly = join(dir, 'read-only');
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    rmSync(readOnly, { force: true, recursive: true });
    spawnSync('mkdir', ['-m', '555', readOnly]);
    for (const [dataDir, why] of [
      [readOnly, /is not writable: EACCES/],
      [join(readOnly, 'sub'), /does not exist and cannot be created: EACCES/],
      [join(file, 'data'), /cannot be created: ENOTDIR/],
    ] as const) {
      const r = start(dataDir);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toContain(`DATA_DIR: the data directory ${dataDir}`);
      expect(r.stderr).toMatch(why);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('/healthz answers 503 naming the file when the database is made read-only under the server', async () => {
    const data = join(dir, 'writable');
    spawnSync('mkdir', ['-m', '700', data]);
    if (NOBODY.uid !== undefined) chownSync(data, NOBODY.uid, NOBODY.gid!);
    const s = await startServer(
      { DATA_DIR: data, HOME: tmpdir() },
      join(REPO_ROOT, 'tests/reliability/api-only.ts'),
      NOBODY,
    );
    try {
      chmodSync(join(data, 'grdp.sqlite'), 0o400);
      chmodSync(data, 0o500);
      const r = await fetch(`${s.base}/healthz`);
      expect(r.status).toBe(503);
      const body = (await r.json()) as { code: string; message: string };
      expect(body.code).toBe('STORAGE_UNAVAILABLE');
      expect(body.message).toContain(join(data, 'grdp.sqlite'));
      expect(body.message).toMatch(/not writable/);
    } finally {
      chmodSync(data, 0o700);
      await kill9(s);
    }
  }, 90_000);
});
