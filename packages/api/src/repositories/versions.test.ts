/**
 * Scenario versions on SQLite and PostgreSQL: creating and replacing a scenario stores a version, saving an
 * adjusted one stores a version linked to its parent and makes it current, and a database migrated to 0001 and
 * 0003 before 0002 existed upgrades (its scenarios become their version 1).
 */
import { type Kysely, Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { freshSchema, postgresProblem } from '../../test-support/databases.ts';
import { AN_GIANG_YAML, anGiang } from '../../test-support/helpers.ts';
import { type DatabaseHandle, migrate, openDatabase } from '../db/database.ts';
import type { ApiError } from '../errors.ts';
import * as m0001 from '../migrations/0001_initial.ts';
import * as m0003 from '../migrations/0003_indicator_actuals.ts';
import { createRepositories } from './index.ts';

const pgProblem = await postgresProblem();
if (pgProblem) console.warn(`PostgreSQL versions suite skipped: ${pgProblem}`);

type Backend = 'sqlite' | 'postgres';
const backends: Backend[] = pgProblem && process.env.REQUIRE_POSTGRES !== '1' ? ['sqlite'] : ['sqlite', 'postgres'];

let drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of drops) await d();
  drops = [];
});

async function open(backend: Backend): Promise<DatabaseHandle> {
  if (backend === 'postgres') {
    const s = await freshSchema('grdp_versions');
    drops.push(s.drop);
    return s.handle;
  }
  const handle = openDatabase({ databaseUrl: ':memory:', dataDir: '' });
  drops.push(() => handle.db.destroy());
  return handle;
}

describe.each(backends)('scenario versions on %s', (backend) => {
  it('stores a version per new content, links an adjusted one to its parent and makes it current', async () => {
    const handle = await open(backend);
    await migrate(handle);
    const repos = createRepositories(handle.db);
    const first = await repos.scenarios.put(anGiang(), AN_GIANG_YAML, 'seed');
    expect(first.version).toBe(1);
    // the same content again is not a new version
    const same = await repos.scenarios.put(anGiang(), AN_GIANG_YAML, 'seed');
    expect(same.version).toBe(1);
    const replaced = await repos.scenarios.put(anGiang(), `${AN_GIANG_YAML}\n# sửa\n`, 'Quản trị');
    expect(replaced.version).toBe(2);

    const adjusted = {
      ...anGiang(),
      version: { label: 'adjusted-Q2', date: '2023-07-15', note: 'trong tệp', adjusts: 'initial' },
    };
    const saved = await repos.scenarios.put(adjusted, '# điều chỉnh\n', 'Phòng Tổng hợp', undefined, {
      parent: 2,
      note: 'Điều chỉnh tháng 7',
    });
    expect(saved.version).toBe(3);
    // the adjusted content is what tracking and computations read now
    expect((await repos.scenarios.get('an-giang-2023'))?.yaml).toBe('# điều chỉnh\n');
    expect((await repos.scenarios.effectiveScenario('an-giang-2023'))?.version?.label).toBe('adjusted-Q2');

    const list = await repos.scenarios.versions('an-giang-2023');
    expect(list?.map((v) => [v.number, v.author, v.label, v.date, v.note, v.parent, v.current])).toEqual([
      [1, 'seed', null, null, null, null, false],
      [2, 'Quản trị', null, null, null, null, false],
      [3, 'Phòng Tổng hợp', 'adjusted-Q2', '2023-07-15', 'Điều chỉnh tháng 7', 2, true],
    ]);
    expect(list?.every((v) => !Number.isNaN(Date.parse(v.createdAt)))).toBe(true);
    const v1 = await repos.scenarios.version('an-giang-2023', 1);
    expect(v1?.yaml).toBe(AN_GIANG_YAML);
    expect(v1?.scenario.id).toBe('an-giang-2023');
    expect(v1?.current).toBe(false);
    expect((await repos.scenarios.version('an-giang-2023', 3))?.current).toBe(true);
    expect(await repos.scenarios.version('an-giang-2023', 4)).toBeUndefined();
    expect(await repos.scenarios.versions('nope')).toBeUndefined();

    // adjusting a version that is no longer current changes nothing
    const stale = await repos.scenarios
      .put(adjusted, '# lần nữa\n', 'X', undefined, { parent: 2 })
      .catch((e: unknown) => e);
    expect((stale as ApiError).code).toBe('STALE_ETAG');
    expect((await repos.scenarios.versions('an-giang-2023'))?.length).toBe(3);
    expect((await repos.scenarios.get('an-giang-2023'))?.yaml).toBe('# điều chỉnh\n');

    // deleting the scenario deletes its versions
    expect(await repos.scenarios.delete('an-giang-2023')).toBe(true);
    const left = await handle.db.selectFrom('scenario_versions').selectAll().execute();
    expect(left).toEqual([]);
  });

  it('upgrades a database migrated to 0001 and 0003 before 0002 existed', async () => {
    const handle = await open(backend);
    const old = new Migrator({
      db: handle.db as unknown as Kysely<unknown>,
      provider: { getMigrations: async () => ({ '0001_initial': m0001, '0003_indicator_actuals': m0003 }) },
      ...(handle.kind === 'postgres' ? { migrationTableSchema: handle.schema } : {}),
    });
    expect((await old.migrateToLatest()).error).toBeUndefined();
    await handle.db
      .insertInto('scenarios')
      .values({
        id: 'an-giang-2023',
        yaml: AN_GIANG_YAML,
        json: JSON.stringify(anGiang()),
        updated_at: '2024-01-02T03:04:05.000Z',
        updated_by: 'cũ',
        etag: '"x"',
      })
      .execute();
    const result = await migrate(handle);
    // 0002 runs although 0003 is already there, then the migrations after 0003
    expect(result.results?.map((r) => [r.migrationName, r.status])).toEqual([
      ['0002_scenario_versions', 'Success'],
      ['0004_indicator_periods', 'Success'],
    ]);
    const repos = createRepositories(handle.db);
    expect(await repos.scenarios.versions('an-giang-2023')).toEqual([
      {
        number: 1,
        createdAt: '2024-01-02T03:04:05.000Z',
        author: 'cũ',
        label: null,
        date: null,
        note: null,
        parent: null,
        current: true,
      },
    ]);
    // and the upgraded database goes on: the next content is version 2
    expect((await repos.scenarios.put(anGiang(), `${AN_GIANG_YAML}\n# mới\n`, 'mới')).version).toBe(2);
    expect((await migrate(handle)).results).toEqual([]);
  });
});
