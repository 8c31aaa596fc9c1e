/**
 * The PostgreSQL gate of a test file, in one place: its PostgreSQL suites run when the server answers; otherwise
 * they are skipped with the reason printed once, or fail when REQUIRE_POSTGRES=1 (CI). Its own entry
 * (@grdp/api/testing/postgres-gate), apart from @grdp/api/testing, which the bench loads outside vitest.
 */
import { describe, it } from 'vitest';
import { PG_URL, postgresProblem } from './databases.ts';

/**
 * Probes PostgreSQL once for the file (`what` names its suites in the skip message) and returns the `describe`
 * its PostgreSQL suites use.
 */
export async function postgresGate(what: string): Promise<(name: string, fn: () => void) => void> {
  const problem = await postgresProblem();
  if (problem) console.warn(`PostgreSQL ${what} skipped: ${PG_URL} unreachable (${problem})`);
  return (name, fn) =>
    describe(name, () => {
      if (problem && process.env.REQUIRE_POSTGRES === '1') {
        it('is required (REQUIRE_POSTGRES=1)', () => {
          throw new Error(`PostgreSQL unreachable at ${PG_URL}: ${problem}`);
        });
        return;
      }
      if (problem) return;
      fn();
    });
}
