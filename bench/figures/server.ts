/**
 * Starts bench/figures/api-server.ts in a child process (its own process and event loop, apart from the load
 * generator in the bench process) and returns its ports; `cpuMicros()` asks the server for its own CPU time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ROOT } from './common.ts';
import { TSX_LOADER } from './loader.ts';

export interface BenchServer {
  api: string;
  web: string;
  /** The server process's CPU time (user + system) since it started, µs. */
  cpuMicros(): Promise<number>;
  close(): Promise<void>;
}

type Message = { apiPort: number; webPort: number } | { cpu: number } | 'closed';

function next<T extends Message>(child: ChildProcess, pick: (m: Message) => m is T): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Message) => {
      if (!pick(m)) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m);
    };
    const onExit = (code: number | null) => reject(new Error(`the API server process exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export async function startServer(): Promise<BenchServer> {
  const script = fileURLToPath(new URL('./api-server.ts', import.meta.url));
  const args = ['--import', TSX_LOADER, script];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ports = await next(
    child,
    (m): m is { apiPort: number; webPort: number } => typeof m === 'object' && 'apiPort' in m,
  );
  return {
    api: `http://127.0.0.1:${ports.apiPort}`,
    web: `http://127.0.0.1:${ports.webPort}`,
    async cpuMicros() {
      const reply = next(child, (m): m is { cpu: number } => typeof m === 'object' && 'cpu' in m);
      child.send('cpu');
      return (await reply).cpu;
    },
    async close() {
      const closed = next(child, (m): m is 'closed' => m === 'closed').catch(() => 'closed' as const);
      child.send('close');
      await Promise.race([closed, new Promise((r) => setTimeout(r, 5000))]);
      child.kill();
    },
  };
}

/** A server, or why there is none (figures that need it are then recorded as not measured). */
export interface ServerSlot {
  server: BenchServer | null;
  reason: string;
}
