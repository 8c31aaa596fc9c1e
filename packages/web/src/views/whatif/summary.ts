/**
 * The what-if's headline figures: full-year growth after the shocks, the impact in pp, the FY band, and, for
 * the "actuals then mid-band" baseline only, the growth the remaining quarters need (the engine's
 * `requiredGrowth` as of the same quarter). Under the other baselines no quarter is an actual, so that line
 * does not apply and is not shown.
 */
import {
  formatNumber,
  formatPercent,
  type Lang,
  QUARTERS,
  requiredGrowth,
  TOTAL,
  type WhatIfResult,
} from '@grdp/engine';
import type { ScenarioData } from '../../api.ts';
import { h } from '../../dom.ts';
import { t } from '../../i18n/index.ts';
import type { WhatifState } from './shocks-url.ts';

export function summaryList(result: WhatIfResult, data: ScenarioData, state: WhatifState, lang: Lang): HTMLElement {
  const fy = result.evaluation.periods.FY.total.growth;
  const band = data.scenario.targets.FY?.[TOTAL];
  return h(
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
    requiredLine(result, data, state, lang),
  );
}

function requiredLine(result: WhatIfResult, data: ScenarioData, state: WhatifState, lang: Lang) {
  if (state.baseline !== 'actual' || !result.actualQuarters) return null;
  const last = Math.max(
    -1,
    ...Object.values(result.actualQuarters).flatMap((qs) => qs.map((q) => QUARTERS.indexOf(q))),
  );
  if (last < 0 || last === QUARTERS.length - 1) return null;
  const req = requiredGrowth(data.scenario, data.base, { asOf: QUARTERS[last]! });
  const low = req.low[TOTAL]?.uniform.growth;
  const high = req.high[TOTAL]?.uniform.growth;
  if (low == null || high == null) return null;
  return [
    h('dt', null, t('required', lang)),
    h(
      'dd',
      { id: 'required' },
      `${formatPercent(low, lang)} ${t('requiredLow', lang)}; ${formatPercent(high, lang)} ${t('requiredHigh', lang)}`,
    ),
  ];
}
