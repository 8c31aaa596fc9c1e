import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from './database.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const mode = (path: string) => statSync(path).mode & 0o777;

describe('the SQLite files are the owner’s alone', () => {
  it('a new database, its WAL and shared-memory files, and the data directory it creates are 0600 / 0700', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'grdp-perm-'));
    dirs.push(parent);
    const dataDir = join(parent, 'data');
    const handle = openDatabase({ databaseUrl: '', dataDir });
    try {
      await migrate(handle);
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'grdp.sqlite'))).toBe(0o600);
      expect(mode(join(dataDir, 'grdp.sqlite-wal'))).toBe(0o600);
      expect(mode(join(dataDir, 'grdp.sqlite-shm'))).toBe(0o600);
    } finally {
      await handle.db.destroy();
    }
  });

  it('an existing database file left 0644 by an older version is made 0600 at open', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'grdp-perm-'));
    dirs.push(dataDir);
    const file = join(dataDir, 'grdp.sqlite');
    writeFileSync(file, '', { mode: 0o644 });
    expect(mode(file)).toBe(0o644);
    const handle = openDatabase({ databaseUrl: '', dataDir });
    try {
      await migrate(handle);
      expect(mode(file)).toBe(0o600);
    } finally {
      await handle.db.destroy();
    }
  });
});
