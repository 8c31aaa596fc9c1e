import { loadScenario } from '@grdp/engine';
import { describe, expect, it } from 'vitest';
import { AN_GIANG_YAML } from '../../test-support/helpers.ts';
import { createRepositories } from '../repositories/index.ts';
import { migrate, openDatabase } from './database.ts';

describe('reads without waste (SQLite)', () => {
  it('reads the current revision of every period with one statement, prepared once', async () => {
    const handle = openDatabase({ databaseUrl: ':memory:', dataDir: '' });
    await migrate(handle);
    const repos = createRepositories(handle.db);
    await repos.scenarios.put(loadScenario(AN_GIANG_YAML).scenario, AN_GIANG_YAML, 'seed');
    await repos.actuals.put('an-giang-2023', 'H1', { values: { total: 7.1 }, vintage: 'official' }, 'A', undefined);
    const h1 = await repos.actuals.get('an-giang-2023', 'H1');
    await repos.actuals.put('an-giang-2023', 'H1', { values: { total: 7.2 }, vintage: 'official' }, 'B', [h1!.etag]);
    await repos.actuals.put('an-giang-2023', 'Q1', { values: { total: 6.3 }, vintage: 'estimate' }, 'A', undefined);

    const prepared = handle.preparedStatements!;
    const before = prepared();
    const first = await repos.actuals.current('an-giang-2023');
    expect(prepared() - before).toBe(1);
    expect(first.map((r) => [r.period, r.revision, r.values.total])).toEqual([
      ['Q1', 1, 6.3],
      ['H1', 2, 7.2],
    ]);
    const again = prepared();
    for (let i = 0; i < 5; i++) await repos.actuals.current('an-giang-2023');
    expect(await repos.actuals.current('nope')).toEqual([]);
    expect(prepared()).toBe(again);
    await handle.db.destroy();
  });
});
