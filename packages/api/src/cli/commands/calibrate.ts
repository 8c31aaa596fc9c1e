import { calibrate, periodLabel } from '@grdp/engine';
import type { Command } from '../command.ts';
import { renderTable } from '../table.ts';
import { label, num, printJson, scenarioArg, t } from './shared.ts';

export const calibrateCommand: Command = {
  name: 'calibrate',
  summary: {
    en: 'recover base-year levels that reproduce the published table; every residual',
    vi: 'tìm mức gốc năm trước tái lập được bảng đã công bố; kèm sai lệch của từng số',
  },
  usage: 'calibrate FILE [--as-printed] [--json] [--lang vi|en]',
  options: { 'as-printed': { type: 'boolean' } },
  async run(ctx) {
    const { scenario, warnings } = await scenarioArg(ctx);
    const r = await calibrate(scenario, { asPrinted: ctx.values['as-printed'] === true });
    if (ctx.json) {
      printJson(ctx, { ...r, warnings: [...warnings, ...r.warnings] });
      return 0;
    }
    const { lang } = ctx;
    const sectors = Object.keys(r.base);
    ctx.io.out(t(lang, 'Mức gốc năm trước (chỉ số, tổng = 100)', 'Base-year levels (index, total = 100)'));
    ctx.io.out(
      renderTable(
        [
          { header: t(lang, 'Khu vực', 'Sector') },
          ...['Q1', 'Q2', 'Q3', 'Q4'].map((h) => ({ header: h, align: 'right' as const })),
        ],
        sectors.map((s) => [label(scenario, s, lang), ...r.base[s]!.map((v) => num(v, lang, 4))]),
      ),
    );
    ctx.io.out('');
    ctx.io.out(
      renderTable(
        [
          { header: t(lang, 'Kỳ', 'Period') },
          { header: t(lang, 'Chỉ tiêu', 'Key') },
          { header: t(lang, 'Cận', 'Bound') },
          { header: t(lang, 'Công bố', 'Published'), align: 'right' },
          { header: t(lang, 'Tính lại', 'Computed'), align: 'right' },
          { header: t(lang, 'Sai số (điểm %)', 'Residual (pp)'), align: 'right' },
        ],
        r.residuals.map((x) => [
          periodLabel(x.period, lang),
          label(scenario, x.key, lang),
          x.bound === 'low' ? t(lang, 'thấp', 'low') : t(lang, 'cao', 'high'),
          num(x.published, lang),
          num(x.computed, lang, 4),
          num(x.residual, lang, 4),
        ]),
      ),
    );
    ctx.io.out('');
    if (r.maxAbsResidual === null) {
      ctx.io.out(t(lang, 'Không có số liệu nào kiểm tra được.', 'Nothing could be checked.'));
    } else if (r.reproducible) {
      ctx.io.out(
        t(
          lang,
          `Tái tạo đủ ${r.checked} số liệu công bố đến 2 chữ số thập phân (sai số lớn nhất ${num(r.maxAbsResidual, lang, 4)} điểm % < 0,005).`,
          `All ${r.checked} published figures reproduced to 2 decimals (max |residual| ${num(r.maxAbsResidual, lang, 4)} pp < 0.005).`,
        ),
      );
    } else {
      ctx.io.out(
        t(
          lang,
          `KHÔNG tái tạo được: sai số lớn nhất ${num(r.maxAbsResidual, lang, 4)} điểm % ≥ 0,005 trên ${r.checked} số liệu.`,
          `NOT reproducible: max |residual| ${num(r.maxAbsResidual, lang, 4)} pp ≥ 0.005 over ${r.checked} figures.`,
        ),
      );
    }
    for (const u of r.unchecked)
      ctx.io.out(`${t(lang, 'Không kiểm tra được', 'Not checked')}: ${u.period} ${u.key} ${u.bound} — ${u.reason}`);
    for (const w of r.warnings) ctx.io.err(`warning: ${w.code} ${w.path}: ${w.message}`);
    return 0;
  },
};
