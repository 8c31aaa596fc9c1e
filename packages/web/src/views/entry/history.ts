/** A period's revisions (GET …/history), newest first: who, when, the vintage and each cell, changes marked. */
import { type Actual, formatNumber, keyLabel, type Lang, periodLabel } from '@grdp/engine';
import { api } from '../../api.ts';
import { h, mount } from '../../dom.ts';
import { formatDateTime } from '../../format-date.ts';
import { t } from '../../i18n/index.ts';
import { decimals, type Row } from './row.ts';

export async function toggleHistory(
  e: Event,
  id: string,
  row: Row,
  keys: string[],
  lang: Lang,
  names: Record<string, { vi: string; en: string }>,
): Promise<void> {
  const button = e.currentTarget as HTMLButtonElement;
  if (button.getAttribute('aria-expanded') === 'true') {
    button.setAttribute('aria-expanded', 'false');
    button.textContent = t('history', lang);
    row.panel.replaceChildren();
    return;
  }
  const revisions = await api.history(id, row.period);
  button.setAttribute('aria-expanded', 'true');
  button.textContent = t('hideHistory', lang);
  if (revisions.length === 0 && !row.fileActual) {
    mount(row.panel, h('p', { class: 'history-empty' }, t('noHistory', lang)));
    return;
  }
  mount(
    row.panel,
    h(
      'table',
      { class: 'data history-table', dataset: { period: row.period } },
      h('caption', null, `${t('history', lang)} — ${periodLabel(row.period, lang)}`),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [t('revision', lang), t('time', lang), t('author', lang), t('vintage', lang)].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
          keys.map((k) => h('th', { scope: 'col' }, keyLabel(k, lang, names))),
          h('th', { scope: 'col' }, t('note', lang)),
        ),
      ),
      h(
        'tbody',
        null,
        [...revisions].reverse().map((r) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, String(r.revision)),
            h('td', null, formatDateTime(r.createdAt, lang)),
            h('td', null, r.author),
            h('td', null, t(r.vintage, lang)),
            keys.map((k) => {
              const v = r.values[k];
              const before = r.previousValues?.[k];
              const changed = before !== undefined && before !== v;
              return h(
                'td',
                { class: changed ? 'changed' : '' },
                v === undefined ? '–' : formatNumber(v, lang, decimals(v)),
                changed ? h('span', { class: 'was' }, ` (${formatNumber(before, lang, decimals(before))})`) : '',
              );
            }),
            h('td', null, r.note ?? ''),
          ),
        ),
        row.fileActual && fileRow(row.fileActual, keys, lang),
      ),
    ),
  );
}

/** The scenario file's figures: the oldest line of every history (what the app showed before any entry). */
function fileRow(a: Actual, keys: string[], lang: Lang): HTMLElement {
  return h(
    'tr',
    { class: 'from-file' },
    h('th', { scope: 'row' }, '–'),
    h('td', null, a.published ?? ''),
    h('td', null, t('scenarioFile', lang)),
    h('td', null, t(a.vintage, lang)),
    keys.map((k) => {
      const v = a.values[k];
      return h('td', null, v === undefined ? '–' : formatNumber(v, lang, decimals(v)));
    }),
    h('td', { dataset: { fileText: '' } }, a.source ?? ''),
  );
}
