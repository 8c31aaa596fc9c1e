/**
 * The docs are tests: every command in a `sh` block of README.md and docs/*.md is run as written, from the
 * repository root, against a temporary data directory (DATA_DIR, migrated and seeded as at the first start), and
 * must exit 0. A command whose output goes to a `.json` file, or that ends in `--json`, must give parseable
 * JSON, exactly as the README shows it. Commands that need what a test cannot give here (the whole suite,
 * a running server with a token in $TOKEN) are listed with the reason they are not run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepositories, migrate, openDatabase, seedScenarios } from '@grdp/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const FILES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Commands not run, by how they start, and why. */
const NOT_RUN: [RegExp, string][] = [
  [/^npm (start|test)\b/, 'starts the app or runs this very suite'],
  [/^UPDATE_GUIDE_SCREENSHOTS=1 npm test\b/, 'runs this very suite'],
  [/^npm run (bench|soak|format)\b/, 'long runs or rewrites files; run by CI on their own'],
  [/^curl\b/, 'needs a running server and a token in $TOKEN (the API tests cover these requests)'],
];

interface DocCommand {
  file: string;
  line: number;
  text: string;
}

/** The commands of every ```sh block, continuation lines joined, comments and blank lines left out. */
export function docCommands(file: string, markdown: string): DocCommand[] {
  const out: DocCommand[] = [];
  const lines = markdown.split('\n');
  let inSh = false;
  let pending: DocCommand | null = null;
  for (const [i, raw] of lines.entries()) {
    if (/^```/.test(raw)) {
      inSh = !inSh && /^```(sh|bash|shell)\s*$/.test(raw);
      continue;
    }
    if (!inSh) continue;
    const line = raw.replace(/\s+#.*$/, '').trimEnd();
    if (pending) {
      pending.text += ` ${line.replace(/\\$/, '').trim()}`;
      if (!line.endsWith('\\')) {
        out.push(pending);
        pending = null;
      }
      continue;
    }
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const cmd = { file, line: i + 1, text: line.replace(/\\$/, '').trim() };
    if (line.endsWith('\\')) pending = cmd;
    else out.push(cmd);
  }
  return out;
}

const commands = FILES.flatMap((f) => docCommands(f, readFileSync(join(ROOT, f), 'utf8')));
const dataDir = mkdtempSync(join(tmpdir(), 'grdp-docs-'));
const work = mkdtempSync(join(tmpdir(), 'grdp-docs-out-'));
/** The data directory as the server leaves it after its first start: migrated, the scenarios/ files seeded. */
beforeAll(async () => {
  const handle = openDatabase({ databaseUrl: '', dataDir });
  try {
    await migrate(handle);
    await seedScenarios(createRepositories(handle.db), join(ROOT, 'scenarios'), { info: () => {}, warn: () => {} });
  } finally {
    await handle.db.destroy();
  }
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('the commands in the docs, run as written', () => {
  it('finds the README commands (the token ones included)', () => {
    const texts = commands.map((c) => c.text);
    expect(texts).toContain('npm run grdp -- token create --name "Phòng Tổng hợp" --role editor');
    expect(texts.some((t) => t.startsWith('npm run --silent grdp --') && t.includes('--json'))).toBe(true);
  });

  for (const c of commands) {
    const skip = NOT_RUN.find(([re]) => re.test(c.text));
    if (skip) {
      it(`${c.file}:${c.line} \`${c.text}\` is not run: ${skip[1]}`, () => {
        expect(skip[1]).not.toBe('');
      });
      continue;
    }
    it(`${c.file}:${c.line} \`${c.text}\` exits 0`, () => {
      // Output files the docs name (`> track.json`, `--out draft.yaml`) go to a scratch directory, not into the repository.
      const text = c.text
        .replace(/>\s*(\S+)$/, (_, f: string) => `> ${JSON.stringify(join(work, f))}`)
        .replace(/--out\s+(\S+)/, (_, f: string) => `--out ${JSON.stringify(join(work, f))}`);
      const r = spawnSync('sh', ['-c', text], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
        timeout: 120_000,
      });
      expect(r.status, `${c.text}\n${r.stdout}\n${r.stderr}`).toBe(0);
      const toFile = /--json\s*>\s*(\S+)$/.exec(c.text);
      if (toFile) expect(() => JSON.parse(readFileSync(join(work, toFile[1]!), 'utf8'))).not.toThrow();
      else if (/--json$/.test(c.text)) expect(() => JSON.parse(r.stdout)).not.toThrow();
    });
  }
});
