/**
 * Indicator actuals on SQLite and PostgreSQL (a schema of its own, dropped afterwards; skipped with the reason
 * printed when the server is unreachable, unless REQUIRE_POSTGRES=1): revisions, If-Match, imports in one
 * transaction, backup of the table, and the scenario's deletion taking its revisions along.
 */

import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchema } from '../../test-support/databases.ts';
import { AN_GIANG_YAML, anGiang } from '../../test-support/helpers.ts';
import { postgresGate } from '../../test-support/postgres-gate.ts';
import { createBackup } from '../db/backup.ts';
import { type DatabaseHandle, migrate, openDatabase } from '../db/database.ts';
import { ApiError } from '../errors.ts';
import { MIGRATIONS } from '../migrations/index.ts';
import { createRepositories, type Repositories } from './index.ts';

const describePostgres = await postgresGate('indicator suites');

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e: unknown) => (e instanceof ApiError ? e.code : String(e)),
  );

function suite(open: () => Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }>) {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let repos: Repositories;
  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await migrate(handle);
    repos = createRepositories(handle.db);
    await repos.scenarios.put(anGiang(), AN_GIANG_YAML, 'seed');
  });
  afterAll(async () => cleanup?.());

  it('keeps every revision of a year with its previous value; a change needs the current ETag', async () => {
    const input = { value: 1100.5, vintage: 'estimate' as const, published: '2023-07-05', source: 'Báo cáo 6 tháng' };
    const first = await repos.indicators.put('an-giang-2023', 'exports', 2023, input, 'Phòng Tổng hợp', undefined);
    expect(first.created).toBe(true);
    expect(first.revision).toMatchObject({ revision: 1, value: 1100.5, previousValue: null, published: '2023-07-05' });
    expect(await codeOf(repos.indicators.put('an-giang-2023', 'exports', 2023, input, 'x', undefined))).toBe(
      'IF_MATCH_REQUIRED',
    );
    expect(await codeOf(repos.indicators.put('an-giang-2023', 'exports', 2023, input, 'x', ['"stale"']))).toBe(
      'STALE_ETAG',
    );
    const second = await repos.indicators.put(
      'an-giang-2023',
      'exports',
      2023,
      { value: 1180, vintage: 'revised' },
      'Cục Thống kê',
      [first.revision.etag],
    );
    expect(second.revision).toMatchObject({ revision: 2, value: 1180, previousValue: 1100.5, author: 'Cục Thống kê' });
    const history = await repos.indicators.history('an-giang-2023', 'exports', 2023);
    expect(history.map((r) => r.value)).toEqual([1100.5, 1180]);
    expect((await repos.indicators.current('an-giang-2023')).map((r) => [r.indicatorId, r.value])).toEqual([
      ['exports', 1180],
    ]);
  });

  it('refuses an indicator the scenario does not have, and imports all or nothing', async () => {
    const input = { value: 1, vintage: 'estimate' as const };
    expect(await codeOf(repos.indicators.put('an-giang-2023', 'no-such', 2023, input, 'x', undefined))).toBe(
      'NOT_FOUND',
    );
    expect(
      await codeOf(
        repos.indicators.importRevisions(
          'an-giang-2023',
          [
            { indicatorId: 'urbanisation', year: 2023, input: { value: 42.3, vintage: 'estimate' } },
            { indicatorId: 'no-such', year: 2023, input },
          ],
          'x',
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(await repos.indicators.get('an-giang-2023', 'urbanisation', 2023)).toBeUndefined();
    const done = await repos.indicators.importRevisions(
      'an-giang-2023',
      [
        { indicatorId: 'urbanisation', year: 2023, input: { value: 42.3, vintage: 'estimate' } },
        { indicatorId: 'exports', year: 2023, input: { value: 1200, vintage: 'official' } },
      ],
      'Nhập tệp',
    );
    expect(done.map((r) => [r.indicatorId, r.revision?.revision])).toEqual([
      ['urbanisation', 1],
      ['exports', 3],
    ]);
  });

  it('an import dry run writes nothing; a figure left as it is gets no revision', async () => {
    const entries = [
      { indicatorId: 'urbanisation', year: 2023, input: { value: 42.3, vintage: 'estimate' as const } },
      { indicatorId: 'exports', year: 2023, input: { value: 1210, vintage: 'official' as const } },
    ];
    const dry = await repos.indicators.importRevisions('an-giang-2023', entries, 'x', { dryRun: true });
    expect(dry.map((r) => [r.indicatorId, r.before, r.after, r.unchanged, r.revision])).toEqual([
      ['urbanisation', 42.3, 42.3, true, null],
      ['exports', 1200, 1210, false, null],
    ]);
    expect((await repos.indicators.history('an-giang-2023', 'exports', 2023)).map((r) => r.value)).toEqual([
      1100.5, 1180, 1200,
    ]);
    const done = await repos.indicators.importRevisions('an-giang-2023', entries, 'x');
    expect(done.map((r) => r.revision?.revision ?? null)).toEqual([null, 4]);
    const again = await repos.indicators.importRevisions('an-giang-2023', entries, 'x');
    expect(again.every((r) => r.unchanged && r.revision === null)).toBe(true);
  });

  it('keeps quarterly and cumulative figures per period, each with its own revisions and ETag', async () => {
    const q1 = await repos.indicators.put(
      'an-giang-2023',
      'budget-revenue',
      2024,
      { value: 1700, vintage: 'estimate' },
      'x',
      undefined,
      'Q1',
    );
    expect(q1).toMatchObject({ created: true, revision: { period: 'Q1', revision: 1 } });
    const h1 = await repos.indicators.put(
      'an-giang-2023',
      'budget-revenue',
      2024,
      { value: 3300, vintage: 'estimate' },
      'x',
      undefined,
      'H1',
    );
    expect(h1.created).toBe(true);
    expect(h1.revision.etag).not.toBe(q1.revision.etag);
    expect(
      await codeOf(
        repos.indicators.put(
          'an-giang-2023',
          'budget-revenue',
          2024,
          { value: 1, vintage: 'revised' },
          'x',
          [h1.revision.etag],
          'Q1',
        ),
      ),
    ).toBe('STALE_ETAG');
    expect(await repos.indicators.get('an-giang-2023', 'budget-revenue', 2024)).toBeUndefined();
    expect((await repos.indicators.history('an-giang-2023', 'budget-revenue', 2024, 'H1')).map((r) => r.value)).toEqual(
      [3300],
    );
    const imported = await repos.indicators.importRevisions(
      'an-giang-2023',
      [
        { indicatorId: 'budget-revenue', year: 2024, period: 'H1', input: { value: 3300, vintage: 'estimate' } },
        { indicatorId: 'budget-revenue', year: 2024, period: '9M', input: { value: 5000, vintage: 'estimate' } },
      ],
      'x',
    );
    expect(imported.map((r) => [r.period, r.before, r.unchanged])).toEqual([
      ['H1', 3300, true],
      ['9M', null, false],
    ]);
    const current = (await repos.indicators.current('an-giang-2023')).filter((r) => r.indicatorId === 'budget-revenue');
    expect(current.map((r) => `${r.year} ${r.period} ${r.value}`).sort()).toEqual([
      '2024 9M 5000',
      '2024 H1 3300',
      '2024 Q1 1700',
    ]);
  });

  it('is in the backup, and goes with its scenario', async () => {
    const backup = await createBackup(handle.db);
    expect(backup.tables.indicator_actual_revisions).toHaveLength(8);
    expect(backup.tables.indicator_actual_revisions[0]).toMatchObject({ year: 2024, period: '9M', revision: 1 });
    expect(backup.tables.indicator_actual_revisions.find((r) => r.indicator_id === 'exports')).toMatchObject({
      year: 2023,
      period: 'FY',
      revision: 1,
    });
    expect(await repos.scenarios.delete('an-giang-2023')).toBe(true);
    expect(await repos.indicators.current('an-giang-2023')).toEqual([]);
  });
}

/** 0003's year figures, upgraded by 0004: each becomes the FY figure, its revisions and ETag unchanged. */
function upgradeSuite(open: () => Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }>) {
  it('0004 turns the stored year figures into FY figures, keeping revisions and ETags', async () => {
    const { handle, cleanup } = await open();
    try {
      const migrator = new Migrator({
        db: handle.db,
        provider: { getMigrations: async () => MIGRATIONS },
        ...(handle.kind === 'postgres' ? { migrationTableSchema: handle.schema } : {}),
      });
      expect((await migrator.migrateTo('0003_indicator_actuals')).error).toBeUndefined();
      const repos = createRepositories(handle.db);
      await handle.db
        .insertInto('scenarios')
        .values({
          id: 'an-giang-2023',
          yaml: AN_GIANG_YAML,
          json: JSON.stringify(anGiang()),
          updated_at: '2024-01-01T00:00:00.000Z',
          updated_by: 'seed',
          etag: '"x"',
        })
        .execute();
      const row = {
        scenario_id: 'an-giang-2023',
        indicator_id: 'exports',
        year: 2023,
        vintage: 'estimate',
        published: null,
        source: 'Báo cáo',
        note: null,
        author: 'a',
        created_at: '2024-01-05T00:00:00.000Z',
      };
      await (handle.db as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>)
        .insertInto('indicator_actual_revisions')
        .values([
          { ...row, revision: 1, value: '1100', previous_value: null },
          { ...row, revision: 2, value: '1180', previous_value: '1100', created_at: '2024-02-05T00:00:00.000Z' },
        ])
        .execute();
      await migrate(handle);
      const history = await repos.indicators.history('an-giang-2023', 'exports', 2023);
      expect(history.map((r) => [r.period, r.revision, r.value, r.previousValue])).toEqual([
        ['FY', 1, 1100, null],
        ['FY', 2, 1180, 1100],
      ]);
      // The ETag a client read before the upgrade still matches: the next edit goes through.
      const { createHash } = await import('node:crypto');
      const etag = `"${createHash('sha256').update(['an-giang-2023', 'exports', '2023', 2, '2024-02-05T00:00:00.000Z'].join('\u0000')).digest('base64url').slice(0, 22)}"`;
      expect(history[1]!.etag).toBe(etag);
      const next = await repos.indicators.put(
        'an-giang-2023',
        'exports',
        2023,
        { value: 1190, vintage: 'official' },
        'b',
        [etag],
      );
      expect(next.revision).toMatchObject({ period: 'FY', revision: 3, previousValue: 1180 });
    } finally {
      await cleanup();
    }
  });
}

describe('0004 upgrade on SQLite', () => {
  upgradeSuite(async () => {
    const handle = openDatabase({ databaseUrl: ':memory:', dataDir: '' });
    return { handle, cleanup: () => handle.db.destroy() };
  });
});

describePostgres('0004 upgrade on PostgreSQL', () => {
  upgradeSuite(async () => {
    const { handle, drop } = await freshSchema('grdp_up');
    return { handle, cleanup: drop };
  });
});

describe('indicator actuals on SQLite', () => {
  suite(async () => {
    const handle = openDatabase({ databaseUrl: ':memory:', dataDir: '' });
    return { handle, cleanup: () => handle.db.destroy() };
  });
});

describePostgres('indicator actuals on PostgreSQL', () => {
  suite(async () => {
    const { handle, drop } = await freshSchema('grdp_ind');
    return { handle, cleanup: drop };
  });
});
