import { formatNumber, type Issue, keyLabel, type Lang, type Scenario, sectorNames } from '@grdp/engine';
import { createRepositories } from '../../repositories/index.ts';
import type { CommandContext } from '../command.ts';
import { CliError, formatIssue, readScenario } from '../io.ts';
import { describeDatabase, withDatabase } from './db.ts';

/** `--scenario ID`: a scenario stored in the server's database instead of a FILE. */
export const SCENARIO_OPTION = { scenario: { type: 'string' as const } };

/**
 * The scenario to compute with: the FILE argument, loaded and validated (load warnings go to stderr unless
 * --json), or with `--scenario ID` the stored scenario with its entered actuals (the engine's effective scenario,
 * as the API computes with), from the database the server uses (same DATA_DIR / DATABASE_URL).
 */
export async function scenarioArg(ctx: CommandContext): Promise<{ scenario: Scenario; warnings: Issue[] }> {
  const id = ctx.values.scenario;
  if (typeof id === 'string') {
    if (ctx.positionals.length > 0)
      throw new CliError(
        'give a scenario FILE or --scenario ID, not both',
        'chỉ đưa một trong hai: tệp kịch bản FILE hoặc --scenario ID',
      );
    const env = ctx.env ?? process.env;
    const scenario = await withDatabase(async (h) => createRepositories(h.db).scenarios.effectiveScenario(id), env);
    if (!scenario)
      throw new CliError(
        `no scenario ${id} in ${describeDatabase(env)}`,
        `không có kịch bản ${id} trong ${describeDatabase(env, 'vi')}`,
      );
    return { scenario, warnings: [] };
  }
  const file = ctx.positionals[0];
  if (!file)
    throw new CliError(
      'a scenario FILE (or --scenario ID) is required',
      'cần một tệp kịch bản FILE (hoặc --scenario ID)',
    );
  const loaded = await readScenario(file);
  if (!ctx.json)
    for (const w of loaded.warnings) ctx.io.err(`${t(ctx.lang, 'cảnh báo', 'warning')}: ${formatIssue(w, ctx.lang)}`);
  return loaded;
}

export function label(scenario: Scenario, key: string, lang: Lang): string {
  return keyLabel(key, lang, sectorNames(scenario));
}

export const num = (v: number | null | undefined, lang: Lang, digits = 2) => formatNumber(v, lang, digits);

export function printJson(ctx: CommandContext, value: unknown): void {
  ctx.io.out(JSON.stringify(value, null, 2));
}

/** Two-language text picked by --lang. */
export const t = (lang: Lang, vi: string, en: string) => (lang === 'vi' ? vi : en);

/** The engine's notes on where the base levels came from, in the chosen language. */
const BASE_NOTES_VI: Record<string, string> = {
  'base-year levels in the file are implied, not published':
    'mức nền năm gốc trong tệp là số suy ra, không phải số công bố',
};

export function baseNote(note: string, lang: Lang): string {
  if (lang === 'en') return note;
  return note
    .split('; ')
    .map((part) => {
      const missing = /^no base-year levels for (.+)$/.exec(part);
      return missing ? `không có mức nền năm gốc cho ${missing[1]}` : (BASE_NOTES_VI[part] ?? part);
    })
    .join('; ');
}
