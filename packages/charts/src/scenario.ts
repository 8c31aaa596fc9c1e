/**
 * One chart of a scenario, config and data table from the same input: what every surface draws. The scenario is
 * the effective one (the file plus entered revisions) and `base` its base levels (from the engine's
 * `resolveBase`); nothing here re-derives either. Band and contributions charts come from scenario-core.ts.
 */
import type { BaseTable, Scenario } from '@grdp/engine';
import type { ChartConfiguration } from 'chart.js';
import { findChart } from './catalogue.ts';
import { fanChart } from './configs/fan.ts';
import { fanInput } from './inputs/fan.ts';
import { chartSetup, entryChart, type ScenarioChart, type ScenarioChartRequest } from './scenario-core.ts';
import { fanTable } from './tables.ts';

/**
 * The chart `name` (catalogue name or alias) of a scenario, or undefined when it has no such chart.
 *
 * Periods without actuals: band charts draw the band and no point; the contributions chart (from actuals)
 * leaves the period empty (null in its table), never filling it with the band's middle; the fan spreads only
 * the periods not yet fixed by actuals.
 */
export function scenarioChart(
  scenario: Scenario,
  base: Readonly<BaseTable>,
  name: string,
  request: ScenarioChartRequest = {},
): ScenarioChart | undefined {
  const entry = findChart(scenario, name);
  if (!entry) return undefined;
  if (entry.kind !== 'fan') return entryChart(scenario, base, entry, request);
  const { view, lang, title, opts } = chartSetup(scenario, entry, request);
  const input = { ...fanInput(scenario, base), title };
  return {
    entry,
    view,
    title,
    config: fanChart(input, opts) as ChartConfiguration,
    table: fanTable(input, view, lang, title),
  };
}
