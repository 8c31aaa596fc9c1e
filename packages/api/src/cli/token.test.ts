import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../db/database.ts';
import { createRepositories } from '../repositories/index.ts';
import { runTokenCommand } from './token.ts';

const dir = mkdtempSync(join(tmpdir(), 'grdp-token-'));
const env = { DATA_DIR: dir };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('grdp token', () => {
  let id: string;
  let token: string;

  beforeAll(async () => {
    const c = capture();
    expect(await runTokenCommand(['create', '--name', 'Phòng Tổng hợp', '--role', 'editor'], c.io, { env })).toBe(0);
    token = c.out.find((l) => l.startsWith('grdp_'))!;
    id = /Token (\S+)/.exec(c.out[0]!)![1]!;
  });

  it('creates a token in the SQLite file under DATA_DIR and prints it once', async () => {
    expect(token).toMatch(/^grdp_[\w-]{43}$/);
    const handle = openDatabase({ databaseUrl: '', dataDir: dir });
    await migrate(handle);
    try {
      expect((await createRepositories(handle.db).tokens.verify(token))?.role).toBe('editor');
    } finally {
      await handle.db.destroy();
    }
  });

  it('lists tokens without the token itself', async () => {
    const c = capture();
    expect(await runTokenCommand(['list'], c.io, { env })).toBe(0);
    const text = c.out.join('\n');
    expect(text).toContain(id);
    expect(text).toContain('Phòng Tổng hợp');
    expect(text).not.toContain(token);
  });

  it('revokes by id, and fails on a second revoke', async () => {
    expect(await runTokenCommand(['revoke', id], capture().io, { env })).toBe(0);
    const c = capture();
    expect(await runTokenCommand(['revoke', id], c.io, { env })).toBe(1);
    expect(c.err.join('')).toContain('no active token');
  });

  it.each([
    [['create', '--role', 'editor']],
    [['create', '--name', 'x', '--role', 'root']],
    [['revoke']],
    [['frobnicate']],
    [[]],
    [['create', '--bogus']],
  ])('answers usage errors with exit 2: %j', async (argv) => {
    const c = capture();
    expect(await runTokenCommand(argv, c.io, { env })).toBe(2);
    expect(c.err.join('')).toContain('Usage');
  });

  it('names a bad setting', async () => {
    const c = capture();
    expect(await runTokenCommand(['list'], c.io, { env: { DATABASE_URL: 'mysql://x' } })).toBe(1);
    expect(c.err.join('')).toContain('DATABASE_URL');
  });
});
