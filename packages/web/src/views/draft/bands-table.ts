/** A scenario's bands as a table: one row per key, one column per period (the engine's order: Q1, Q2, H1, Q3, 9M, Q4, FY). */
import { formatBand, keyLabel, type Lang, PERIODS, periodLabel, type Scenario } from '@grdp/engine';
import { h } from '../../dom.ts';
import { t } from '../../i18n/index.ts';

export function bandsTable(
  drafted: Scenario,
  keys: readonly string[],
  lang: Lang,
  names: Record<string, { vi: string; en: string }>,
  id = 'draft-bands',
): HTMLTableElement {
  return h(
    'table',
    { class: 'data', id },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('draftKey', lang)),
        PERIODS.map((p) => h('th', { scope: 'col' }, periodLabel(p, lang))),
      ),
    ),
    h(
      'tbody',
      null,
      keys.map((key) =>
        h(
          'tr',
          { dataset: { key } },
          h('th', { scope: 'row' }, keyLabel(key, lang, names)),
          PERIODS.map((p) => {
            const band = drafted.targets[p]?.[key];
            return h('td', { dataset: { period: p } }, band ? formatBand(band.low, band.high, lang) : '–');
          }),
        ),
      ),
    ),
  );
}
