/**
 * The CLI runs the API's compute functions: `grdp <command> --scenario ID --json` against the server's database
 * (the same DATA_DIR) prints the JSON the API answers for the same stored scenario, entered actuals included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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

const ID = 'an-giang-2023';
let dir: string;
let app: Awaited<ReturnType<typeof buildApp>>;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grdp-cli-api-'));
  env = { DATA_DIR: dir };
  const handle = openDatabase({ databaseUrl: '', dataDir: dir });
  await migrate(handle);
  const repos = createRepositories(handle.db);
  await repos.scenarios.put(anGiang(), AN_GIANG_YAML, 'seed');
  // An entered Q3 estimate: it must count on both sides.
  await repos.actuals.put(
    ID,
    'Q3',
    {
      values: { total: 7.1, agriculture: 3.2, industry_construction: 10.1, services: 8.4, product_taxes: 4.4 },
      vintage: 'estimate',
    },
    'Phòng Tổng hợp',
    undefined,
  );
  app = await buildApp(testConfig(), { handle, closeHandle: true });
});

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<unknown> {
  const io = captureIo();
  const code = await runCli([...args, '--scenario', ID, '--json'], io, env);
  expect(code, io.stderr()).toBe(0);
  return JSON.parse(io.stdout());
}

async function api(path: string, payload: object = {}): Promise<unknown> {
  const r = await app.inject({ method: 'POST', url: `/api/scenarios/${ID}/${path}`, payload });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

describe('grdp --json equals the API', () => {
  it('track and required, with the entered Q3', async () => {
    const track = (await cli(['track'])) as { asOf: string; status: { period: string; key: string; actual: number }[] };
    // With the entered Q3, 9M is derived (H1 and Q3), and Q4 from FY and 9M: the year is known.
    expect(track.asOf).toBe('Q4');
    expect(track.status.find((s) => s.period === 'Q3' && s.key === 'total')?.actual).toBe(7.1);
    expect(track).toEqual(await api('track'));
    expect(await cli(['required'])).toEqual(await api('required'));
    expect(await cli(['track', '--as-of', 'Q1'])).toEqual(await api('track', { asOf: 'Q1' }));
  });

  it('evaluate', async () => {
    expect(await cli(['evaluate'])).toEqual(await api('evaluate'));
  });

  it('whatif, sensitivity included', async () => {
    const cliAnswer = (await cli(['whatif', '--shock', 'agriculture:Q4:-2pp', '--baseline', 'actual'])) as {
      sensitivity: unknown;
    };
    expect(cliAnswer.sensitivity).toBeDefined();
    expect(cliAnswer).toEqual(await api('whatif', { shocks: ['agriculture:Q4:-2pp'], baseline: 'actual' }));
  });

  it('simulate', async () => {
    const cliAnswer = await cli(['simulate', '--draws', '2000', '--seed', '3']);
    expect(cliAnswer).toEqual(await api('simulate', { draws: 2000, seed: 3 }));
  });

  it('says when the database has no such scenario, or when both FILE and --scenario are given', async () => {
    const io = captureIo();
    expect(await runCli(['track', '--scenario', 'nowhere'], io, env)).toBe(1);
    expect(io.stderr()).toContain('no scenario nowhere');
    const both = captureIo();
    expect(await runCli(['track', 'x.yaml', '--scenario', ID], both, env)).toBe(1);
    expect(both.stderr()).toContain('not both');
  });
});
