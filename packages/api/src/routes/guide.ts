/**
 * The user guide (docs/guide.md, Vietnamese then English) at `/guide.md`, as plain UTF-8 text so every browser
 * shows it instead of downloading it; the app's header links to it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { REPO_ROOT } from '../config.ts';

export const GUIDE_FILE = join(REPO_ROOT, 'docs', 'guide.md');

export const guideRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/guide.md',
    {
      schema: {
        tags: ['system'],
        summary: 'The user guide (Markdown, vi and en)',
        response: { 200: Type.String() },
      },
    },
    async (_request, reply) => {
      const text = await readFile(GUIDE_FILE, 'utf8');
      return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(text);
    },
  );
};
