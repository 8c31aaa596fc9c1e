/**
 * Bearer tokens: `grdp_` + 32 random bytes (base64url), stored only as a sha256 hash and compared in constant time.
 * The plain token is returned once, by `create`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { TokenTable } from '../db/types.ts';
import { newId, now } from './util.ts';

export type Role = 'editor' | 'admin';
export const ROLES: readonly Role[] = ['editor', 'admin'];
export const TOKEN_PREFIX = 'grdp_';

/**
 * The allow-list of roles, checked wherever a stored role is read: a role text this code does not know (a
 * tampered database or backup, `superuser`) is `unknown`, and an unknown role has no access at all.
 */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface TokenInfo {
  id: string;
  name: string;
  /** `unknown` when the stored role is not in ROLES: such a token is never accepted (`verify`). */
  role: Role | 'unknown';
  createdAt: string;
  revokedAt: string | null;
}

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const toInfo = (r: TokenTable): TokenInfo => ({
  id: r.id,
  name: r.name,
  role: isRole(r.role) ? r.role : 'unknown',
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

export function createTokensRepository(db: Db) {
  return {
    /** A new token; the returned `token` is the only copy of it. */
    async create(name: string, role: Role): Promise<TokenInfo & { token: string }> {
      if (!isRole(role)) throw new Error(`role must be editor or admin, not ${role}`);
      const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
      const row: TokenTable = {
        id: newId('tok'),
        name,
        role,
        hash: hashOf(token),
        created_at: now(),
        revoked_at: null,
      };
      await db.transaction().execute((trx) => trx.insertInto('tokens').values(row).execute());
      return { ...toInfo(row), token };
    },

    async list(): Promise<TokenInfo[]> {
      const rows = await db.selectFrom('tokens').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(toInfo);
    },

    /** Revokes a token; false when there is no such active token. */
    async revoke(id: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('tokens')
          .set({ revoked_at: now() })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        return Number(r.numUpdatedRows) > 0;
      });
    },

    /**
     * The active token matching a presented bearer token, or undefined (also when its stored role is unknown). The lookup is by hash, so timing reveals
     * nothing about the token; the stored hash is then compared in constant time as well.
     */
    async verify(presented: string): Promise<TokenInfo | undefined> {
      if (!presented.startsWith(TOKEN_PREFIX) || presented.length > 200) return undefined;
      const hash = hashOf(presented);
      const row = await db
        .selectFrom('tokens')
        .selectAll()
        .where('hash', '=', hash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row) return undefined;
      const a = Buffer.from(row.hash, 'hex');
      const b = Buffer.from(hash, 'hex');
      if (!(a.length === b.length && timingSafeEqual(a, b))) return undefined;
      // Fail closed: a token whose stored role is not on the allow-list gives no access.
      return isRole(row.role) ? toInfo(row) : undefined;
    },
  };
}

export type TokensRepository = ReturnType<typeof createTokensRepository>;
