/** Running TypeScript in worker threads and child processes through tsx (a root devDependency). */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** The tsx ESM loader as a file URL (`node --import` it in a child process). */
export const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;
const TSX_API = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;

/**
 * A Worker running a .ts module. Node 20 does not carry a loader registered with `--import` into workers
 * reliably, so the worker starts from a tiny script that registers tsx and then imports the module.
 */
export function tsWorker(url: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const code = `import(${JSON.stringify(TSX_API)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { ...options, eval: true });
}
