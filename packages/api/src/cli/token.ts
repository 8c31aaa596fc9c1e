/**
 * `grdp token create --name "Phòng Tổng hợp" --role editor` (prints the token once), `grdp token list`,
 * `grdp token revoke ID`. Uses the same database settings as the server (DATABASE_URL, DATA_DIR).
 */

import { parseArgs } from 'node:util';
import { formatDateTime } from '@grdp/engine';
import { ConfigError, loadConfig } from '../config.ts';
import { type DatabaseHandle, migrate, openDatabase } from '../db/database.ts';
import { createRepositories, ROLES, type Role } from '../repositories/index.ts';

export interface TokenIo {
  out(text: string): void;
  err(text: string): void;
}

export interface TokenCommandOptions {
  env?: Record<string, string | undefined>;
  /** An open database (tests); otherwise one is opened from the settings, migrated and closed. */
  handle?: DatabaseHandle;
  /** Language of the messages (`grdp token … --lang vi`); English by default. */
  lang?: 'vi' | 'en';
}

const USAGE = 'grdp token create --name NAME --role editor|admin | token list [--json] | token revoke ID';

/** Runs a token subcommand; returns the exit code (0 ok, 1 failed, 2 usage). */
export async function runTokenCommand(argv: string[], io: TokenIo, options: TokenCommandOptions = {}): Promise<number> {
  const [sub, ...rest] = argv;
  const vi = options.lang === 'vi';
  const tr = (viText: string, enText: string) => (vi ? viText : enText);
  const roleText = (role: string) => (vi ? (role === 'admin' ? 'quản trị' : 'biên tập') : role);
  const when = (iso: string) => formatDateTime(iso, vi ? 'vi' : 'en');
  const usage = (problem: string): number => {
    io.err(`grdp token: ${problem}\n${tr('Cách dùng', 'Usage')}: ${USAGE}`);
    return 2;
  };
  let parsed: ReturnType<
    typeof parseArgs<{
      options: { name: { type: 'string' }; role: { type: 'string' }; json: { type: 'boolean' } };
      allowPositionals: true;
      args: string[];
    }>
  >;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { name: { type: 'string' }, role: { type: 'string' }, json: { type: 'boolean' } },
    });
  } catch (e) {
    return usage((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (sub === 'create') {
    const name = values.name?.trim();
    if (!name) return usage(tr('cần --name', '--name is required'));
    if (!ROLES.includes(values.role as Role))
      return usage(tr('--role phải là "editor" (biên tập) hoặc "admin" (quản trị)', '--role must be editor or admin'));
  } else if (sub === 'revoke') {
    if (positionals.length !== 1) return usage(tr('lệnh thu hồi cần đúng một mã', 'revoke takes one token ID'));
  } else if (sub !== 'list') {
    return usage(
      sub
        ? tr(`lệnh con "${sub}" không có`, `unknown subcommand "${sub}"`)
        : tr('cần một lệnh con: create, list hoặc revoke', 'a subcommand is required'),
    );
  }

  let handle = options.handle;
  if (!handle) {
    try {
      const config = loadConfig(options.env ?? process.env);
      handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await migrate(handle);
    } catch (e) {
      io.err(
        `grdp token: ${e instanceof ConfigError ? `${tr('cấu hình sai', 'bad setting')} ${e.message}` : (e as Error).message}`,
      );
      if (handle) await handle.db.destroy();
      return 1;
    }
  }
  try {
    const tokens = createRepositories(handle.db).tokens;
    if (sub === 'create') {
      const t = await tokens.create(values.name!.trim(), values.role as Role);
      if (values.json) io.out(JSON.stringify(t, null, 2));
      else {
        io.out(
          tr(
            `Mã truy cập ${t.id} cho "${t.name}" (${roleText(t.role)}). Mã chỉ hiện lần này; hãy cất giữ cẩn thận:`,
            `Token ${t.id} for "${t.name}" (${t.role}). It is shown only this once; store it safely:`,
          ),
        );
        io.out(t.token);
      }
      return 0;
    }
    if (sub === 'list') {
      const list = await tokens.list();
      if (values.json) io.out(JSON.stringify(list, null, 2));
      else if (list.length === 0) io.out(tr('Chưa có mã truy cập nào.', 'No tokens.'));
      else
        for (const t of list)
          io.out(
            `${t.id}\t${roleText(t.role)}\t${t.revokedAt ? `${tr('đã thu hồi', 'revoked')} ${when(t.revokedAt)}` : tr('còn hiệu lực', 'active')}\t${when(t.createdAt)}\t${t.name}`,
          );
      return 0;
    }
    const id = positionals[0]!;
    if (!(await tokens.revoke(id))) {
      io.err(`grdp token: ${tr(`không có mã truy cập còn hiệu lực ${id}`, `no active token ${id}`)}`);
      return 1;
    }
    io.out(tr(`Đã thu hồi ${id}.`, `Revoked ${id}.`));
    return 0;
  } finally {
    if (!options.handle) await handle.db.destroy();
  }
}
