/**
 * The long reliability runs (`npm run soak`), each reported on stdout; exit 1 if any fails.
 *   1. fuzzing with a random seed (printed): the loader 20,000 runs per property, every route 200 runs;
 *   2. load: the real server as a child process, 100 connections for 30 s on the mix of load.ts: no errors, p99;
 *   3. memory: the same server under the same mix for SOAK_MINUTES (default 10), its RSS (from /proc) sampled
 *      every 10 s; flat = the last minute's median RSS within 1.5× + 64 MiB of the second minute's;
 *   4. crash safety: crash.test.ts with CRASH_CYCLES=10.
 * SOAK_STEPS=fuzz,load,memory,crash picks steps; SOAK_SEED fixes the fuzz seed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepositories, migrate, openDatabase, REPO_ROOT } from '@grdp/api';
import { makeApp } from '@grdp/api/testing';
import { loaderOnArbitraryText, loaderOnMutatedFile, loaderOnMutatedObject, routesNeverFail } from './fuzz.ts';
import { type LoadReport, prepareLoad, runLoad } from './load.ts';
import { kill9, startServer } from './server.ts';

const steps = (process.env.SOAK_STEPS ?? 'fuzz,load,memory,crash').split(',');
const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const failures: string[] = [];
const log = (s: string) => process.stdout.write(`${s}\n`);

async function step(name: string, fn: () => Promise<void>) {
  if (!steps.includes(name)) return;
  const t0 = Date.now();
  log(`\n== ${name}`);
  try {
    await fn();
    log(`== ${name}: ok (${Math.round((Date.now() - t0) / 1000)} s)`);
  } catch (e) {
    failures.push(name);
    log(`== ${name}: FAILED: ${(e as Error).stack ?? e}`);
  }
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** A child server over a fresh SQLite file with an editor token. */
async function childServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'grdp-soak-'));
  const handle = openDatabase({ databaseUrl: '', dataDir });
  await migrate(handle);
  const editor = (await createRepositories(handle.db).tokens.create('soak', 'editor')).token;
  await handle.db.destroy();
  const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: '' });
  await prepareLoad({ base: server.base, editor });
  return {
    server,
    editor,
    cleanup: async () => {
      await kill9(server);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function checkLoad(r: LoadReport, what: string) {
  log(
    `${what}: ${r.requests} requests, ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms, statuses ${JSON.stringify(r.statuses)}, errors ${r.errors}, timeouts ${r.timeouts}`,
  );
  if (r.errors > 0 || r.timeouts > 0 || r.s5xx > 0 || r.non2xx > 0)
    throw new Error(`${what}: errors, timeouts or non-2xx answers`);
}

await step('fuzz', async () => {
  const seed = Number(process.env.SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));
  log(`seed ${seed} (SOAK_SEED=${seed} to replay)`);
  loaderOnArbitraryText({ numRuns: 20_000, seed });
  loaderOnMutatedFile({ numRuns: 20_000, seed });
  loaderOnMutatedObject({ numRuns: 20_000, seed });
  log('loader: 60,000 runs, only GrdpError');
  const t = await makeApp();
  try {
    const r = await routesNeverFail(t.app, t.admin, { numRuns: 200, seed });
    log(`routes: ${r.routes} routes, ${r.requests} requests, statuses ${JSON.stringify(r.statuses)}`);
  } finally {
    await t.close();
  }
});

await step('load', async () => {
  const c = await childServer();
  try {
    checkLoad(await runLoad({ base: c.server.base, editor: c.editor }, 100, 30), 'load 100 connections × 30 s');
  } finally {
    await c.cleanup();
  }
});

await step('memory', async () => {
  const c = await childServer();
  const pid = c.server.child.pid!;
  const samples: { t: number; rss: number }[] = [];
  const t0 = Date.now();
  const timer = setInterval(() => samples.push({ t: (Date.now() - t0) / 1000, rss: rssOf(pid) }), 10_000);
  try {
    let total = 0;
    for (let m = 0; m < minutes; m++) {
      const r = await runLoad({ base: c.server.base, editor: c.editor }, 100, 60);
      checkLoad(r, `minute ${m + 1}/${minutes}`);
      total += r.requests;
      log(`  rss ${mib(rssOf(pid))}`);
    }
    clearInterval(timer);
    const second = median(samples.filter((s) => s.t >= 60 && s.t < 120).map((s) => s.rss));
    const last = median(samples.filter((s) => s.t >= (minutes - 1) * 60).map((s) => s.rss));
    log(
      `memory: ${total} requests in ${minutes} min; RSS median minute 2 ${mib(second)}, last minute ${mib(last)}, max ${mib(Math.max(...samples.map((s) => s.rss)))}`,
    );
    if (minutes >= 3 && last > second * 1.5 + 64 * 1024 * 1024) throw new Error('RSS grew: memory is not flat');
  } finally {
    clearInterval(timer);
    await c.cleanup();
  }
});

await step('crash', async () => {
  const r = spawnSync('npx', ['vitest', 'run', 'tests/reliability/crash.test.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, CRASH_CYCLES: process.env.CRASH_CYCLES ?? '10' },
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`crash suite exited ${r.status}`);
});

log(failures.length === 0 ? '\nsoak: all steps passed' : `\nsoak: FAILED ${failures.join(', ')}`);
process.exit(failures.length === 0 ? 0 : 1);
