/**
 * The import card: choose a CSV or XLSX file (the template is linked), see the preview (POST …/import?dryRun=1:
 * every cell the file changes with its old and new value, cells outside their band, totals that do not match
 * their sectors), then confirm. Problems in the file are listed by row, column and reason. After a confirmed
 * import the page reloads its figures and shows what was written.
 */
import {
  formatNumber,
  historyNumber,
  keyLabel,
  type Lang,
  type Period,
  periodLabel,
  type Scenario,
  type Vintage,
} from '@grdp/engine';
import { api, type ImportAnswer } from '../../api.ts';
import { h, mount } from '../../dom.ts';
import { t } from '../../i18n/index.ts';
import { importProblemsView } from '../../import-problems.ts';

/** What the last confirmed import wrote: shown once, after the page has reloaded its figures. */
let lastImport: ImportAnswer | null = null;

export function importForm(
  id: string,
  lang: Lang,
  names: Record<string, { vi: string; en: string }>,
  token: () => string | null,
  reload: () => void,
  /** The stored scenario file: its figures are the first lines of each period's history. */
  stored: Pick<Scenario, 'actuals'>,
): HTMLElement {
  const file = h('input', { type: 'file', id: 'import-file', accept: '.csv,.xlsx,text/csv' });
  const answer = h('div', { id: 'import-answer', role: 'status', 'aria-live': 'polite' });
  if (lastImport) {
    mount(answer, resultView(lastImport, lang, names, stored));
    lastImport = null;
  }
  const send = async (dryRun: boolean) => {
    const f = file.files?.[0];
    if (!f) {
      mount(answer, h('p', { class: 'error' }, t('chooseFile', lang)));
      return;
    }
    const editorToken = token();
    if (!editorToken) {
      mount(answer, h('p', { class: 'error' }, t('needToken', lang)));
      return;
    }
    mount(answer, h('p', null, t('loading', lang)));
    try {
      const res = await api.importActuals(id, f, editorToken, dryRun);
      if (dryRun) {
        mount(
          answer,
          previewView(res, lang, names),
          !res.unchanged &&
            h(
              'button',
              { type: 'button', id: 'import-confirm', onclick: () => void send(false) },
              t('importConfirm', lang),
            ),
        );
      } else {
        lastImport = res;
        reload();
      }
    } catch (err) {
      mount(answer, importProblemsView(err, lang, 'import-problems'));
    }
  };
  return h(
    'form',
    {
      class: 'card import no-print',
      id: 'import-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void send(true);
      },
    },
    h('h2', null, t('importTitle', lang)),
    h(
      'p',
      { class: 'help' },
      `${t('importHelp', lang)} `,
      h(
        'a',
        { href: `/api/templates/actuals.xlsx?lang=${lang}`, id: 'template-xlsx', download: '' },
        t('templateXlsx', lang),
      ),
      ' · ',
      h(
        'a',
        { href: `/api/templates/actuals.csv?lang=${lang}`, id: 'template-csv', download: '' },
        t('templateCsv', lang),
      ),
    ),
    h('label', null, t('file', lang), file),
    h('button', { type: 'submit', id: 'import-preview' }, t('importPreview', lang)),
    answer,
  );
}

const num = (v: number | null, lang: Lang) => (v === null ? '–' : formatNumber(v, lang, 2));

function previewView(res: ImportAnswer, lang: Lang, names: Record<string, { vi: string; en: string }>): HTMLElement {
  if (res.unchanged) return h('p', { class: 'ok', id: 'import-unchanged' }, t('importUnchanged', lang));
  return h(
    'div',
    { class: 'import-preview' },
    h('h3', null, t('importPreviewTitle', lang)),
    h('p', { class: 'help' }, t('importNothingYet', lang)),
    changesTable(res, lang, names, 'import-preview-table'),
  );
}

function resultView(
  res: ImportAnswer,
  lang: Lang,
  names: Record<string, { vi: string; en: string }>,
  file: Pick<Scenario, 'actuals'>,
): HTMLElement {
  if (res.unchanged) return h('p', { class: 'ok', id: 'import-unchanged' }, t('importUnchanged', lang));
  const written = res.revisions.map(
    (r) =>
      `${periodLabel(r.period as Period, lang)} (${t('revision', lang)} ${historyNumber(file, r.period as Period, r.revision)})`,
  );
  return h(
    'div',
    { class: 'import-result' },
    h('p', { class: 'ok', id: 'import-done' }, `${t('importDone', lang)}: ${written.join(', ')}`),
    changesTable(res, lang, names, 'import-result-table'),
  );
}

function changesTable(
  res: ImportAnswer,
  lang: Lang,
  names: Record<string, { vi: string; en: string }>,
  id: string,
): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data', id },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [
            t('period', lang),
            t('importCell', lang),
            t('importBefore', lang),
            t('importAfter', lang),
            t('importCheck', lang),
          ].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        null,
        res.periods.flatMap((p) => {
          const period = periodLabel(p.period as Period, lang);
          if (p.unchanged)
            return [
              h(
                'tr',
                { dataset: { period: p.period } },
                h('th', { scope: 'row' }, period),
                h('td', { colspan: '4' }, t('importPeriodUnchanged', lang)),
              ),
            ];
          const rows = p.changes.map((c) => {
            const band = p.outOfBand.find((o) => o.key === c.key);
            return h(
              'tr',
              { dataset: { period: p.period, key: c.key } },
              h('th', { scope: 'row' }, period),
              h('td', null, keyLabel(c.key, lang, names)),
              h('td', null, num(c.before, lang)),
              h('td', null, num(c.after, lang)),
              h(
                'td',
                { class: band ? 'warn' : '' },
                band
                  ? `${t('outsideBand', lang)} ${formatNumber(band.low, lang)}–${formatNumber(band.high, lang)}%`
                  : '',
              ),
            );
          });
          if (p.previousVintage !== p.vintage)
            rows.push(
              h(
                'tr',
                { dataset: { period: p.period, key: 'vintage' } },
                h('th', { scope: 'row' }, period),
                h('td', null, t('vintage', lang)),
                h('td', null, p.previousVintage ? t(p.previousVintage as Vintage, lang) : '–'),
                h('td', null, t(p.vintage as Vintage, lang)),
                h('td', null, ''),
              ),
            );
          if (p.totalMismatch)
            rows.push(
              h(
                'tr',
                { class: 'warn', dataset: { period: p.period, key: 'sum' } },
                h('th', { scope: 'row' }, period),
                h(
                  'td',
                  { colspan: '4' },
                  `${t('sumMismatch', lang)}: ${formatNumber(p.totalMismatch.published, lang)}% ${t('published', lang)}, ${formatNumber(p.totalMismatch.fromSectors, lang)}% ${t('fromSectors', lang)}`,
                ),
              ),
            );
          return rows;
        }),
      ),
    ),
  );
}
