import {
  type BaseTable,
  PERIODS,
  type Scenario,
  SIMULATION_DEFAULTS,
  type SimulationResult,
  simulate,
  simulateInputOf,
  TOTAL,
} from '@grdp/engine';
import type { BandPoint, FanChartInput, FanPoint } from '../types.ts';

/**
 * The series a fan draws: the total's alone. A simulation for the fan asks for it only (`series`), which is
 * what the engine computes then; the total's figures are the same as in a simulation of every series.
 */
export const FAN_SERIES: readonly string[] = [TOTAL];

/** The total's target bands, for the dashed lines of the fan. */
function totalBands(scenario: Pick<Scenario, 'targets'>): BandPoint[] {
  return PERIODS.flatMap((period) => {
    const b = scenario.targets[period]?.[TOTAL];
    return b ? [{ period, low: b.low, high: b.high }] : [];
  });
}

/**
 * The fan of a simulation result: quantiles of the total's growth for the periods still uncertain (a period fixed
 * by actuals has nothing to spread, and is left empty), with the target bands.
 */
export function fanInputFromSimulation(
  scenario: Pick<Scenario, 'targets'>,
  result: Pick<SimulationResult, 'periods'> | null,
): FanChartInput {
  const quantiles: FanPoint[] = [];
  if (result)
    for (const period of PERIODS) {
      const series = result.periods[period]?.[TOTAL];
      if (series && series.sd > 1e-9) quantiles.push({ period, ...series.quantiles });
    }
  return { key: TOTAL, quantiles, bands: totalBands(scenario) };
}

/**
 * The scenario's fan: the engine's simulation of the effective scenario (quarters with actuals fixed at them)
 * under the default (learned) uncertainty model, with the default draws and seed, so the server image and the
 * embed draw the same fan.
 */
export function fanInput(scenario: Scenario, base: Readonly<BaseTable>): FanChartInput {
  const sim = simulateInputOf(scenario, base);
  const result = simulate(sim.input, { ...sim.options, ...SIMULATION_DEFAULTS, series: FAN_SERIES });
  return fanInputFromSimulation(scenario, result);
}
