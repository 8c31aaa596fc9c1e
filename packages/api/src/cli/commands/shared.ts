import { formatNumber, type Issue, keyLabel, type Lang, type Scenario } from '@grdp/engine';
import { CliError, formatIssue, readScenario } from '../io.ts';
import type { CommandContext } from '../main.ts';

/** The scenario FILE argument, loaded and validated; load warnings go to stderr unless --json. */
export async function scenarioArg(ctx: CommandContext): Promise<{ scenario: Scenario; warnings: Issue[] }> {
  const file = ctx.positionals[0];
  if (!file) throw new CliError('a scenario FILE is required');
  const loaded = await readScenario(file);
  if (!ctx.json) for (const w of loaded.warnings) ctx.io.err(`warning: ${formatIssue(w)}`);
  return loaded;
}

/** Sector names from the file, for labels. */
export function sectorNames(scenario: Scenario): Record<string, { vi: string; en: string }> {
  return Object.fromEntries(scenario.sectors.map((s) => [s.id, s.name]));
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
