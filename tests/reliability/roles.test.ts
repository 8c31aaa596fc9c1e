/**
 * Roles fail closed and restore checks what it writes. Before: a token whose stored role was `superuser` (a
 * tampered backup) created an admin token; `restore` took any role text and any content (a scenario row of
 * `"not json"` restored with exit 0, then GET /api/scenarios answered 500), and `restore /dev/zero` hung.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Backup,
  createBackup,
  createRepositories,
  migrate,
  openDatabase,
  readBackupFile,
  runCli,
} from '@grdp/api';
import { AN_GIANG_YAML, anGiang, dump } from '@grdp/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, describePostgres, makeBackendApp } from './helpers.ts';

function unknownRoleFailsClosed(backend: Backend) {
  it(`${backend}: a token whose stored role is "superuser" has no access and cannot create an admin token`, async () => {
    const t = await makeBackendApp(backend);
    try {
      const made = await t.repos.tokens.create('kẻ giả mạo', 'admin');
      await t.handle.db.updateTable('tokens').set({ role: 'superuser' }).where('id', '=', made.id).execute();
      const r = await t.as(made.token, {
        method: 'POST',
        url: '/api/tokens',
        payload: { name: 'cửa sau', role: 'admin' },
      });
      expect(r.statusCode).toBe(401);
      const write = await t.as(made.token, { method: 'DELETE', url: '/api/scenarios/an-giang-2023' });
      expect(write.statusCode).toBe(401);
      expect((await t.repos.tokens.list()).filter((x) => x.name === 'cửa sau')).toEqual([]);
      // The admin sees it for what it is, to revoke it.
      const list = await t.as(t.admin, { url: '/api/tokens' });
      expect(list.statusCode).toBe(200);
      expect(list.json().tokens.find((x: { id: string }) => x.id === made.id)).toMatchObject({ role: 'unknown' });
    } finally {
      await t.close();
    }
  });
}

describe('roles fail closed', () => {
  unknownRoleFailsClosed('sqlite');
});
describePostgres('roles fail closed on PostgreSQL', () => {
  unknownRoleFailsClosed('postgres');
});

describe('restore checks the whole backup before writing', () => {
  let dir: string;
  let good: Backup;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'grdp-roles-'));
    const h = openDatabase({ databaseUrl: ':memory:', dataDir: '' });
    await migrate(h);
    const repos = createRepositories(h.db);
    await repos.scenarios.put(anGiang(), AN_GIANG_YAML, 'seed');
    await repos.tokens.create('Quản trị', 'admin');
    await repos.actuals.put('an-giang-2023', 'Q1', { values: { total: 6.2 }, vintage: 'estimate' }, 'Bàn 1', undefined);
    good = await createBackup(h.db);
    await h.db.destroy();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const tamper = (f: (b: Backup) => void): Backup => {
    const b = structuredClone(good);
    f(b);
    return b;
  };
  const cases: [string, () => Backup, RegExp][] = [
    [
      'a role this code does not know',
      () => tamper((b) => (b.tables.tokens[0]!.role = 'superuser')),
      /role must be editor or admin, got "superuser"/,
    ],
    [
      'a scenario whose JSON is "not json"',
      () => tamper((b) => (b.tables.scenarios[0]!.json = '"not json"')),
      /tables\.scenarios\[0\]\.json is not a valid scenario/,
    ],
    [
      'a scenario whose JSON does not parse',
      () => tamper((b) => (b.tables.scenarios[0]!.json = 'not json')),
      /tables\.scenarios\[0\]\.json is not JSON/,
    ],
    [
      'a NUL in a note',
      () => tamper((b) => (b.tables.actual_revisions[0]!.note = 'a\u0000b')),
      /actual_revisions\[0\]\.note: a NUL character/,
    ],
    [
      'values that are not numbers',
      () => tamper((b) => (b.tables.actual_revisions[0]!.values_json = '{"total":"7"}')),
      /values_json\.total must be a number/,
    ],
    ['an unknown period', () => tamper((b) => (b.tables.actual_revisions[0]!.period = 'Q5')), /period is not a period/],
    ['a hash that is not sha256', () => tamper((b) => (b.tables.tokens[0]!.hash = 'abc')), /hash is not a sha256/],
    [
      'a timestamp that is not one',
      () => tamper((b) => (b.tables.tokens[0]!.created_at = 'hôm qua')),
      /created_at is not an ISO timestamp/,
    ],
    [
      'an actual of a scenario not in the backup',
      () => tamper((b) => (b.tables.actual_revisions[0]!.scenario_id = 'khong-co')),
      /is not a scenario of the backup/,
    ],
  ];

  it.each(cases)(
    'grdp restore refuses %s: exit 1, a message without a stack, nothing changed',
    async (_n, make, message) => {
      const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
      const dataDir = join(dir, `db-${Math.random().toString(36).slice(2)}`);
      try {
        const h = openDatabase({ databaseUrl: '', dataDir });
        await migrate(h);
        await createRepositories(h.db).scenarios.put(anGiang(), AN_GIANG_YAML, 'trước');
        const before = await dump(h.db);
        await h.db.destroy();
        const file = join(dir, 'tampered.json');
        writeFileSync(file, JSON.stringify(make()));
        process.env.DATABASE_URL = '';
        process.env.DATA_DIR = dataDir;
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(['restore', file], { out: (t) => out.push(t), err: (t) => err.push(t) });
        expect(code).toBe(1);
        expect(err.join('\n')).toMatch(message);
        expect(err.join('\n')).not.toMatch(/\n\s+at /);
        const after = openDatabase({ databaseUrl: '', dataDir });
        expect(await dump(after.db)).toBe(before);
        await after.db.destroy();
      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
    },
  );

  it('the untampered backup passes the same checks', async () => {
    const file = join(dir, 'good.json');
    writeFileSync(file, JSON.stringify(good));
    expect((await readBackupFile(file)).tables.tokens).toHaveLength(1);
  });

  it('restore /dev/zero is refused at once instead of reading forever', async () => {
    await expect(readBackupFile('/dev/zero')).rejects.toThrow(/not a regular file/);
  });
});
