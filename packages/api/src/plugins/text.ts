/**
 * Text bodies must be UTF-8 and free of NUL characters. A declared charset other than UTF-8 is refused (415); a
 * body that did not decode as UTF-8 (Windows-1258, UTF-16: the decoder leaves U+FFFD) or that contains U+0000
 * (which PostgreSQL cannot store in text) is refused with 400 BAD_ENCODING and the place of the first bad
 * character, before any route sees it.
 */
import { textProblem } from '@grdp/engine';
import type { FastifyPluginAsync } from 'fastify';
import { ApiError } from '../errors.ts';
import { global } from './global.ts';

const SAVE_AS_UTF8 =
  'save the file as UTF-8 (in Excel: "CSV UTF-8"; in an editor: "Encoding: UTF-8") and send it again';

/** The first string (value or key) in `body` holding U+FFFD or U+0000, with its path, or undefined. */
export function findBadText(
  body: unknown,
): { path: string; char: 'replacement' | 'nul' | 'lone-surrogate'; line?: number } | undefined {
  const check = (s: string, path: string) => {
    // The engine's one text rule (NUL, lone surrogates), then U+FFFD: the trace of a body that was not UTF-8.
    const problem = textProblem(s);
    const replacement = s.indexOf('\ufffd');
    const index =
      problem && (replacement < 0 || problem.index < replacement) ? problem.index : replacement >= 0 ? replacement : -1;
    if (index < 0) return undefined;
    const line = s.slice(0, index).split('\n').length;
    const char = index === problem?.index ? problem.kind : ('replacement' as const);
    return { path, char, line };
  };
  const stack: [unknown, string][] = [[body, 'body']];
  let visited = 0;
  while (stack.length > 0 && visited++ < 1_000_000) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const r = check(v, path);
      if (r) return path === 'body' ? r : { path: r.path, char: r.char };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, x] of Object.entries(v)) {
        const r = check(k, `${path}.${k}`);
        if (r) return { path: r.path, char: r.char };
        stack.push([x, `${path}.${k}`]);
      }
    }
  }
  return undefined;
}

export const textPlugin: FastifyPluginAsync = global(async (app) => {
  app.addHook('onRequest', async (request) => {
    const type = request.headers['content-type'];
    if (!type) return;
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1]?.toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8')
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `charset=${charset} is not supported: ${SAVE_AS_UTF8}`);
  });
  app.addHook('preValidation', async (request) => {
    const bad = findBadText(request.body);
    if (!bad) return;
    const where = bad.line !== undefined ? `${bad.path}, line ${bad.line}` : bad.path;
    throw new ApiError(
      'BAD_ENCODING',
      bad.char === 'nul'
        ? `A NUL character (U+0000) at ${where}: text fields cannot contain it`
        : bad.char === 'lone-surrogate'
          ? `Half of a character (a lone UTF-16 surrogate) at ${where}: the text is not valid Unicode`
          : `The body is not UTF-8 text (perhaps Windows-1258 or UTF-16): an undecodable byte at ${where}; ${SAVE_AS_UTF8}`,
      bad.path,
    );
  });
});
