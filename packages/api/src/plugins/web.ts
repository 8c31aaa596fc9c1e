/**
 * Serves the web app (packages/web/dist, built by `vite build`) at `/`: hashed assets with a long cache, and
 * index.html for `/`, `/embed/*` and any other GET that is not an API path (the app routes with hashes; the embed
 * page is a real path). Sets a Content-Security-Policy for the app; embed pages may be framed by any site,
 * the rest only by this origin.
 *
 * Register it after the API routes, before `ready()`: `await app.register(webPlugin)`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { REPO_ROOT } from '../config.ts';

export interface WebPluginOptions {
  /** The built app; default packages/web/dist. */
  root?: string;
}

/** Scripts, styles, data and connections from this origin only; images may be data:/blob: (chart PNG export). */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** The same for `/embed/*`, which other sites put in an iframe. */
export const EMBED_CSP = APP_CSP.replace("frame-ancestors 'self'", 'frame-ancestors *');

const NOT_APP = /^\/(api|docs)(\/|$)|^\/healthz$/;

export const webPlugin: FastifyPluginAsync<WebPluginOptions> = async (app, options) => {
  const root = options.root ?? join(REPO_ROOT, 'packages', 'web', 'dist');
  if (!existsSync(join(root, 'index.html')))
    throw new Error(`the web app is not built: no ${join(root, 'index.html')} (run vite build in packages/web)`);

  const security = (reply: FastifyReply, embed: boolean) => {
    reply.header('content-security-policy', embed ? EMBED_CSP : APP_CSP);
    if (embed) reply.removeHeader('x-frame-options');
    else reply.header('x-frame-options', 'SAMEORIGIN');
    reply.header('cross-origin-embedder-policy', 'unsafe-none');
  };

  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: false,
    wildcard: false,
    decorateReply: true,
    setHeaders: (reply, path) => {
      // Vite names assets by content hash: they never change.
      if (/[\\/]assets[\\/]/.test(path)) reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });

  const sendIndex = (url: string, reply: FastifyReply) => {
    security(reply, url.startsWith('/embed/'));
    reply.header('cache-control', 'no-cache');
    return reply.type('text/html; charset=utf-8').sendFile('index.html', root);
  };

  app.get('/', (request, reply) => sendIndex(request.url, reply));
  app.get('/embed/*', (request, reply) => sendIndex(request.url, reply));
  // Any other page path falls back to the app (a bookmarked or mistyped path shows the app, not a JSON 404).
  app.get('/*', (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    // The app's one not-found answer (plugins/errors.ts), in the language asked for.
    if (NOT_APP.test(path)) return reply.callNotFound();
    return sendIndex(path, reply);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    // Static assets get the app's policy too (a served HTML or SVG file must not run foreign scripts).
    if (!reply.hasHeader('content-security-policy') && !NOT_APP.test(request.url.split('?')[0] ?? '/'))
      security(reply, false);
    return payload;
  });
};
