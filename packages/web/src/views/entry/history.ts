/**
 * A period's history (GET …/history: the engine's `periodHistory`, the scenario file's figures first), newest
 * first: who, when, the vintage and each cell, changes marked.
 */
import { formatNumber, keyLabel, type Lang, periodLabel } from '@grdp/engine';
import { api, type HistoryRevision } from '../../api.ts';
import { h, mount } from '../../dom.ts';
import { formatDate, formatDateTime } from '../../format-date.ts';
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
  if (revisions.length === 0) {
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
        [...revisions].reverse().map((r) => revisionRow(r, keys, lang)),
      ),
    ),
  );
}

/** One line: an entered revision, or the scenario file's figures (author: the file, its date and citation). */
function revisionRow(r: HistoryRevision, keys: string[], lang: Lang): HTMLElement {
  const file = r.origin === 'file';
  return h(
    'tr',
    { class: file ? 'from-file' : '' },
    h('th', { scope: 'row' }, String(r.revision)),
    h(
      'td',
      null,
      r.createdAt !== null ? formatDateTime(r.createdAt, lang) : r.published ? formatDate(r.published, lang) : '',
    ),
    h('td', null, file ? t('scenarioFile', lang) : r.author),
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
    file ? h('td', { dataset: { fileText: '' } }, r.citation ?? r.note ?? '') : h('td', null, r.note ?? ''),
  );
}
