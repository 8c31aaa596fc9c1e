/** The what-if's table: growth before → after for every period, the total and each sector, with the pp change. */
import { formatNumber, keyLabel, type Lang, PERIODS, periodLabel, TOTAL, type WhatIfResult } from '@grdp/engine';
import type { ScenarioData } from '../../api.ts';
import { h } from '../../dom.ts';
import { t } from '../../i18n/index.ts';
import { namesOf } from '../../model.ts';

export function diffTable(result: WhatIfResult, data: ScenarioData, lang: Lang): HTMLElement {
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
