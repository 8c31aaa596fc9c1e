/**
 * The one token input of the app: a labelled password field for the editor or the admin token, filled from and
 * saved to the browser session (`tokens`), with a "forget" button. Every form that writes (entry, import,
 * what-if save, scenario upload, the tokens page) uses it, so a token typed once serves them all.
 */
import { tokens } from './api.ts';
import { h } from './dom.ts';
import { t } from './i18n/index.ts';

export type TokenRole = 'editor' | 'admin';

export interface TokenField {
  element: HTMLElement;
  input: HTMLInputElement;
  /** The token typed here (kept for the session), else the one kept earlier; null when there is none. */
  value(): string | null;
}

export function tokenField(role: TokenRole): TokenField {
  const id = `${role}-token`;
  const input = h('input', { type: 'password', id, autocomplete: 'off', spellcheck: false });
  input.value = tokens.get(role) ?? '';
  const keep = () => {
    if (input.value.trim()) tokens.set(role, input.value);
  };
  input.addEventListener('change', keep);
  const element = h(
    'div',
    { class: 'token-field no-print' },
    h('label', { for: id }, t(role === 'admin' ? 'adminToken' : 'editorToken')),
    h(
      'div',
      { class: 'token-row' },
      input,
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          id: `${id}-forget`,
          onclick: () => {
            tokens.clear(role);
            input.value = '';
          },
        },
        t('forgetToken'),
      ),
    ),
    h('p', { class: 'help' }, t('tokenKept')),
  );
  return {
    element,
    input,
    value() {
      keep();
      return tokens.get(role);
    },
  };
}
