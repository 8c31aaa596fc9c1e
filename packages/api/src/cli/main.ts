#!/usr/bin/env -S npx tsx
/**
 * grdp: the command line. `pnpm grdp <command> FILE [--json] [--lang vi|en]`.
 * Exit 0 on success, 1 on input errors (every error with code, path and line on stderr), 2 on usage errors.
 */
import { parseArgs } from 'node:util';
import { GrdpError, type Lang } from '@grdp/engine';
import type { CommandContext } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { CliError, type CliIo, formatIssue, processIo } from './io.ts';

export type { Command, CommandContext } from './command.ts';

const HELP_TEXT = {
  en: {
    title: 'grdp — growth scenarios for provincial GRDP',
    usage: 'Usage',
    command: '<command> [options]',
    common: 'Common options: --json (machine output), --lang vi|en (labels and number format)',
  },
  vi: {
    title: 'grdp — kịch bản tăng trưởng GRDP của tỉnh',
    usage: 'Cách dùng',
    command: '<lệnh> [tùy chọn]',
    common: 'Tùy chọn chung: --json (kết quả cho máy đọc), --lang vi|en (ngôn ngữ nhãn và cách viết số)',
  },
} as const;

/** The language asked for on the command line (`--lang vi` or `--lang=vi`), read before the command is known. */
function langOf(argv: readonly string[]): Lang {
  const i = argv.indexOf('--lang');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  return value === 'vi' ? 'vi' : 'en';
}

function help(io: CliIo, lang: Lang): void {
  const text = HELP_TEXT[lang];
  io.out(`${text.title}\n\n${text.usage}: grdp ${text.command}\n`);
  for (const c of COMMANDS) io.out(`  ${c.usage.padEnd(58)} ${c.summary[lang]}`);
  io.out(`\n${text.common}`);
}

export async function runCli(
  argv: string[],
  io: CliIo = processIo,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io, langOf(argv));
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const names = COMMANDS.map((c) => c.name).join(', ');
    io.err(
      langOf(rest) === 'vi'
        ? `grdp: không có lệnh "${name}". Các lệnh: ${names}`
        : `grdp: unknown command "${name}". Commands: ${names}`,
    );
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...command.options,
      },
    });
  } catch (e) {
    io.err(`grdp ${name}: ${(e as Error).message}\nUsage: grdp ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    const l = langOf(rest);
    io.out(`${HELP_TEXT[l].usage}: grdp ${command.usage}\n${command.summary[l]}`);
    return 0;
  }
  const lang = (parsed.values.lang ?? 'en') as string;
  if (lang !== 'vi' && lang !== 'en') {
    io.err(`grdp ${name}: --lang must be vi or en, not "${lang}"`);
    return 2;
  }
  try {
    return await command.run({
      positionals: parsed.positionals,
      values: parsed.values as CommandContext['values'],
      json: parsed.values.json === true,
      lang,
      io,
      env,
    });
  } catch (e) {
    if (e instanceof GrdpError) {
      for (const i of e.issues) io.err(formatIssue(i, lang));
      return 1;
    }
    if (e instanceof CliError) {
      io.err(`grdp ${name}: ${e.text(lang)}`);
      return 1;
    }
    throw e;
  }
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`grdp: unexpected error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 3;
    },
  );
}
