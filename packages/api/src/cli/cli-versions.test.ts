/**
 * `grdp versions --scenario ID` as README.md documents it: the stored versions of a scenario from the database the
 * server uses; `--json` equals GET /api/scenarios/:id/versions.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AN_GIANG_YAML, anGiang } from '../../test-support/helpers.ts';
import { buildApp } from '../app.ts';
import { testConfig } from '../config.ts';
import { migrate, openDatabase } from '../db/database.ts';
import { createRepositories } from '../repositories/index.ts';
import { runCli } from './main.ts';
import { captureIo } from './test-io.ts';

const repo = new URL('../../../../', import.meta.url).pathname;
const readme = readFileSync(join(repo, 'README.md'), 'utf8');
const ID = 'an-giang-2023';

async function run(argv: string[], env: Record<string, string | undefined>) {
  const io = captureIo();
  const code = await runCli(argv, io, env);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('grdp versions --scenario ID', () => {
  let dir: string;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'grdp-cli-versions-'));
    const handle = openDatabase({ databaseUrl: '', dataDir: dir });
    await migrate(handle);
    const repos = createRepositories(handle.db);
    await repos.scenarios.put(anGiang(), AN_GIANG_YAML, 'seed');
    const adjusted = { ...anGiang(), version: { label: 'adjusted-Q2', date: '2023-07-15', adjusts: 'initial' } };
    await repos.scenarios.put(adjusted, `${AN_GIANG_YAML}\n# điều chỉnh\n`, 'Phòng Tổng hợp', undefined, {
      parent: 1,
      note: 'Điều chỉnh tháng 7',
    });
    app = await buildApp(testConfig(), { handle, closeHandle: true });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is documented in the README', () => {
    expect(readme).toMatch(/^npm run grdp -- versions --scenario an-giang-2023$/m);
  });

  it('--json equals GET /api/scenarios/:id/versions', async () => {
    const r = await run(['versions', '--scenario', ID, '--json'], { DATA_DIR: dir });
    expect(r.code, r.err).toBe(0);
    const api = await app.inject({ url: `/api/scenarios/${ID}/versions` });
    expect(JSON.parse(r.out)).toEqual(api.json());
    expect(JSON.parse(r.out).versions.map((v: { number: number; parent: number | null }) => v.parent)).toEqual([
      null,
      1,
    ]);
  });

  it('prints a table in Vietnamese with --lang vi, in English by default', async () => {
    const vi = await run(['versions', '--scenario', ID, '--lang', 'vi'], { DATA_DIR: dir });
    expect(vi.code, vi.err).toBe(0);
    expect(vi.out).toMatch(/Các phiên bản của kịch bản an-giang-2023/);
    expect(vi.out).toMatch(/2\*.*adjusted-Q2.*15\/07\/2023.*Phòng Tổng hợp.*1.*Điều chỉnh tháng 7/);
    expect(vi.out).toMatch(/phiên bản hiện hành/);
    expect(vi.out).not.toMatch(/Versions|Author/);
    const en = await run(['versions', '--scenario', ID], { DATA_DIR: dir });
    expect(en.out).toMatch(/Versions of scenario an-giang-2023/);
  });

  it('says what is wrong: no --scenario, an unknown scenario', async () => {
    const none = await run(['versions'], { DATA_DIR: dir });
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/--scenario ID is required/);
    const unknown = await run(['versions', '--scenario', 'nope'], { DATA_DIR: dir });
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no scenario nope/);
  });
});
