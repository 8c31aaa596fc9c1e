import { requiredOf } from '../../compute/run.ts';
import type { Command } from '../command.ts';
import { renderTable } from '../table.ts';
import { baseNote, label, num, printJson, SCENARIO_OPTION, scenarioArg, t } from './shared.ts';
import { asOfOption } from './track.ts';

export const requiredCommand: Command = {
  name: 'required',
  summary: {
    en: 'growth the remaining quarters need: one rate, the scenario profile, or one sector alone',
    vi: 'mức tăng các quý còn lại cần đạt: một tốc độ chung, theo cấu trúc kịch bản, hoặc chỉ một ngành',
  },
  usage: 'required FILE|--scenario ID [--as-of Q1|Q2|Q3] [--json] [--lang vi|en]',
  options: { 'as-of': { type: 'string' }, ...SCENARIO_OPTION },
  async run(ctx) {
    const { scenario } = await scenarioArg(ctx);
    const asOf = asOfOption(ctx);
    // The API's computation (POST /api/scenarios/:id/required): --json prints the same JSON.
    const r = await requiredOf(scenario, asOf);
    if (ctx.json) {
      printJson(ctx, r);
      return 0;
    }
    const { lang } = ctx;
    if (r.base.note) ctx.io.out(baseNote(r.base.note, ctx.lang));
    ctx.io.out(
      t(
        lang,
        `Đến ${r.asOf ?? '–'}; còn lại: ${r.remaining.join(', ')}`,
        `As of ${r.asOf ?? '–'}; remaining: ${r.remaining.join(', ')}`,
      ),
    );
    for (const side of ['low', 'high'] as const) {
      ctx.io.out(
        `\n${side === 'low' ? t(lang, 'Để đạt mục tiêu thấp', 'To reach the FY low') : t(lang, 'Để đạt mục tiêu cao', 'To reach the FY high')}`,
      );
      ctx.io.out(
        renderTable(
          [
            { header: t(lang, 'Chỉ tiêu', 'Key') },
            { header: t(lang, 'Mục tiêu', 'Target'), align: 'right' },
            { header: t(lang, 'Một mức mỗi quý', 'One rate'), align: 'right' },
            { header: t(lang, 'Theo kịch bản + điểm %', 'Scenario path + pp'), align: 'right' },
          ],
          Object.values(r[side]).map((q) => [
            label(scenario, q.key, lang),
            num(q.target, lang),
            num(q.uniform.growth, lang) + (q.uniform.implausible ? '!' : ''),
            num(q.profile.shiftPp, lang),
          ]),
        ),
      );
      const alone = r[side].total?.alone;
      if (alone) {
        ctx.io.out(
          t(
            lang,
            'Nếu chỉ một khu vực bù (các khu vực khác theo kịch bản):',
            'If one sector alone makes it up (others on the scenario path):',
          ),
        );
        for (const [k, v] of Object.entries(alone))
          ctx.io.out(
            `  ${label(scenario, k, lang)}: ${num(v.growth, lang)}${v.impossible ? t(lang, ' (không thể)', ' (impossible)') : v.implausible ? t(lang, ' (khó tin, quá ±30%)', ' (implausible, beyond ±30%)') : ''}`,
          );
      }
    }
    return 0;
  },
};
