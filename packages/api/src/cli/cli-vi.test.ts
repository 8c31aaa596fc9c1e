/**
 * `--lang vi` is Vietnamese throughout: every command that prints text is run with it, and what it prints (stdout
 * and stderr, its errors included) is checked against the one list of English words that the vi screens are
 * checked against too (test-support/english-words.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishWordsIn } from '../../test-support/english-words.ts';
import { AN_GIANG_YAML, anGiang as anGiangScenario } from '../../test-support/helpers.ts';
import { REPO_ROOT } from '../config.ts';
import { migrate, openDatabase } from '../db/database.ts';
import { createRepositories } from '../repositories/index.ts';
import { COMMANDS } from './commands/index.ts';
import { runCli } from './main.ts';
import { captureIo } from './test-io.ts';

const anGiang = join(REPO_ROOT, 'scenarios', 'an-giang-2023.yaml');
const targets = join(REPO_ROOT, 'scenarios', 'an-giang-2023-targets.yaml');
const plan = join(REPO_ROOT, 'scenarios', 'an-giang-2026-2030.plan.yaml');
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grdp-cli-vi-'));
  env = { DATA_DIR: dir };
  // The stored scenario that `import` and `--scenario` read, as the server's first start seeds it.
  const handle = openDatabase({ databaseUrl: '', dataDir: dir });
  await migrate(handle);
  await createRepositories(handle.db).scenarios.put(anGiangScenario(), AN_GIANG_YAML, 'seed');
  await handle.db.destroy();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * What a vi reader reads: the output without what is meant to be typed or looked up as written — error and
 * warning codes (INPUT_UNKNOWN_SECTOR, inverted-band), JSON paths and file paths (targets.Q4.product_taxes), option
 * names and values (--as-of, "editor"). Every other word is checked.
 */
export function readable(text: string): string {
  return text
    .replace(/"[^"\n]*"/g, ' ')
    .replace(/\(\S+:(dòng|line) \d+\)/g, ' ')
    .replace(/\bgrdp [a-z]+:/g, ' ')
    .split(/\s+/)
    .filter(
      (w) => !/[._/[\]-]/.test(w.replace(/[,;:()]+$/, '').replace(/^[(]+/, '')) && !/^[A-Z0-9_]{2,}[,:;)]*$/.test(w),
    )
    .join(' ');
}

/** Runs a command with --lang vi: its exit status and everything it printed. */
async function vi(args: string[]): Promise<{ code: number; text: string }> {
  const io = captureIo();
  const code = await runCli([...args, '--lang', 'vi'], io, env);
  return { code, text: `${io.stdout()}\n${io.stderr()}` };
}

describe('grdp --lang vi prints no English word', () => {
  const out = (name: string) => join(dir, name);
  // [what, arguments, exit status]; the ones with a database run in order (token, then import, then the --scenario ones).
  const RUNS: [string, () => string[], number][] = [
    ['evaluate', () => ['evaluate', anGiang], 0],
    ['calibrate', () => ['calibrate', anGiang], 0],
    ['audit', () => ['audit', anGiang], 0],
    ['track', () => ['track', anGiang, '--as-of', 'Q2'], 0],
    ['required', () => ['required', anGiang, '--as-of', 'Q2'], 0],
    ['whatif', () => ['whatif', anGiang, '--shock', 'agriculture:Q3:-2pp'], 0],
    ['simulate', () => ['simulate', anGiang, '--draws', '500', '--seed', '7'], 0],
    ['backtest', () => ['backtest'], 0],
    ['plan', () => ['plan', plan], 0],
    ['indicators', () => ['indicators', targets], 0],
    ['draft', () => ['draft', anGiang, '--profile', 'flat', '--out', out('draft.yaml')], 0],
    ['adjust', () => ['adjust', anGiang, '--as-of', 'Q2', '--out', out('adjust.yaml'), '--date', '2023-07-15'], 0],
    // An Giang 2023 has no actuals for Q3 and Q4, and its base is an index: both refuse, in Vietnamese.
    ['rollforward (actuals missing)', () => ['rollforward', anGiang, '--out', out('next.yaml')], 1],
    ['merge (an index base)', () => ['merge', anGiang, anGiang, '--id', 'gop', '--out', out('merged.yaml')], 1],
    ['token create', () => ['token', 'create', '--name', 'Phòng Tổng hợp', '--role', 'editor'], 0],
    ['token list', () => ['token', 'list'], 0],
    ['token revoke (unknown id)', () => ['token', 'revoke', 'khong-co'], 1],
    ['import', () => ['import', out('q3.csv'), '--scenario', 'an-giang-2023', '--as', 'Phòng Tổng hợp'], 0],
    ['track --scenario', () => ['track', '--scenario', 'an-giang-2023'], 0],
    ['versions', () => ['versions', '--scenario', 'an-giang-2023'], 0],
    ['appendix', () => ['appendix', anGiang, '--out', out('phu-luc.xlsx'), '--force'], 0],
    ['backup', () => ['backup', out('backup.json')], 0],
    ['restore', () => ['restore', out('backup.json')], 0],
    ['an unknown sector', () => ['whatif', anGiang, '--shock', 'mining:Q3:-2pp'], 1],
    ['a bad --as-of', () => ['track', anGiang, '--as-of', 'Q5'], 1],
    ['a missing file', () => ['evaluate', out('none.yaml')], 1],
    ['a bad import file', () => ['import', out('bad.csv'), '--scenario', 'an-giang-2023'], 1],
  ];

  it.each(RUNS)('%s', async (_, args, status) => {
    writeFileSync(out('q3.csv'), 'period,key,growth_pct,vintage\nQ3,total,7.1,estimate\n');
    // A vi clerk's file: the template's Vietnamese headers (the headers are printed back as the file has them).
    writeFileSync(out('bad.csv'), 'Kỳ,Chỉ tiêu,Tăng trưởng (%),Loại số liệu\nQ9,total,x,ước tính\n');
    const r = await vi(args());
    expect(r.code, r.text).toBe(status);
    expect(r.text.trim()).not.toBe('');
    expect(englishWordsIn(readable(r.text)), r.text).toEqual([]);
  });

  it('--help: the title, the headings and every command’s line are Vietnamese (the usage column is syntax)', async () => {
    const io = captureIo();
    expect(await runCli(['--help', '--lang', 'vi'], io, env)).toBe(0);
    const help = io.stdout();
    expect(help).toContain('Cách dùng: grdp <lệnh> [tùy chọn]');
    // what is read: the lines that are not a command's usage, and each command's summary after its usage
    const read: string[] = help.split('\n').filter((line) => !line.startsWith('  '));
    for (const c of COMMANDS) {
      expect(help).toContain(`${c.usage.padEnd(58)} ${c.summary.vi}`);
      read.push(c.summary.vi);
    }
    const one = captureIo();
    expect(await runCli(['track', '--help', '--lang', 'vi'], one, env)).toBe(0);
    read.push(one.stdout().split('\n').slice(1).join('\n'), one.stdout().split(':')[0]!);
    const unknown = captureIo();
    expect(await runCli(['nope', '--lang', 'vi'], unknown, env)).toBe(2);
    read.push(unknown.stderr().split('Các lệnh:')[0]!);
    expect(englishWordsIn(readable(read.join('\n'))), read.join('\n')).toEqual([]);
    const en = captureIo();
    await runCli(['--help'], en, env);
    expect(en.stdout()).toContain('Usage: grdp <command> [options]');
    expect(englishWordsIn(en.stdout())).not.toEqual([]);
  });

  it('checks what it should: codes and paths are left out, English words are not', () => {
    const issue = readable('INPUT_UNKNOWN_SECTOR shocks[0].sector (a.yaml:dòng 3): Ngành này');
    expect(issue).not.toMatch(/INPUT|shocks|yaml/);
    expect(issue).toMatch(/Ngành này$/);
    expect(englishWordsIn(readable('cảnh báo: the band is not valid'))).toEqual(['the', 'not']);
    expect(englishWordsIn(readable('--role phải là "editor"'))).toEqual([]);
    expect(englishWordsIn(readable('grdp import: 2 lỗi trong tệp'))).toEqual([]);
  });
});
