import { createHash, randomBytes } from 'node:crypto';

export const now = () => new Date().toISOString();

/** A strong entity tag from the parts that identify one stored version. */
export function etagOf(...parts: (string | number)[]): string {
  return `"${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22)}"`;
}

export const newId = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;

/** A primary-key or unique violation in SQLite or PostgreSQL (a concurrent writer got there first). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === '23505' || (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'));
}
