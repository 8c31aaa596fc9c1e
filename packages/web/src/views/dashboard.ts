/**
 * Scenario dashboard: tiles (latest actual against its band, growth the rest of the year needs), a band chart per
 * key (total and sectors) in the quarterly or cumulative view, contributions by sector, each chart with its data
 * table. Every figure comes from the engine (`actualTable`, `track`, `evaluate`). With `?compare=N`, version N's
 * band is drawn faintly behind each band chart and the versions card sets both side by side.
 */

import { bandOrContributionsChart, type ChartView, type ContributionSource, parseView } from '@grdp/charts';
import {
  CUMULATIVE_ENDING,
  formatBand,
  formatNumber,
  formatPercent,
  keyLabel,
  type Lang,
  periodLabel,
  QUARTERS,
  type TrackResult,
  track,
} from '@grdp/engine';
import { loadScenarioData, type ScenarioData } from '../api.ts';
import { chartBox } from '../chartbox.ts';
import { h, mount } from '../dom.ts';
import { getLang, t } from '../i18n/index.ts';
import { keysOf, namesOf } from '../model.ts';
import { replaceQuery } from '../router.ts';
import type { ViewContext } from '../view-context.ts';
import { explanations } from './dashboard/explanations.ts';
import { loadEarlier, loadVersions, versionSelector, versionsSection } from './dashboard/versions.ts';
import { indicatorsSection } from './indicators.ts';

export async function renderDashboard(ctx: ViewContext): Promise<void> {
  if (ctx.route.name !== 'dashboard') return;
  const { id, query } = ctx.route;
  const lang = getLang();
  const [data, versions] = await Promise.all([loadScenarioData(id), loadVersions(id)]);
  const earlier = await loadEarlier(id, versions, query.get('compare'), lang);
  const view = parseView(query.get('view'));
  const source: ContributionSource = query.get('contrib') === 'mid' ? 'mid' : 'actual';
  const { scenario, base } = data;
  const tracked = track(scenario, base);

  const setQuery = (key: string, value: string) => {
    if (value === '') query.delete(key);
    else query.set(key, value);
    replaceQuery(query);
    void renderDashboard(ctx);
  };

  const viewToggle = h(
    'fieldset',
    { class: 'segmented' },
    h('legend', null, t('view')),
    (['quarterly', 'cumulative'] as const).map((v) =>
      h(
        'label',
        null,
        h('input', {
          type: 'radio',
          name: 'view',
          value: v,
          checked: v === view,
          onchange: () => setQuery('view', v),
        }),
        t(v),
      ),
    ),
  );

  const charts = keysOf(scenario).map((key) => {
    const chart = bandOrContributionsChart(scenario, base, key, {
      lang,
      view,
      ...(earlier ? { earlier: { label: earlier.label, scenario: earlier.scenario } } : {}),
    })!;
    return h(
      'section',
      { class: 'card', 'aria-label': chart.title },
      chartBox({
        id: `band-${key}-${view}${earlier ? `-v${earlier.info.number}` : ''}`,
        title: chart.title,
        config: chart.config as never,
        table: chart.table,
        embed: { scenario: id, chart: key, view },
        svg: svgUrl(id, key, { lang, view }),
      }).element,
    );
  });

  const contrib = bandOrContributionsChart(scenario, base, 'contributions', { lang, view, contributions: source })!;
  const contributions = h(
    'section',
    { class: 'card wide', 'aria-label': contrib.title },
    h(
      'label',
      { class: 'inline no-print' },
      `${t('contributionsOf')} `,
      h(
        'select',
        { id: 'contrib-source', onchange: (e: Event) => setQuery('contrib', (e.target as HTMLSelectElement).value) },
        h('option', { value: 'actual', selected: source === 'actual' }, t('fromActuals')),
        h('option', { value: 'mid', selected: source === 'mid' }, t('fromMid')),
      ),
    ),
    chartBox({
      id: `contributions-${view}`,
      title: contrib.title,
      config: contrib.config as never,
      table: contrib.table,
      embed: { scenario: id, chart: 'contributions', view },
      svg: svgUrl(id, 'contributions', { lang, view, contrib: source }),
    }).element,
  );

  const indicatorsSlot = h('div', { class: 'indicators-slot' });
  const versionsCard = await versionsSection(id, scenario, versions, earlier?.info, lang);
  mount(
    ctx.main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, scenario.title[lang]),
      h('p', { class: 'meta' }, `${scenario.region} · ${scenario.year} · ${baseLine(data, lang)}`),
      h(
        'div',
        { class: 'controls no-print' },
        viewToggle,
        versionSelector(versions, earlier?.info.number, (v) => setQuery('compare', v), lang),
        h('button', { type: 'button', id: 'print', onclick: () => window.print() }, t('print')),
        h(
          'nav',
          { class: 'exports', id: 'exports', 'aria-label': t('exports') },
          `${t('exports')}: `,
          (['csv', 'xlsx', 'yaml'] as const).map((f) =>
            h(
              'a',
              {
                class: 'tool',
                href: `/api/scenarios/${encodeURIComponent(id)}/export.${f}?lang=${lang}`,
                download: '',
              },
              t(f === 'csv' ? 'exportCsv' : f === 'xlsx' ? 'exportXlsx' : 'exportYaml'),
            ),
          ),
          h(
            'a',
            { class: 'tool', id: 'appendix-link', href: `#/s/${encodeURIComponent(id)}/appendix` },
            t('appendixOpen', lang),
          ),
        ),
      ),
    ),
    tiles(data, tracked, lang),
    explanations(data, tracked.findings, lang),
    h('div', { class: 'grid' }, charts, contributions),
    versionsCard,
    indicatorsSlot,
    // The file's own words (its publisher's citation), in whatever language the file has them.
    h('p', { class: 'source', dataset: { fileText: '' } }, scenario.source),
  );
  // The main indicators load after the charts; the slot stays empty when the scenario lists none.
  const section = await indicatorsSection(id, query).catch(() => null);
  if (section) indicatorsSlot.replaceWith(section);
}

/** The API's chart image route (packages/api/src/routes/charts.ts), same catalogue name as the chart box. */
function svgUrl(id: string, name: string, query: { lang: Lang; view: ChartView; contrib?: string }): string {
  return `/api/scenarios/${encodeURIComponent(id)}/charts/${encodeURIComponent(name)}.svg?${new URLSearchParams(query)}`;
}

function baseLine(data: ScenarioData, lang: Lang): string {
  const unit = data.scenario.base?.unit ?? '';
  const origin = data.baseOrigin;
  const word = t(
    origin === 'calibrated' ? 'originCalibrated' : origin === 'implied' ? 'originImplied' : 'originOfficial',
    lang,
  );
  // The unit is the file's own free text (English in the repository's files): shown in English only.
  return `${t('baseNote', lang)}: ${word}${unit && lang === 'en' ? ` (${unit})` : ''}`;
}

const SYMBOL = { below: '▼', within: '●', above: '▲' } as const;

function tiles(data: ScenarioData, tracked: TrackResult, lang: Lang): HTMLElement {
  const { scenario } = data;
  const names = namesOf(scenario);
  const asOf = tracked.asOf;
  const period = asOf === null ? null : CUMULATIVE_ENDING[QUARTERS.indexOf(asOf)]!;
  const required = (v: number | null | undefined) => (v === null || v === undefined ? '–' : formatPercent(v, lang));
  return h(
    'section',
    { class: 'tiles', 'aria-label': t('latest', lang) },
    keysOf(scenario).map((key) => {
      const status = period ? tracked.status.find((s) => s.period === period && s.key === key) : undefined;
      const band = period ? scenario.targets[period]?.[key] : undefined;
      return h(
        'article',
        { class: `tile ${status?.status ?? 'none'}`, dataset: { key } },
        h('h2', null, keyLabel(key, lang, names)),
        h('p', { class: 'tile-period' }, period ? periodLabel(period, lang) : t('noActuals', lang)),
        h(
          'p',
          { class: 'tile-value' },
          status ? formatPercent(status.actual, lang) : '–',
          band && h('span', { class: 'tile-band' }, ` / ${t('band', lang)} ${formatBand(band.low, band.high, lang)}`),
        ),
        status &&
          h(
            'p',
            { class: 'tile-status' },
            h('span', { 'aria-hidden': 'true' }, `${SYMBOL[status.status]} `),
            t(status.status, lang),
            status.status !== 'within' ? ` (${formatNumber(status.gapPp, lang)} ${t('pp', lang)})` : '',
          ),
        asOf === 'Q4'
          ? h('p', { class: 'tile-required' }, `${t('required', lang)}: ${t('noQuarterLeft', lang)}`)
          : h(
              'p',
              { class: 'tile-required' },
              `${t('required', lang)}: `,
              h('span', { class: 'req-low' }, `${required(tracked.required.low[key])} ${t('requiredLow', lang)}`),
              '; ',
              h('span', { class: 'req-high' }, `${required(tracked.required.high[key])} ${t('requiredHigh', lang)}`),
            ),
      );
    }),
  );
}
