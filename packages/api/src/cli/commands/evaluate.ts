import { BASE_CHOICES, type BaseChoice, componentIds, PERIODS, periodLabel, TOTAL } from '@grdp/engine';
import { evaluateOf } from '../../compute/run.ts';
import type { Command } from '../command.ts';
import { CliError } from '../io.ts';
import { renderTable } from '../table.ts';
import { baseNote, label, num, printJson, SCENARIO_OPTION, scenarioArg, t } from './shared.ts';

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: {
    en: 'the low and high tables of a scenario: growth, contributions and shares per period',
    vi: 'bảng thấp và cao của một kịch bản: tăng trưởng, đóng góp và tỷ trọng theo từng kỳ',
  },
  usage: 'evaluate FILE|--scenario ID [--base auto|file|calibrated] [--json] [--lang vi|en]',
  options: { base: { type: 'string' }, ...SCENARIO_OPTION },
  async run(ctx) {
    const { scenario, warnings } = await scenarioArg(ctx);
    const choice = (ctx.values.base ?? 'auto') as BaseChoice;
    if (!BASE_CHOICES.includes(choice)) throw new CliError(`--base must be one of ${BASE_CHOICES.join(', ')}`);
    // The API's computation (POST /api/scenarios/:id/evaluate): --json prints the same JSON.
    const result = await evaluateOf(scenario, choice, warnings);
    if (ctx.json) {
      printJson(ctx, result);
      return 0;
    }
    const { base } = result;
    const tables = { low: result.low, high: result.high };
    const sectors = scenario.sectors.filter((s) => base.levels[s.id]);
    const { lang } = ctx;
    if (base.note) ctx.io.out(baseNote(base.note, ctx.lang));
    const keys = [TOTAL, ...componentIds({ sectors })];
    for (const side of ['low', 'high'] as const) {
      const r = tables[side];
      ctx.io.out(
        `\n${t(lang, side === 'low' ? 'Phương án thấp' : 'Phương án cao', side === 'low' ? 'Low path' : 'High path')} — ${t(lang, 'tăng trưởng (%)', 'growth (%)')}`,
      );
      ctx.io.out(
        renderTable(
          [
            { header: t(lang, 'Kỳ', 'Period') },
            ...keys.map((k) => ({ header: label(scenario, k, lang), align: 'right' as const })),
          ],
          PERIODS.map((p) => [
            periodLabel(p, lang),
            ...keys.map((k) => num(k === TOTAL ? r.periods[p].total.growth : r.periods[p].sectors[k]?.growth, lang)),
          ]),
        ),
      );
      ctx.io.out(`\n${t(lang, 'Đóng góp vào tăng trưởng (điểm %)', 'Contribution to growth (pp)')}`);
      ctx.io.out(
        renderTable(
          [
            { header: t(lang, 'Kỳ', 'Period') },
            ...keys.slice(1).map((k) => ({ header: label(scenario, k, lang), align: 'right' as const })),
          ],
          PERIODS.map((p) => [
            periodLabel(p, lang),
            ...keys.slice(1).map((k) => num(r.periods[p].sectors[k]?.contributionPp, lang)),
          ]),
        ),
      );
    }
    return 0;
  },
};
