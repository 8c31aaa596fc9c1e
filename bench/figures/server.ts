/** Starts bench/figures/api-server.ts in a worker thread (its own event loop) and returns its ports. */
import { tsWorker } from './loader.ts';

export interface BenchServer {
  api: string;
  web: string;
  close(): Promise<void>;
}

export async function startServer(): Promise<BenchServer> {
  const worker = tsWorker(new URL('./api-server.ts', import.meta.url));
  const ports = await new Promise<{ apiPort: number; webPort: number }>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', resolve);
  });
  return {
    api: `http://127.0.0.1:${ports.apiPort}`,
    web: `http://127.0.0.1:${ports.webPort}`,
    async close() {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5000);
        worker.once('message', () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage('close');
      });
      await worker.terminate();
    },
  };
}

/** A server, or why there is none (figures that need it are then recorded as not measured). */
export interface ServerSlot {
  server: BenchServer | null;
  reason: string;
}
