/**
 * `grdp import-indicators FILE --scenario ID [--locale vi|en] [--as NAME] [--dry-run] [--json] [--lang]`: imports
 * indicator actuals from a CSV or XLSX file (the scenario's indicators template) into a stored scenario of the
 * server's database (DATABASE_URL or SQLite under DATA_DIR), exactly as `POST /api/scenarios/:id/indicators/import`
 * does: one revision per (indicator, year) the file changes, all or nothing, attributed to NAME (default "cli").
 * `--dry-run` tells what would change and writes nothing.
 */
import { ApiError, ImportError } from '../../errors.ts';
import { planIndicatorImport } from '../../files/indicator-import.ts';
import { createRepositories } from '../../repositories/index.ts';
import type { Command, CommandContext } from '../command.ts';
import { CliError } from '../io.ts';
import { withDatabase } from './db.ts';
import { noScenarioInDatabase, readImportInput } from './import-input.ts';
import { t } from './shared.ts';

export async function runImportIndicators(
  ctx: CommandContext,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const { file, scenarioId, locale, author, maxRows, bytes } = await readImportInput(ctx, env);
  const dryRun = ctx.values['dry-run'] === true;
  try {
    const { plan, changes } = await withDatabase(async (handle) => {
      const repos = createRepositories(handle.db);
      const stored = await repos.scenarios.get(scenarioId);
      if (!stored) throw noScenarioInDatabase(scenarioId);
      const plan = await planIndicatorImport(bytes, stored.scenario.indicators ?? { departments: [], indicators: [] }, {
        locale,
        maxRows,
        lang: ctx.lang,
      });
      return { plan, changes: await repos.indicators.importRevisions(scenarioId, plan.entries, author, { dryRun }) };
    }, env);
    const revisions = changes.flatMap((c) => (c.revision ? [c.revision] : []));
    if (ctx.json) {
      ctx.io.out(
        JSON.stringify(
          { scenarioId, format: plan.format, rows: plan.rows, skipped: plan.skipped, dryRun, changes, revisions },
          null,
          2,
        ),
      );
      return 0;
    }
    const changed = changes.filter((c) => !c.unchanged);
    const num = (v: number | null) => (v === null ? '–' : String(v));
    const list = changed
      .map((c) => `${c.indicatorId} ${c.period === 'FY' ? '' : `${c.period} `}${c.year}: ${num(c.before)} → ${c.after}`)
      .join(', ');
    if (changed.length === 0)
      ctx.io.out(
        t(
          ctx.lang,
          `${file} không thay đổi số liệu chỉ tiêu nào của ${scenarioId}: không ghi gì.`,
          `${file} changes no indicator figure of ${scenarioId}: nothing written.`,
        ),
      );
    else if (dryRun)
      ctx.io.out(
        t(
          ctx.lang,
          `Xem trước (chưa ghi gì) ${file} → ${scenarioId}: ${list}`,
          `Preview (nothing written) of ${file} → ${scenarioId}: ${list}`,
        ),
      );
    else
      ctx.io.out(
        t(
          ctx.lang,
          `Đã nhập ${changed.length} số liệu chỉ tiêu của ${file} vào ${scenarioId} (người nhập ${author}): ${list}`,
          `Imported ${changed.length} indicator figures of ${file} into ${scenarioId} as ${author}: ${list}`,
        ),
      );
    return 0;
  } catch (e) {
    if (e instanceof ImportError) {
      ctx.io.err(`grdp import-indicators: ${e.message}`);
      for (const r of e.errors)
        ctx.io.err(`  ${t(ctx.lang, 'dòng', 'row')} ${r.row}, ${r.column || '(file)'}: ${r.reason}`);
      return 1;
    }
    if (e instanceof ApiError) throw new CliError(`${e.code}: ${e.message}`);
    throw e;
  }
}

export const importIndicatorsCommand: Command = {
  name: 'import-indicators',
  summary: {
    en: 'import indicator actuals from a CSV/XLSX file (the indicators template) into a stored scenario',
    vi: 'nhập số thực hiện các chỉ tiêu chủ yếu từ tệp CSV/XLSX (theo mẫu chỉ tiêu) vào một kịch bản đã lưu',
  },
  usage: 'import-indicators FILE --scenario ID [--locale vi|en] [--as NAME] [--dry-run] [--json]',
  options: {
    scenario: { type: 'string' },
    locale: { type: 'string' },
    as: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  run: (ctx) => runImportIndicators(ctx),
};
