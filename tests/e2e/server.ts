/**
 * The app as it runs for a user, for browser tests: the web built once with vite, and the API (`buildApp` with
 * the web plugin, as server.ts runs it) over a temporary SQLite DATA_DIR seeded from scenarios/, listening on
 * an ephemeral port of 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, createRepositories, loadConfig, migrate, openDatabase, seedScenarios } from '@grdp/api';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const WEB_DIR = join(REPO_ROOT, 'packages', 'web');

let built = false;

/** `vite build` of packages/web (once per process). */
export function buildWeb(): void {
  if (built) return;
  const vite = join(WEB_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB_DIR, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  built = true;
}

export interface TestServer {
  url: string;
  /** Editor tokens of two desks and an admin token. */
  editor: string;
  editor2: string;
  admin: string;
  /** The SQLite directory (DATA_DIR), for the CLI against the same database. */
  dataDir: string;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  buildWeb();
  const dataDir = mkdtempSync(join(tmpdir(), 'grdp-e2e-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0', HOST: '127.0.0.1' });
  const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(handle);
  const repos = createRepositories(handle.db);
  const seeded = await seedScenarios(repos, join(REPO_ROOT, 'scenarios'), { info: () => {}, warn: () => {} });
  if (!seeded.includes('an-giang-2023')) throw new Error(`an-giang-2023 was not seeded (${seeded.join(', ')})`);
  const editor = (await repos.tokens.create('Phòng Tổng hợp', 'editor')).token;
  const editor2 = (await repos.tokens.create('Phòng Nông nghiệp', 'editor')).token;
  const admin = (await repos.tokens.create('Quản trị', 'admin')).token;
  const app = await buildApp(config, { handle, closeHandle: true, web: {} });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    editor,
    editor2,
    admin,
    dataDir,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
