/**
 * Draft studio (issue 16): the year's FY targets (low/high per sector and total), a profile (flat, last year's
 * pattern, or the planner's per-quarter shape) and a reconcile choice; every change re-drafts the table in the
 * browser with the engine's `draftScenario` (no arithmetic here): the Q1–Q4, H1, 9M and FY bands, the gap
 * between the total's target and what the sectors' targets give, whether the draft reproduces itself, and the
 * drafted file as YAML (the engine's `scenarioToYaml`). The base levels are the ones the other views use
 * (`loadScenarioData`, the engine's `resolveBase`). The state lives in the link (draft/state.ts): a reload or a
 * shared link opens the same draft, and **Printable appendix** opens that draft as the plan's appendix.
 */
import {
  type DraftResult,
  formatNumber,
  keyLabel,
  type Lang,
  periodLabel,
  QUARTERS,
  scenarioToYaml,
  sectorNames,
  TOTAL,
} from '@grdp/engine';
import { loadScenarioData } from '../api.ts';
import { download, h, mount, parseGrowth } from '../dom.ts';
import { errorText } from '../error-text.ts';
import { getLang, t } from '../i18n/index.ts';
import { href, replaceQuery } from '../router.ts';
import type { ViewContext } from '../view-context.ts';
import { adjustPanel } from './draft/adjust-panel.ts';
import { bandsTable } from './draft/bands-table.ts';
import { draftOf, previousPattern } from './draft/compute.ts';
import {
  type DraftState,
  defaultDraftState,
  draftStateFromQuery,
  draftStateToQuery,
  type ProfileName,
} from './draft/state.ts';

/** A text field for a figure typed the Vietnamese or English way; invalid input is marked, not applied. */
function numberField(id: string, label: string, value: number, lang: Lang, onValue: (v: number) => void) {
  const input = h('input', {
    id,
    type: 'text',
    inputmode: 'decimal',
    class: 'num',
    size: 5,
    value: formatNumber(value, lang),
    'aria-label': label,
  });
  input.addEventListener('input', () => {
    const v = parseGrowth(input.value);
    const ok = typeof v === 'number';
    input.setAttribute('aria-invalid', String(!ok));
    if (ok) onValue(v);
  });
  return input;
}

export async function renderDraft(ctx: ViewContext): Promise<void> {
  if (ctx.route.name !== 'draft') return;
  const { id, query } = ctx.route;
  const lang = getLang();
  const data = await loadScenarioData(id);
  const pattern = await previousPattern(data.scenario);
  const { scenario, base } = data;
  const names = sectorNames(scenario);
  const sectors = scenario.sectors.map((s) => s.id);
  const top = scenario.sectors.filter((s) => s.parent === undefined).map((s) => s.id);
  const keys = [TOTAL, ...sectors];
  const defaults = defaultDraftState(scenario);
  const state: DraftState = draftStateFromQuery(query, defaults, top);
  if (state.profile === 'last-year' && pattern === null) state.profile = 'flat';

  const targetRows = keys.map((key) =>
    h(
      'tr',
      null,
      h('th', { scope: 'row' }, keyLabel(key, lang, names)),
      (['low', 'high'] as const).map((side) =>
        h(
          'td',
          null,
          numberField(
            `target-${key}-${side}`,
            `${keyLabel(key, lang, names)}: ${t(side === 'low' ? 'draftLow' : 'draftHigh', lang)}`,
            state.targets[key]![side],
            lang,
            (v) => {
              state.targets[key]![side] = v;
              update();
            },
          ),
        ),
      ),
    ),
  );
  const targetsTable = h(
    'table',
    { class: 'data', id: 'draft-targets' },
    h('caption', null, t('draftTargets', lang)),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('draftKey', lang)),
        h('th', { scope: 'col' }, t('draftLow', lang)),
        h('th', { scope: 'col' }, t('draftHigh', lang)),
      ),
    ),
    h('tbody', null, targetRows),
  );

  const profileSelect = h(
    'select',
    { id: 'draft-profile', class: 'fit' },
    h('option', { value: 'flat' }, t('draftProfileFlat', lang)),
    h(
      'option',
      { value: 'last-year', disabled: pattern === null },
      t(pattern ? 'draftProfileLastYear' : 'draftProfileLastYearNone', lang),
    ),
    h('option', { value: 'shape' }, t('draftProfileShape', lang)),
  );
  const shapeTable = h(
    'table',
    { class: 'data', id: 'draft-shape', hidden: true },
    h('caption', null, t('draftShapeCaption', lang)),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('draftKey', lang)),
        QUARTERS.map((q) => h('th', { scope: 'col' }, periodLabel(q, lang))),
      ),
    ),
    h(
      'tbody',
      null,
      sectors.map((key) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, keyLabel(key, lang, names)),
          QUARTERS.map((q, i) =>
            h(
              'td',
              null,
              numberField(
                `shape-${key}-${q}`,
                `${keyLabel(key, lang, names)}: ${periodLabel(q, lang)}`,
                state.shape[key]![i]!,
                lang,
                (v) => {
                  state.shape[key]![i] = v;
                  update();
                },
              ),
            ),
          ),
        ),
      ),
    ),
  );
  profileSelect.value = state.profile;
  shapeTable.hidden = state.profile !== 'shape';
  profileSelect.addEventListener('change', () => {
    state.profile = profileSelect.value as ProfileName;
    shapeTable.hidden = state.profile !== 'shape';
    update();
  });

  const reconcileSelect = h(
    'select',
    { id: 'draft-reconcile', class: 'fit' },
    h('option', { value: 'none' }, t('draftReconcileNone', lang)),
    h('option', { value: 'shift' }, t('draftReconcileShift', lang)),
    top.map((k) =>
      h('option', { value: `absorb:${k}` }, `${t('draftReconcileAbsorb', lang)} ${keyLabel(k, lang, names)}`),
    ),
  );
  reconcileSelect.value =
    state.reconcile.method === 'absorb' ? `absorb:${state.reconcile.sector}` : state.reconcile.method;
  reconcileSelect.addEventListener('change', () => {
    const v = reconcileSelect.value;
    state.reconcile =
      v === 'none'
        ? { method: 'none' }
        : v === 'shift'
          ? { method: 'shift' }
          : { method: 'absorb', sector: v.slice(7) };
    update();
  });

  const tableWrap = h('div', { class: 'table-wrap', id: 'draft-result', 'aria-live': 'polite' });
  const status = h('div', { class: 'summary', id: 'draft-status', 'aria-live': 'polite' });
  let result: DraftResult | null = null;
  const downloadButton = h(
    'button',
    {
      type: 'button',
      id: 'draft-download',
      onclick: () => {
        if (result)
          download(`${scenario.id}-draft.yaml`, new Blob([scenarioToYaml(result.scenario)], { type: 'text/yaml' }));
      },
    },
    t('draftDownload', lang),
  );
  const appendixLink = h('a', { class: 'tool', id: 'draft-appendix' }, t('appendixOpen', lang));

  /** The address bar and the appendix link carry the state (no new history entry, no re-render). */
  function keepState() {
    const q = draftStateToQuery(state, defaults);
    replaceQuery(q);
    appendixLink.setAttribute('href', href({ name: 'appendix', id, draft: true, query: q }));
  }

  function update() {
    keepState();
    try {
      result = draftOf(scenario, base, state, pattern);
    } catch (e) {
      result = null;
      mount(tableWrap);
      mount(status, h('p', { class: 'error', role: 'alert' }, errorText(e)));
      downloadButton.disabled = true;
      appendixLink.hidden = true;
      return;
    }
    downloadButton.disabled = false;
    appendixLink.hidden = false;
    mount(tableWrap, bandsTable(result.scenario, keys, lang, names));
    mount(status, statusLines(result, lang));
  }

  mount(
    ctx.main,
    h('h1', null, `${t('draftTitle', lang)}: ${scenario.title[lang]}`),
    h('p', null, t('draftIntro', lang)),
    h('section', { class: 'card' }, h('div', { class: 'table-wrap' }, targetsTable)),
    h(
      'section',
      { class: 'card' },
      h('label', { class: 'inline' }, `${t('draftProfile', lang)} `, profileSelect),
      ' ',
      h('label', { class: 'inline' }, `${t('draftReconcile', lang)} `, reconcileSelect),
      h('div', { class: 'table-wrap' }, shapeTable),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', null, t('draftTable', lang)),
      tableWrap,
      status,
      downloadButton,
      ' ',
      appendixLink,
    ),
    adjustPanel(scenario, base, keys, lang, names, data.stored.etag),
  );
  update();
}

function statusLines(d: DraftResult, lang: Lang): HTMLElement[] {
  const lines = (['low', 'high'] as const).map((side) => {
    const g = d.gap[side];
    const text = `${t(side === 'low' ? 'draftLow' : 'draftHigh', lang)}: ${t('draftGapTarget', lang)} ${formatNumber(g.target, lang)}%, ${t('draftGapImplied', lang)} ${formatNumber(g.implied, lang)}%, ${t('draftGap', lang)} ${formatNumber(g.gap, lang, 3)} ${t('draftPp', lang)}`;
    return h('p', { class: 'gap', dataset: { side } }, text);
  });
  const repro = h(
    'p',
    { id: 'draft-reproducible', dataset: { reproducible: String(d.reproducible) } },
    `${t(d.reproducible ? 'draftReproducible' : 'draftNotReproducible', lang)} (${t('draftMaxResidual', lang)} ${formatNumber(d.maxAbsResidual, lang, 4)} ${t('draftPp', lang)})`,
  );
  return [...lines, repro];
}
