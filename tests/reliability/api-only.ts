/** The real server (`start` of packages/api/src/server.ts, from `@grdp/api`) without the web app, for suites that need no `vite build`. */
import { start } from '@grdp/api';

start(process.env, { web: false }).catch((e) => {
  process.stderr.write(`api-only: cannot start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
