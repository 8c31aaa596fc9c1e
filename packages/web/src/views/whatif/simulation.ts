/**
 * The simulator around a what-if: the engine's input for it (`whatIfSimulateInput`: bands centred on the
 * baseline plus shocks, actual quarters fixed) and the shared defaults, so the studio, the API's fan and the
 * embed draw the same figures. Also the probability line under the fan.
 */
import { fanChart, fanInputFromSimulation, fanTable } from '@grdp/charts';
import {
  allQuartersKnown,
  formatNumber,
  formatPercent,
  type Lang,
  SIMULATION_DEFAULTS,
  type SimulationResult,
  simulate,
  TOTAL,
  type WhatIfResult,
  whatIfSimulateInput,
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
  const input = whatIfSimulateInput(data.scenario, data.base, whatif);
  if (allQuartersKnown(input)) return { result: null, fullYearKnown: true };
  try {
    return { result: simulate(input, { ...SIMULATION_DEFAULTS }), fullYearKnown: false };
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
