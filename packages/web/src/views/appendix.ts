/**
 * The plan's appendix as a printable page: `#/s/<id>/appendix` prints the stored scenario's table,
 * `#/s/<id>/draft/appendix?…` the table the draft studio's state (draft/state.ts) drafts. The table is the engine's
 * `appendixTable` (the XLSX and `grdp appendix` print the same strings): periods as columns, the total and the
 * sectors as rows. On paper, A4 landscape without the app's navigation; on a phone each row stacks its periods,
 * so nothing scrolls sideways.
 */
import { appendixTable, componentIds } from '@grdp/engine';
import { api, loadScenarioData } from '../api.ts';
import { download, h, mount } from '../dom.ts';
import { errorText } from '../error-text.ts';
import { getLang, t } from '../i18n/index.ts';
import { href } from '../router.ts';
import type { ViewContext } from '../view-context.ts';
import { draftOf, draftRequest, previousPattern } from './draft/compute.ts';
import { defaultDraftState, draftStateFromQuery } from './draft/state.ts';

export async function renderAppendix(ctx: ViewContext): Promise<void> {
  if (ctx.route.name !== 'appendix') return;
  const { id, draft, query } = ctx.route;
  const lang = getLang();
  const data = await loadScenarioData(id);
  let scenario = data.scenario;
  let xlsxOfDraft: (() => Promise<Blob>) | undefined;
  if (draft) {
    const pattern = await previousPattern(scenario);
    const state = draftStateFromQuery(query, defaultDraftState(scenario), componentIds(scenario));
    const body = draftRequest(scenario, data.base, state, pattern);
    xlsxOfDraft = () => api.draftAppendix(body, lang);
    scenario = draftOf(scenario, data.base, state, pattern).scenario;
  }
  const table = appendixTable(scenario, lang);
  const status = h('span', { class: 'status', role: 'alert' });
  const back = draft
    ? href({ name: 'draft', id, query })
    : href({ name: 'dashboard', id, query: new URLSearchParams() });
  mount(
    ctx.main,
    h(
      'nav',
      { class: 'toolbar no-print', 'aria-label': t('appendixOpen', lang) },
      h('a', { class: 'tool', href: back }, t(draft ? 'appendixBackDraft' : 'appendixBack', lang)),
      h('button', { type: 'button', id: 'appendix-print', onclick: () => window.print() }, t('appendixPrint', lang)),
      !draft &&
        h(
          'a',
          {
            class: 'tool',
            id: 'appendix-xlsx',
            href: `/api/scenarios/${encodeURIComponent(id)}/appendix.xlsx?lang=${lang}`,
            download: '',
          },
          t('appendixXlsx', lang),
        ),
      xlsxOfDraft &&
        h(
          'button',
          {
            type: 'button',
            id: 'appendix-xlsx',
            onclick: async () => {
              status.textContent = '';
              try {
                download(`${scenario.id}-appendix-${lang}.xlsx`, await xlsxOfDraft());
              } catch (e) {
                status.textContent = errorText(e);
              }
            },
          },
          t('appendixXlsx', lang),
        ),
      draft && h('span', { class: 'status' }, t('appendixDraftNote', lang)),
      status,
    ),
    h(
      'article',
      { class: 'appendix', id: 'appendix' },
      h('h1', null, table.title),
      h('p', { class: 'appendix-subtitle' }, table.subtitle),
      h('p', { class: 'appendix-unit' }, table.unit),
      h(
        'table',
        { class: 'appendix-table', id: 'appendix-table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, table.corner),
            table.columns.map((c) => h('th', { scope: 'col' }, c.label)),
          ),
        ),
        h(
          'tbody',
          null,
          table.rows.map((row) =>
            h(
              'tr',
              { dataset: { key: row.key, level: String(row.level) } },
              h('th', { scope: 'row' }, row.label),
              row.cells.map((cell, i) =>
                h('td', { dataset: { period: table.columns[i]!.period, label: table.columns[i]!.label } }, cell),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
