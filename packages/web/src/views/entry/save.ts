/**
 * Saving a period: a PUT with If-Match; on 409/428 both versions are shown side by side and the user keeps
 * theirs or takes the other desk's.
 */
import { formatNumber, historyNumber, keyLabel, type Lang, periodLabel, type Vintage } from '@grdp/engine';
import { type ActualRevision, ApiError, api, type ScenarioData } from '../../api.ts';
import { h, mount } from '../../dom.ts';
import { errorText } from '../../error-text.ts';
import { formatDateTime } from '../../format-date.ts';
import { t } from '../../i18n/index.ts';
import { namesOf } from '../../model.ts';
import { decimals, type Row, typedValues, validate } from './row.ts';

export async function save(
  token: () => string | null,
  data: ScenarioData,
  row: Row,
  keys: string[],
  lang: Lang,
): Promise<void> {
  const id = data.stored.id;
  for (const key of keys) validate(row, key, lang);
  const { values, invalid } = typedValues(row, keys);
  if (invalid) return;
  if (Object.keys(values).length === 0) {
    row.status.textContent = t('nothingToSave', lang);
    return;
  }
  const editorToken = token();
  if (!editorToken) {
    row.status.textContent = t('needToken', lang);
    document.getElementById('editor-token')?.focus();
    return;
  }
  const body = {
    values,
    vintage: row.vintage.value as Vintage,
    ...(row.note.value.trim() && { note: row.note.value.trim() }),
  };
  row.status.textContent = t('saving', lang);
  try {
    const rev = await api.putActual(id, row.period, body, editorToken, row.etag);
    row.etag = rev.etag;
    row.status.textContent = `${t('saved', lang)} (${t('revision', lang)} ${historyNumber(data.stored.scenario, row.period, rev.revision)})`;
    row.panel.replaceChildren();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 409 || e.status === 428)) {
      const theirs = await api.getActual(id, row.period);
      row.status.textContent = '';
      showConflict(token, data, row, keys, lang, values, theirs);
      return;
    }
    row.status.textContent = errorText(e);
  }
}

function showConflict(
  token: () => string | null,
  data: ScenarioData,
  row: Row,
  keys: string[],
  lang: Lang,
  mine: Record<string, number>,
  theirs: ActualRevision,
): void {
  const names = namesOf(data.scenario);
  const when = formatDateTime(theirs.createdAt, lang);
  const cell = (v: number | undefined) => h('td', null, v === undefined ? '–' : formatNumber(v, lang, decimals(v)));
  mount(
    row.panel,
    h(
      'section',
      { class: 'conflict', role: 'alert', 'aria-labelledby': `conflict-${row.period}` },
      h('h3', { id: `conflict-${row.period}` }, `${t('conflictTitle', lang)} — ${periodLabel(row.period, lang)}`),
      h('p', null, t('conflictHelp', lang)),
      h(
        'table',
        { class: 'data conflict-table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, ''),
            h('th', { scope: 'col' }, t('yours', lang)),
            h(
              'th',
              { scope: 'col' },
              `${t('theirs', lang)} (${theirs.author}, ${when}, ${t('revision', lang)} ${historyNumber(data.stored.scenario, row.period, theirs.revision)})`,
            ),
          ),
        ),
        h(
          'tbody',
          null,
          keys.map((k) =>
            h(
              'tr',
              { dataset: { key: k } },
              h('th', { scope: 'row' }, keyLabel(k, lang, names)),
              cell(mine[k]),
              cell(theirs.values[k]),
            ),
          ),
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, t('vintage', lang)),
            h('td', null, t(row.vintage.value as Vintage, lang)),
            h('td', null, t(theirs.vintage, lang)),
          ),
        ),
      ),
      h(
        'div',
        { class: 'buttons' },
        h(
          'button',
          {
            type: 'button',
            class: 'keep-mine',
            onclick: () => {
              row.etag = theirs.etag;
              void save(token, data, row, keys, lang);
            },
          },
          t('keepMine', lang),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'take-theirs',
            onclick: () => {
              row.etag = theirs.etag;
              for (const k of keys) {
                const v = theirs.values[k];
                row.inputs[k]!.value = v === undefined ? '' : formatNumber(v, lang, decimals(v));
              }
              row.vintage.value = theirs.vintage;
              row.note.value = theirs.note ?? '';
              row.panel.replaceChildren();
              row.status.textContent = `${t('theirs', lang)} (${t('revision', lang)} ${historyNumber(data.stored.scenario, row.period, theirs.revision)})`;
              row.inputs[keys[0]!]!.dispatchEvent(new Event('input'));
            },
          },
          t('takeTheirs', lang),
        ),
      ),
    ),
  );
  row.panel.querySelector<HTMLButtonElement>('.keep-mine')?.focus();
}
