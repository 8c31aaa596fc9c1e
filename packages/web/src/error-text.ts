/**
 * An error as a sentence in the user's language. The API's error messages are the one catalogue (API_ERRORS in
 * packages/api/src/errors.ts, and the engine's ERROR_CODES / ERROR_CODES_VI): every request sends the UI's language
 * (api.ts), so the API's message is already in it and is shown as it is. Only an answer that did not come from the
 * API (a proxy's page, a network failure) gets the app's own generic sentence. The issues (row, column, reason)
 * are listed by the callers that have them.
 */
import { ApiError } from './api.ts';
import { getLang, t } from './i18n/index.ts';

export function errorText(err: unknown): string {
  if (!(err instanceof ApiError)) return `${t('error')}: ${String((err as Error)?.message ?? err)}`;
  if (!err.fromApi) return `${t(err.status >= 500 ? 'errServer' : 'errRequest')} (${err.status})`;
  // The code is English by design (stable, for support); a vi reader gets the status only.
  return getLang() === 'en' ? `${err.message} (${err.status} ${err.code})` : `${err.message} (${err.status})`;
}
