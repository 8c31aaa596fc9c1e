/**
 * Chart configurations for a scenario, every figure from the engine: bands from the targets, actuals from
 * `actualTable` (published and derived), contributions from `evaluate` on the actual-to-date path (each
 * top-level sector's quarterly actual where known, the middle of its band otherwise), and the fan from `simulate`
 * (quantiles of the periods still uncertain; fixed seed, modest draws).
 */
import {
  type ActualTable,
  actualTable,
  type BaseTable,
  bandPath,
  componentIds,
  evaluate,
  findFigure,
  isPeriod,
  type Lang,
  QUARTERS,
  type QuarterValues,
  resolveBase,
  type Scenario,
  simulate,
  TOTAL,
} from '@grdp/engine';
import {
  type ActualPoint,
  type BandChartInput,
  bandChart,
  bandInputFromScenario,
  type ChartView,
  contributionsChart,
  contributionsFromEvaluation,
  type FanPoint,
  fanChart,
  type ThemeName,
  viewPeriods,
} from '@grdp/web';
import type { ChartConfiguration } from 'chart.js';
import { simulateInputOf } from '../compute/simulate-input.ts';

export const FAN_DRAWS = 20_000;
export const FAN_SEED = 1;

export interface ChartRequest {
  lang: Lang;
  theme: ThemeName;
  /** Sector charts and contributions; total-quarterly/total-cumulative fix their own. */
  view?: ChartView | undefined;
}

/** total-quarterly, total-cumulative, sector-<id>, contributions, fan. */
export function chartNames(scenario: Pick<Scenario, 'sectors'>): string[] {
  return [
    'total-quarterly',
    'total-cumulative',
    ...scenario.sectors.map((s) => `sector-${s.id}`),
    'contributions',
    'fan',
  ];
}

/** Targets of `key` and its actual figures (newest vintage; derived ones marked), as band-chart input. */
export function bandInput(scenario: Scenario, table: ActualTable, key: string): BandChartInput {
  const actuals: ActualPoint[] = [];
  for (const f of table.figures) {
    if (f.key !== key || !isPeriod(f.period)) continue;
    actuals.push({ period: f.period, value: f.value, vintage: f.vintage ?? 'estimate', derived: f.derived });
  }
  return { key, bands: bandInputFromScenario(scenario, key).bands, actuals };
}

/** Each top-level sector's quarterly growth: the actual where the table has one, else the band's middle. */
export function actualToDatePath(scenario: Scenario, table: ActualTable): Record<string, QuarterValues> {
  const low = bandPath(scenario, 'low');
  const high = bandPath(scenario, 'high');
  const path: Record<string, QuarterValues> = {};
  for (const id of componentIds(scenario)) {
    const values = QUARTERS.map((q, i) => {
      const actual = findFigure(table, q, id)?.value;
      if (actual !== undefined) return actual;
      const lo = low[id]?.[i];
      const hi = high[id]?.[i];
      return lo === undefined || hi === undefined ? undefined : (lo + hi) / 2;
    });
    if (values.every((v) => v !== undefined)) path[id] = values as QuarterValues;
  }
  return path;
}

function fanPoints(scenario: Scenario, base: BaseTable, view: ChartView): FanPoint[] {
  const result = simulate(simulateInputOf(scenario, base).input, { draws: FAN_DRAWS, seed: FAN_SEED });
  const points: FanPoint[] = [];
  for (const period of viewPeriods(view)) {
    const series = result.periods[period]?.[TOTAL];
    if (!series || series.sd <= 1e-9) continue; // fixed by actuals: nothing uncertain to draw
    points.push({ period, ...series.quantiles });
  }
  return points;
}

/** The chart `name` of a scenario, or undefined when there is no such chart. */
export async function scenarioChart(
  scenario: Scenario,
  name: string,
  request: ChartRequest,
): Promise<ChartConfiguration | undefined> {
  const names = Object.fromEntries(scenario.sectors.map((s) => [s.id, s.name]));
  const opts = { lang: request.lang, theme: request.theme, names };
  const sector = /^sector-(.+)$/.exec(name)?.[1];
  if (sector !== undefined && !scenario.sectors.some((s) => s.id === sector)) return undefined;
  if (!['total-quarterly', 'total-cumulative', 'contributions', 'fan'].includes(name) && sector === undefined)
    return undefined;
  const { base } = await resolveBase(scenario);
  const table = actualTable(scenario, base);
  const view = request.view ?? 'quarterly';
  let config: unknown;
  if (name === 'total-quarterly') config = bandChart(bandInput(scenario, table, TOTAL), { ...opts, view: 'quarterly' });
  else if (name === 'total-cumulative')
    config = bandChart(bandInput(scenario, table, TOTAL), { ...opts, view: 'cumulative' });
  else if (sector !== undefined) config = bandChart(bandInput(scenario, table, sector), { ...opts, view });
  else if (name === 'contributions') {
    const growth = actualToDatePath(scenario, table);
    const sectors = scenario.sectors.filter((s) => growth[s.id] && base[s.id]);
    const evaluation = evaluate({ sectors, base, growth });
    const input = contributionsFromEvaluation(
      evaluation,
      sectors.map((s) => s.id),
    );
    config = contributionsChart(input, { ...opts, view });
  } else {
    const bands = bandInputFromScenario(scenario, TOTAL).bands;
    config = fanChart({ key: TOTAL, quantiles: fanPoints(scenario, base, view), bands }, { ...opts, view });
  }
  return config as ChartConfiguration;
}
