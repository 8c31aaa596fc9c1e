/**
 * Bearer-token auth. Reading and stateless computing are open unless REQUIRE_TOKEN_FOR_READ; writing needs a
 * token with role editor (actuals, imports, what-ifs) or admin (scenarios, tokens; admin can do all an editor can).
 * Missing or wrong token → 401, wrong role → 403.
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

const RANK: Record<Access, number> = { read: 0, editor: 1, admin: 2 };

export const authPlugin: FastifyPluginAsync<{ config: Config }> = global(async (app, { config }) => {
  app.decorateRequest('principal', null);
  app.decorate('authorize', (access: Access): onRequestAsyncHookHandler => {
    return async (request) => {
      const header = request.headers.authorization;
      const needsToken = access !== 'read' || config.requireTokenForRead;
      if (header === undefined) {
        if (needsToken) throw new ApiError('UNAUTHORIZED', 'Authorization: Bearer <token> is required');
        return;
      }
      const m = /^Bearer +(\S+)\s*$/i.exec(header);
      const principal = m ? await app.repos.tokens.verify(m[1]!) : undefined;
      if (!principal) throw new ApiError('UNAUTHORIZED', 'The bearer token is not valid');
      request.principal = principal;
      if (RANK[principal.role] < RANK[access])
        throw new ApiError('FORBIDDEN', `This needs role ${access}; the token has role ${principal.role}`);
    };
  });
});

/** The name writes are attributed to. */
export function authorOf(principal: TokenInfo | null): string {
  if (!principal) throw new ApiError('UNAUTHORIZED');
  return principal.name;
}
