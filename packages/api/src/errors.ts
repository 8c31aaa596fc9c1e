/**
 * The API's domain errors: a stable code, its message in English and Vietnamese, and where (a JSON path).
 * Nothing here knows HTTP: the one table of HTTP statuses is `HTTP_STATUS` in plugins/errors.ts, for these codes
 * and the engine's. This is the one catalogue of error messages: the API answers in the language the request
 * asks for (`messageOf`), and the web app shows the API's message as it is.
 */
import { ERROR_CODES, ERROR_CODES_VI, type ErrorCode, type Lang } from '@grdp/engine';

export const API_ERRORS = {
  VALIDATION: { en: 'The request does not match the schema', vi: 'Yêu cầu không đúng mẫu quy định' },
  BAD_JSON: { en: 'The body is not valid JSON', vi: 'Nội dung gửi lên không phải JSON hợp lệ' },
  BAD_IF_MATCH: {
    en: 'If-Match must be * or a list of quoted entity tags',
    vi: 'Tiêu đề If-Match phải là * hoặc danh sách thẻ phiên bản trong dấu ngoặc kép',
  },
  BAD_ENCODING: { en: 'The body is not UTF-8 text', vi: 'Nội dung gửi lên không phải văn bản UTF-8' },
  ID_MISMATCH: {
    en: 'The id in the body differs from the id in the path',
    vi: 'Mã trong nội dung khác mã trong đường dẫn',
  },
  UNAUTHORIZED: { en: 'A valid bearer token is required', vi: 'Cần một mã truy cập hợp lệ' },
  FORBIDDEN: { en: 'This token’s role may not do this', vi: 'Vai trò của mã truy cập này không được làm việc này' },
  NOT_FOUND: { en: 'Not found', vi: 'Không tìm thấy' },
  STALE_ETAG: {
    en: 'The resource changed since it was read (If-Match does not match)',
    vi: 'Dữ liệu đã thay đổi từ khi được đọc; hãy tải lại rồi sửa tiếp',
  },
  ACTUALS_ORPHANED: {
    en: 'The replacement drops sectors that have entered actuals; nothing was changed. Keep the sectors, or send ?orphanedActuals=delete',
    vi: 'Bản thay thế bỏ những ngành đã có số thực hiện nhập vào; chưa thay đổi gì. Hãy giữ các ngành đó, hoặc xác nhận xóa các số ấy (tham số orphanedActuals)',
  },
  PAYLOAD_TOO_LARGE: { en: 'The body is larger than the limit', vi: 'Nội dung gửi lên vượt quá giới hạn' },
  UNSUPPORTED_MEDIA_TYPE: {
    en: 'Send application/json, application/yaml or text/yaml',
    vi: 'Hãy gửi dạng application/json, application/yaml hoặc text/yaml',
  },
  IF_MATCH_REQUIRED: {
    en: 'Updating an existing resource needs If-Match with its ETag',
    vi: 'Sửa dữ liệu đã có cần tiêu đề If-Match mang thẻ phiên bản của nó',
  },
  RATE_LIMITED: { en: 'Too many requests', vi: 'Quá nhiều yêu cầu; hãy thử lại sau' },
  BAD_REQUEST: { en: 'Bad request', vi: 'Yêu cầu không hợp lệ' },
  IMPORT_INVALID: {
    en: 'Some rows of the file are not valid; nothing was imported',
    vi: 'Một số dòng của tệp không hợp lệ; chưa nhập gì',
  },
  IMPORT_UNREADABLE: {
    en: 'The file cannot be read as a CSV (UTF-8) or XLSX workbook',
    vi: 'Không đọc được tệp dạng CSV (UTF-8) hay bảng tính XLSX',
  },
  WHATIF_NOT_RUNNABLE: { en: 'The saved what-if cannot be run', vi: 'Không chạy được giả định đã lưu' },
  RESPONSE_MISMATCH: { en: 'The answer does not match its schema', vi: 'Câu trả lời không đúng mẫu quy định' },
  BUSY: { en: 'The server is busy; try again shortly', vi: 'Máy chủ đang bận; hãy thử lại sau ít phút' },
  COMPUTE_TIMEOUT: {
    en: 'The computation took too long and was stopped',
    vi: 'Phép tính chạy quá lâu nên đã bị dừng',
  },
  STORAGE_FULL: {
    en: 'The disk holding the database is full; nothing was saved. Free some space and try again',
    vi: 'Ổ đĩa chứa cơ sở dữ liệu đã đầy; chưa lưu gì. Hãy giải phóng chỗ trống rồi thử lại',
  },
  STORAGE_UNAVAILABLE: {
    en: 'The database file is missing or not writable; nothing was saved',
    vi: 'Tệp cơ sở dữ liệu bị mất hoặc không ghi được; chưa lưu gì',
  },
  INTERNAL: { en: 'Internal server error', vi: 'Lỗi máy chủ' },
} as const satisfies Record<string, Record<Lang, string>>;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** The catalogue's message for a code, the API's or the engine's, in a language; an unknown code: BAD_REQUEST's. */
export function messageOf(code: string, lang: Lang): string {
  const api = (API_ERRORS as Record<string, Record<Lang, string>>)[code];
  if (api) return api[lang];
  if (code in ERROR_CODES) return lang === 'vi' ? ERROR_CODES_VI[code as ErrorCode] : ERROR_CODES[code as ErrorCode];
  return API_ERRORS.BAD_REQUEST[lang];
}

/** The number of problems in an imported file, said in a language (`shown`: how many are listed, when cut). */
export function importProblems(count: number, lang: Lang, shown?: number): string {
  if (lang === 'vi')
    return `${count} lỗi trong tệp${shown !== undefined ? ` (liệt kê ${shown} lỗi đầu)` : ''}; chưa nhập gì`;
  return `${count} problem${count === 1 ? '' : 's'} in the file${shown !== undefined ? ` (the first ${shown} are listed)` : ''}; nothing was imported`;
}

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
    /** The message in Vietnamese with its details; without it a vi answer says the code's catalogue sentence. */
    readonly messageVi?: string,
  ) {
    super(message ?? messageOf(code, 'en'));
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
  /** Every problem found (the list is cut to MAX_IMPORT_ERRORS). */
  readonly count: number;
  /**
   * The language the reasons are already written in (the indicators importer writes them in the request's); absent
   * for the actuals importer, whose English reasons the error handler translates (files/import-reasons.ts).
   */
  readonly reasonsLang: Lang | undefined;
  constructor(all: ImportRowError[], message?: string, reasonsLang?: Lang) {
    const shown = all.length > MAX_IMPORT_ERRORS ? MAX_IMPORT_ERRORS : undefined;
    super('IMPORT_INVALID', message ?? importProblems(all.length, 'en', shown));
    this.errors = all.slice(0, MAX_IMPORT_ERRORS);
    this.count = all.length;
    this.reasonsLang = reasonsLang;
    this.name = 'ImportError';
  }
}

/** The one answer for a scenario id that is not stored (404 NOT_FOUND), on every route and repository. */
export function scenarioNotFound(id: string): ApiError {
  return new ApiError('NOT_FOUND', `no scenario ${id}`, undefined, `Không có kịch bản "${id}"`);
}
