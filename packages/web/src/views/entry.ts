/**
 * Actuals entry: a grid of periods × keys, checked as typed, with the derived figures in the empty cells
 * (entry/row.ts); saving a period with If-Match and the conflict view (entry/save.ts); each period's history
 * (entry/history.ts); the CSV/XLSX import card (entry/import-form.ts).
 */
import { keyLabel, PERIODS, periodLabel } from '@grdp/engine';
import { loadScenarioData } from '../api.ts';
import { h, mount } from '../dom.ts';
import { getLang, t } from '../i18n/index.ts';
import { keysOf, namesOf } from '../model.ts';
import { tokenField } from '../token-field.ts';
import type { ViewContext } from '../view-context.ts';
import { toggleHistory } from './entry/history.ts';
import { importForm } from './entry/import-form.ts';
import { deriveInto, makeRow, validate } from './entry/row.ts';
import { save } from './entry/save.ts';

export async function renderEntry(ctx: ViewContext): Promise<void> {
  if (ctx.route.name !== 'entry') return;
  const id = ctx.route.id;
  const data = await loadScenarioData(id);
  const lang = getLang();
  const keys = keysOf(data.scenario);
  const names = namesOf(data.scenario);
  const editor = tokenField('editor');
  const rows = PERIODS.map((period) => makeRow(data, period, keys, lang));

  const recompute = () => deriveInto(data, rows, keys, lang);
  for (const row of rows)
    for (const key of keys)
      row.inputs[key]!.addEventListener('input', () => {
        validate(row, key, lang);
        recompute();
      });
  recompute();

  const grid = h(
    'table',
    { class: 'data entry-grid stack', id: 'entry-grid' },
    h('caption', null, t('entryTitle')),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('period')),
        keys.map((k) => h('th', { scope: 'col' }, keyLabel(k, lang, names))),
        h('th', { scope: 'col' }, t('vintage')),
        h('th', { scope: 'col' }, t('note')),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('save'))),
      ),
    ),
    rows.map((row) =>
      h(
        'tbody',
        { dataset: { period: row.period } },
        h(
          'tr',
          null,
          h(
            'th',
            { scope: 'row' },
            periodLabel(row.period, lang),
            row.fromFile && h('span', { class: 'badge' }, t('fromFile')),
          ),
          keys.map((k) =>
            h(
              'td',
              { class: 'cell', dataset: { label: keyLabel(k, lang, names) } },
              row.inputs[k],
              row.derived[k],
              row.errors[k],
            ),
          ),
          h('td', { dataset: { label: t('vintage') } }, row.vintage),
          h('td', { dataset: { label: t('note') } }, row.note),
          h(
            'td',
            { class: 'actions' },
            h(
              'button',
              { type: 'button', class: 'save', onclick: () => void save(() => editor.value(), data, row, keys, lang) },
              t('save'),
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'history',
                'aria-expanded': 'false',
                onclick: (e: Event) => void toggleHistory(e, id, row, keys, lang, names),
              },
              t('history'),
            ),
            row.status,
          ),
        ),
        h('tr', { class: 'panel-row' }, h('td', { colspan: String(keys.length + 4) }, row.panel)),
      ),
    ),
  );

  mount(
    ctx.main,
    h('h1', null, `${t('entryTitle')} — ${data.scenario.title[lang]}`),
    editor.element,
    h('p', { class: 'help', id: 'entry-help' }, t('entryHelp')),
    h('div', { class: 'table-wrap' }, grid),
    importForm(id, lang, names, () => editor.value(), ctx.refresh, data.stored.scenario),
  );
}
