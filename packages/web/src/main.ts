/**
 * The app shell: header (navigation, language switch), the current view under <main>, re-rendered on route or
 * language change. Views are loaded on demand so the dashboard does not carry the entry and what-if code.
 */
import './styles.css';
import { destroyCharts } from './chartbox.ts';
import { h, mount } from './dom.ts';
import { errorText } from './error-text.ts';
import { getLang, setLang, t } from './i18n/index.ts';
import { parseRoute, type Route } from './router.ts';
import type { ViewContext } from './view-context.ts';

const app = document.getElementById('app')!;
let renderId = 0;

async function render(): Promise<void> {
  const id = ++renderId;
  const route = parseRoute(location);
  destroyCharts();
  if (route.name === 'embed') {
    const lang = route.query.get('lang');
    setLang(lang === 'en' ? 'en' : lang === 'vi' ? 'vi' : getLang(), false);
    document.body.classList.add('embed');
    const main = h('main', { id: 'main', class: 'embed-main' });
    mount(app, main);
    const { renderEmbed } = await import('./views/embed.ts');
    if (id === renderId) await renderEmbed({ route, main, refresh: () => void render() });
    return;
  }
  document.documentElement.lang = getLang();
  const main = h('main', { id: 'main', tabindex: '-1' }, h('p', { class: 'loading' }, t('loading')));
  mount(app, header(route), main);
  const ctx: ViewContext = { route, main, refresh: () => void render() };
  try {
    switch (route.name) {
      case 'scenarios':
        await (await import('./views/scenarios.ts')).renderScenarios(ctx);
        break;
      case 'dashboard':
        await (await import('./views/dashboard.ts')).renderDashboard(ctx);
        break;
      case 'entry':
        await (await import('./views/entry.ts')).renderEntry(ctx);
        break;
      case 'whatif':
        await (await import('./views/whatif.ts')).renderWhatif(ctx);
        break;
      case 'draft':
        await (await import('./views/draft.ts')).renderDraft(ctx);
        break;
      case 'appendix':
        await (await import('./views/appendix.ts')).renderAppendix(ctx);
        break;
      case 'tokens':
        await (await import('./views/tokens.ts')).renderTokens(ctx);
        break;
      case 'department':
        await (await import('./views/indicators.ts')).renderDepartmentReport(ctx);
        break;
      default:
        mount(main, h('h1', null, t('notFound')), h('p', null, h('a', { href: '#/' }, t('navScenarios'))));
    }
  } catch (e) {
    if (id !== renderId) return;
    mount(main, h('div', { class: 'error', role: 'alert' }, h('h1', null, t('error')), h('p', null, errorText(e))));
  }
  document.title = `${main.querySelector('h1')?.textContent ?? ''} — ${t('appTitle')}`;
}

function header(route: Route): HTMLElement {
  const scenarioId = 'id' in route ? route.id : null;
  const link = (href: string, label: string, current: boolean) =>
    h('a', { href, ...(current && { 'aria-current': 'page' }) }, label);
  return h(
    'header',
    { class: 'top no-print' },
    h('a', { class: 'brand', href: '#/' }, t('appTitle')),
    h(
      'nav',
      { 'aria-label': t('appTitle') },
      link('#/', t('navScenarios'), route.name === 'scenarios'),
      scenarioId && [
        link(`#/s/${encodeURIComponent(scenarioId)}`, t('navDashboard'), route.name === 'dashboard'),
        link(`#/s/${encodeURIComponent(scenarioId)}/entry`, t('navEntry'), route.name === 'entry'),
        link(`#/s/${encodeURIComponent(scenarioId)}/whatif`, t('navWhatif'), route.name === 'whatif'),
        link(`#/s/${encodeURIComponent(scenarioId)}/draft`, t('navDraft'), route.name === 'draft'),
      ],
      link('#/tokens', t('navTokens'), route.name === 'tokens'),
      h('a', { href: `/guide.md`, target: '_blank', rel: 'noopener' }, t('navGuide')),
      h('a', { href: '/docs', target: '_blank', rel: 'noopener' }, t('navApiDocs')),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'lang',
        id: 'lang-switch',
        lang: getLang() === 'vi' ? 'en' : 'vi',
        'aria-label': `${t('language')}: ${t('switchTo')}`,
        onclick: () => {
          setLang(getLang() === 'vi' ? 'en' : 'vi');
          void render();
        },
      },
      t('switchTo'),
    ),
  );
}

document.querySelector('.skip')?.addEventListener('click', (e) => {
  e.preventDefault();
  document.getElementById('main')?.focus();
});
window.addEventListener('hashchange', () => {
  if (location.hash === '' || location.hash.startsWith('#/')) void render();
});
void render();
