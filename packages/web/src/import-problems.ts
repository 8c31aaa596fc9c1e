/**
 * An import's refusal as the page shows it, for the actuals import (entry grid) and the indicators import: the
 * API's message, then each problem's row, column and reason (in the language the app asked for). On a phone the
 * table stacks, each cell labelled.
 */
import type { Lang } from '@grdp/engine';
import { ApiError } from './api.ts';
import { h } from './dom.ts';
import { errorText } from './error-text.ts';
import { t } from './i18n/index.ts';

export function importProblemsView(err: unknown, lang: Lang, id: string): HTMLElement {
  const rows = err instanceof ApiError ? err.rows : [];
  const labels = [t('row', lang), t('column', lang), t('reason', lang)];
  return h(
    'div',
    { class: 'error', role: 'alert', id },
    h('p', null, errorText(err)),
    rows.length > 0 &&
      h(
        'table',
        { class: 'data stack' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            labels.map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          null,
          rows.map((r) =>
            h(
              'tr',
              null,
              h('td', { 'data-label': labels[0] }, String(r.row)),
              h('td', { 'data-label': labels[1] }, r.column || '–'),
              h('td', { 'data-label': labels[2] }, r.reason),
            ),
          ),
        ),
      ),
  );
}
