/**
 * `grdp import FILE --scenario ID [--locale vi|en] [--as NAME]`: imports actuals from a CSV or XLSX file (the
 * template of docs/import-template.md) into a stored scenario of the server's database (DATABASE_URL or SQLite
 * under DATA_DIR), exactly as `POST /api/scenarios/:id/actuals/import` does: the file's cells over the current
 * ones, one revision per period the file changes, all or nothing, attributed to NAME (default "cli").
 */
import { ApiError, ImportError, importProblems, MAX_IMPORT_ERRORS, messageOf } from '../../errors.ts';
import { planImport } from '../../files/import.ts';
import { importReason } from '../../files/import-reasons.ts';
import { createRepositories } from '../../repositories/index.ts';
import type { Command, CommandContext } from '../command.ts';
import { CliError } from '../io.ts';
import { withDatabase } from './db.ts';
import { noScenarioInDatabase, readImportInput } from './import-input.ts';
import { t } from './shared.ts';

export async function runImport(ctx: CommandContext, env: Record<string, string | undefined> = process.env) {
  const { file, scenarioId, locale, author, maxRows, bytes } = await readImportInput(ctx, env);
  try {
    const result = await withDatabase(async (handle) => {
      const repos = createRepositories(handle.db);
      const stored = await repos.scenarios.get(scenarioId);
      if (!stored) throw noScenarioInDatabase(scenarioId);
      const plan = await planImport(bytes, stored.scenario, { locale, maxRows });
      const periods = await repos.actuals.importRevisions(scenarioId, plan.entries, author);
      return { plan, revisions: periods.flatMap((p) => (p.revision ? [p.revision] : [])) };
    }, env);
    const { plan, revisions } = result;
    if (ctx.json) {
      ctx.io.out(JSON.stringify({ scenarioId, format: plan.format, rows: plan.rows, revisions }, null, 2));
    } else {
      const list = revisions.map((r) => `${r.period} ${t(ctx.lang, 'lần', 'revision')} ${r.revision}`).join(', ');
      ctx.io.out(
        revisions.length === 0
          ? t(
              ctx.lang,
              `${file} không thay đổi số liệu nào của ${scenarioId}: không ghi gì.`,
              `${file} changes no figure of ${scenarioId}: nothing written.`,
            )
          : t(
              ctx.lang,
              `Đã nhập ${plan.rows} dòng của ${file} vào ${scenarioId} (người nhập ${author}): ${list}`,
              `Imported ${plan.rows} rows of ${file} into ${scenarioId} as ${author}: ${list}`,
            ),
      );
    }
    return 0;
  } catch (e) {
    if (e instanceof ImportError) {
      // The one catalogue of error messages (the API's) and the importer's reasons, in the language asked for.
      const shown = e.count > MAX_IMPORT_ERRORS ? MAX_IMPORT_ERRORS : undefined;
      ctx.io.err(`grdp import: ${importProblems(e.count, ctx.lang, shown)}`);
      for (const r of e.errors)
        ctx.io.err(
          ctx.lang === 'vi'
            ? `  dòng ${r.row}, ${r.column || '(tệp)'}: ${importReason(r.reason, 'vi')}`
            : `  row ${r.row}, ${r.column || '(file)'}: ${r.reason}`,
        );
      return 1;
    }
    if (e instanceof ApiError) throw new CliError(`${e.code}: ${e.message}`, `${e.code}: ${messageOf(e.code, 'vi')}`);
    throw e;
  }
}

export const importCommand: Command = {
  name: 'import',
  summary: {
    en: 'import actuals from a CSV/XLSX file into a stored scenario (all rows or none)',
    vi: 'nhập số thực hiện từ tệp CSV/XLSX vào một kịch bản đã lưu (nhận tất cả các dòng hoặc không dòng nào)',
  },
  usage: 'import FILE --scenario ID [--locale vi|en] [--as NAME] [--json]',
  options: { scenario: { type: 'string' }, locale: { type: 'string' }, as: { type: 'string' } },
  run: (ctx) => runImport(ctx, ctx.env ?? process.env),
};
