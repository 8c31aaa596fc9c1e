import { readFile } from 'node:fs/promises';
import {
  formatIndicatorValue,
  GrdpError,
  INDICATOR_CATEGORIES,
  type IndicatorCategory,
  indicatorNeededText,
  indicatorNumberText,
  indicatorPeriodText,
  indicatorStatusText,
  indicatorTargetText,
  type Lang,
  loadPlan,
  loadScenario,
  periodLabel,
} from '@grdp/engine';
import { enteredByIndicator, type IndicatorsAnswer, indicatorsOf } from '../../compute/indicators.ts';
import { createRepositories } from '../../repositories/index.ts';
import type { Command, CommandContext } from '../command.ts';
import { CliError, formatIssue, warningWord } from '../io.ts';
import { renderTable } from '../table.ts';
import { describeDatabase, withDatabase } from './db.ts';
import { printJson, SCENARIO_OPTION, t } from './shared.ts';

/** A plan file (startYear…) rather than a quarterly scenario. */
const isPlanText = (text: string) => /(^|\n)\s*"?startYear"?\s*:/.test(text);

/** The indicators answer of FILE (a scenario or a plan) or of a stored scenario with its entered figures. */
async function answerOf(ctx: CommandContext): Promise<IndicatorsAnswer> {
  const id = ctx.values.scenario;
  if (typeof id === 'string') {
    if (ctx.positionals.length > 0) throw new CliError('give a FILE or --scenario ID, not both');
    const env = ctx.env ?? process.env;
    const answer = await withDatabase(async (h) => {
      const repos = createRepositories(h.db);
      const scenario = await repos.scenarios.effectiveScenario(id);
      if (!scenario) return undefined;
      const entered = enteredByIndicator(await repos.indicators.current(id));
      return indicatorsOf({ ...scenario, grdp: { year: scenario.year, actuals: scenario.actuals } }, entered);
    }, env);
    if (!answer) throw new CliError(`no scenario ${id} in ${describeDatabase(env)}`);
    return answer;
  }
  const file = ctx.positionals[0];
  if (!file) throw new CliError('a scenario or plan FILE (or --scenario ID) is required');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (isPlanText(text)) {
    try {
      return indicatorsOf(loadPlan(text));
    } catch (e) {
      if (e instanceof GrdpError) throw new GrdpError(e.issues.map((i) => ({ ...i, file })));
      throw e;
    }
  }
  const { scenario, warnings } = loadScenario(text, { file });
  if (!ctx.json) for (const w of warnings) ctx.io.err(`${warningWord(ctx.lang)}: ${formatIssue(w, ctx.lang)}`);
  return indicatorsOf({ ...scenario, grdp: { year: scenario.year, actuals: scenario.actuals } });
}

/** Keeps the rows of --department ID and --category economic|social|environment. */
function filtered(answer: IndicatorsAnswer, ctx: CommandContext): IndicatorsAnswer {
  const department = ctx.values.department;
  const category = ctx.values.category;
  if (category !== undefined && !INDICATOR_CATEGORIES.includes(category as IndicatorCategory))
    throw new CliError(`--category must be ${INDICATOR_CATEGORIES.join(', ')}, not "${String(category)}"`);
  if (typeof department === 'string' && !answer.departments.some((d) => d.id === department))
    throw new CliError(
      `no department "${department}"; known: ${answer.departments.map((d) => d.id).join(', ') || 'none'}`,
    );
  return {
    ...answer,
    indicators: answer.indicators.filter(
      (i) =>
        (department === undefined || i.department === department || i.cooperating.includes(String(department))) &&
        (category === undefined || i.category === category),
    ),
  };
}

function render(answer: IndicatorsAnswer, lang: Lang): string {
  const deptName = new Map(answer.departments.map((d) => [d.id, d.name[lang]]));
  const none = t(lang, 'chưa giao', 'not assigned');
  return renderTable(
    [
      { header: t(lang, 'Số', 'No.') },
      { header: t(lang, 'Chỉ tiêu', 'Indicator') },
      { header: t(lang, 'Mục tiêu', 'Target') },
      { header: t(lang, 'Kỳ', 'Period') },
      { header: t(lang, 'Thực hiện', 'Actual'), align: 'right' },
      { header: t(lang, 'Tình trạng', 'Status') },
      { header: t(lang, 'Cơ quan chủ trì', 'Responsible') },
    ],
    answer.indicators.map((i) => {
      const latest = i.status.latest;
      const needed = indicatorNeededText(i.status, lang);
      return [
        indicatorNumberText(i),
        i.name[lang],
        indicatorTargetText(i, lang),
        indicatorPeriodText(i.period, lang),
        (latest ? `${formatIndicatorValue(latest.value, lang)} (${latest.year})` : '–') +
          (i.soFar
            ? ` · ${t(lang, 'đến nay', 'so far')} ${formatIndicatorValue(i.soFar.value, lang)} (${periodLabel(i.soFar.period, lang)} ${i.soFar.year})`
            : ''),
        indicatorStatusText(i.status, lang) + (needed ? `; ${needed}` : ''),
        i.department ? (deptName.get(i.department) ?? i.department) : none,
      ];
    }),
  );
}

export const indicatorsCommand: Command = {
  name: 'indicators',
  summary: {
    en: 'the main indicators (chỉ tiêu chủ yếu): targets, departments, latest actuals and status',
    vi: 'các chỉ tiêu chủ yếu: mục tiêu, cơ quan chủ trì, số thực hiện mới nhất và tình trạng',
  },
  usage:
    'indicators FILE|--scenario ID [--department ID] [--category economic|social|environment] [--json] [--lang vi|en]',
  options: { department: { type: 'string' }, category: { type: 'string' }, ...SCENARIO_OPTION },
  async run(ctx) {
    const answer = filtered(await answerOf(ctx), ctx);
    if (ctx.json) {
      printJson(ctx, answer);
      return 0;
    }
    const { lang } = ctx;
    ctx.io.out(`${answer.title[lang]}: ${answer.indicators.length} ${t(lang, 'chỉ tiêu', 'indicators')}`);
    ctx.io.out(render(answer, lang));
    return 0;
  },
};
