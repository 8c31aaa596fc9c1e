/**
 * Plain words under the dashboard's tiles, open (and printed): when a published figure and the same figure
 * computed from the others disagree (a total against its sectors, a cumulative against its quarters), both
 * numbers, which one each chart uses and why; and every quarter derived from cumulative figures that lies more
 * than 1 pp outside its band, with the figures it comes from.
 */
import {
  type ActualFinding,
  type ActualPeriod,
  actualTable,
  formatNumber,
  isQuarter,
  keyLabel,
  type Lang,
  type Period,
  periodLabel,
} from '@grdp/engine';
import type { ScenarioData } from '../../api.ts';
import { h } from '../../dom.ts';
import { t } from '../../i18n/index.ts';
import { namesOf } from '../../model.ts';

/** A derived quarter this far outside its band (pp) is pointed out. */
export const DERIVED_WARNING_PP = 1;

const label = (p: ActualPeriod, lang: Lang) => (p === 'H2' ? t('secondHalf', lang) : periodLabel(p as Period, lang));

export function explanations(data: ScenarioData, findings: readonly ActualFinding[], lang: Lang): HTMLElement | null {
  const names = namesOf(data.scenario);
  const items: HTMLElement[] = [];
  for (const f of findings) {
    const what = keyLabel(f.key, lang, names);
    const published = `${formatNumber(f.published, lang)}%`;
    const computed = `${formatNumber(f.computed, lang)}%`;
    items.push(
      h(
        'li',
        { dataset: { period: f.period, key: f.key, code: f.code } },
        h('strong', null, `${label(f.period, lang)} · ${what}: `),
        f.code === 'actual-total-inconsistent'
          ? `${t('twoTotalsPublished', lang)} ${published}; ${t('twoTotalsFromSectors', lang)} ${computed}. ${t('twoTotalsWhich', lang)}`
          : `${t('twoCumulPublished', lang)} ${published}; ${t('twoCumulFromQuarters', lang)} ${computed}. ${t('twoCumulWhich', lang)}`,
      ),
    );
  }
  const table = actualTable(data.scenario, data.base);
  for (const fig of table.figures) {
    if (!fig.derived || !isQuarter(fig.period)) continue;
    const band = data.scenario.targets[fig.period]?.[fig.key];
    if (!band) continue;
    const gap = fig.value < band.low ? fig.value - band.low : fig.value > band.high ? fig.value - band.high : 0;
    if (Math.abs(gap) <= DERIVED_WARNING_PP) continue;
    const from = (fig.from ?? []).map((p) => label(p, lang)).join(', ');
    items.push(
      h(
        'li',
        { class: 'warn', dataset: { period: fig.period, key: fig.key, code: 'derived-outside-band' } },
        h('strong', null, `${label(fig.period, lang)} · ${keyLabel(fig.key, lang, names)}: `),
        `${formatNumber(fig.value, lang)}% (${t('derivedFrom', lang)} ${from}): ${formatNumber(Math.abs(gap), lang)} ${t('pp', lang)} ${gap > 0 ? t('aboveBand', lang) : t('belowBand', lang)} ${formatNumber(band.low, lang)}–${formatNumber(band.high, lang)}%. ${t('derivedCheck', lang)}`,
      ),
    );
  }
  if (items.length === 0) return null;
  return h(
    'section',
    { class: 'card explanations', id: 'explanations', 'aria-labelledby': 'explanations-title' },
    h('h2', { id: 'explanations-title' }, t('findings', lang)),
    h('ul', null, items),
  );
}
