import { formatDate, formatDateTime } from '@grdp/engine';
import { createRepositories } from '../../repositories/index.ts';
import type { Command } from '../command.ts';
import { CliError } from '../io.ts';
import { renderTable } from '../table.ts';
import { describeDatabase, withDatabase } from './db.ts';
import { printJson, SCENARIO_OPTION, t } from './shared.ts';

/** `grdp versions --scenario ID`: the stored versions of a scenario, as GET /api/scenarios/:id/versions lists them. */
export const versionsCommand: Command = {
  name: 'versions',
  summary: {
    en: "a stored scenario's versions: number, date, author, note, the version each adjusts",
    vi: 'các phiên bản của một kịch bản đã lưu: số, ngày, người lưu, ghi chú, phiên bản được điều chỉnh',
  },
  usage: 'versions --scenario ID [--json] [--lang vi|en]',
  options: { ...SCENARIO_OPTION },
  async run(ctx) {
    const id = ctx.values.scenario;
    if (typeof id !== 'string') throw new CliError('--scenario ID is required (a scenario stored in the database)');
    if (ctx.positionals.length > 0) throw new CliError('versions takes no FILE: versions live in the database');
    const env = ctx.env ?? process.env;
    const versions = await withDatabase(async (h) => createRepositories(h.db).scenarios.versions(id), env);
    if (!versions) throw new CliError(`no scenario ${id} in ${describeDatabase(env)}`);
    if (ctx.json) {
      printJson(ctx, { scenarioId: id, versions });
      return 0;
    }
    const { lang } = ctx;
    ctx.io.out(t(lang, `Các phiên bản của kịch bản ${id}`, `Versions of scenario ${id}`));
    ctx.io.out(
      renderTable(
        [
          { header: t(lang, 'Số', 'No.'), align: 'right' },
          { header: t(lang, 'Nhãn', 'Label') },
          { header: t(lang, 'Ngày ban hành', 'Issued') },
          { header: t(lang, 'Lưu lúc', 'Stored') },
          { header: t(lang, 'Người lưu', 'Author') },
          { header: t(lang, 'Điều chỉnh từ', 'Adjusts') },
          { header: t(lang, 'Ghi chú', 'Note') },
        ],
        versions.map((v) => [
          `${v.number}${v.current ? '*' : ''}`,
          v.label ?? '–',
          v.date ? formatDate(v.date, lang) : '–',
          formatDateTime(v.createdAt, lang),
          // The server's first start stores the repository's files as 'seed'.
          v.author === 'seed' ? t(lang, 'nạp ban đầu', 'initial load') : v.author,
          v.parent === null ? '–' : String(v.parent),
          v.note ?? '',
        ]),
      ),
    );
    ctx.io.out(
      t(
        lang,
        '* phiên bản hiện hành: theo dõi và mọi tính toán dùng phiên bản này',
        '* the current version: tracking and every computation use it',
      ),
    );
    return 0;
  },
};
