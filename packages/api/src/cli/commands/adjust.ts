import { formatDate, isQuarter, loadScenario, type Quarter } from '@grdp/engine';
import { adjustOf } from '../../compute/planner.ts';
import type { Command } from '../command.ts';
import { CliError, formatIssue, warningWord } from '../io.ts';
import { printBands } from './draft.ts';
import { num, printJson, scenarioArg, t } from './shared.ts';
import { outArg, writeOut } from './write-out.ts';

export const adjustCommand: Command = {
  name: 'adjust',
  summary: {
    en: 'a new version: actual quarters kept as points, the rest re-drafted to still reach the FY targets',
    vi: 'phiên bản mới: các quý đã có số thực hiện giữ nguyên, các quý còn lại được tính lại để vẫn đạt mục tiêu cả năm',
  },
  usage:
    'adjust FILE --as-of Q1|Q2|Q3 --out NEW.yaml [--rule profile|uniform] [--reconcile none|shift|absorb:SECTOR] [--label L] [--date YYYY-MM-DD] [--note TEXT] [--force] [--json] [--lang vi|en]',
  options: {
    'as-of': { type: 'string' },
    rule: { type: 'string' },
    reconcile: { type: 'string' },
    label: { type: 'string' },
    date: { type: 'string' },
    note: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run(ctx) {
    const out = outArg(ctx);
    const asOf = ctx.values['as-of'];
    if (!isQuarter(asOf) || asOf === 'Q4') throw new CliError('--as-of is Q1, Q2 or Q3');
    const rule = ctx.values.rule ?? 'profile';
    if (rule !== 'profile' && rule !== 'uniform')
      throw new CliError(`--rule is profile or uniform, not ${String(rule)}`);
    const { scenario } = await scenarioArg(ctx);
    const str = (name: string) => (typeof ctx.values[name] === 'string' ? (ctx.values[name] as string) : undefined);
    const date = str('date') ?? new Date().toISOString().slice(0, 10);
    const a = await adjustOf(scenario, {
      asOf: asOf as Quarter,
      rule,
      date,
      ...(str('reconcile') === undefined ? {} : { reconcile: str('reconcile') }),
      ...(str('label') === undefined ? {} : { label: str('label') }),
      ...(str('note') === undefined ? {} : { note: str('note') }),
    });
    await writeOut(ctx, out, a.yaml);
    if (ctx.json) {
      printJson(ctx, { out, ...a });
      return 0;
    }
    for (const w of a.warnings) ctx.io.err(`${warningWord(ctx.lang)}: ${formatIssue(w, ctx.lang)}`);
    printBands(ctx, scenario, loadScenario(a.yaml).scenario.targets);
    for (const f of a.flags)
      ctx.io.out(
        t(
          ctx.lang,
          `Cảnh báo: ${f.key} (${f.side === 'low' ? 'thấp' : 'cao'}) cần ${num(f.growth, ctx.lang)}% trong ${f.quarter} (${f.kind === 'impossible' ? 'không thể' : 'khó xảy ra'})`,
          `Flag: ${f.key} (${f.side}) needs ${num(f.growth, ctx.lang)} % in ${f.quarter} (${f.kind})`,
        ),
      );
    ctx.io.out(
      t(
        ctx.lang,
        `Đã ghi ${out}: phiên bản ${a.version.label} (điều chỉnh ${a.version.adjusts}), ngày ${formatDate(a.version.date ?? '', 'vi')}.`,
        `Wrote ${out}: version ${a.version.label} (adjusts ${a.version.adjusts}), dated ${formatDate(a.version.date ?? '', 'en')}.`,
      ),
    );
    return 0;
  },
};
