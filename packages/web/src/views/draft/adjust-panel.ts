/**
 * The draft studio's adjust panel: the scenario re-drafted as of Q1, Q2 or Q3 with the engine's `adjustScenario`
 * (quarters with actuals kept as points, the remaining ones re-drafted to reach the FY targets by the chosen
 * rule), shown under the current bands, with the engine's flags of implausible or impossible figures. An editor
 * can save it, with a note, as the scenario's new version (the API's adjust route with `save`): it adjusts the
 * current version and becomes the one tracking uses.
 */
import {
  ADJUST_RULES,
  type AdjustResult,
  type AdjustRule,
  adjustScenario,
  formatNumber,
  keyLabel,
  type Lang,
  periodLabel,
  type Quarter,
  type QuarterValues,
  type Scenario,
  scenarioToYaml,
} from '@grdp/engine';
import { api } from '../../api.ts';
import { download, h, mount } from '../../dom.ts';
import { errorText } from '../../error-text.ts';
import { t } from '../../i18n/index.ts';
import { tokenField } from '../../token-field.ts';
import { bandsTable } from './bands-table.ts';

const AS_OF: readonly Quarter[] = ['Q1', 'Q2', 'Q3'];

export function adjustPanel(
  scenario: Scenario,
  base: Record<string, QuarterValues>,
  keys: readonly string[],
  lang: Lang,
  names: Record<string, { vi: string; en: string }>,
  /** The stored scenario's ETag: a save adjusts that version, or is refused (409) if another came since. */
  etag?: string,
): HTMLElement {
  const asOfSelect = h(
    'select',
    { id: 'adjust-as-of', class: 'fit' },
    AS_OF.map((q) => h('option', { value: q, selected: q === 'Q2' }, periodLabel(q, lang))),
  );
  const ruleSelect = h(
    'select',
    { id: 'adjust-rule', class: 'fit' },
    ADJUST_RULES.map((r) =>
      h('option', { value: r }, t(r === 'profile' ? 'adjustRuleProfile' : 'adjustRuleUniform', lang)),
    ),
  );
  const out = h('div', { id: 'adjust-result', 'aria-live': 'polite' });
  let result: AdjustResult | null = null;
  const downloadButton = h(
    'button',
    {
      type: 'button',
      id: 'adjust-download',
      onclick: () => {
        if (result)
          download(
            `${scenario.id}-${result.asOf}.yaml`,
            new Blob([scenarioToYaml(result.scenario)], { type: 'text/yaml' }),
          );
      },
    },
    t('draftDownload', lang),
  );
  const update = () => {
    try {
      result = adjustScenario(scenario, base, {
        asOf: asOfSelect.value as Quarter,
        rule: ruleSelect.value as AdjustRule,
      });
    } catch (e) {
      result = null;
      downloadButton.disabled = true;
      mount(out, h('p', { class: 'error', role: 'alert' }, errorText(e)));
      return;
    }
    downloadButton.disabled = false;
    const flags = result.flags.map((f) =>
      h(
        'li',
        null,
        `${keyLabel(f.key, lang, names)}, ${periodLabel(f.quarter, lang)} (${t(f.side === 'low' ? 'draftLow' : 'draftHigh', lang)}): ${formatNumber(f.growth, lang)}% — ${t(f.kind === 'impossible' ? 'adjustImpossible' : 'adjustImplausible', lang)}`,
      ),
    );
    mount(
      out,
      h('h3', null, t('adjustCurrent', lang)),
      h('div', { class: 'table-wrap' }, bandsTable(scenario, keys, lang, names, 'adjust-current')),
      h('h3', null, t('adjustNew', lang)),
      h('div', { class: 'table-wrap' }, bandsTable(result.scenario, keys, lang, names, 'adjust-bands')),
      flags.length > 0 ? h('ul', { id: 'adjust-flags' }, flags) : h('p', null, t('adjustNoFlags', lang)),
    );
  };
  asOfSelect.addEventListener('change', update);
  ruleSelect.addEventListener('change', update);
  update();
  const editor = tokenField('editor');
  const noteInput = h('input', { type: 'text', id: 'adjust-note', maxlength: 2000 });
  const saveStatus = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', id: 'adjust-status' });
  const saveForm = h(
    'form',
    {
      class: 'no-print',
      id: 'adjust-save-form',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const token = editor.value();
        if (!token) {
          saveStatus.textContent = t('needToken', lang);
          editor.input.focus();
          return;
        }
        const note = noteInput.value.trim();
        try {
          const a = await api.adjust(
            scenario.id,
            {
              asOf: asOfSelect.value as 'Q1' | 'Q2' | 'Q3',
              rule: ruleSelect.value as AdjustRule,
              save: true,
              ...(note ? { note } : {}),
            },
            token,
            etag,
          );
          const saved = a.saved;
          mount(
            saveStatus,
            `${t('adjustSaved', lang)} ${saved?.number ?? ''}. `,
            h(
              'a',
              { href: `#/s/${encodeURIComponent(scenario.id)}?compare=${saved?.parent ?? ''}`, id: 'adjust-compare' },
              t('adjustCompareLink', lang),
            ),
          );
        } catch (err) {
          saveStatus.textContent = errorText(err);
        }
      },
    },
    h('label', null, t('adjustNote', lang), noteInput),
    editor.element,
    h('button', { type: 'submit', id: 'adjust-save' }, t('adjustSave', lang)),
    saveStatus,
  );
  return h(
    'section',
    { class: 'card', id: 'adjust-panel' },
    h('h2', null, t('adjustTitle', lang)),
    h('p', null, t('adjustIntro', lang)),
    h('label', { class: 'inline' }, `${t('asOf', lang)} `, asOfSelect),
    ' ',
    h('label', { class: 'inline' }, `${t('adjustRule', lang)} `, ruleSelect),
    out,
    downloadButton,
    saveForm,
  );
}
