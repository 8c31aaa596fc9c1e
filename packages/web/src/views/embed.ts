/**
 * `/embed/<scenario>/<chart>?lang=vi|en&view=quarterly|cumulative`: one chart, minimal chrome, for an iframe.
 * `<chart>` is a name of the @grdp/charts catalogue (`total`, a sector id, `contributions`, `fan`; the old image
 * names are aliases), drawn and tabled by the same builder as the dashboard and the API's images. The data table
 * stays in the page for screen readers.
 */
import { parseView, scenarioChart } from '@grdp/charts';
import { loadScenarioData } from '../api.ts';
import { chartBox } from '../chartbox.ts';
import { h, mount } from '../dom.ts';
import { getLang, t } from '../i18n/index.ts';
import type { ViewContext } from '../view-context.ts';

export async function renderEmbed(ctx: ViewContext): Promise<void> {
  if (ctx.route.name !== 'embed') return;
  const { id, chart, query } = ctx.route;
  const lang = getLang();
  try {
    const { scenario, base } = await loadScenarioData(id);
    const built = scenarioChart(scenario, base, chart, {
      lang,
      view: parseView(query.get('view')),
      contributions: query.get('contrib') === 'mid' ? 'mid' : 'actual',
    });
    if (!built) throw new Error(`${t('notFound', lang)}: ${chart}`);
    const box = chartBox({
      id: `embed-${built.entry.name}-${built.view}`,
      title: built.title,
      minimal: true,
      config: built.config as never,
      table: built.table,
    }).element;
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
  postSize();
}

let observer: ResizeObserver | undefined;

/**
 * Tells the page around the iframe how tall the embed is: `{type: 'grdp-embed-size', height, src}` by
 * postMessage, now and whenever it changes, so a host can set the iframe's height (README: Embeds).
 */
function postSize(): void {
  if (window.parent === window) return;
  const send = () =>
    window.parent.postMessage(
      { type: 'grdp-embed-size', height: Math.ceil(document.documentElement.scrollHeight), src: location.href },
      '*',
    );
  observer?.disconnect();
  observer = new ResizeObserver(send);
  observer.observe(document.body);
  send();
}
