import { audit, issueMessage } from '@grdp/engine';
import type { Command } from '../command.ts';
import { renderTable } from '../table.ts';
import { printJson, scenarioArg, t } from './shared.ts';

export const auditCommand: Command = {
  name: 'audit',
  summary: {
    en: 'check a published table: inverted bands, impossible totals, inconsistent cumulatives',
    vi: 'kiểm tra một bảng đã công bố: khoảng đảo ngược, tổng không thể đạt, lũy kế không khớp',
  },
  usage: 'audit FILE [--json] [--lang vi|en]',
  async run(ctx) {
    const { scenario } = await scenarioArg(ctx);
    const findings = await audit(scenario);
    if (ctx.json) {
      printJson(ctx, { findings });
      return 0;
    }
    if (findings.length === 0) {
      ctx.io.out(t(ctx.lang, 'Không có phát hiện nào.', 'No findings.'));
      return 0;
    }
    ctx.io.out(
      renderTable(
        [
          { header: t(ctx.lang, 'Mức', 'Severity') },
          { header: t(ctx.lang, 'Mã', 'Code') },
          { header: t(ctx.lang, 'Vị trí', 'Path') },
          { header: t(ctx.lang, 'Nội dung', 'Message') },
        ],
        findings.map((f) => [
          ctx.lang === 'vi' ? (f.severity === 'error' ? 'lỗi' : 'cảnh báo') : f.severity,
          f.code,
          f.path,
          issueMessage(f, ctx.lang),
        ]),
      ),
    );
    return 0;
  },
};
