import { bandPath, componentIds, evaluate, PERIODS, periodLabel, resolveBase, TOTAL } from '@grdp/engine';
import type { Command } from '../main.ts';
import { renderTable } from '../table.ts';
import { label, num, printJson, scenarioArg, t } from './shared.ts';

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'the low and high tables of a scenario: growth, contributions and shares per period',
  usage: 'evaluate FILE [--json] [--lang vi|en]',
  async run(ctx) {
    const { scenario, warnings } = await scenarioArg(ctx);
    const base = await resolveBase(scenario);
    const sectors = scenario.sectors.filter((s) => base.base[s.id]);
    const tables = {
      low: evaluate({ sectors, base: base.base, growth: bandPath(scenario, 'low') }),
      high: evaluate({ sectors, base: base.base, growth: bandPath(scenario, 'high') }),
    };
    if (ctx.json) {
      printJson(ctx, { scenario: scenario.id, base, ...tables, warnings });
      return 0;
    }
    const { lang } = ctx;
    if (base.note) ctx.io.out(base.note);
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
