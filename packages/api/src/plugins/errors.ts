/**
 * One error handler, and the one table of HTTP statuses: every error code, the API's and the engine's, has one
 * status, whichever route or layer raised it. Every 4xx is JSON `{code, message, path?}` (engine GrdpError: with
 * every issue; SCENARIO_TOO_LARGE is 413); every 5xx is logged and answered with a generic text. The message is
 * in the language the request asks for (`requestLang`): English by default, with its details; in Vietnamese the
 * catalogue's sentence for the code (errors.ts), while the code, path, issues' paths and lines, and an import's
 * rows and columns stay as they are.
 */
import { ERROR_CODES, type ErrorCode, GrdpError, type Lang } from '@grdp/engine';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  API_ERRORS,
  ApiError,
  type ApiErrorCode,
  ImportError,
  type ImportRowError,
  importProblems,
  MAX_IMPORT_ERRORS,
  messageOf,
  type OrphanedActualInfo,
  OrphanedActualsError,
  storageError,
} from '../errors.ts';
import { importReason } from '../files/import-reasons.ts';
import { global } from './global.ts';

const API_STATUS: Record<ApiErrorCode, number> = {
  VALIDATION: 400,
  BAD_JSON: 400,
  BAD_IF_MATCH: 400,
  BAD_ENCODING: 400,
  ID_MISMATCH: 400,
  BAD_REQUEST: 400,
  IMPORT_INVALID: 400,
  IMPORT_UNREADABLE: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  STALE_ETAG: 409,
  ACTUALS_ORPHANED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WHATIF_NOT_RUNNABLE: 422,
  IF_MATCH_REQUIRED: 428,
  RATE_LIMITED: 429,
  RESPONSE_MISMATCH: 500,
  BUSY: 503,
  COMPUTE_TIMEOUT: 503,
  STORAGE_FULL: 507,
  STORAGE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/**
 * The engine's codes: a scenario over the size caps is 413; one that cannot be read (SCENARIO_*) is 400; a
 * computation's input (INPUT_*) 422.
 */
const engineStatus = (code: ErrorCode) => (code === 'SCENARIO_TOO_LARGE' ? 413 : code.startsWith('INPUT_') ? 422 : 400);

/** Every error code and its HTTP status. */
export const HTTP_STATUS: Readonly<Record<ApiErrorCode | ErrorCode, number>> = {
  ...(Object.fromEntries(Object.keys(ERROR_CODES).map((c) => [c, engineStatus(c as ErrorCode)])) as Record<
    ErrorCode,
    number
  >),
  ...API_STATUS,
};

/** The status of a code; an unknown code (a Fastify error without a mapping) is a bad request. */
export function statusOf(code: string): number {
  return (HTTP_STATUS as Record<string, number>)[code] ?? 400;
}

/** The API's codes, for the test that lists them. */
export const API_CODES = Object.keys(API_ERRORS) as ApiErrorCode[];

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
  /** ACTUALS_ORPHANED only: the entered figures the scenario replacement would orphan. */
  orphaned?: OrphanedActualInfo[];
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

/** The default language of error messages, when the request asks for none: English, as before languages. */
export const DEFAULT_ERROR_LANG: Lang = 'en';

/**
 * The language a request asks for: `?lang=vi|en` wins; else the best of vi and en in `Accept-Language` by
 * q-value (`vi;q=0.9, en;q=0.8`; a region such as vi-VN counts as vi; `*` as the default); else English.
 */
export function requestLang(url: string, acceptLanguage: string | string[] | undefined): Lang {
  const q = url.indexOf('?');
  if (q >= 0) {
    const lang = new URLSearchParams(url.slice(q + 1)).get('lang');
    if (lang === 'vi' || lang === 'en') return lang;
  }
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(weight) || weight <= 0) continue;
    const primary = tag.trim().split('-')[0];
    const lang: Lang | undefined =
      primary === 'vi' ? 'vi' : primary === 'en' ? 'en' : primary === '*' ? DEFAULT_ERROR_LANG : undefined;
    if (lang && (!best || weight > best.q)) best = { lang, q: weight };
  }
  return best?.lang ?? DEFAULT_ERROR_LANG;
}

const langOf = (request: FastifyRequest) => requestLang(request.url, request.headers['accept-language']);

export function toErrorResponse(error: unknown, lang: Lang = DEFAULT_ERROR_LANG): { status: number; body: ErrorBody } {
  const response = toEnglishResponse(error);
  if (lang === 'en') return response;
  const detailed = error instanceof ApiError && lang === 'vi' ? error.messageVi : undefined;
  const body = { ...response.body, message: detailed ?? messageOf(response.body.code, lang) };
  if (error instanceof ImportError) {
    body.message = importProblems(error.count, lang, error.count > MAX_IMPORT_ERRORS ? MAX_IMPORT_ERRORS : undefined);
    if (error.reasonsLang === undefined)
      body.errors = error.errors.map((e) => ({ ...e, reason: importReason(e.reason, lang) }));
  }
  if (body.issues) body.issues = body.issues.map((i) => ({ ...i, message: messageOf(i.code, lang) }));
  return { status: response.status, body };
}

function toEnglishResponse(error: unknown): { status: number; body: ErrorBody } {
  const storage = storageError(error);
  if (storage) error = storage;
  if (error instanceof ApiError) {
    const body: ErrorBody = { code: error.code, message: error.message };
    if (error.path !== undefined) body.path = error.path;
    if (error instanceof ImportError) body.errors = error.errors;
    if (error instanceof OrphanedActualsError) body.orphaned = error.orphaned;
    return { status: statusOf(error.code), body };
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
    return { status: statusOf(code), body };
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
      (status === 429
        ? 'RATE_LIMITED'
        : status === 413
          ? 'PAYLOAD_TOO_LARGE'
          : status === 404
            ? 'NOT_FOUND'
            : 'BAD_REQUEST');
    return { status: code === 'BAD_REQUEST' ? status : statusOf(code), body: { code, message: fe.message } };
  }
  return { status: 500, body: { code: 'INTERNAL', message: API_ERRORS.INTERNAL.en } };
}

export const errorsPlugin: FastifyPluginAsync = global(async (app) => {
  // `?lang` may be added to any request to choose the language of an error; a route whose query does not
  // declare it does not see it (its strict query schema would refuse it).
  app.addHook('preValidation', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    if (!query || typeof query !== 'object' || !('lang' in query)) return;
    const schema = request.routeOptions.schema?.querystring as { properties?: Record<string, unknown> } | undefined;
    if (schema && !schema.properties?.lang) delete query.lang;
  });
  app.setErrorHandler((error, request, reply: FastifyReply) => {
    const { status, body } = toErrorResponse(error, langOf(request));
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code, path: body.path }, body.message);
    // A refusal for load (503 BUSY, COMPUTE_TIMEOUT, 507) says when to come back.
    const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return reply.status(status).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const where = `${request.method} ${request.url.split('?')[0]}`;
    const lang = langOf(request);
    const message = lang === 'en' ? `No route ${where}` : `${messageOf('NOT_FOUND', lang)}: ${where}`;
    return reply.status(404).send({ code: 'NOT_FOUND', message });
  });
});
