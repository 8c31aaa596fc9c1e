/**
 * The API's domain errors: a stable code, a default message, and where (a JSON path). Nothing here knows HTTP:
 * the one table of HTTP statuses is `HTTP_STATUS` in plugins/errors.ts, for these codes and the engine's.
 */
import type { ErrorCode } from '@grdp/engine';

export const API_ERRORS = {
  VALIDATION: 'The request does not match the schema',
  BAD_JSON: 'The body is not valid JSON',
  BAD_IF_MATCH: 'If-Match must be * or a list of quoted entity tags',
  BAD_ENCODING: 'The body is not UTF-8 text',
  ID_MISMATCH: 'The id in the body differs from the id in the path',
  UNAUTHORIZED: 'A valid bearer token is required',
  FORBIDDEN: 'This token’s role may not do this',
  NOT_FOUND: 'Not found',
  STALE_ETAG: 'The resource changed since it was read (If-Match does not match)',
  ACTUALS_ORPHANED:
    'The replacement drops sectors that have entered actuals; nothing was changed. Keep the sectors, or send ?orphanedActuals=delete',
  PAYLOAD_TOO_LARGE: 'The body is larger than the limit',
  UNSUPPORTED_MEDIA_TYPE: 'Send application/json, application/yaml or text/yaml',
  IF_MATCH_REQUIRED: 'Updating an existing resource needs If-Match with its ETag',
  RATE_LIMITED: 'Too many requests',
  BAD_REQUEST: 'Bad request',
  IMPORT_INVALID: 'Some rows of the file are not valid; nothing was imported',
  IMPORT_UNREADABLE: 'The file cannot be read as a CSV (UTF-8) or XLSX workbook',
  WHATIF_NOT_RUNNABLE: 'The saved what-if cannot be run',
  RESPONSE_MISMATCH: 'The answer does not match its schema',
  BUSY: 'The server is busy; try again shortly',
  COMPUTE_TIMEOUT: 'The computation took too long and was stopped',
  STORAGE_FULL: 'The disk holding the database is full; nothing was saved. Free some space and try again',
  STORAGE_UNAVAILABLE: 'The database file is missing or not writable; nothing was saved',
  INTERNAL: 'Internal server error',
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

/**
 * A domain error, thrown by repositories, files, compute and routes: `{code, message, path?}` where the code is
 * the API's (`API_ERRORS`) or the engine's (`ErrorCode`, e.g. INPUT_UNKNOWN_SECTOR for a key that is not a
 * sector). Its HTTP status is looked up by code, in one place (plugins/errors.ts).
 */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode | ErrorCode,
    message?: string,
    readonly path?: string,
  ) {
    super(message ?? (API_ERRORS as Record<string, string>)[code] ?? code);
    this.name = 'ApiError';
  }
}

/**
 * A database error that says the storage failed, as the API's error: SQLite's SQLITE_FULL or PostgreSQL's
 * SQLSTATE 53100 (disk_full) → STORAGE_FULL; SQLite's READONLY, CANTOPEN and I/O errors (the file deleted or made
 * read-only under the server) → STORAGE_UNAVAILABLE. Anything else: undefined.
 */
export function storageError(error: unknown): ApiError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_FULL' || code === '53100') return new ApiError('STORAGE_FULL');
  if (/^SQLITE_(READONLY|CANTOPEN|IOERR)/.test(code)) return new ApiError('STORAGE_UNAVAILABLE');
  return undefined;
}

/** An entered figure a scenario replacement would leave without its sector. */
export interface OrphanedActualInfo {
  period: string;
  sector: string;
  value: number;
  revision: number;
}

/** A replacement that would orphan entered actuals: 409 `{code: 'ACTUALS_ORPHANED', message, orphaned}`. */
export class OrphanedActualsError extends ApiError {
  constructor(readonly orphaned: OrphanedActualInfo[]) {
    const list = orphaned.map((o) => `${o.sector} in ${o.period}`).join(', ');
    super(
      'ACTUALS_ORPHANED',
      `The replacement drops sectors that have entered actuals (${list}); nothing was changed. Keep those sectors, or send ?orphanedActuals=delete to remove these figures in the same change (their history is kept)`,
    );
    this.name = 'OrphanedActualsError';
  }
}

/** Parses If-Match: `*`, or a list of entity tags (weak tags are refused: If-Match compares strongly). */
export function parseIfMatch(header: string | string[] | undefined): '*' | string[] | undefined {
  if (header === undefined) return undefined;
  const raw = (Array.isArray(header) ? header.join(',') : header).trim();
  if (raw === '*') return '*';
  const tags: string[] = [];
  const re = /\s*("[\x21\x23-\x7e]*")\s*(,|$)/y;
  let pos = 0;
  while (pos < raw.length) {
    re.lastIndex = pos;
    const m = re.exec(raw);
    if (!m) throw new ApiError('BAD_IF_MATCH');
    tags.push(m[1]!);
    pos = re.lastIndex;
  }
  if (tags.length === 0) throw new ApiError('BAD_IF_MATCH');
  return tags;
}

/** Whether a precondition (already parsed) matches the current ETag. */
export function ifMatchMatches(ifMatch: '*' | string[], etag: string | undefined): boolean {
  if (etag === undefined) return false;
  return ifMatch === '*' || ifMatch.includes(etag);
}

/** One problem in an imported file: the spreadsheet row (1 = the header row), the column header, the reason. */
export interface ImportRowError {
  row: number;
  column: string;
  reason: string;
}

/** A file with bad rows: answered 400 `{code: 'IMPORT_INVALID', message, errors}` listing every bad row. */
/** An import's error list is cut to this many rows (the message gives the total), so a bad 5 MB file cannot make a 187 MB answer. */
export const MAX_IMPORT_ERRORS = 100;

export class ImportError extends ApiError {
  readonly errors: ImportRowError[];
  constructor(all: ImportRowError[], message?: string) {
    const shown = all.length > MAX_IMPORT_ERRORS ? ` (the first ${MAX_IMPORT_ERRORS} are listed)` : '';
    super(
      'IMPORT_INVALID',
      message ?? `${all.length} problem${all.length === 1 ? '' : 's'} in the file${shown}; nothing was imported`,
    );
    this.errors = all.slice(0, MAX_IMPORT_ERRORS);
    this.name = 'ImportError';
  }
}
