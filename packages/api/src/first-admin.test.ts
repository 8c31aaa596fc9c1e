import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './config.ts';
import { migrate, openDatabase } from './db/database.ts';
import { createRepositories } from './repositories/index.ts';
import { FIRST_ADMIN_COMMAND, firstAdminHint } from './server.ts';

const dir = mkdtempSync(join(tmpdir(), 'grdp-first-admin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the first start without an admin token', () => {
  it('prints how to make one until an active admin token exists', async () => {
    const handle = openDatabase({ databaseUrl: '', dataDir: dir });
    await migrate(handle);
    try {
      const tokens = createRepositories(handle.db).tokens;
      expect(await firstAdminHint(tokens)).toContain(FIRST_ADMIN_COMMAND);
      await tokens.create('Phòng Tổng hợp', 'editor');
      expect(await firstAdminHint(tokens)).toContain(FIRST_ADMIN_COMMAND);
      const admin = await tokens.create('Quản trị', 'admin');
      expect(await firstAdminHint(tokens)).toBeNull();
      await tokens.revoke(admin.id);
      expect(await firstAdminHint(tokens)).toContain(FIRST_ADMIN_COMMAND);
    } finally {
      await handle.db.destroy();
    }
  });

  it('names the command the README documents (and the docs test runs)', () => {
    expect(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')).toContain(FIRST_ADMIN_COMMAND);
  });
});
