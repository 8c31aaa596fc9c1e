/**
 * Child process (started by server.ts): the API over a SQLite file in a temporary data directory, as the server keeps
 * it, with An Giang stored (packages/api testing helper), listening on
 * 127.0.0.1 on an ephemeral port with the server's default compute pool, and beside it a small static server for packages/web/dist that proxies `/api`
 * and `/healthz` to the API. Sends `{ apiPort, webPort }` over IPC; answers `cpu` with its CPU time (µs) and
 * `close` by closing and exiting.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { loadConfig } from '@grdp/api';
import { makeApp } from '@grdp/api/testing';
import { ROOT } from './common.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

// As production runs it: without the test-only response-schema check (plugins/response-check.ts), which buildApp
// registers only when asked; makeApp asks by default, for tests. makeApp's test config computes everything on the
// event loop (COMPUTE_THREADS=0, for unit tests); the bench's server has the server's default compute pool
// (COMPUTE_THREADS, COMPUTE_QUEUE, COMPUTE_TIMEOUT), its workers started before listening, so every figure goes
// the way production's requests go (evaluations of a stored scenario on the event loop, the rest on the workers:
// `runsOnEventLoop` in packages/api/src/compute/pool.ts).
const production = loadConfig({});
const dataDir = mkdtempSync(join(tmpdir(), 'grdp-bench-'));
const test = await makeApp(
  {
    computeThreads: production.computeThreads,
    computeQueue: production.computeQueue,
    computeTimeoutSec: production.computeTimeoutSec,
  },
  { checkResponses: false, dataDir },
);
await test.app.compute.warm();
await test.app.listen({ host: '127.0.0.1', port: 0 });
const apiPort = (test.app.server.address() as AddressInfo).port;

const dist = join(ROOT, 'packages/web/dist');
const web = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname.startsWith('/api') || url.pathname === '/healthz') {
    const upstream = request(
      { host: '127.0.0.1', port: apiPort, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
    return;
  }
  let file = normalize(join(dist, decodeURIComponent(url.pathname)));
  if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404).end('no packages/web/dist');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
const webPort = (web.address() as AddressInfo).port;

process.on('message', async (msg: string) => {
  if (msg === 'cpu') {
    const u = process.cpuUsage();
    process.send!({ cpu: u.user + u.system });
  }
  if (msg === 'close') {
    web.close();
    await test.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.send!('closed', () => process.exit(0));
  }
});
process.send!({ apiPort, webPort });
