import { readFile } from 'node:fs/promises';
import { type Issue, issueMessage, type Lang, loadScenario, type Scenario } from '@grdp/engine';

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
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new CliError(`cannot read ${file}: ${why}`, `không đọc được ${file}: ${why}`);
  }
  return loadScenario(text, { file });
}

/** A usage or file error: printed on stderr, exit 1; `vi` is the same message for `--lang vi`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly vi?: string,
  ) {
    super(message);
  }

  /** The message in a language (English when there is no Vietnamese one). */
  text(lang: Lang): string {
    return lang === 'vi' && this.vi !== undefined ? this.vi : this.message;
  }
}

/** `CODE path (file:line N): message`, in a language (vi: the catalogue's sentence, `dòng N`, `(gốc)`). */
export function formatIssue(i: Issue, lang: Lang = 'en'): string {
  const line = i.line === undefined ? undefined : lang === 'vi' ? `dòng ${i.line}` : `line ${i.line}`;
  const where = [i.file, line].filter(Boolean).join(':');
  const root = lang === 'vi' ? '(gốc)' : '(root)';
  return `${i.code} ${i.path || root}${where ? ` (${where})` : ''}: ${issueMessage(i, lang)}`;
}

/** The word before a warning on stderr. */
export const warningWord = (lang: Lang) => (lang === 'vi' ? 'cảnh báo' : 'warning');
