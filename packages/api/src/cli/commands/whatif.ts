import { type BaselineName, PERIODS, parseShock, periodLabel, TOTAL } from '@grdp/engine';
import { whatifOf } from '../../compute/run.ts';
import type { Command } from '../command.ts';
import { CliError } from '../io.ts';
import { renderTable } from '../table.ts';
import { label, num, printJson, SCENARIO_OPTION, scenarioArg, t } from './shared.ts';
import { asOfOption } from './track.ts';

const BASELINES: BaselineName[] = ['low', 'high', 'mid', 'actual'];

export const whatifCommand: Command = {
  name: 'whatif',
  summary: {
    en: 'shock sectors (pp, a growth value or a level change) and see the year move',
    vi: 'giả định cú sốc theo ngành (điểm %, một tốc độ tăng hoặc thay đổi mức) và xem cả năm thay đổi',
  },
  usage: 'whatif FILE|--scenario ID --shock agriculture:Q3:-2pp [--shock …] [--baseline low|high|mid|actual] [--json]',
  options: {
    shock: { type: 'string', multiple: true },
    baseline: { type: 'string' },
    'as-of': { type: 'string' },
    ...SCENARIO_OPTION,
  },
  async run(ctx) {
    const { scenario } = await scenarioArg(ctx);
    const texts = (ctx.values.shock as string[] | undefined) ?? [];
    const shocks = texts.map((text, i) => {
      try {
        return parseShock(text);
      } catch (e) {
        throw new CliError(`--shock #${i + 1} "${text}": ${(e as Error).message}`);
      }
    });
    const baseline = (ctx.values.baseline ?? 'mid') as BaselineName;
    if (!BASELINES.includes(baseline)) throw new CliError(`--baseline must be one of ${BASELINES.join(', ')}`);
    const asOf = asOfOption(ctx);
    // The API's computation (POST /api/scenarios/:id/whatif, sensitivity included): --json prints the same JSON.
    const r = await whatifOf(scenario, { shocks, baseline, ...(asOf ? { asOf } : {}) });
    if (ctx.json) {
      printJson(ctx, r);
      return 0;
    }
    const { lang } = ctx;
    const keys = [TOTAL, ...Object.keys(r.growth)];
    ctx.io.out(
      t(
        lang,
        `Kịch bản gốc: ${baseline}; cú sốc: ${texts.join(', ') || '–'}`,
        `Baseline: ${baseline}; shocks: ${texts.join(', ') || 'none'}`,
      ),
    );
    ctx.io.out(
      renderTable(
        [
          { header: t(lang, 'Kỳ', 'Period') },
          ...keys.map((k) => ({ header: label(scenario, k, lang), align: 'right' as const })),
        ],
        PERIODS.map((p) => [
          periodLabel(p, lang),
          ...keys.map((k) => {
            const cell = k === TOTAL ? r.evaluation.periods[p].total : r.evaluation.periods[p].sectors[k];
            const d = r.diff[p][k]?.growthPp ?? 0;
            return `${num(cell?.growth, lang)} (${d >= 0 ? '+' : ''}${num(d, lang)})`;
          }),
        ]),
      ),
    );
    ctx.io.out(
      t(
        lang,
        `Tác động lên tăng trưởng cả năm: ${r.fyImpactPp >= 0 ? '+' : ''}${num(r.fyImpactPp, lang, 3)} điểm %`,
        `Full-year impact on total growth: ${r.fyImpactPp >= 0 ? '+' : ''}${num(r.fyImpactPp, lang, 3)} pp`,
      ),
    );
    return 0;
  },
};
