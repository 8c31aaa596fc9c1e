/**
 * What-if studio: a shock (pp added to growth) per sector and quarter; every change recomputes in the browser
 * with the engine's `whatIf` (no round trip): growth before and after by period, the difference, the full-year
 * impact, contributions, and the simulator's fan and probability of reaching the FY target (centred on the
 * chosen baseline). The state lives in the URL (`?b=mid&shock=agriculture:Q3:-2pp`), so a link restores it; a
 * what-if can be saved to the API, reopened and deleted. Each part is its own module under `whatif/`.
 */
import { contributionsChart, contributionsFromEvaluation, contributionsTable } from '@grdp/charts';
import {
  actualTable,
  type BaselineName,
  componentIds,
  type Lang,
  latestQuarter,
  periodLabel,
  QUARTERS,
  type Quarter,
  topLevelSectors,
  type WhatIfResult,
  whatIf,
} from '@grdp/engine';
import { api, loadScenarioData, type ScenarioData } from '../api.ts';
import { chartBox } from '../chartbox.ts';
import { copyText, h, mount } from '../dom.ts';
import { errorText } from '../error-text.ts';
import { getLang, t } from '../i18n/index.ts';
import { namesOf } from '../model.ts';
import { replaceQuery } from '../router.ts';
import { tokenField } from '../token-field.ts';
import type { ViewContext } from '../view-context.ts';
import { diffTable } from './whatif/diff-table.ts';
import { savedList } from './whatif/saved-list.ts';
import { shockGrid } from './whatif/shock-grid.ts';
import { bodyOf, shocksOf, stateFromQuery, type WhatifState, writeState } from './whatif/shocks-url.ts';
import { fanConfig, probabilityLine, runSimulation, trackRecordLine } from './whatif/simulation.ts';
import { summaryList } from './whatif/summary.ts';

export { formatShocks, parseShocks } from './whatif/shocks-url.ts';
export { SIM_DRAWS } from './whatif/simulation.ts';

export async function renderWhatif(ctx: ViewContext): Promise<void> {
  if (ctx.route.name !== 'whatif') return;
  const { id, query } = ctx.route;
  const data = await loadScenarioData(id);
  const lang = getLang();
  const { scenario } = data;
  const names = namesOf(scenario);
  const state = stateFromQuery(query);
  const lastActual = latestQuarter(actualTable(scenario, data.base));
  writeState(query, state);
  replaceQuery(query); // an old link's `s=` is now `shock=` (router.ts)

  const grid = shockGrid(componentIds(scenario), names, state.shocks, lang, (key, v) => {
    if (v === 0) delete state.shocks[key];
    else state.shocks[key] = v;
    update();
  });

  const baselineSelect = h(
    'select',
    { id: 'baseline' },
    (
      [
        ['mid', 'baselineMid'],
        ['low', 'baselineLow'],
        ['high', 'baselineHigh'],
        ['actual', 'baselineActual'],
      ] as const
    ).map(([v, k]) => h('option', { value: v, selected: state.baseline === v }, t(k, lang))),
  );
  const actualQuarters = lastActual === null ? [] : QUARTERS.slice(0, QUARTERS.indexOf(lastActual) + 1);
  const asOfSelect = h(
    'select',
    { id: 'as-of' },
    actualQuarters.map((q) =>
      h('option', { value: q, selected: (state.asOf ?? lastActual) === q }, periodLabel(q, lang)),
    ),
  );
  const asOfLabel = h('label', { class: 'inline', hidden: state.baseline !== 'actual' }, `${t('asOf')} `, asOfSelect);
  baselineSelect.addEventListener('change', () => {
    state.baseline = baselineSelect.value as BaselineName;
    asOfLabel.hidden = state.baseline !== 'actual';
    update();
  });
  asOfSelect.addEventListener('change', () => {
    state.asOf = asOfSelect.value as Quarter;
    update();
  });

  const summary = h('div', { class: 'summary', id: 'whatif-summary', 'aria-live': 'polite' });
  const resultTable = h('div', { class: 'table-wrap' });
  const probability = h('div', { class: 'probability', id: 'sim-probability', 'aria-live': 'polite' });

  let result = compute(data, state);
  const contrib = chartBox({
    id: 'whatif-contributions',
    title: t('contributions', lang),
    ...contribConfig(result, data, lang),
  });
  let sim = runSimulation(data, result);
  const fan = chartBox({ id: 'whatif-fan', title: t('simulation', lang), ...fanConfig(sim, data, lang) });

  let timer: ReturnType<typeof setTimeout> | undefined;
  function update() {
    writeState(query, state);
    replaceQuery(query);
    result = compute(data, state);
    paint();
    const c = contribConfig(result, data, lang);
    contrib.update(c.config, c.table);
    clearTimeout(timer);
    probability.setAttribute('aria-busy', 'true');
    timer = setTimeout(() => {
      sim = runSimulation(data, result);
      const f = fanConfig(sim, data, lang);
      fan.update(f.config, f.table);
      mount(probability, probabilityLine(sim, lang), trackRecordLine(sim, lang));
      probability.removeAttribute('aria-busy');
    }, 150);
  }
  function paint() {
    mount(summary, summaryList(result, data, state, lang));
    mount(resultTable, diffTable(result, data, lang));
  }
  paint();
  mount(probability, probabilityLine(sim, lang), trackRecordLine(sim, lang));

  const editor = tokenField('editor');
  const nameInput = h('input', { type: 'text', id: 'whatif-name', maxlength: 200, required: true });
  const saveStatus = h('span', { class: 'status', role: 'status', 'aria-live': 'polite', id: 'whatif-status' });
  const saved = savedList(id, () => editor.value(), saveStatus);
  void saved.refresh();

  mount(
    ctx.main,
    h('h1', null, `${t('whatifTitle')} — ${scenario.title[lang]}`),
    h('p', { class: 'help' }, t('whatifHelp')),
    h(
      'div',
      { class: 'controls no-print' },
      h('label', { class: 'inline' }, `${t('baseline')} `, baselineSelect),
      asOfLabel,
      h(
        'button',
        {
          type: 'button',
          id: 'reset',
          onclick: () => {
            state.shocks = {};
            grid.reset();
            update();
          },
        },
        t('reset'),
      ),
    ),
    h('div', { class: 'table-wrap' }, grid.element),
    summary,
    h(
      'div',
      { class: 'grid' },
      h('section', { class: 'card' }, contrib.element),
      h('section', { class: 'card' }, fan.element, probability),
    ),
    resultTable,
    h(
      'form',
      {
        class: 'card save-whatif no-print',
        onsubmit: async (e: Event) => {
          e.preventDefault();
          const token = editor.value();
          if (!token) {
            saveStatus.textContent = t('needToken');
            editor.input.focus();
            return;
          }
          try {
            const w = await api.saveWhatif(id, nameInput.value.trim(), bodyOf(state), token);
            query.set('w', w.id);
            replaceQuery(query);
            saveStatus.textContent = `${t('saved')}: ${w.name}`;
            await saved.refresh();
          } catch (err) {
            saveStatus.textContent = errorText(err);
          }
        },
      },
      h('h2', null, t('saveWhatif')),
      h('label', null, t('whatifName'), nameInput),
      editor.element,
      h('button', { type: 'submit', id: 'save-whatif' }, t('saveWhatif')),
      h(
        'button',
        {
          type: 'button',
          id: 'share',
          onclick: async () => {
            await copyText(location.href);
            saveStatus.textContent = t('copied');
          },
        },
        t('share'),
      ),
      saveStatus,
      h('h3', null, t('savedWhatifs')),
      saved.element,
    ),
  );
}

/** The engine's what-if of the current state. */
export function compute(data: ScenarioData, state: WhatifState): WhatIfResult {
  const known = new Set(data.scenario.sectors.map((s) => s.id));
  return whatIf(data.scenario, data.base, shocksOf(state, known), {
    baseline: state.baseline,
    ...(state.asOf && { asOf: state.asOf }),
  });
}

function contribConfig(result: WhatIfResult, data: ScenarioData, lang: Lang) {
  const names = namesOf(data.scenario);
  const ids = topLevelSectors(data.scenario.sectors).map((s) => s.id);
  const input = contributionsFromEvaluation(result.evaluation, ids);
  const title = `${t('contributions', lang)} — ${t('after', lang)}`;
  return {
    config: contributionsChart({ ...input, title }, { lang, view: 'cumulative', names }) as never,
    table: contributionsTable(input, 'cumulative', lang, title, names),
  };
}
