/**
 * The same storage suite against SQLite and PostgreSQL. PostgreSQL: postgres://postgres@127.0.0.1:5432/test (or
 * TEST_DATABASE_URL), in a schema of its own that is dropped afterwards. If the server is unreachable the suite is
 * skipped with the reason printed, unless REQUIRE_POSTGRES=1.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_URL } from '../../test-support/databases.ts';
import { AN_GIANG_YAML, anGiang } from '../../test-support/helpers.ts';
import { postgresGate } from '../../test-support/postgres-gate.ts';
import { type DatabaseHandle, migrate, openDatabase } from '../db/database.ts';
import { ApiError } from '../errors.ts';
import { createRepositories, type Repositories } from './index.ts';

const describePostgres = await postgresGate('storage suite');

const expectCode = async (p: Promise<unknown>, code: string) => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  expect((e as ApiError).code).toBe(code);
};

function storageSuite(open: () => Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }>) {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let repos: Repositories;

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await migrate(handle);
    await migrate(handle); // idempotent
    repos = createRepositories(handle.db);
  });
  afterAll(async () => cleanup?.());

  it('stores, lists and replaces a scenario with a new ETag', async () => {
    const { stored, created } = await repos.scenarios.put(anGiang(), AN_GIANG_YAML, 'seed');
    expect(created).toBe(true);
    expect((await repos.scenarios.get('an-giang-2023'))?.yaml).toBe(AN_GIANG_YAML);
    expect((await repos.scenarios.list()).map((s) => s.id)).toEqual(['an-giang-2023']);
    await expectCode(repos.scenarios.put(anGiang(), AN_GIANG_YAML, 'x', ['"stale"']), 'STALE_ETAG');
    const again = await repos.scenarios.put(anGiang(), `${AN_GIANG_YAML}\n# edited`, 'Quản trị', [stored.etag]);
    expect(again.created).toBe(false);
    expect(again.stored.etag).not.toBe(stored.etag);
    expect((await repos.scenarios.get('an-giang-2023'))?.updatedBy).toBe('Quản trị');
  });

  it('keeps every actual revision with author, note and previous values', async () => {
    const first = await repos.actuals.put(
      'an-giang-2023',
      'Q1',
      { values: { total: 6.2 }, vintage: 'estimate' },
      'A',
      undefined,
    );
    expect(first.created).toBe(true);
    expect(first.revision.revision).toBe(1);
    await expectCode(
      repos.actuals.put('an-giang-2023', 'Q1', { values: { total: 6.3 }, vintage: 'revised' }, 'B', undefined),
      'IF_MATCH_REQUIRED',
    );
    await expectCode(
      repos.actuals.put('an-giang-2023', 'Q1', { values: { total: 6.3 }, vintage: 'revised' }, 'B', ['"nope"']),
      'STALE_ETAG',
    );
    const second = await repos.actuals.put(
      'an-giang-2023',
      'Q1',
      { values: { total: 6.31, agriculture: 2.1 }, vintage: 'revised', note: 'Cục Thống kê, bản sửa' },
      'B',
      [first.revision.etag],
    );
    expect(second.revision).toMatchObject({ revision: 2, author: 'B', previousValues: { total: 6.2 } });
    const history = await repos.actuals.history('an-giang-2023', 'Q1');
    expect(history.map((h) => [h.revision, h.author, h.values.total])).toEqual([
      [1, 'A', 6.2],
      [2, 'B', 6.31],
    ]);
    expect(history[1]?.note).toBe('Cục Thống kê, bản sửa');
    expect((await repos.actuals.get('an-giang-2023', 'Q1'))?.etag).toBe(second.revision.etag);
  });

  it('refuses unknown sectors and missing scenarios without writing', async () => {
    await expectCode(
      repos.actuals.put('an-giang-2023', 'Q2', { values: { mining: 1 }, vintage: 'estimate' }, 'A', undefined),
      'INPUT_UNKNOWN_SECTOR',
    );
    await expectCode(
      repos.actuals.put('nope', 'Q2', { values: { total: 1 }, vintage: 'estimate' }, 'A', undefined),
      'NOT_FOUND',
    );
    expect(await repos.actuals.get('an-giang-2023', 'Q2')).toBeUndefined();
  });

  it('overlays entered actuals on the file in the effective scenario', async () => {
    await repos.actuals.put('an-giang-2023', 'H1', { values: { total: 7.1 }, vintage: 'official' }, 'C', undefined);
    const s = await repos.scenarios.effectiveScenario('an-giang-2023');
    const byPeriod = Object.fromEntries(s!.actuals.map((a) => [a.period, a.values.total]));
    expect(byPeriod).toEqual({ Q1: 6.31, H1: 7.1, FY: 7.36 });
    expect((await repos.actuals.current('an-giang-2023')).map((a) => a.period)).toEqual(['Q1', 'H1']);
    expect(await repos.scenarios.effectiveScenario('nope')).toBeUndefined();
  });

  it('lets one of two concurrent writers with the same ETag win', async () => {
    const current = await repos.actuals.get('an-giang-2023', 'H1');
    const results = await Promise.allSettled(
      [7.2, 7.3].map((v) =>
        repos.actuals.put('an-giang-2023', 'H1', { values: { total: v }, vintage: 'official' }, 'D', [current!.etag]),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((failed.reason as ApiError).code).toBe('STALE_ETAG');
    expect((await repos.actuals.history('an-giang-2023', 'H1')).length).toBe(2);
  });

  it('creates, verifies and revokes tokens stored only as hashes', async () => {
    const t = await repos.tokens.create('Phòng Tổng hợp', 'editor');
    expect(t.token).toMatch(/^grdp_[A-Za-z0-9_-]{43}$/);
    expect((await repos.tokens.verify(t.token))?.name).toBe('Phòng Tổng hợp');
    expect(await repos.tokens.verify(`${t.token}x`)).toBeUndefined();
    const raw = await handle.db.selectFrom('tokens').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(raw)).not.toContain(t.token.slice(5));
    expect(raw.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await repos.tokens.revoke(t.id)).toBe(true);
    expect(await repos.tokens.revoke(t.id)).toBe(false);
    expect(await repos.tokens.verify(t.token)).toBeUndefined();
    expect((await repos.tokens.list()).find((x) => x.id === t.id)?.revokedAt).not.toBeNull();
  });

  it('saves what-ifs and deletes a scenario with everything that hangs on it', async () => {
    const w = await repos.whatifs.create('an-giang-2023', 'Q4 chậm', { q4: { services: 8 } }, 'E');
    expect((await repos.whatifs.list('an-giang-2023')).map((x) => [x.name, x.author, x.body])).toEqual([
      ['Q4 chậm', 'E', { q4: { services: 8 } }],
    ]);
    expect((await repos.whatifs.get('an-giang-2023', w.id))?.id).toBe(w.id);
    expect(await repos.scenarios.delete('an-giang-2023')).toBe(true);
    expect(await repos.scenarios.delete('an-giang-2023')).toBe(false);
    expect(await repos.actuals.history('an-giang-2023', 'Q1')).toEqual([]);
    expect(await repos.whatifs.list('an-giang-2023')).toEqual([]);
  });
}

describe('storage on SQLite', () => {
  storageSuite(async () => {
    const handle = openDatabase({ databaseUrl: ':memory:', dataDir: '' });
    return { handle, cleanup: () => handle.db.destroy() };
  });
});

describePostgres('storage on PostgreSQL', () => {
  storageSuite(async () => {
    const schema = `grdp_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const handle = openDatabase({ databaseUrl: PG_URL, dataDir: '', schema });
    return {
      handle,
      cleanup: async () => {
        await handle.db.destroy();
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
      },
    };
  });
});
