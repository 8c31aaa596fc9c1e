/**
 * One error handler: every 4xx is JSON `{code, message, path?}` with a stable code (engine GrdpError: SCENARIO_* →
 * 400 with every issue, SCENARIO_TOO_LARGE → 413, INPUT_* → 422); every 5xx is logged and answered with a generic text.
 */
import { GrdpError } from '@grdp/engine';
import type { FastifyError, FastifyPluginAsync, FastifyReply } from 'fastify';
import { ApiError, ImportError, type ImportRowError } from '../errors.ts';
import { global } from './global.ts';

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

export interface ErrorBody {
  code: string;
  message: string;
  path?: string;
  issues?: { code: string; path: string; message: string; line?: number }[];
  /** Import only: every bad row of the file. */
  errors?: ImportRowError[];
}

/** `body/values/total` + `/x` → `body.values.total.x` */
function dotted(context: string | undefined, instancePath: string, missing?: string): string {
  const parts = [context ?? '', ...instancePath.split('/').filter(Boolean)];
  if (missing) parts.push(missing);
  return parts
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof ApiError) {
    const body: ErrorBody = { code: error.code, message: error.message };
    if (error.path !== undefined) body.path = error.path;
    if (error instanceof ImportError) body.errors = error.errors;
    return { status: error.statusCode, body };
  }
  if (error instanceof GrdpError) {
    const first = error.issues[0];
    const code = first?.code ?? 'SCENARIO_SYNTAX';
    const issues = error.issues.map((i) => {
      const out: NonNullable<ErrorBody['issues']>[number] = { code: i.code, path: i.path, message: i.message };
      if (typeof i.line === 'number') out.line = i.line;
      return out;
    });
    const body: ErrorBody = { code, message: error.message, issues };
    if (first) body.path = first.path;
    return { status: code === 'SCENARIO_TOO_LARGE' ? 413 : code.startsWith('INPUT_') ? 422 : 400, body };
  }
  const fe = error as FastifyError & { validationContext?: string };
  if (fe?.validation) {
    const v = fe.validation[0];
    const missing = (v?.params as { missingProperty?: string } | undefined)?.missingProperty;
    const path = dotted(fe.validationContext, v?.instancePath ?? '', missing);
    return { status: 400, body: { code: 'VALIDATION', message: fe.message, path } };
  }
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code =
      FASTIFY_CODES[fe.code] ??
      (status === 429 ? 'RATE_LIMITED' : status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST');
    return { status, body: { code, message: fe.message } };
  }
  return { status: 500, body: { code: 'INTERNAL', message: 'Internal server error' } };
}

export const errorsPlugin: FastifyPluginAsync = global(async (app) => {
  app.setErrorHandler((error, request, reply: FastifyReply) => {
    const { status, body } = toErrorResponse(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code, path: body.path }, body.message);
    // A refusal for load (503 BUSY, COMPUTE_TIMEOUT, 507) says when to come back.
    const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return reply.status(status).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` }),
  );
});
