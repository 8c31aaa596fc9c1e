import { formatDateTime } from '@grdp/engine';
import { BackupError, readBackupFile, restoreBackup } from '../../db/backup.ts';
import type { Command } from '../command.ts';
import { CliError } from '../io.ts';
import { describeDatabase, withDatabase } from './db.ts';

/** `grdp restore FILE`: replaces the whole database content with FILE's, in one transaction. */
export const restoreCommand: Command = {
  name: 'restore',
  summary: {
    en: 'replace the whole database content with a backup FILE (one transaction)',
    vi: 'thay toàn bộ nội dung cơ sở dữ liệu bằng tệp sao lưu FILE (một giao dịch)',
  },
  usage: 'restore FILE [--json]',
  async run(ctx) {
    const file = ctx.positionals[0];
    if (!file || ctx.positionals.length > 1) throw new CliError('exactly one FILE is required');
    let backup: Awaited<ReturnType<typeof readBackupFile>>;
    try {
      backup = await readBackupFile(file);
    } catch (e) {
      if (e instanceof BackupError) throw new CliError(`${file}: ${e.message}`);
      throw e;
    }
    const env = ctx.env ?? process.env;
    const { rows } = await withDatabase((h) => restoreBackup(h.db, backup), env);
    if (ctx.json) ctx.io.out(JSON.stringify({ file, schemaVersion: backup.schemaVersion, rows }, null, 2));
    else
      ctx.io.out(
        (ctx.lang === 'vi'
          ? `đã khôi phục ${describeDatabase(env, 'vi')} từ ${file} (sao lưu lúc ${formatDateTime(backup.createdAt, 'vi')}): `
          : `${describeDatabase(env)} restored from ${file} (made ${formatDateTime(backup.createdAt, 'en')}): `) +
          Object.entries(rows)
            .map(([t, n]) => `${n} ${t}`)
            .join(', '),
      );
    return 0;
  },
};
