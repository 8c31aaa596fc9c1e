/** The real server (packages/api/src/server.ts `start`) without the web app, for suites that need no `vite build`. */
import { start } from '../../packages/api/src/server.ts';

start(process.env, { web: false }).catch((e) => {
  process.stderr.write(`api-only: cannot start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
