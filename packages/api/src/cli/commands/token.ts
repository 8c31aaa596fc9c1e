import type { Command } from '../command.ts';
import { runTokenCommand } from '../token.ts';

/**
 * `grdp token create --name NAME --role editor|admin`, `grdp token list`, `grdp token revoke ID`: the bearer
 * tokens in the app's database (the same DATABASE_URL / DATA_DIR as the server). The first admin token of a
 * fresh installation is made here (the server says so at start while there is none).
 */
export const tokenCommand: Command = {
  name: 'token',
  summary: {
    en: 'create (shown once), list or revoke the API tokens in the app database',
    vi: 'tạo (chỉ hiện một lần), liệt kê hoặc thu hồi mã truy cập API trong cơ sở dữ liệu của ứng dụng',
  },
  usage: 'token create --name NAME --role editor|admin | token list | token revoke ID',
  options: { name: { type: 'string' }, role: { type: 'string' } },
  run(ctx) {
    const argv = [...ctx.positionals];
    if (typeof ctx.values.name === 'string') argv.push('--name', ctx.values.name);
    if (typeof ctx.values.role === 'string') argv.push('--role', ctx.values.role);
    if (ctx.json) argv.push('--json');
    return runTokenCommand(argv, ctx.io, { env: ctx.env ?? process.env, lang: ctx.lang });
  },
};
