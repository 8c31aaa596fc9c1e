/**
 * What-if studio: a shock (pp added to growth) per sector and quarter, as number inputs and range sliders; every
 * change recomputes in the browser with the engine's `whatIf` (no round trip): growth before and after by period,
 * the difference, the full-year impact, contributions, and the simulator's fan and probability of reaching the
 * FY target. The state lives in the URL (`?b=mid&s=agriculture.Q3:-2,…`), so a link restores it; a what-if can be
 * saved to the API as well.
 */

import {
  contributionsChart,
  contributionsFromEvaluation,
  contributionsTable,
  fanChart,
  fanInputFromSimulation,
  fanTable,
} from '@grdp/charts';
import {
  type BaselineName,
  bandPath,
  componentIds,
  DEFAULT_MODEL,
  formatNumber,
  formatPercent,
  formatShock,
  isQuarter,
  keyLabel,
  type Lang,
  legacyWebShocks,
  PERIODS,
  parseShock,
  periodLabel,
  QUARTERS,
  type Quarter,
  type QuarterValues,
  requiredGrowth,
  type Shock,
  SIMULATION_DEFAULTS,
  type SimulationResult,
  simulate,
  TOTAL,
  TRACK_RECORD,
  topLevelSectors,
  trackRecordOf,
  type WhatIfResult,
  whatIf,
  withModel,
} from '@grdp/engine';
import { ApiError, api, loadScenarioData, type ScenarioData, tokens } from '../api.ts';
import { type ChartTable, chartBox } from '../chartbox.ts';
import { copyText, h, mount } from '../dom.ts';
import { getLang, t } from '../i18n/index.ts';
import { keysOf, namesOf } from '../model.ts';
import { replaceQuery } from '../router.ts';
import type { ViewContext } from '../view-context.ts';

export const SIM_DRAWS = SIMULATION_DEFAULTS.draws;
const RANGE = 10;

/**
 * Shocks in the URL: `shock=agriculture:Q3:-2pp` repeated, the engine's one syntax (as the CLI's `--shock`); the
 * studio keeps the pp change of each sector and quarter. Old links (`s=agriculture.Q3:-2,…`) are rewritten by
 * the router.
 */
export function parseShocks(texts: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const text of texts) {
    let shock: Shock;
    try {
      shock = parseShock(text);
    } catch {
      continue;
    }
    const [period] = shock.periods;
    if (shock.deltaPp && shock.periods.length === 1 && isQuarter(period))
      out[`${shock.sector}.${period}`] = shock.deltaPp;
  }
  return out;
}

export function formatShocks(shocks: Record<string, number>): string[] {
  return Object.entries(shocks)
    .filter(([, v]) => v !== 0 && Number.isFinite(v))
    .map(([k, v]) => {
      const [sector = '', period = 'Q1'] = k.split('.');
      return formatShock({ sector, periods: [period as Quarter], deltaPp: v });
    });
}

export async function renderWhatif(ctx: ViewContext): Promise<void> {
  if (ctx.route.name !== 'whatif') return;
  const { id, query } = ctx.route;
  const data = await loadScenarioData(id);
  const lang = getLang();
  const { scenario } = data;
  const names = namesOf(scenario);
  const sectors = componentIds(scenario);
  const state = {
    baseline: (['mid', 'low', 'high', 'actual'].includes(query.get('b') ?? '')
      ? query.get('b')
      : 'mid') as BaselineName,
    shocks: parseShocks(query.getAll('shock')),
  };
  replaceQuery(query); // an old link's `s=` is now `shock=` (router.ts)

  const inputs = new Map<string, { num: HTMLInputElement; range: HTMLInputElement }>();
  const shockGrid = h(
    'table',
    { class: 'data shock-grid', id: 'shock-grid' },
    h('caption', null, t('shock')),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, ''),
        QUARTERS.map((q) => h('th', { scope: 'col' }, periodLabel(q, lang))),
      ),
    ),
    h(
      'tbody',
      null,
      sectors.map((s) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, keyLabel(s, lang, names)),
          QUARTERS.map((q) => {
            const key = `${s}.${q}`;
            const label = `${keyLabel(s, lang, names)}, ${periodLabel(q, lang)} (${t('pp', lang)})`;
            const value = String(state.shocks[key] ?? 0);
            const num = h('input', {
              type: 'number',
              step: '0.1',
              min: -100,
              max: 100,
              id: `shock-${s}-${q}`,
              class: 'num',
              'aria-label': label,
              value,
            });
            const range = h('input', {
              type: 'range',
              step: '0.1',
              min: -RANGE,
              max: RANGE,
              'aria-label': label,
              value,
              tabindex: '-1',
            });
            num.addEventListener('input', () => {
              range.value = num.value;
              changed(key, num.value);
            });
            range.addEventListener('input', () => {
              num.value = range.value;
              changed(key, range.value);
            });
            inputs.set(key, { num, range });
            return h('td', { class: 'shock' }, num, range);
          }),
        ),
      ),
    ),
  );

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
  baselineSelect.addEventListener('change', () => {
    state.baseline = baselineSelect.value as BaselineName;
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
  function changed(key: string, text: string) {
    const v = Number(text);
    if (!Number.isFinite(v)) return;
    if (v === 0) delete state.shocks[key];
    else state.shocks[key] = v;
    update();
  }
  function update() {
    query.set('b', state.baseline);
    query.delete('shock');
    for (const shock of formatShocks(state.shocks)) query.append('shock', shock);
    replaceQuery(query);
    result = compute(data, state);
    paint();
    contrib.update(contribConfig(result, data, lang).config, contribConfig(result, data, lang).table);
    clearTimeout(timer);
    timer = setTimeout(() => {
      sim = runSimulation(data, result);
      const f = fanConfig(sim, data, lang);
      fan.update(f.config, f.table);
      paintProbability();
    }, 150);
  }
  function paint() {
    const fy = result.evaluation.periods.FY.total.growth;
    const band = scenario.targets.FY?.[TOTAL];
    const req = requiredGrowth(scenario, data.base);
    const r = (side: 'low' | 'high') => req[side][TOTAL]?.uniform.growth;
    mount(
      summary,
      h(
        'dl',
        null,
        h('dt', null, t('fyGrowth', lang)),
        h('dd', { id: 'fy-after', dataset: { value: String(fy) } }, formatPercent(fy, lang)),
        h('dt', null, t('fyImpact', lang)),
        h(
          'dd',
          { id: 'fy-impact', dataset: { value: String(result.fyImpactPp) } },
          `${formatNumber(result.fyImpactPp, lang)} ${t('pp', lang)}`,
        ),
        band && [
          h('dt', null, t('band', lang)),
          h('dd', null, `${formatNumber(band.low, lang)}–${formatNumber(band.high, lang)}%`),
        ],
        h('dt', null, t('required', lang)),
        h(
          'dd',
          null,
          r('low') == null
            ? t('noQuarterLeft', lang)
            : `${formatPercent(r('low'), lang)} ${t('requiredLow', lang)}; ${formatPercent(r('high'), lang)} ${t('requiredHigh', lang)}`,
        ),
      ),
    );
    mount(resultTable, diffTable(result, data, lang));
  }
  function paintProbability() {
    const p = sim?.probabilities[TOTAL];
    mount(
      probability,
      p
        ? h(
            'p',
            null,
            `${t('probLow', lang)} (${formatNumber(p.targetLow, lang)}%): `,
            h('strong', { id: 'prob-low' }, formatPercent(p.low * 100, lang, 1)),
            ` · ${t('probHigh', lang)} (${formatNumber(p.targetHigh, lang)}%): `,
            h('strong', { id: 'prob-high' }, formatPercent(p.high * 100, lang, 1)),
            ` · ${SIM_DRAWS.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en')} ${t('draws', lang)}`,
          )
        : h('p', null, t('simUnavailable', lang)),
      ...(p
        ? [
            h(
              'p',
              { class: 'track-record', id: 'sim-track-record' },
              `${t('modelLearned', lang)}. `,
              trackRecordOf(sim?.closedForm?.probabilities[TOTAL]?.low ?? p.low, DEFAULT_MODEL, TRACK_RECORD).text[
                lang
              ],
            ),
          ]
        : []),
    );
  }
  paint();
  paintProbability();

  const nameInput = h('input', { type: 'text', id: 'whatif-name', maxlength: 200, required: true });
  const tokenInput = h('input', { type: 'password', id: 'editor-token', autocomplete: 'off' });
  tokenInput.value = tokens.get('editor') ?? '';
  const saveStatus = h('span', { class: 'status', role: 'status', 'aria-live': 'polite', id: 'whatif-status' });
  const saved = h('ul', { class: 'saved', id: 'saved-whatifs' });
  const listSaved = async () => {
    const list = await api.listWhatifs(id).catch(() => []);
    mount(
      saved,
      list.map((w) => {
        const q = new URLSearchParams();
        const body = w.body as { baseline?: string; shocks?: string | string[] };
        if (body.baseline) q.set('b', body.baseline);
        const shocks = typeof body.shocks === 'string' ? legacyWebShocks(body.shocks) : (body.shocks ?? []);
        for (const shock of shocks) q.append('shock', shock);
        q.set('w', w.id);
        return h('li', null, h('a', { href: `#/s/${encodeURIComponent(id)}/whatif?${q}` }, w.name), ` — ${w.author}`);
      }),
    );
  };
  void listSaved();

  mount(
    ctx.main,
    h('h1', null, `${t('whatifTitle')} — ${scenario.title[lang]}`),
    h('p', { class: 'help' }, t('whatifHelp')),
    h(
      'div',
      { class: 'controls no-print' },
      h('label', { class: 'inline' }, `${t('baseline')} `, baselineSelect),
      h(
        'button',
        {
          type: 'button',
          id: 'reset',
          onclick: () => {
            state.shocks = {};
            for (const { num, range } of inputs.values()) {
              num.value = '0';
              range.value = '0';
            }
            update();
          },
        },
        t('reset'),
      ),
    ),
    h('div', { class: 'table-wrap' }, shockGrid),
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
          if (tokenInput.value.trim()) tokens.set('editor', tokenInput.value);
          const token = tokens.get('editor');
          if (!token) {
            saveStatus.textContent = t('needToken');
            tokenInput.focus();
            return;
          }
          try {
            const w = await api.saveWhatif(
              id,
              nameInput.value.trim(),
              { baseline: state.baseline, shocks: formatShocks(state.shocks) },
              token,
            );
            query.set('w', w.id);
            replaceQuery(query);
            saveStatus.textContent = `${t('saved')}: ${w.name}`;
            void listSaved();
          } catch (err) {
            saveStatus.textContent =
              err instanceof ApiError ? `${err.status} ${err.code}: ${err.message}` : String(err);
          }
        },
      },
      h('h2', null, t('saveWhatif')),
      h('label', null, t('whatifName'), nameInput),
      h('label', null, t('editorToken'), tokenInput),
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
      saved,
    ),
  );
}

/** The engine's what-if of the current state. */
export function compute(
  data: ScenarioData,
  state: { baseline: BaselineName; shocks: Record<string, number> },
): WhatIfResult {
  const shocks: Shock[] = Object.entries(state.shocks).map(([key, deltaPp]) => {
    const [sector, quarter] = key.split('.') as [string, 'Q1'];
    return { sector, periods: [quarter], deltaPp };
  });
  const known = new Set(data.scenario.sectors.map((s) => s.id));
  return whatIf(
    data.scenario,
    data.base,
    shocks.filter((s) => known.has(s.sector)),
    { baseline: state.baseline },
  );
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

/**
 * Simulation around the what-if: each sector's band shifted by its shock (after − baseline growth), quarters
 * taken from actuals fixed at them; FY targets from the scenario.
 */
function runSimulation(data: ScenarioData, result: WhatIfResult): SimulationResult | null {
  const { scenario, base } = data;
  const sectors = componentIds(scenario);
  const low = bandPath(scenario, 'low');
  const high = bandPath(scenario, 'high');
  const shift = (path: Record<string, QuarterValues>) =>
    Object.fromEntries(
      sectors.map((s) => [
        s,
        path[s]!.map((v, q) => v + (result.growth[s]![q]! - result.baselineGrowth[s]![q]!)) as unknown as QuarterValues,
      ]),
    );
  const actual: Record<string, (number | null)[]> = {};
  for (const s of sectors) {
    const known = result.actualQuarters?.[s] ?? [];
    actual[s] = QUARTERS.map((q, i) => (known.includes(q) ? result.growth[s]![i]! : null));
  }
  const fyTarget: Record<string, { low: number; high: number }> = {};
  for (const key of keysOf(scenario)) {
    const band = scenario.targets.FY?.[key];
    if (band && (key === TOTAL || sectors.includes(key))) fyTarget[key] = { low: band.low, high: band.high };
  }
  try {
    const modelled = withModel({ sectors, base, low: shift(low), high: shift(high), actual, fyTarget }, DEFAULT_MODEL);
    return simulate(modelled.input, { ...modelled.options, ...SIMULATION_DEFAULTS });
  } catch {
    return null;
  }
}

function fanConfig(sim: SimulationResult | null, data: ScenarioData, lang: Lang): { config: never; table: ChartTable } {
  const names = namesOf(data.scenario);
  const input = fanInputFromSimulation(data.scenario, sim);
  return {
    config: fanChart(input, { lang, view: 'cumulative', names }) as never,
    table: fanTable(input, 'cumulative', lang, t('simulation', lang)),
  };
}

function diffTable(result: WhatIfResult, data: ScenarioData, lang: Lang): HTMLElement {
  const names = namesOf(data.scenario);
  const keys = [TOTAL, ...Object.keys(result.growth).filter((k) => data.scenario.sectors.some((s) => s.id === k))];
  return h(
    'table',
    { class: 'data', id: 'whatif-table' },
    h('caption', null, `${t('before', lang)} → ${t('after', lang)} (%), ${t('difference', lang)} (${t('pp', lang)})`),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('period', lang)),
        keys.map((k) => h('th', { scope: 'col' }, keyLabel(k, lang, names))),
      ),
    ),
    h(
      'tbody',
      null,
      PERIODS.map((period) =>
        h(
          'tr',
          { dataset: { period } },
          h('th', { scope: 'row' }, periodLabel(period, lang)),
          keys.map((k) => {
            const before =
              k === TOTAL
                ? result.baselineEvaluation.periods[period].total
                : result.baselineEvaluation.periods[period].sectors[k]!;
            const after =
              k === TOTAL ? result.evaluation.periods[period].total : result.evaluation.periods[period].sectors[k]!;
            const d = result.diff[period][k]!.growthPp;
            return h(
              'td',
              { dataset: { key: k, after: String(after.growth) } },
              `${formatNumber(before.growth, lang)} → ${formatNumber(after.growth, lang)}`,
              Math.abs(d) > 5e-7
                ? h('span', { class: d < 0 ? 'neg' : 'pos' }, ` (${d > 0 ? '+' : ''}${formatNumber(d, lang)})`)
                : '',
            );
          }),
        ),
      ),
    ),
  );
}
