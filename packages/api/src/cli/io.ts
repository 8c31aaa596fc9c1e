import { readFile } from 'node:fs/promises';
import { type Issue, loadScenario, type Scenario } from '@grdp/engine';

/** What a command needs to talk to the terminal; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

/** Reads and validates a scenario file; throws the loader's GrdpError (every problem, with file and line). */
export async function readScenario(file: string): Promise<{ scenario: Scenario; warnings: Issue[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return loadScenario(text, { file });
}

/** A usage or file error: printed on stderr, exit 1. */
export class CliError extends Error {}

export function formatIssue(i: Issue): string {
  const where = [i.file, i.line === undefined ? undefined : `line ${i.line}`].filter(Boolean).join(':');
  return `${i.code} ${i.path || '(root)'}${where ? ` (${where})` : ''}: ${i.message}`;
}
