/**
 * The simulator around a what-if: the engine's input for it (`whatIfSimulation`: bands centred on the
 * baseline plus shocks, actual quarters fixed, under the learned uncertainty model) and the shared defaults, so the studio, the API's fan and the
 * embed draw the same figures. Also the probability line under the fan.
 */
import { FAN_SERIES, fanChart, fanInputFromSimulation, fanTable } from '@grdp/charts';
import {
  allQuartersKnown,
  DEFAULT_MODEL,
  formatNumber,
  formatPercent,
  type Lang,
  SIMULATION_DEFAULTS,
  type SimulationResult,
  simulate,
  TOTAL,
  TRACK_RECORD,
  trackRecordOf,
  type WhatIfResult,
  whatIfSimulation,
} from '@grdp/engine';
import type { ScenarioData } from '../../api.ts';
import type { ChartTable } from '../../chartbox.ts';
import { h } from '../../dom.ts';
import { t } from '../../i18n/index.ts';
import { namesOf } from '../../model.ts';

export const SIM_DRAWS = SIMULATION_DEFAULTS.draws;

export interface WhatifSimulation {
  result: SimulationResult | null;
  /** Every quarter is an actual: the draws are one point, there is no probability to speak of. */
  fullYearKnown: boolean;
}

export function runSimulation(data: ScenarioData, whatif: WhatIfResult): WhatifSimulation {
  const { input, options } = whatIfSimulation(data.scenario, data.base, whatif, DEFAULT_MODEL);
  if (allQuartersKnown(input)) return { result: null, fullYearKnown: true };
  try {
    // the studio draws the fan and states the total's probabilities: the engine computes nothing else
    return {
      result: simulate(input, { ...options, ...SIMULATION_DEFAULTS, series: FAN_SERIES }),
      fullYearKnown: false,
    };
  } catch {
    return { result: null, fullYearKnown: false };
  }
}

export function fanConfig(sim: WhatifSimulation, data: ScenarioData, lang: Lang): { config: never; table: ChartTable } {
  const names = namesOf(data.scenario);
  const input = fanInputFromSimulation(data.scenario, sim.result);
  return {
    config: fanChart(input, { lang, view: 'cumulative', names }) as never,
    table: fanTable(input, 'cumulative', lang, t('simulation', lang)),
  };
}

/** Which model gave the probability, and how such probabilities fared in the cross-validated backtest. */
export function trackRecordLine(sim: WhatifSimulation, lang: Lang): HTMLElement | null {
  const p = sim.result?.probabilities[TOTAL];
  if (!p) return null;
  const stated = sim.result?.closedForm?.probabilities[TOTAL]?.low ?? p.low;
  return h(
    'p',
    { class: 'track-record', id: 'sim-track-record' },
    `${t('modelLearned', lang)}. `,
    trackRecordOf(stated, DEFAULT_MODEL, TRACK_RECORD).text[lang],
  );
}

export function probabilityLine(sim: WhatifSimulation, lang: Lang): HTMLElement {
  if (sim.fullYearKnown) return h('p', { id: 'sim-full-year' }, t('fullYearKnown', lang));
  const p = sim.result?.probabilities[TOTAL];
  if (!p) return h('p', null, t('simUnavailable', lang));
  return h(
    'p',
    null,
    `${t('probLow', lang)} (${formatNumber(p.targetLow, lang)}%): `,
    h('strong', { id: 'prob-low', dataset: { value: String(p.low) } }, formatPercent(p.low * 100, lang, 1)),
    ` · ${t('probHigh', lang)} (${formatNumber(p.targetHigh, lang)}%): `,
    h('strong', { id: 'prob-high', dataset: { value: String(p.high) } }, formatPercent(p.high * 100, lang, 1)),
    ` · ${SIM_DRAWS.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en')} ${t('draws', lang)}`,
  );
}
