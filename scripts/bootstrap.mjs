// Installs the workspace on a fresh clone where only node and npm exist.
// pnpm itself comes from the npm registry through npx, pinned to the version in package.json.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const pnpm = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).packageManager;
const frozen = existsSync(`${root}pnpm-lock.yaml`) ? '--frozen-lockfile' : '';
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit', env: { ...process.env, CI: process.env.CI ?? '' } });

// `pnpm install` is quick when nothing changed, so it runs every time: a pulled lockfile is always honoured.
run(`npx -y ${pnpm} install ${frozen} --reporter=append-only --config.confirmModulesPurge=false`);
