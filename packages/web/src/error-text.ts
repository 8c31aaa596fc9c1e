/**
 * An error as a sentence in the user's language. API errors are `{code, message}` with an English message: the
 * code picks a localized sentence (the English message is added in English only); the issues (row, column,
 * reason) are listed by the callers that have them.
 */
import { ApiError } from './api.ts';
import { getLang, type MessageKey, t } from './i18n/index.ts';

const BY_CODE: Record<string, MessageKey> = {
  UNAUTHORIZED: 'errUnauthorized',
  FORBIDDEN: 'errForbidden',
  NOT_FOUND: 'errNotFound',
  STALE_ETAG: 'errStale',
  PAYLOAD_TOO_LARGE: 'errTooLarge',
  UNSUPPORTED_MEDIA_TYPE: 'errMediaType',
  RATE_LIMITED: 'errRateLimited',
  IMPORT_INVALID: 'errImportInvalid',
  IMPORT_UNREADABLE: 'errImportUnreadable',
  STORAGE_FULL: 'errStorageFull',
  STORAGE_UNAVAILABLE: 'errStorageUnavailable',
  ACTUALS_ORPHANED: 'errActualsOrphaned',
};

export function errorText(err: unknown): string {
  if (!(err instanceof ApiError)) return `${t('error')}: ${String((err as Error)?.message ?? err)}`;
  const key = BY_CODE[err.code] ?? (err.status >= 500 ? 'errServer' : 'errRequest');
  const text = t(key);
  return getLang() === 'en' && err.message
    ? `${text} (${err.status} ${err.code}: ${err.message})`
    : `${text} (${err.status})`;
}
