import { formatPercent, MODEL_NAMES, type ModelName } from '@grdp/engine';
import { backtestReport, HISTORY_DIR, readHistoryDir } from '../../history.ts';
import type { Command } from '../command.ts';
import { CliError } from '../io.ts';
import { renderTable } from '../table.ts';
import { num, printJson, t } from './shared.ts';

/**
 * `grdp backtest`: replays every scenario-year of scenarios/history as of Q1, H1 and 9M and scores P(FY ≥ low
 * target) under each model (the learned model fitted leaving the scored year out).
 */
export const backtestCommand: Command = {
  name: 'backtest',
  summary: {
    en: 'Track record of the uncertainty models on past scenarios: Brier and log scores, reliability, misses',
    vi: 'kết quả dự báo trong quá khứ của các mô hình bất định: điểm Brier và điểm log, độ tin cậy, các lần trượt',
  },
  usage: 'backtest [--model learned|band] [--dir DIR] [--json]',
  options: { model: { type: 'string' }, dir: { type: 'string' } },
  async run(ctx) {
    const model = ctx.values.model;
    if (model !== undefined && !MODEL_NAMES.includes(model as ModelName))
      throw new CliError(`--model must be learned or band, not "${String(model)}"`);
    const dir = typeof ctx.values.dir === 'string' ? ctx.values.dir : HISTORY_DIR;
    const models = model === undefined ? MODEL_NAMES : [model as ModelName];
    const r = backtestReport(readHistoryDir(dir), models);
    if (ctx.json) {
      printJson(ctx, r);
      return 0;
    }
    const { lang } = ctx;
    const pct = (p: number | null) => formatPercent(p === null ? undefined : p * 100, lang, 0);
    ctx.io.out(
      t(
        lang,
        `${r.scenarioYears} kịch bản-năm, mỗi năm tính lại tại quý I, 6 tháng và 9 tháng; mô hình học được ước lượng không dùng năm được chấm (kiểm định chéo bỏ từng năm)`,
        `${r.scenarioYears} scenario-years, each replayed as of Q1, H1 and 9M; the learned model is fitted without the year it scores (leave-one-year-out)`,
      ),
    );
    const name = (m: ModelName) =>
      m === 'learned' ? t(lang, 'học từ lịch sử', 'learned') : t(lang, 'chỉ theo khoảng', 'band');
    ctx.io.out(
      renderTable(
        [
          { header: t(lang, 'Mô hình', 'Model') },
          { header: t(lang, 'Số dự báo', 'Predictions'), align: 'right' },
          { header: 'Brier', align: 'right' },
          { header: t(lang, 'Điểm log', 'Log score'), align: 'right' },
        ],
        models.map((m) => [
          name(m),
          String(r.models[m].predictions),
          num(r.models[m].brier, lang, 3),
          num(r.models[m].logScore, lang, 3),
        ]),
      ),
    );
    for (const m of models) {
      ctx.io.out(`\n${t(lang, 'Độ tin cậy', 'Reliability')} — ${name(m)}`);
      ctx.io.out(
        renderTable(
          [
            { header: t(lang, 'Xác suất nêu', 'Stated') },
            { header: t(lang, 'Số dự báo', 'Predictions'), align: 'right' },
            { header: t(lang, 'Trung bình nêu', 'Mean stated'), align: 'right' },
            { header: t(lang, 'Tỷ lệ đúng', 'Came true'), align: 'right' },
          ],
          r.models[m].reliability
            .filter((b) => b.predictions > 0)
            .map((b) => [
              `${pct(b.from)}–${pct(b.to)}`,
              String(b.predictions),
              pct(b.meanProbability),
              pct(b.observedFrequency),
            ]),
        ),
      );
    }
    ctx.io.out(`\n${t(lang, 'Trượt xa nhất', 'Worst misses')}`);
    ctx.io.out(
      renderTable(
        [
          { header: t(lang, 'Mô hình', 'Model') },
          { header: t(lang, 'Kịch bản-năm', 'Scenario-year') },
          { header: t(lang, 'Tại', 'As of') },
          { header: t(lang, 'P(đạt)', 'P(reach)'), align: 'right' },
          { header: t(lang, 'Mục tiêu', 'Target'), align: 'right' },
          { header: t(lang, 'Thực tế', 'Outcome'), align: 'right' },
        ],
        r.misses.map((x) => [
          name(x.model),
          `${x.region} ${x.year}`,
          x.asOf,
          pct(x.probability),
          num(x.target, lang),
          num(x.outcome, lang),
        ]),
      ),
    );
    return 0;
  },
};
