import { BackupError, backupToFile } from '../../db/backup.ts';
import type { Command } from '../command.ts';
import { CliError } from '../io.ts';
import { describeDatabase, withDatabase } from './db.ts';

/** `grdp backup FILE`: the whole database (every scenario, actuals revision, token hash, what-if) into FILE. */
export const backupCommand: Command = {
  name: 'backup',
  summary: {
    en: 'write the whole database to FILE (JSON; gzip when FILE ends in .gz), atomically',
    vi: 'ghi toàn bộ cơ sở dữ liệu ra tệp FILE (JSON; nén gzip khi tên tệp kết thúc bằng .gz), ghi trọn một lần',
  },
  usage: 'backup FILE [--json]',
  async run(ctx) {
    const file = ctx.positionals[0];
    if (!file || ctx.positionals.length > 1)
      throw new CliError('exactly one FILE is required', 'cần đúng một tệp FILE');
    const env = ctx.env ?? process.env;
    const backup = await withDatabase(
      (h) =>
        backupToFile(h.db, file).catch((e) => {
          if (e instanceof BackupError) throw new CliError(e.message);
          const code = (e as NodeJS.ErrnoException).code;
          throw code ? new CliError(`cannot write ${file}: ${code}`, `không ghi được ${file}: ${code}`) : e;
        }),
      env,
    );
    const counts = Object.fromEntries(Object.entries(backup.tables).map(([t, rows]) => [t, rows.length]));
    if (ctx.json) ctx.io.out(JSON.stringify({ file, schemaVersion: backup.schemaVersion, rows: counts }, null, 2));
    else
      ctx.io.out(
        (ctx.lang === 'vi'
          ? `đã sao lưu ${describeDatabase(env, 'vi')} vào ${file} (lược đồ ${backup.schemaVersion}): `
          : `backup of ${describeDatabase(env)} written to ${file} (schema ${backup.schemaVersion}): `) +
          Object.entries(counts)
            .map(([t, n]) => `${n} ${t}`)
            .join(', '),
      );
    return 0;
  },
};
