import { isQuarter, issueMessage, periodLabel, type Quarter, type RequiredRate } from '@grdp/engine';
import { requiredOf, trackOf } from '../../compute/run.ts';
import type { Command, CommandContext } from '../command.ts';
import { CliError } from '../io.ts';
import { renderTable } from '../table.ts';
import { baseNote, label, num, printJson, SCENARIO_OPTION, scenarioArg, t } from './shared.ts';

/** --as-of Q1|Q2|Q3|Q4, checked. */
export function asOfOption(ctx: CommandContext): Quarter | undefined {
  const v = ctx.values['as-of'];
  if (v === undefined) return undefined;
  if (!isQuarter(v))
    throw new CliError(
      `--as-of must be Q1, Q2, Q3 or Q4, not "${String(v)}"`,
      `--as-of phải là Q1, Q2, Q3 hoặc Q4, không phải "${String(v)}"`,
    );
  return v;
}

const STATUS = {
  below: { vi: 'dưới', en: 'below' },
  within: { vi: 'trong', en: 'within' },
  above: { vi: 'trên', en: 'above' },
};

export const trackCommand: Command = {
  name: 'track',
  summary: {
    en: 'actuals against their bands, and the growth the rest of the year still needs',
    vi: 'số thực hiện so với khoảng mục tiêu, và mức tăng các quý còn lại cần đạt',
  },
  usage: 'track FILE|--scenario ID [--as-of Q1|Q2|Q3] [--json] [--lang vi|en]',
  options: { 'as-of': { type: 'string' }, ...SCENARIO_OPTION },
  async run(ctx) {
    const { scenario } = await scenarioArg(ctx);
    const asOf = asOfOption(ctx);
    // The API's computation (POST /api/scenarios/:id/track): --json prints the same JSON.
    const result = await trackOf(scenario, asOf);
    if (ctx.json) {
      printJson(ctx, result);
      return 0;
    }
    const { lang } = ctx;
    if (result.base.note) ctx.io.out(baseNote(result.base.note, ctx.lang));
    ctx.io.out(
      t(
        lang,
        `Thực hiện so với kịch bản (đến ${result.asOf ?? '–'})`,
        `Actuals against the scenario (as of ${result.asOf ?? '–'})`,
      ),
    );
    ctx.io.out(
      renderTable(
        [
          { header: t(lang, 'Kỳ', 'Period') },
          { header: t(lang, 'Chỉ tiêu', 'Key') },
          { header: t(lang, 'Thực hiện', 'Actual'), align: 'right' },
          { header: t(lang, 'Thấp', 'Low'), align: 'right' },
          { header: t(lang, 'Cao', 'High'), align: 'right' },
          { header: t(lang, 'Tình trạng', 'Status') },
          { header: t(lang, 'Chênh (điểm %)', 'Gap (pp)'), align: 'right' },
        ],
        result.status.map((s) => [
          periodLabel(s.period, lang) + (s.derived ? '*' : ''),
          label(scenario, s.key, lang),
          num(s.actual, lang),
          num(s.low, lang),
          num(s.high, lang),
          STATUS[s.status][lang],
          num(s.gapPp, lang),
        ]),
      ),
    );
    ctx.io.out(
      t(lang, '* suy ra từ số liệu lũy kế và mức gốc', '* derived from cumulative figures and the base levels'),
    );
    for (const s of result.status.filter((x) => x.gapContributions)) {
      const parts = Object.entries(s.gapContributions!.bySector)
        .map(([k, v]) => `${label(scenario, k, lang)} ${num(v, lang)}`)
        .join('; ');
      ctx.io.out(
        `${periodLabel(s.period, lang)}: ${t(lang, 'đóng góp vào chênh lệch', 'contributions to the gap')} — ${parts}`,
      );
    }
    for (const f of result.findings)
      ctx.io.out(`${t(lang, 'Phát hiện', 'Finding')}: ${f.code} ${f.path}: ${issueMessage(f, lang)}`);
    const req = await requiredOf(scenario, result.asOf ?? undefined);
    ctx.io.out(
      `\n${t(lang, `Tăng trưởng cần đạt ở các quý còn lại (${req.remaining.join(', ') || '–'}) để cả năm đạt`, `Growth the remaining quarters (${req.remaining.join(', ') || '–'}) need for the full year to reach`)}`,
    );
    const keys = Object.keys(req.low);
    ctx.io.out(
      renderTable(
        [
          { header: t(lang, 'Chỉ tiêu', 'Key') },
          { header: t(lang, 'Mục tiêu thấp', 'FY low'), align: 'right' },
          { header: t(lang, 'Cần (mỗi quý)', 'Needed (each quarter)'), align: 'right' },
          { header: t(lang, 'Mục tiêu cao', 'FY high'), align: 'right' },
          { header: t(lang, 'Cần (mỗi quý)', 'Needed (each quarter)'), align: 'right' },
        ],
        keys.map((k) => [
          label(scenario, k, lang),
          num(req.low[k]!.target, lang),
          rate(req.low[k]!.uniform, lang),
          num(req.high[k]?.target, lang),
          req.high[k] ? rate(req.high[k]!.uniform, lang) : '–',
        ]),
      ),
    );
    return 0;
  },
};

function rate(r: RequiredRate, lang: 'vi' | 'en'): string {
  if (r.growth === null) return `– (${r.reason ?? ''})`;
  const flag = r.impossible
    ? t(lang, ' (không thể)', ' (impossible)')
    : r.implausible
      ? t(lang, ' (khó tin)', ' (implausible)')
      : '';
  return num(r.growth, lang) + flag;
}
