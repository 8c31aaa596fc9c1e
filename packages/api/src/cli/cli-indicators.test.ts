/**
 * `grdp indicators` as README.md documents it: every `grdp -- indicators …` line of the README's command-line
 * block is run as written, and `--scenario ID --json` equals the API's answer.
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
/** The documented `npm run [--silent] grdp -- indicators …` lines, as argv (comments dropped). */
const documented = readme
  .split('\n')
  .filter((l) => /^npm run (--silent )?grdp -- indicators /.test(l))
  .map((l) =>
    l
      .replace(/#.*$/, '')
      .replace(/^npm run (--silent )?grdp -- /, '')
      .trim()
      .split(/\s+/),
  );

async function run(argv: string[], env: Record<string, string | undefined> = {}) {
  const io = captureIo();
  const code = await runCli(
    argv.map((a) => (a.startsWith('scenarios/') ? join(repo, a) : a)),
    io,
    env,
  );
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('grdp indicators, as README.md documents it', () => {
  it('documents three uses', () => {
    expect(documented).toHaveLength(3);
  });

  it('--lang vi: the 2023 indicators with status and department in Vietnamese', async () => {
    const r = await run(documented[0]!);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Kịch bản tăng trưởng kinh tế năm 2023 tỉnh An Giang: 26 chỉ tiêu');
    expect(r.out).toMatch(/\(1\)\s+Tốc độ tăng trưởng kinh tế \(GRDP\)\s+7–7,5 %\s+2023\s+7,36 \(2023\)\s+Đạt/);
    expect(r.out).toMatch(
      /\(4\)\s+Kim ngạch xuất khẩu\s+đạt 1\.170 triệu USD\s+2023\s+–\s+Chưa có số liệu\s+Sở Công Thương/,
    );
    expect(r.out).not.toMatch(/\b(Met|Not met|No data)\b/);
  });

  it('--json: the 41 rows (33 numbered) of the 2026–2030 plan', async () => {
    const r = await run(documented[1]!);
    expect(r.code, r.err).toBe(0);
    const answer = JSON.parse(r.out) as { id: string; indicators: { no: number; category: string; status: unknown }[] };
    expect(answer.id).toBe('an-giang-2026-2030');
    expect(new Set(answer.indicators.map((i) => `${i.category}${i.no}`)).size).toBe(33);
    expect(answer.indicators[1]).toMatchObject({
      id: 'grdp-growth-average',
      target: { kind: 'atLeast', value: 11 },
      status: { status: 'no-data' },
    });
  });

  it('--department: only what that department answers for', async () => {
    const r = await run(documented[2]!);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('3 indicators');
    expect(r.out).toContain('Exports');
    expect(r.out).toContain('Retail sales');
    expect(r.out).not.toContain('Budget revenue');
  });

  it('refuses an unknown department or category, and names the file and path of a bad indicator', async () => {
    expect((await run(['indicators', 'scenarios/an-giang-2023.yaml', '--department', 'so-x'])).code).toBe(1);
    expect((await run(['indicators', 'scenarios/an-giang-2023.yaml', '--category', 'money'])).code).toBe(1);
    const dir = mkdtempSync(join(tmpdir(), 'grdp-ind-'));
    try {
      const bad = join(dir, 'bad.yaml');
      const text = readFileSync(join(repo, 'scenarios/an-giang-2023.yaml'), 'utf8').replace(
        'target: {reach: 1170}',
        'target: {reach: "1.170"}',
      );
      (await import('node:fs')).writeFileSync(bad, text);
      const r = await run(['indicators', bad]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/SCENARIO_BAD_INDICATOR indicators\[7\]\.target\.reach \(.*bad\.yaml:line \d+\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('grdp indicators --scenario ID', () => {
  const ID = 'an-giang-2023';
  let dir: string;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'grdp-cli-ind-'));
    const handle = openDatabase({ databaseUrl: '', dataDir: dir });
    await migrate(handle);
    const repos = createRepositories(handle.db);
    await repos.scenarios.put(anGiang(), AN_GIANG_YAML, 'seed');
    await repos.indicators.put(ID, 'exports', 2023, { value: 1150, vintage: 'estimate' }, 'Sở Công Thương', undefined);
    await repos.indicators.put(ID, 'budget-revenue', 2024, { value: 3350, vintage: 'estimate' }, 'x', undefined, 'H1');
    app = await buildApp(testConfig(), { handle, closeHandle: true });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--json equals GET /api/scenarios/:id/indicators, entered figures included', async () => {
    const r = await run(['indicators', '--scenario', ID, '--json'], { DATA_DIR: dir });
    expect(r.code, r.err).toBe(0);
    const api = await app.inject({ url: `/api/scenarios/${ID}/indicators` });
    expect(JSON.parse(r.out)).toEqual(api.json());
    expect(api.json().indicators.find((i: { id: string }) => i.id === 'exports').status.status).toBe('not-met');
    expect(api.json().indicators.find((i: { id: string }) => i.id === 'budget-revenue').soFar).toMatchObject({
      period: 'H1',
      value: 3350,
    });
  });

  it('the text table shows the "so far" figure beside a year without a year figure', async () => {
    const r = await run(['indicators', '--scenario', ID, '--lang', 'vi'], { DATA_DIR: dir });
    expect(r.code, r.err).toBe(0);
    const line = r.out.split('\n').find((l) => l.includes('Thu ngân sách'));
    expect(line).toContain('– · đến nay 3.350 (Lũy kế 6 tháng 2024)');
  });
});
