/**
 * Bearer-token auth. Reading and stateless computing are open unless REQUIRE_TOKEN_FOR_READ; writing needs a
 * token with role editor (actuals, imports, what-ifs) or admin (scenarios, tokens; admin can do all an editor can).
 * Missing or wrong token → 401, wrong role → 403. Failed token checks are counted per client address and per
 * token prefix (its first PREFIX_LENGTH characters): after AUTH_FAILURE_MAX of them within AUTH_FAILURE_WINDOW
 * seconds, a wrong token from that address, or one starting with that prefix, is answered 429 (with Retry-After)
 * until the window ends, so guessing is bounded from one address and across many. A valid token is always
 * checked and admitted: someone else's failures never lock out its owner (an office behind one NAT address).
 * Tokens are 32 random bytes, so admitting a right guess gives nothing away that guessing could reach.
 */
import type { FastifyPluginAsync, onRequestAsyncHookHandler } from 'fastify';
import type { Config } from '../config.ts';
import { ApiError } from '../errors.ts';
import type { TokenInfo } from '../repositories/index.ts';
import { global } from './global.ts';

export type Access = 'read' | 'editor' | 'admin';

declare module 'fastify' {
  interface FastifyInstance {
    /** An onRequest hook that admits only requests allowed to do `access`. */
    authorize(access: Access): onRequestAsyncHookHandler;
  }
  interface FastifyRequest {
    /** The token that made the request, when one was presented and is valid. */
    principal: TokenInfo | null;
  }
}

const RANK: ReadonlyMap<string, number> = new Map([
  ['read', 0],
  ['editor', 1],
  ['admin', 2],
]);

/** The characters of a presented token that key its prefix counter (`grdp_` and 7 more). */
export const PREFIX_LENGTH = 12;

/** Keys tracked at most (per limiter); expired entries are dropped first, then the oldest. */
const MAX_TRACKED = 10_000;

/** Failed token checks per key (a client address, or a token prefix), in fixed windows. */
export function createFailureLimiter(max: number, windowMs: number, clock: () => number = Date.now) {
  const failures = new Map<string, { count: number; resetAt: number }>();
  const entry = (ip: string) => {
    const e = failures.get(ip);
    if (e && e.resetAt <= clock()) {
      failures.delete(ip);
      return undefined;
    }
    return e;
  };
  return {
    /** Seconds until the address may try again, or 0 when it is not blocked. */
    blockedFor(ip: string): number {
      if (max <= 0) return 0;
      const e = entry(ip);
      return e && e.count >= max ? Math.max(1, Math.ceil((e.resetAt - clock()) / 1000)) : 0;
    },
    fail(ip: string): void {
      if (max <= 0) return;
      const e = entry(ip);
      if (e) {
        e.count++;
        return;
      }
      if (failures.size >= MAX_TRACKED) {
        const t = clock();
        for (const [k, v] of failures) if (v.resetAt <= t) failures.delete(k);
        if (failures.size >= MAX_TRACKED) failures.delete(failures.keys().next().value as string);
      }
      failures.set(ip, { count: 1, resetAt: clock() + windowMs });
    },
    get size() {
      return failures.size;
    },
  };
}

export const authPlugin: FastifyPluginAsync<{ config: Config }> = global(async (app, { config }) => {
  app.decorateRequest('principal', null);
  const max = config.authFailureMax ?? 0;
  const windowMs = (config.authFailureWindowSec ?? 300) * 1000;
  // Two limiters, so that a flood of new prefixes cannot push an address's count out of the table.
  const byAddress = createFailureLimiter(max, windowMs);
  const byPrefix = createFailureLimiter(max, windowMs);
  app.decorate('authorize', (access: Access): onRequestAsyncHookHandler => {
    return async (request, reply) => {
      const header = request.headers.authorization;
      const needsToken = access !== 'read' || config.requireTokenForRead;
      if (header === undefined) {
        if (needsToken) throw new ApiError('UNAUTHORIZED', 'Authorization: Bearer <token> is required');
        return;
      }
      const m = /^Bearer +(\S+)\s*$/i.exec(header);
      const principal = m ? await app.repos.tokens.verify(m[1]!) : undefined;
      if (!principal) {
        const counts: [ReturnType<typeof createFailureLimiter>, string][] = [[byAddress, request.ip]];
        if (m) counts.push([byPrefix, m[1]!.slice(0, PREFIX_LENGTH)]);
        // Blocked by the failures before this one; this one counts too.
        const wait = Math.max(...counts.map(([l, k]) => l.blockedFor(k)));
        for (const [l, k] of counts) l.fail(k);
        if (wait > 0) {
          reply.header('retry-after', String(wait));
          throw new ApiError(
            'RATE_LIMITED',
            `Too many failed token checks from this address or with this token prefix; retry in ${wait} s`,
          );
        }
        throw new ApiError('UNAUTHORIZED', 'The bearer token is not valid');
      }
      request.principal = principal;
      // Fail closed: a role missing from the table ranks below every access (an `unknown` role can do nothing).
      const has = RANK.get(principal.role) ?? Number.NEGATIVE_INFINITY;
      if (!(has >= (RANK.get(access) ?? Number.POSITIVE_INFINITY)))
        throw new ApiError('FORBIDDEN', `This needs role ${access}; the token has role ${principal.role}`);
    };
  });
});

/** The name writes are attributed to. */
export function authorOf(principal: TokenInfo | null): string {
  if (!principal) throw new ApiError('UNAUTHORIZED');
  return principal.name;
}
