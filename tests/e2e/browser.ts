/**
 * Chromium for the browser tests: Debian's package (never Playwright's download). CHROMIUM_PATH overrides the
 * path. Without a browser, as root it runs `apt-get install -y chromium`; otherwise it fails and says how to get
 * one — the suite never skips.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** ENVIRONMENT.md: without the networking flags Chromium keeps trying to reach outside hosts. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function find(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  return CANDIDATES.find((p) => existsSync(p));
}

export function chromiumPath(): string {
  let path = find();
  if (path) return path;
  if (process.getuid?.() === 0) {
    try {
      execSync('apt-get install -y chromium', { stdio: 'ignore', timeout: 600_000 });
    } catch {
      execSync('apt-get update && apt-get install -y chromium', {
        stdio: 'ignore',
        timeout: 900_000,
        shell: '/bin/sh',
      });
    }
    path = find();
    if (path) return path;
  }
  throw new Error(
    'The browser tests need Chromium and none was found. Install Debian’s package: ' +
      '`sudo apt-get update && sudo apt-get install -y chromium` (puts /usr/bin/chromium), ' +
      'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}
