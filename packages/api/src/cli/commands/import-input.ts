/**
 * What both import commands (`grdp import`, `grdp import-indicators`) read before planning: the one FILE, the
 * stored scenario's id, the file's number locale, the author, the row cap of the server's settings and the bytes.
 * Usage errors in vi and en, as every CLI error.
 */
import { readFile } from 'node:fs/promises';
import { ConfigError, loadConfig } from '../../config.ts';
import type { NumberLocale } from '../../files/numbers.ts';
import type { CommandContext } from '../command.ts';
import { CliError } from '../io.ts';

export interface ImportInput {
  file: string;
  scenarioId: string;
  locale: NumberLocale | undefined;
  author: string;
  maxRows: number;
  bytes: Buffer;
}

export async function readImportInput(
  ctx: CommandContext,
  env: Record<string, string | undefined>,
): Promise<ImportInput> {
  const file = ctx.positionals[0];
  if (!file || ctx.positionals.length > 1) throw new CliError('exactly one FILE is required', 'cần đúng một tệp FILE');
  const scenarioId = ctx.values.scenario;
  if (typeof scenarioId !== 'string' || scenarioId === '')
    throw new CliError('--scenario ID is required', 'cần --scenario ID');
  const locale = ctx.values.locale;
  if (locale !== undefined && locale !== 'vi' && locale !== 'en')
    throw new CliError(
      `--locale must be vi or en, not "${String(locale)}"`,
      `--locale phải là vi hoặc en, không phải "${String(locale)}"`,
    );
  const author = typeof ctx.values.as === 'string' && ctx.values.as.trim() !== '' ? ctx.values.as.trim() : 'cli';
  let maxRows: number;
  try {
    maxRows = loadConfig(env).importMaxRows;
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(`bad setting ${e.message}`);
    throw e;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new CliError(`cannot read ${file}: ${why}`, `không đọc được ${file}: ${why}`);
  }
  return { file, scenarioId, locale, author, maxRows, bytes };
}

/** The stored scenario named by --scenario, or a CLI error saying it is not in the database. */
export function noScenarioInDatabase(scenarioId: string): CliError {
  return new CliError(
    `no scenario ${scenarioId} in the database`,
    `không có kịch bản ${scenarioId} trong cơ sở dữ liệu`,
  );
}
