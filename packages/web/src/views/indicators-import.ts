/**
 * The indicators import card, like the GRDP import card: the scenario's template (XLSX, CSV) is linked; a chosen
 * file is previewed (POST …/indicators/import?dryRun=1: each figure's old and new value, and the indicator's
 * status after the import, in words), then confirmed. Problems in the file are listed by row, column and reason,
 * in the user's language. After a confirmed import the section reloads its table and says what was written.
 */
import type { IndicatorImportAnswer, IndicatorsAnswer } from '@grdp/api/types';
import { formatIndicatorValue, indicatorStatusText, type Lang, periodLabel, type Vintage } from '@grdp/engine';
import { api } from '../api.ts';
import { h, mount } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { importProblemsView } from '../import-problems.ts';
import { tokenField } from '../token-field.ts';

const templateHref = (id: string, format: 'csv' | 'xlsx', lang: Lang) =>
  `/api/scenarios/${encodeURIComponent(id)}/indicators/template.${format}?lang=${lang}`;

export function indicatorsImportForm(
  id: string,
  lang: Lang,
  answer: () => IndicatorsAnswer,
  reload: () => Promise<void>,
): HTMLElement {
  const editor = tokenField('editor');
  const file = h('input', { type: 'file', id: 'ind-import-file', accept: '.csv,.xlsx,text/csv' });
  const out = h('div', { id: 'ind-import-answer', role: 'status', 'aria-live': 'polite' });
  const send = async (dryRun: boolean) => {
    const f = file.files?.[0];
    if (!f) return mount(out, h('p', { class: 'error' }, t('chooseFile', lang)));
    const token = editor.value();
    if (!token) return mount(out, h('p', { class: 'error' }, t('needToken', lang)));
    mount(out, h('p', null, t('loading', lang)));
    try {
      const res = await api.importIndicators(id, f, token, dryRun, lang);
      if (dryRun) {
        mount(
          out,
          res.unchanged
            ? h('p', { class: 'ok', id: 'ind-import-unchanged' }, t('importUnchanged', lang))
            : h(
                'div',
                { class: 'import-preview' },
                h('h3', null, t('importPreviewTitle', lang)),
                h('p', { class: 'help' }, t('importNothingYet', lang)),
                changesTable(res, answer(), lang, 'ind-import-preview'),
              ),
          !res.unchanged &&
            h(
              'button',
              { type: 'button', id: 'ind-import-confirm', onclick: () => void send(false) },
              t('importConfirm', lang),
            ),
        );
      } else {
        await reload();
        const written = res.revisions.map(
          (r) =>
            `${r.indicatorId} ${r.period === 'FY' ? '' : `${periodLabel(r.period, lang)} `}${r.year} (${t('revision', lang)} ${r.revision})`,
        );
        mount(
          out,
          res.unchanged
            ? h('p', { class: 'ok', id: 'ind-import-unchanged' }, t('importUnchanged', lang))
            : h('p', { class: 'ok', id: 'ind-import-done' }, `${t('importDone', lang)}: ${written.join(', ')}`),
        );
      }
    } catch (err) {
      mount(out, importProblemsView(err, lang, 'ind-import-problems'));
    }
  };
  return h(
    'form',
    {
      class: 'import no-print',
      id: 'ind-import-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void send(true);
      },
    },
    h('h3', null, t('indImportTitle', lang)),
    h(
      'p',
      { class: 'help' },
      `${t('indImportHelp', lang)} `,
      h('a', { href: templateHref(id, 'xlsx', lang), id: 'ind-template-xlsx', download: '' }, t('templateXlsx', lang)),
      ' · ',
      h('a', { href: templateHref(id, 'csv', lang), id: 'ind-template-csv', download: '' }, t('templateCsv', lang)),
    ),
    editor.element,
    h('label', null, t('file', lang), file),
    h('button', { type: 'submit', id: 'ind-import-preview-button' }, t('importPreview', lang)),
    out,
  );
}

const num = (v: number | null, lang: Lang) => (v === null ? '–' : formatIndicatorValue(v, lang));

function changesTable(res: IndicatorImportAnswer, answer: IndicatorsAnswer, lang: Lang, id: string): HTMLElement {
  const names = new Map(answer.indicators.map((i) => [i.id, i.name[lang]]));
  const after = new Map(res.indicators.map((i) => [i.id, i.after]));
  const cell = (label: string, ...content: (Node | string)[]) => h('td', { 'data-label': label }, ...content);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data stack', id },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [
            t('indicatorName', lang),
            t('indImportYear', lang),
            t('importBefore', lang),
            t('importAfter', lang),
            t('indImportStatusAfter', lang),
          ].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        null,
        res.changes.map((c) => {
          const status = after.get(c.indicatorId);
          const vintage =
            c.previousVintage !== c.vintage ? ` · ${t('vintage', lang)}: ${t(c.vintage as Vintage, lang)}` : '';
          return h(
            'tr',
            { dataset: { id: c.indicatorId, year: String(c.year) } },
            h(
              'th',
              { scope: 'row', 'data-label': t('indicatorName', lang) },
              names.get(c.indicatorId) ?? c.indicatorId,
            ),
            cell(
              t('indImportYear', lang),
              c.period === 'FY' ? String(c.year) : `${periodLabel(c.period, lang)} ${c.year}`,
            ),
            cell(t('importBefore', lang), num(c.before, lang)),
            cell(
              t('importAfter', lang),
              c.unchanged
                ? `${num(c.after, lang)} (${t('importPeriodUnchanged', lang)})`
                : `${num(c.after, lang)}${vintage}`,
            ),
            cell(
              t('indImportStatusAfter', lang),
              status ? h('span', { class: `ind-status ${status.status}` }, indicatorStatusText(status, lang)) : '',
            ),
          );
        }),
      ),
    ),
    res.skipped > 0 && h('p', { class: 'meta' }, `${res.skipped} ${t('indImportSkipped', lang)}`),
  );
}
