/** The real server (packages/api/src/server.ts) as a child process on a free port: start, wait for /healthz, SIGKILL. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '@grdp/api';
import { freePort, http, sleep } from './helpers.ts';

export interface Server {
  child: ChildProcess;
  base: string;
  output: () => string;
}

/**
 * `script`: the entry to run, by default server.ts itself (api-only.ts: the same without the web app); `as`: run
 * it as another user (root only: a read-only directory does not stop root).
 */
export async function startServer(
  env: Record<string, string>,
  script = join(REPO_ROOT, 'packages/api/src/server.ts'),
  as: { uid?: number; gid?: number } = {},
): Promise<Server> {
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    ...as,
  });
  child.stdout?.on('data', (d) => {
    out = (out + d).slice(-5000);
  });
  child.stderr?.on('data', (d) => {
    out = (out + d).slice(-5000);
  });
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${out}`);
    try {
      if ((await http(base, 'GET', '/healthz', { timeoutMs: 1000 })).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`server did not start in 60 s: ${out}`);
    await sleep(100);
  }
  return { child, base, output: () => out };
}

/** SIGKILL to the server's process group; resolves once it is gone. */
export async function kill9(s: Server): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const gone = new Promise((r) => s.child.once('exit', r));
  try {
    process.kill(-s.child.pid!, 'SIGKILL');
  } catch {
    s.child.kill('SIGKILL');
  }
  await gone;
}
