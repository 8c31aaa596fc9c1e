import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AN_GIANG_YAML, anGiang, dump } from '../../test-support/helpers.ts';
import { migrate, openDatabase } from '../db/database.ts';
import { createRepositories } from '../repositories/index.ts';
import { runImportIndicators } from './commands/import-indicators.ts';
import type { CommandContext } from './main.ts';
import { runCli } from './main.ts';
import { captureIo } from './test-io.ts';

const EXAMPLE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'scenarios',
  'examples',
  'indicators-an-giang-2023.csv',
);
const dir = mkdtempSync(join(tmpdir(), 'grdp-import-ind-'));
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

function ctx(positionals: string[], values: CommandContext['values'], lang: 'vi' | 'en' = 'en') {
  const io = captureIo();
  return { io, ctx: { positionals, values, json: false, lang, io } };
}

describe('grdp import-indicators', () => {
  it('--dry-run tells what would change and writes nothing', async () => {
    const before = await withDb((h) => dump(h.db));
    const c = ctx([EXAMPLE], { scenario: 'an-giang-2023', 'dry-run': true });
    expect(await runImportIndicators(c.ctx, env)).toBe(0);
    expect(c.io.stdout()).toBe(
      `Preview (nothing written) of ${EXAMPLE} → an-giang-2023: urbanisation 2023: – → 42.1, exports 2023: – → 1180`,
    );
    expect(await withDb((h) => dump(h.db))).toBe(before);
  });

  it('imports the example as revisions attributed to --as; the same file again writes nothing', async () => {
    const c = ctx([EXAMPLE], { scenario: 'an-giang-2023', as: 'Cục Thống kê' }, 'vi');
    expect(await runImportIndicators(c.ctx, env)).toBe(0);
    expect(c.io.stdout()).toMatch(/^Đã nhập 2 số liệu chỉ tiêu .* \(người nhập Cục Thống kê\)/);
    const exports = await withDb((h) => createRepositories(h.db).indicators.history('an-giang-2023', 'exports', 2023));
    expect(exports).toMatchObject([{ value: 1180, vintage: 'estimate', author: 'Cục Thống kê', revision: 1 }]);
    const again = ctx([EXAMPLE], { scenario: 'an-giang-2023' });
    const before = await withDb((h) => dump(h.db));
    expect(await runImportIndicators(again.ctx, env)).toBe(0);
    expect(again.io.stdout()).toMatch(/changes no indicator figure of an-giang-2023: nothing written/);
    expect(await withDb((h) => dump(h.db))).toBe(before);
  });

  it('names the period of a quarterly or cumulative figure', async () => {
    const file = join(dir, 'h1.csv');
    writeFileSync(file, 'indicator,year,period,value,vintage\nbudget-revenue,2024,H1,3350,estimate\n');
    const c = ctx([file], { scenario: 'an-giang-2023', 'dry-run': true });
    expect(await runImportIndicators(c.ctx, env)).toBe(0);
    expect(c.io.stdout()).toBe(
      `Preview (nothing written) of ${file} → an-giang-2023: budget-revenue H1 2024: – → 3350`,
    );
  });

  it('prints every bad row in the chosen language, exits 1 and changes nothing', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'indicator,year,value,vintage\nexports,2023,x,estimate\nnope,2023,1,estimate\n');
    const before = await withDb((h) => dump(h.db));
    const c = ctx([file], { scenario: 'an-giang-2023' }, 'vi');
    expect(await runImportIndicators(c.ctx, env)).toBe(1);
    expect(c.io.stderr()).toMatch(/dòng 2, value: "x" không đọc được thành số/);
    expect(c.io.stderr()).toMatch(/dòng 3, indicator: "nope" không phải chỉ tiêu của kịch bản này/);
    expect(await withDb((h) => dump(h.db))).toBe(before);
  });

  it('needs --scenario and a known scenario', async () => {
    const io = captureIo();
    expect(await runCli(['import-indicators', EXAMPLE], io)).toBe(1);
    expect(io.stderr()).toMatch(/--scenario ID is required/);
    const c = ctx([EXAMPLE], { scenario: 'nope' });
    await expect(runImportIndicators(c.ctx, env)).rejects.toThrow(/no scenario nope/);
  });
});
