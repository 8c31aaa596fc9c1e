/**
 * `/embed/<scenario>/<chart>?lang=vi|en&view=quarterly|cumulative`: one chart, minimal chrome, for an iframe.
 * `<chart>` is `total`, a sector id, or `contributions`. The data table stays in the page for screen readers.
 */
import { keyLabel } from '@grdp/engine';
import { loadScenarioData } from '../api.ts';
import { chartBox } from '../chartbox.ts';
import { bandChart, type ChartView, contributionsChart } from '../charts/index.ts';
import { h, mount } from '../dom.ts';
import { getLang, t } from '../i18n/index.ts';
import type { ViewContext } from '../main.ts';
import {
  actualTable,
  bandInput,
  bandTable,
  contributionsInput,
  contributionsTable,
  keysOf,
  namesOf,
} from '../model.ts';

export async function renderEmbed(ctx: ViewContext): Promise<void> {
  if (ctx.route.name !== 'embed') return;
  const { id, chart, query } = ctx.route;
  const lang = getLang();
  const view: ChartView = query.get('view') === 'cumulative' ? 'cumulative' : 'quarterly';
  try {
    const data = await loadScenarioData(id);
    const { scenario, base } = data;
    const names = namesOf(scenario);
    const table = actualTable(scenario, base);
    let box: HTMLElement;
    if (chart === 'contributions') {
      const input = contributionsInput(scenario, base, table, query.get('contrib') === 'mid' ? 'mid' : 'actual');
      const title = t('contributions', lang);
      box = chartBox({
        id: `embed-contributions-${view}`,
        title,
        minimal: true,
        config: contributionsChart(input, { lang, view, names }) as never,
        table: contributionsTable(input, view, lang, names),
      }).element;
    } else if (keysOf(scenario).includes(chart)) {
      const input = bandInput(scenario, table, chart);
      const title = `${keyLabel(chart, lang, names)} — ${t(view, lang).toLowerCase()}`;
      box = chartBox({
        id: `embed-${chart}-${view}`,
        title,
        minimal: true,
        config: bandChart({ ...input, title }, { lang, view, names }) as never,
        table: bandTable(input, view, lang),
      }).element;
    } else {
      throw new Error(`${t('notFound', lang)}: ${chart}`);
    }
    const home = `/#/s/${encodeURIComponent(id)}`;
    mount(
      ctx.main,
      h('h1', { class: 'visually-hidden' }, scenario.title[lang]),
      box,
      h(
        'p',
        { class: 'embed-source' },
        h(
          'a',
          { href: home, target: '_blank', rel: 'noopener' },
          `${scenario.title[lang]} (${scenario.region} ${scenario.year})`,
        ),
      ),
    );
  } catch (e) {
    mount(ctx.main, h('p', { class: 'error', role: 'alert' }, `${t('error', lang)}: ${(e as Error).message}`));
  }
}
