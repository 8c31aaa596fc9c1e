/**
 * The app as it runs for a user, for browser tests: the web built once with vite, the API (`buildApp`) over a
 * temporary SQLite DATA_DIR seeded from scenarios/ like server.ts does, and the web plugin — behind one HTTP
 * port on 127.0.0.1. `buildApp` is ready when it returns, so the web plugin runs in its own Fastify instance and
 * requests are routed by path (/api, /healthz, /docs → the API; the rest → the web plugin).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp, createRepositories, loadConfig, migrate, openDatabase, seedScenarios } from '@grdp/api';
import { webPlugin } from '../../packages/api/src/plugins/web.ts';

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

interface Injectable {
  inject(options: {
    method: string;
    url: string;
    headers: IncomingHttpHeaders;
    payload?: Buffer;
  }): Promise<{ statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer }>;
  close(): Promise<unknown>;
}

interface WebServer extends Injectable {
  register(plugin: unknown, options?: object): Promise<unknown>;
  ready(): Promise<unknown>;
}

export interface TestServer {
  url: string;
  /** Editor tokens of two desks and an admin token. */
  editor: string;
  editor2: string;
  admin: string;
  close(): Promise<void>;
}

/** Fastify as the API package resolves it (the tests package does not depend on it directly). */
async function fastifyFactory(): Promise<(opts?: object) => WebServer> {
  const require = createRequire(join(REPO_ROOT, 'packages', 'api', 'package.json'));
  const mod = await import(pathToFileURL(require.resolve('fastify')).href);
  return (mod.default ?? mod) as never;
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
  const api = (await buildApp(config, { handle, closeHandle: true })) as unknown as Injectable;

  const Fastify = await fastifyFactory();
  const web = Fastify({ logger: false });
  await web.register(webPlugin);
  await web.ready();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      const target = /^\/(api|docs)(\/|$)|^\/healthz/.test(url) ? api : web;
      const body = Buffer.concat(chunks);
      target
        .inject({
          method: req.method ?? 'GET',
          url,
          headers: req.headers,
          ...(body.length > 0 && { payload: body }),
        })
        .then((r) => {
          const headers: Record<string, string | string[]> = {};
          for (const [k, v] of Object.entries(r.headers))
            if (v !== undefined && !['content-length', 'transfer-encoding', 'connection'].includes(k))
              headers[k] = Array.isArray(v) ? v.map(String) : String(v);
          res.writeHead(r.statusCode, headers);
          res.end(r.rawPayload);
        })
        .catch((e: Error) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(e.stack ?? e));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    editor,
    editor2,
    admin,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await web.close();
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
