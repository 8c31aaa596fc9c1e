import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AN_GIANG_YAML, anGiang, dump } from '../../test-support/helpers.ts';
import { migrate, openDatabase } from '../db/database.ts';
import { EXAMPLE_XLSX } from '../files/make-example.ts';
import { createRepositories } from '../repositories/index.ts';
import { runImport } from './commands/import.ts';
import type { CommandContext } from './main.ts';
import { runCli } from './main.ts';
import { captureIo } from './test-io.ts';

const dir = mkdtempSync(join(tmpdir(), 'grdp-import-'));
const env = { DATA_DIR: dir };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withDb<T>(fn: (h: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const handle = openDatabase({ databaseUrl: '', dataDir: dir });
  await migrate(handle);
  try {
    return await fn(handle);
  } finally {
    await handle.db.destroy();
  }
}

beforeAll(async () => {
  await withDb((h) => createRepositories(h.db).scenarios.put(anGiang(), AN_GIANG_YAML, 'seed'));
});

function ctx(positionals: string[], values: CommandContext['values']) {
  const io = captureIo();
  return { io, ctx: { positionals, values, json: false, lang: 'en' as const, io } };
}

describe('grdp import', () => {
  it("imports the example XLSX: the scenario file's own figures, so it says nothing changed and writes nothing", async () => {
    const c = ctx([EXAMPLE_XLSX], { scenario: 'an-giang-2023', as: 'Cục Thống kê' });
    expect(await runImport(c.ctx, env)).toBe(0);
    expect(c.io.stdout()).toMatch(/changes no figure of an-giang-2023: nothing written/);
    const fy = await withDb((h) => createRepositories(h.db).actuals.history('an-giang-2023', 'FY'));
    expect(fy).toHaveLength(0);
  });

  it('imports the official FY total into the database, attributed to --as, keeping the other FY cells', async () => {
    const file = join(dir, 'fy.csv');
    writeFileSync(file, 'period,key,growth_pct,vintage\nFY,total,6.14,official\n');
    const c = ctx([file], { scenario: 'an-giang-2023', as: 'Cục Thống kê' });
    expect(await runImport(c.ctx, env)).toBe(0);
    expect(c.io.stdout()).toMatch(/Imported 1 rows .* as Cục Thống kê: FY revision 1/);
    const fy = await withDb((h) => createRepositories(h.db).actuals.history('an-giang-2023', 'FY'));
    expect(fy).toHaveLength(1);
    expect(fy[0]).toMatchObject({ author: 'Cục Thống kê', vintage: 'official' });
    expect(fy[0]!.values).toMatchObject({ total: 6.14, agriculture: 3.81 });
  });

  it('attributes to "cli" by default and reads an ambiguous number by --locale', async () => {
    const file = join(dir, 'q2.csv');
    writeFileSync(file, 'period,key,growth_pct,vintage\nQ2,total,"1,234",estimate\n');
    const c = ctx([file], { scenario: 'an-giang-2023', locale: 'vi' });
    expect(await runImport(c.ctx, env)).toBe(0);
    const q2 = await withDb((h) => createRepositories(h.db).actuals.get('an-giang-2023', 'Q2'));
    expect(q2).toMatchObject({ author: 'cli', values: { total: 1.234 } });
  });

  it('prints every bad row, exits 1 and changes nothing', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'period,key,growth_pct,vintage\nQ1,total,x,estimate\nQ9,total,1,estimate\n');
    const before = await withDb((h) => dump(h.db));
    const c = ctx([file], { scenario: 'an-giang-2023' });
    expect(await runImport(c.ctx, env)).toBe(1);
    expect(c.io.stderr()).toMatch(/row 2, growth_pct: "x" is not a number/);
    expect(c.io.stderr()).toMatch(/row 3, period: "Q9" is not a period/);
    expect(await withDb((h) => dump(h.db))).toBe(before);
  });

  it('needs --scenario, a known scenario and a valid --locale', async () => {
    const io = captureIo();
    expect(await runCli(['import', EXAMPLE_XLSX], io)).toBe(1);
    expect(io.stderr()).toContain('--scenario ID is required');
    const c = ctx([EXAMPLE_XLSX], { scenario: 'nowhere' });
    await expect(runImport(c.ctx, env)).rejects.toThrow(/no scenario nowhere/);
    const l = ctx([EXAMPLE_XLSX], { scenario: 'an-giang-2023', locale: 'fr' });
    await expect(runImport(l.ctx, env)).rejects.toThrow(/--locale must be vi or en/);
  });
});
