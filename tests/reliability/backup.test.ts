/**
 * Backup and restore (packages/api/src/db/backup.ts, `grdp backup FILE` / `grdp restore FILE`): a database with
 * its full history round-trips on SQLite and PostgreSQL (and across them); the file is written atomically; a
 * restore is one transaction (a failing row leaves the database as it was) and refuses a newer schema.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  type Backup,
  BackupError,
  backupToFile,
  createRepositories,
  type DatabaseHandle,
  latestSchemaVersion,
  migrate,
  openDatabase,
  readBackupFile,
  restoreBackup,
  runCli,
} from '@grdp/api';
import { AN_GIANG_YAML, anGiang, dump, freshSchema } from '@grdp/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, describePostgres } from './helpers.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'grdp-backup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function open(backend: Backend): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (backend === 'postgres') {
    const s = await freshSchema('grdp_backup');
    await migrate(s.handle);
    return { handle: s.handle, drop: s.drop };
  }
  const handle = openDatabase({ databaseUrl: ':memory:', dataDir: '' });
  await migrate(handle);
  return { handle, drop: () => handle.db.destroy() };
}

/**
 * A database with history: a scenario replaced once then adjusted (3 versions), 7 revisions over 3 periods,
 * what-ifs, a revoked token.
 */
async function fill(handle: DatabaseHandle): Promise<void> {
  const repos = createRepositories(handle.db);
  const first = await repos.scenarios.put(anGiang(), AN_GIANG_YAML, 'seed');
  const second = await repos.scenarios.put(anGiang(), `${AN_GIANG_YAML}\n# sửa lần 1\n`, 'Quản trị', [
    first.stored.etag,
  ]);
  const adjusted = { ...anGiang(), version: { label: 'adjusted-Q2', date: '2023-07-15', adjusts: 'initial' } };
  await repos.scenarios.put(adjusted, `${AN_GIANG_YAML}\n# điều chỉnh\n`, 'Phòng Tổng hợp', undefined, {
    parent: second.version,
    note: 'Điều chỉnh tháng 7',
  });
  for (const [period, values] of [
    ['Q1', [6.2, 6.25, 6.31]],
    ['Q2', [8.1, 8.3]],
    ['H1', [7.1, 7.2]],
  ] as const) {
    let etag: string | undefined;
    for (const [i, total] of values.entries()) {
      const r = await repos.actuals.put(
        'an-giang-2023',
        period,
        {
          values: { total, agriculture: 2 + i / 10 },
          vintage: i === 0 ? 'estimate' : 'revised',
          note: `lần ${i + 1} — “trích dẫn”`,
        },
        `Bàn ${i}`,
        etag ? [etag] : undefined,
      );
      etag = r.revision.etag;
    }
  }
  const exports = await repos.indicators.put(
    'an-giang-2023',
    'exports',
    2023,
    { value: 1150, vintage: 'estimate', published: '2023-12-31', source: 'Báo cáo năm' },
    'Bàn 0',
    undefined,
  );
  await repos.indicators.put('an-giang-2023', 'exports', 2023, { value: 1171.25, vintage: 'revised' }, 'Bàn 1', [
    exports.revision.etag,
  ]);
  await repos.whatifs.create('an-giang-2023', 'Quý IV chậm', { shocks: ['services:Q4:-1pp'] }, 'Phòng Tổng hợp');
  await repos.tokens.create('Phòng Tổng hợp', 'editor');
  const old = await repos.tokens.create('Cũ', 'admin');
  await repos.tokens.revoke(old.id);
}

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
};

function roundTrip(backend: Backend) {
  it(`${backend}: backup → restore into another database reproduces every row (JSON and gzip)`, async () => {
    const a = await open(backend);
    const b = await open(backend);
    try {
      await fill(a.handle);
      const original = await dump(a.handle.db);
      for (const name of ['full.json', 'full.json.gz']) {
        const file = join(dir, `${backend}-${name}`);
        const backup = await backupToFile(a.handle.db, file);
        expect(backup.tables.actual_revisions).toHaveLength(7);
        const raw = readFileSync(file);
        const doc = JSON.parse((name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')) as Backup;
        expect(doc).toMatchObject({ format: 'grdp-backup', schemaVersion: latestSchemaVersion() });
        expect(Number.isNaN(Date.parse(doc.createdAt))).toBe(false);
        expect(Object.keys(doc.tables).sort()).toEqual([
          'actual_revisions',
          'indicator_actual_revisions',
          'scenario_versions',
          'scenarios',
          'tokens',
          'whatifs',
        ]);
        // restore replaces whatever the target holds
        await createRepositories(b.handle.db).tokens.create('sẽ bị thay', 'admin');
        const { rows } = await restoreBackup(b.handle.db, await readBackupFile(file));
        expect(rows).toEqual({
          scenarios: 1,
          scenario_versions: 3,
          actual_revisions: 7,
          indicator_actual_revisions: 2,
          tokens: 2,
          whatifs: 1,
        });
        expect(await dump(b.handle.db)).toBe(original);
      }
      // the restored history still works: ETags match, the next revision is 4
      const repos = createRepositories(b.handle.db);
      const q1 = await repos.actuals.get('an-giang-2023', 'Q1');
      const next = await repos.actuals.put(
        'an-giang-2023',
        'Q1',
        { values: { total: 6.4 }, vintage: 'official' },
        'x',
        [q1!.etag],
      );
      expect(next.revision.revision).toBe(4);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      await a.drop();
      await b.drop();
    }
  });

  it(`${backend}: a restore that fails part-way changes nothing (one transaction)`, async () => {
    const a = await open(backend);
    try {
      await fill(a.handle);
      const before = await dump(a.handle.db);
      const backup = JSON.parse(before) as Backup['tables'];
      const bad: Backup = {
        format: 'grdp-backup',
        schemaVersion: latestSchemaVersion(),
        createdAt: new Date().toISOString(),
        tables: {
          ...backup,
          // the last table inserted has the same id twice: it passes the content checks and fails on insert
          whatifs: [backup.whatifs[0]!, { ...backup.whatifs[0]!, name: 'bản sao' }],
        },
      };
      await expect(restoreBackup(a.handle.db, bad)).rejects.toThrow();
      expect(await dump(a.handle.db)).toBe(before);
    } finally {
      await a.drop();
    }
  });
}

describe('backup and restore on SQLite', () => {
  roundTrip('sqlite');

  it('the CLI: grdp backup FILE and grdp restore FILE over DATA_DIR databases; a newer schema is refused', async () => {
    const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
    const from = join(dir, 'cli-from');
    const to = join(dir, 'cli-to');
    try {
      const src = openDatabase({ databaseUrl: '', dataDir: from });
      await migrate(src);
      await fill(src);
      const original = await dump(src.db);
      await src.db.destroy();
      process.env.DATABASE_URL = '';
      process.env.DATA_DIR = from;
      const file = join(dir, 'cli.json.gz');
      const b = io();
      expect(await runCli(['backup', file], b.io), b.err.join('\n')).toBe(0);
      expect(b.out.join('\n')).toMatch(/7 actual_revisions/);
      process.env.DATA_DIR = to;
      const r = io();
      expect(await runCli(['restore', file], r.io), r.err.join('\n')).toBe(0);
      const dst = openDatabase({ databaseUrl: '', dataDir: to });
      expect(await dump(dst.db)).toBe(original);
      await dst.db.destroy();

      // a file from a newer schema: exit 1, a clear message, nothing changed
      const newer = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as Backup;
      newer.schemaVersion = latestSchemaVersion() + 1;
      newer.tables.scenarios = [];
      const newerFile = join(dir, 'newer.json');
      writeFileSync(newerFile, JSON.stringify(newer));
      const n = io();
      expect(await runCli(['restore', newerFile], n.io)).toBe(1);
      expect(n.err.join('\n')).toMatch(/newer schema \(version \d+\) than this grdp knows \(version \d+\)/);
      const after = openDatabase({ databaseUrl: '', dataDir: to });
      expect(await dump(after.db)).toBe(original);
      await after.db.destroy();

      const u = io();
      expect(await runCli(['restore'], u.io)).toBe(1);
      expect(u.err.join('\n')).toMatch(/FILE is required/);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('a backup from before scenario versions restores each scenario as its version 1; broken versions are refused', async () => {
    const a = await open('sqlite');
    const b = await open('sqlite');
    try {
      await fill(a.handle);
      const backup = JSON.parse(JSON.stringify(await backupToFile(a.handle.db, join(dir, 'v.json')))) as Backup;
      const { scenario_versions: versions, ...older } = backup.tables;
      expect(versions.map((v) => [v.number, v.parent, v.label, v.note])).toEqual([
        [1, null, null, null],
        [2, null, null, null],
        [3, 2, 'adjusted-Q2', 'Điều chỉnh tháng 7'],
      ]);
      const { rows } = await restoreBackup(b.handle.db, { ...backup, tables: older as Backup['tables'] });
      expect(rows.scenario_versions).toBe(1);
      const list = await createRepositories(b.handle.db).scenarios.versions('an-giang-2023');
      expect(list?.map((v) => [v.number, v.author, v.current])).toEqual([[1, 'Phòng Tổng hợp', true]]);
      expect((await createRepositories(b.handle.db).scenarios.version('an-giang-2023', 1))?.yaml).toBe(
        backup.tables.scenarios[0]!.yaml,
      );

      const refused = async (tables: Partial<Backup['tables']>, message: RegExp) => {
        const before = await dump(b.handle.db);
        await expect(
          restoreBackup(b.handle.db, { ...backup, tables: { ...backup.tables, ...tables } }),
        ).rejects.toThrow(message);
        expect(await dump(b.handle.db)).toBe(before);
      };
      await refused({ scenario_versions: [versions[0]!, versions[2]!] }, /number is 3.*so 2 was expected/);
      await refused({ scenario_versions: versions.slice(0, 2) }, /differs from its last version \(2\)/);
      await refused(
        { scenario_versions: [versions[0]!, versions[1]!, { ...versions[2]!, parent: 3 }] },
        /parent 3 is not an earlier version/,
      );
      await refused(
        { scenario_versions: [...versions, { ...versions[2]!, scenario_id: 'nope', number: 1 }] },
        /scenario_versions\[3\]\.scenario_id "nope" is not a scenario/,
      );
      await refused(
        { scenario_versions: [versions[0]!, { ...versions[1]!, json: '{"id":"an-giang-2023"}' }, versions[2]!] },
        /scenario_versions\[1\]\.json is not a valid scenario/,
      );
    } finally {
      await a.drop();
      await b.drop();
    }
  });

  it.each([
    ['not JSON', Buffer.from('{nope'), /not a JSON backup/],
    ['another format', Buffer.from('{"format":"pg_dump"}'), /format must be "grdp-backup"/],
    ['a broken gzip', Buffer.from([0x1f, 0x8b, 1, 2, 3]), /not a readable gzip/],
    [
      'an unknown column',
      Buffer.from(
        JSON.stringify({
          format: 'grdp-backup',
          schemaVersion: latestSchemaVersion(),
          createdAt: 'x',
          tables: { scenarios: [{ id: 'a', evil: 1 }], actual_revisions: [], tokens: [], whatifs: [] },
        }),
      ),
      /unknown column "evil"/,
    ],
  ])('refuses %s with a message', async (_name, bytes, message) => {
    const file = join(dir, 'bad-input.json');
    writeFileSync(file, bytes);
    const e = await readBackupFile(file).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(BackupError);
    expect((e as Error).message).toMatch(message);
  });
});

describePostgres('backup and restore on PostgreSQL', () => {
  roundTrip('postgres');

  it('SQLite → PostgreSQL → SQLite keeps every row', async () => {
    const s = await open('sqlite');
    const p = await open('postgres');
    const s2 = await open('sqlite');
    try {
      await fill(s.handle);
      const original = await dump(s.handle.db);
      await restoreBackup(p.handle.db, await backupToFile(s.handle.db, join(dir, 'x1.json')));
      expect(await dump(p.handle.db)).toBe(original);
      await restoreBackup(s2.handle.db, await backupToFile(p.handle.db, join(dir, 'x2.json')));
      expect(await dump(s2.handle.db)).toBe(original);
    } finally {
      await s.drop();
      await p.drop();
      await s2.drop();
    }
  });
});
