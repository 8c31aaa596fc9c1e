/**
 * The API's own stable error codes and their HTTP status, in one table. Engine codes (GrdpError) are mapped in
 * plugins/errors.ts: SCENARIO_* → 400, INPUT_* → 422.
 */
export const API_ERRORS = {
  VALIDATION: { status: 400, message: 'The request does not match the schema' },
  BAD_JSON: { status: 400, message: 'The body is not valid JSON' },
  BAD_IF_MATCH: { status: 400, message: 'If-Match must be * or a list of quoted entity tags' },
  ID_MISMATCH: { status: 400, message: 'The id in the body differs from the id in the path' },
  UNAUTHORIZED: { status: 401, message: 'A valid bearer token is required' },
  FORBIDDEN: { status: 403, message: 'This token’s role may not do this' },
  NOT_FOUND: { status: 404, message: 'Not found' },
  STALE_ETAG: { status: 409, message: 'The resource changed since it was read (If-Match does not match)' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The body is larger than the limit' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send application/json, application/yaml or text/yaml' },
  IF_MATCH_REQUIRED: { status: 428, message: 'Updating an existing resource needs If-Match with its ETag' },
  RATE_LIMITED: { status: 429, message: 'Too many requests' },
  BAD_REQUEST: { status: 400, message: 'Bad request' },
  IMPORT_INVALID: { status: 400, message: 'Some rows of the file are not valid; nothing was imported' },
  IMPORT_UNREADABLE: { status: 400, message: 'The file cannot be read as a CSV (UTF-8) or XLSX workbook' },
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** Thrown by repositories and routes; answered as `{code, message, path?}` with the table's status. */
export class ApiError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ApiErrorCode | string,
    message?: string,
    readonly path?: string,
    status?: number,
  ) {
    const known = (API_ERRORS as Record<string, { status: number; message: string }>)[code];
    super(message ?? known?.message ?? code);
    this.name = 'ApiError';
    this.statusCode = status ?? known?.status ?? 400;
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
