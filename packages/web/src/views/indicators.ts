/**
 * The main indicators (chỉ tiêu chủ yếu) on the dashboard: a table filterable by department and category, each
 * status told in words beside its colour; and the printable per-department report (`#/s/<id>/department/<dept>`).
 * Rows, statuses and texts come from the API's answer and the engine's indicator texts.
 */
import type { IndicatorsAnswer } from '@grdp/api/types';
import {
  formatIndicatorValue,
  INDICATOR_CATEGORIES,
  INDICATOR_CATEGORY_TEXT,
  type IndicatorCategory,
  indicatorNeededText,
  indicatorNumberText,
  indicatorPeriodText,
  indicatorStatusText,
  indicatorTargetText,
  type Lang,
  periodLabel,
} from '@grdp/engine';
import { api } from '../api.ts';
import { h, mount } from '../dom.ts';
import { getLang, t } from '../i18n/index.ts';
import { replaceQuery } from '../router.ts';
import type { ViewContext } from '../view-context.ts';
import { indicatorsImportForm } from './indicators-import.ts';

type Row = IndicatorsAnswer['indicators'][number];
const SYMBOL = { met: '●', exceeded: '▲', 'not-met': '▼', 'no-data': '○' } as const;

function statusCell(row: Row, lang: Lang): HTMLElement {
  const needed = indicatorNeededText(row.status, lang);
  return h(
    'span',
    { class: `ind-status ${row.status.status}` },
    h('span', { 'aria-hidden': 'true' }, `${SYMBOL[row.status.status]} `),
    indicatorStatusText(row.status, lang),
    needed && h('span', { class: 'ind-needed' }, ` · ${needed}`),
  );
}

/** The indicators table (each cell labelled for the stacked phone layout). */
export function indicatorsTable(answer: IndicatorsAnswer, rows: readonly Row[], lang: Lang): HTMLElement {
  const dept = new Map(answer.departments.map((d) => [d.id, d.name[lang]]));
  const cell = (label: string, ...content: (Node | string | null | false | undefined)[]) =>
    h('td', { 'data-label': label }, ...content);
  if (rows.length === 0) return h('p', { class: 'ind-empty' }, t('noIndicators', lang));
  return h(
    'table',
    { class: 'indicators' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        [
          t('indicatorNo', lang),
          t('indicatorName', lang),
          t('indicatorTarget', lang),
          t('indicatorPeriod', lang),
          t('indicatorActual', lang),
          t('indicatorStatus', lang),
          t('indicatorDepartment', lang),
        ].map((x) => h('th', { scope: 'col' }, x)),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((r) => {
        const latest = r.status.latest;
        return h(
          'tr',
          { dataset: { id: r.id, status: r.status.status } },
          cell(t('indicatorNo', lang), indicatorNumberText(r)),
          h('th', { scope: 'row', 'data-label': t('indicatorName', lang) }, r.name[lang]),
          cell(t('indicatorTarget', lang), indicatorTargetText(r, lang)),
          cell(t('indicatorPeriod', lang), indicatorPeriodText(r.period, lang)),
          cell(
            t('indicatorActual', lang),
            latest ? `${formatIndicatorValue(latest.value, lang)} (${latest.year})` : '–',
            periodFigures(r, lang),
          ),
          cell(t('indicatorStatus', lang), statusCell(r, lang)),
          cell(
            t('indicatorDepartment', lang),
            r.department ? (dept.get(r.department) ?? r.department) : t('notAssigned', lang),
          ),
        );
      }),
    ),
  );
}

/**
 * The quarterly and cumulative figures of the latest year that has any, and the "so far" figure (the latest
 * cumulative one of a year without a year figure, from the API: the status does not read it).
 */
function periodFigures(r: Row, lang: Lang): HTMLElement | null {
  if (r.periods.length === 0) return null;
  const year = Math.max(...r.periods.map((p) => p.year));
  const list = r.periods
    .filter((p) => p.year === year)
    .map((p) => `${periodLabel(p.period, lang)} ${formatIndicatorValue(p.value, lang)}`);
  return h(
    'span',
    { class: 'ind-periods' },
    r.soFar &&
      h(
        'span',
        { class: 'ind-so-far' },
        `${t('indSoFar', lang)}: ${formatIndicatorValue(r.soFar.value, lang)} (${periodLabel(r.soFar.period, lang)} ${r.soFar.year})`,
      ),
    h('span', { class: 'ind-period-list' }, `${year}: ${list.join(' · ')}`),
  );
}

const exportHref = (id: string, format: 'csv' | 'xlsx', lang: Lang, department?: string) =>
  `/api/scenarios/${encodeURIComponent(id)}/indicators.${format}?${new URLSearchParams({
    lang,
    ...(department ? { department } : {}),
  })}`;

/** The dashboard's indicators section; null when the scenario lists no indicators. */
export async function indicatorsSection(id: string, query: URLSearchParams): Promise<HTMLElement | null> {
  const lang = getLang();
  let answer = await api.indicators(id);
  if (answer.indicators.length === 0) return null;
  const section = h('section', {
    class: 'card wide indicators-card',
    id: 'indicators',
    'aria-labelledby': 'ind-title',
  });
  const draw = () => {
    const department = query.get('dept') ?? '';
    const categoryParam = query.get('cat') ?? '';
    const category = INDICATOR_CATEGORIES.includes(categoryParam as IndicatorCategory) ? categoryParam : '';
    const rows = answer.indicators.filter(
      (r) =>
        (department === '' ||
          (department === '-'
            ? r.department === undefined
            : r.department === department || r.cooperating.includes(department))) &&
        (category === '' || r.category === category),
    );
    const set = (key: string, value: string) => {
      if (value === '') query.delete(key);
      else query.set(key, value);
      replaceQuery(query);
      draw();
    };
    mount(
      section,
      h('h2', { id: 'ind-title' }, t('indicators', lang)),
      h(
        'div',
        { class: 'controls no-print' },
        h(
          'label',
          { class: 'inline' },
          `${t('indicatorDepartment', lang)} `,
          h(
            'select',
            { id: 'ind-dept', onchange: (e: Event) => set('dept', (e.target as HTMLSelectElement).value) },
            h('option', { value: '', selected: department === '' }, t('allDepartments', lang)),
            answer.departments.map((d) => h('option', { value: d.id, selected: department === d.id }, d.name[lang])),
            h('option', { value: '-', selected: department === '-' }, t('notAssigned', lang)),
          ),
        ),
        h(
          'label',
          { class: 'inline' },
          `${t('indicatorCategory', lang)} `,
          h(
            'select',
            { id: 'ind-cat', onchange: (e: Event) => set('cat', (e.target as HTMLSelectElement).value) },
            h('option', { value: '', selected: category === '' }, t('allCategories', lang)),
            INDICATOR_CATEGORIES.map((c) =>
              h('option', { value: c, selected: category === c }, INDICATOR_CATEGORY_TEXT[c][lang]),
            ),
          ),
        ),
        department !== '' &&
          department !== '-' &&
          h(
            'a',
            { id: 'ind-report', href: `#/s/${encodeURIComponent(id)}/department/${encodeURIComponent(department)}` },
            t('departmentReport', lang),
          ),
        h('a', { href: exportHref(id, 'csv', lang), download: '' }, t('downloadCsv', lang)),
        h('a', { href: exportHref(id, 'xlsx', lang), download: '' }, t('downloadXlsx', lang)),
      ),
      h('p', { class: 'meta', id: 'ind-count' }, `${rows.length} ${t('indicatorsShown', lang)}`),
      indicatorsTable(answer, rows, lang),
      importCard,
    );
  };
  const importCard = indicatorsImportForm(
    id,
    lang,
    () => answer,
    async () => {
      answer = await api.indicators(id);
      draw();
    },
  );
  draw();
  return section;
}

/** The printable report of one department: what it is responsible for, then what it cooperates on. */
export async function renderDepartmentReport(ctx: ViewContext): Promise<void> {
  if (ctx.route.name !== 'department') return;
  const { id, department } = ctx.route;
  const lang = getLang();
  const answer = await api.indicators(id);
  const dept = answer.departments.find((d) => d.id === department);
  if (!dept) {
    mount(ctx.main, h('h1', null, t('notFound', lang)));
    return;
  }
  const own = answer.indicators.filter((r) => r.department === department);
  const cooperating = answer.indicators.filter((r) => r.cooperating.includes(department));
  mount(
    ctx.main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, dept.name[lang]),
      h('p', { class: 'meta' }, `${t('departmentReport', lang)} · ${answer.title[lang]}`),
      h(
        'div',
        { class: 'controls no-print' },
        h('button', { type: 'button', id: 'print', onclick: () => window.print() }, t('print', lang)),
        h('a', { href: exportHref(id, 'xlsx', lang, department), download: '' }, t('downloadXlsx', lang)),
      ),
    ),
    h(
      'section',
      { class: 'card wide', id: 'dept-own' },
      h('h2', null, `${t('responsibleFor', lang)} (${own.length})`),
      indicatorsTable(answer, own, lang),
    ),
    cooperating.length > 0 &&
      h(
        'section',
        { class: 'card wide', id: 'dept-cooperating' },
        h('h2', null, `${t('cooperatingOn', lang)} (${cooperating.length})`),
        indicatorsTable(answer, cooperating, lang),
      ),
  );
}
