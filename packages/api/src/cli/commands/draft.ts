import { type Lang, loadScenario, PERIODS, periodLabel, type Scenario } from '@grdp/engine';
import { draftOf, parseShape } from '../../compute/planner.ts';
import type { Command, CommandContext } from '../command.ts';
import { CliError, formatIssue, readScenario, warningWord } from '../io.ts';
import { renderTable } from '../table.ts';
import { label, num, printJson, scenarioArg, t } from './shared.ts';
import { outArg, writeOut } from './write-out.ts';

const PROFILES = ['flat', 'last-year', 'shape'] as const;

export const draftCommand: Command = {
  name: 'draft',
  summary: {
    en: 'draft the quarterly and cumulative bands from base levels and the FY targets',
    vi: 'dự thảo các khoảng theo quý và lũy kế từ mức gốc và mục tiêu cả năm',
  },
  usage:
    'draft FILE --profile flat|last-year|shape --out NEW.yaml [--last-year PREV.yaml] [--shape SECTOR:o1,o2,o3,o4 …] [--reconcile none|shift|absorb:SECTOR] [--force] [--json] [--lang vi|en]',
  options: {
    profile: { type: 'string' },
    'last-year': { type: 'string' },
    shape: { type: 'string', multiple: true },
    reconcile: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run(ctx) {
    const out = outArg(ctx);
    const profile = (ctx.values.profile ?? 'flat') as (typeof PROFILES)[number];
    if (!PROFILES.includes(profile))
      throw new CliError(`--profile is flat, last-year or shape, not ${String(profile)}`);
    const { scenario } = await scenarioArg(ctx);
    const lastYearFile = ctx.values['last-year'];
    if (profile === 'last-year' && typeof lastYearFile !== 'string')
      throw new CliError("--profile last-year needs --last-year PREV.yaml (last year's scenario with its actuals)");
    const lastYear = typeof lastYearFile === 'string' ? (await readScenario(lastYearFile)).scenario : undefined;
    const shapes = (ctx.values.shape as string[] | undefined) ?? [];
    if (profile === 'shape' && shapes.length === 0)
      throw new CliError('--profile shape needs at least one --shape SECTOR:o1,o2,o3,o4');
    const reconcile = ctx.values.reconcile;
    const d = await draftOf(scenario, {
      profile,
      ...(lastYear ? { lastYear } : {}),
      ...(shapes.length > 0 ? { shape: Object.fromEntries(shapes.map(parseShape)) } : {}),
      ...(typeof reconcile === 'string' ? { reconcile } : {}),
    });
    if (!d.reproducible) {
      if (ctx.json) printJson(ctx, d);
      for (const w of d.warnings) ctx.io.err(`${warningWord(ctx.lang)}: ${formatIssue(w, ctx.lang)}`);
      ctx.io.err(
        t(
          ctx.lang,
          `Không ghi ${out}: bảng dự thảo không tự tái tạo (sai số lớn nhất ${num(d.maxAbsResidual, ctx.lang, 4)} điểm %). Dùng --reconcile shift hoặc --reconcile absorb:KHU_VỰC.`,
          `${out} not written: the draft does not reproduce itself (max |residual| ${num(d.maxAbsResidual, ctx.lang, 4)} pp). Use --reconcile shift or --reconcile absorb:SECTOR.`,
        ),
      );
      return 1;
    }
    await writeOut(ctx, out, d.yaml);
    if (ctx.json) {
      printJson(ctx, { out, ...d });
      return 0;
    }
    for (const w of d.warnings) ctx.io.err(`${warningWord(ctx.lang)}: ${formatIssue(w, ctx.lang)}`);
    printBands(ctx, scenario, loadScenario(d.yaml).scenario.targets);
    ctx.io.out(gapLine(ctx.lang, d.gap));
    ctx.io.out(
      t(
        ctx.lang,
        `Đã ghi ${out}: tái tạo mọi số liệu đến 2 chữ số thập phân với mức gốc đã dùng (sai số lớn nhất ${num(d.maxAbsResidual, ctx.lang, 4)} điểm %).`,
        `Wrote ${out}: every figure reproduces to 2 decimals with the base it was drafted on (max |residual| ${num(d.maxAbsResidual, ctx.lang, 4)} pp).`,
      ),
    );
    return 0;
  },
};

export function gapLine(
  lang: Lang,
  gap: { low: { gap: number; implied: number }; high: { gap: number; implied: number } },
) {
  return t(
    lang,
    `Chênh lệch mục tiêu tổng cả năm so với các khu vực: thấp ${num(gap.low.gap, lang, 4)}, cao ${num(gap.high.gap, lang, 4)} điểm %.`,
    `Total FY target minus what the sectors' targets give: low ${num(gap.low.gap, lang, 4)}, high ${num(gap.high.gap, lang, 4)} pp.`,
  );
}

/** The table as provinces print it: periods as columns, total and sectors as rows. */
export function printBands(ctx: CommandContext, scenario: Scenario, targets: Scenario['targets']): void {
  const keys = ['total', ...scenario.sectors.map((s) => s.id)];
  ctx.io.out(
    renderTable(
      [
        { header: t(ctx.lang, 'Chỉ tiêu', 'Key') },
        ...PERIODS.map((p) => ({ header: periodLabel(p, ctx.lang), align: 'right' as const })),
      ],
      keys.map((key) => [
        label(scenario, key, ctx.lang),
        ...PERIODS.map((p) => {
          const b = targets[p]?.[key];
          return b
            ? b.low === b.high
              ? num(b.low, ctx.lang)
              : `${num(b.low, ctx.lang)}–${num(b.high, ctx.lang)}`
            : '–';
        }),
      ]),
    ),
  );
}
