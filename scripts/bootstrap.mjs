// Installs the workspace on a fresh clone where only node and npm exist.
// pnpm itself comes from the npm registry through npx, pinned to the version in package.json.
// With --browser (npm test), also makes sure Debian's chromium is there for the browser tests.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const pnpm = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).packageManager;
const frozen = existsSync(`${root}pnpm-lock.yaml`) ? '--frozen-lockfile' : '';
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit', shell: '/bin/sh' });

// `pnpm install` is quick when nothing changed, so it runs every time: a pulled lockfile is always honoured.
run(`npx -y ${pnpm} install ${frozen} --reporter=append-only --config.confirmModulesPurge=false`);

if (process.argv.includes('--browser')) ensureChromium();

function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  if (candidates.some((p) => existsSync(p))) return;
  if (process.getuid?.() !== 0) {
    console.error(
      'The browser tests need Chromium. Install Debian’s package (sudo apt-get update && sudo apt-get install -y chromium)\n' +
        'or set CHROMIUM_PATH to a Chromium binary. The browser tests will fail without it.',
    );
    return;
  }
  console.log('Installing Debian’s chromium for the browser tests (about 1–2 minutes)…');
  run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
}
