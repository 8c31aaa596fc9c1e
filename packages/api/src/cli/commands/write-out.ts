import { writeFile } from 'node:fs/promises';
import type { CommandContext } from '../command.ts';
import { CliError } from '../io.ts';

/** `--out FILE` as given (required). */
export function outArg(ctx: CommandContext, example = 'NEW.yaml'): string {
  const out = ctx.values.out;
  if (typeof out !== 'string' || out === '') throw new CliError(`--out ${example} is required`);
  return out;
}

/** Writes a new file; an existing one only with --force. */
export async function writeOut(ctx: CommandContext, out: string, text: string | Uint8Array): Promise<void> {
  try {
    await writeFile(out, text, { flag: ctx.values.force === true ? 'w' : 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CliError(`${out} exists; add --force to overwrite it`);
    throw new CliError(`cannot write ${out}: ${code ?? (e as Error).message}`);
  }
}
