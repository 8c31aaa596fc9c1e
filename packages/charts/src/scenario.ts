/**
 * One chart of a scenario, config and data table from the same input: what every surface draws. The scenario is
 * the effective one (the file plus entered revisions) and `base` its base levels (from the engine's
 * `resolveBase`); nothing here re-derives either.
 */
import { actualTable, type BaseTable, keyLabel, type Lang, type Scenario, sectorNames } from '@grdp/engine';
import type { ChartConfiguration } from 'chart.js';
import { type ChartEntry, findChart } from './catalogue.ts';
import { bandChart } from './configs/band.ts';
import { contributionsChart } from './configs/contributions.ts';
import { fanChart } from './configs/fan.ts';
import { t } from './i18n.ts';
import { bandInput } from './inputs/band.ts';
import { type ContributionSource, contributionsFromActuals, contributionsFromMid } from './inputs/contributions.ts';
import { fanInput } from './inputs/fan.ts';
import { bandTable, contributionsTable, type DataTable, fanTable } from './tables.ts';
import type { ThemeName } from './theme.ts';
import type { ChartView } from './types.ts';

export interface ScenarioChartRequest {
  /** Default 'quarterly'; an alias such as `total-cumulative` fixes its own. */
  view?: ChartView;
  /** Default 'vi'. */
  lang?: Lang;
  theme?: ThemeName;
  /** Contributions only: from the actuals (default) or along the scenario's mid path. */
  contributions?: ContributionSource;
  /** Default true (web); images set false. */
  responsive?: boolean;
  /** Band charts: an earlier version of the scenario, drawn faintly behind, under this legend name. */
  earlier?: { label: string; scenario: Pick<Scenario, 'targets'> };
}

export interface ScenarioChart {
  entry: ChartEntry;
  view: ChartView;
  title: string;
  config: ChartConfiguration;
  table: DataTable;
}

/** The title of a chart: "Tổng GRDP — lũy kế", "Đóng góp vào tăng trưởng — lũy kế (số thực hiện)". */
export function chartTitle(
  scenario: Pick<Scenario, 'sectors'>,
  entry: ChartEntry,
  view: ChartView,
  lang: Lang,
  source: ContributionSource = 'actual',
): string {
  const viewText = t(view, lang);
  if (entry.kind === 'contributions')
    return `${t('contributions', lang)} — ${viewText} (${t(source === 'mid' ? 'fromMid' : 'fromActuals', lang)})`;
  if (entry.kind === 'fan') return `${t('fan', lang)}: ${keyLabel(entry.key, lang)} — ${viewText}`;
  return `${keyLabel(entry.key, lang, sectorNames(scenario))} — ${viewText}`;
}

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
  const view = entry.view ?? request.view ?? 'quarterly';
  const lang = request.lang ?? 'vi';
  const source = request.contributions ?? 'actual';
  const title = chartTitle(scenario, entry, view, lang, source);
  const opts = {
    lang,
    view,
    names: sectorNames(scenario),
    ...(request.theme !== undefined && { theme: request.theme }),
    ...(request.responsive !== undefined && { responsive: request.responsive }),
  };
  if (entry.kind === 'band') {
    const input = { ...bandInput(scenario, actualTable(scenario, base), entry.key, request.earlier), title };
    return {
      entry,
      view,
      title,
      config: bandChart(input, opts) as ChartConfiguration,
      table: bandTable(input, view, lang, title),
    };
  }
  if (entry.kind === 'contributions') {
    const input = {
      ...(source === 'mid'
        ? contributionsFromMid(scenario, base)
        : contributionsFromActuals(scenario, base, actualTable(scenario, base))),
      title,
    };
    return {
      entry,
      view,
      title,
      config: contributionsChart(input, opts) as ChartConfiguration,
      table: contributionsTable(input, view, lang, title, opts.names),
    };
  }
  const input = { ...fanInput(scenario, base), title };
  return {
    entry,
    view,
    title,
    config: fanChart(input, opts) as ChartConfiguration,
    table: fanTable(input, view, lang, title),
  };
}
