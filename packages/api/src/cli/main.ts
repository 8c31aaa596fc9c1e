#!/usr/bin/env -S npx tsx
/**
 * grdp: the command line. `pnpm grdp <command> FILE [--json] [--lang vi|en]`.
 * Exit 0 on success, 1 on input errors (every error with code, path and line on stderr), 2 on usage errors.
 */
import { parseArgs } from 'node:util';
import { GrdpError } from '@grdp/engine';
import type { CommandContext } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { CliError, type CliIo, formatIssue, processIo } from './io.ts';

export type { Command, CommandContext } from './command.ts';

function help(io: CliIo): void {
  io.out('grdp — growth scenarios for provincial GRDP\n\nUsage: grdp <command> [options]\n');
  for (const c of COMMANDS) io.out(`  ${c.usage.padEnd(58)} ${c.summary}`);
  io.out('\nCommon options: --json (machine output), --lang vi|en (labels and number format)');
}

export async function runCli(
  argv: string[],
  io: CliIo = processIo,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`grdp: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
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
    io.out(`Usage: grdp ${command.usage}\n${command.summary}`);
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
