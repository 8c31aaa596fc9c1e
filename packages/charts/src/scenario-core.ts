/**
 * Every chart of a scenario but the fan: band and contributions charts, with their titles and tables. The fan runs
 * the simulator; it lives in scenario.ts (`scenarioChart`), which builds every other chart here. A page that never
 * draws the fan (the web dashboard) imports `bandOrContributionsChart` from this module only, so that the simulator
 * is not reachable from it and stays out of its bundle.
 */
import { actualTable, type BaseTable, keyLabel, type Lang, type Scenario, sectorNames } from '@grdp/engine';
import type { ChartConfiguration } from 'chart.js';
import { type ChartEntry, findChart } from './catalogue.ts';
import { bandChart } from './configs/band.ts';
import { contributionsChart } from './configs/contributions.ts';
import { t } from './i18n.ts';
import { bandInput } from './inputs/band.ts';
import { type ContributionSource, contributionsFromActuals, contributionsFromMid } from './inputs/contributions.ts';
import { bandTable, contributionsTable, type DataTable } from './tables.ts';
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
 * `scenarioChart` for every chart but the fan: undefined for a fan or an unknown name. The fan runs the
 * simulator; a page that never draws it (the web dashboard) calls this so the simulator stays out of its bundle.
 */
export function bandOrContributionsChart(
  scenario: Scenario,
  base: Readonly<BaseTable>,
  name: string,
  request: ScenarioChartRequest = {},
): ScenarioChart | undefined {
  const entry = findChart(scenario, name);
  return entry && entry.kind !== 'fan' ? entryChart(scenario, base, entry, request) : undefined;
}

/** What every chart of a scenario shares: its view, language, contributions source, title and options. */
export function chartSetup(scenario: Scenario, entry: ChartEntry, request: ScenarioChartRequest) {
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
  return { view, lang, source, title, opts };
}

/** The band or contributions chart of a catalogue entry (a fan entry is scenarioChart's, never passed here). */
export function entryChart(
  scenario: Scenario,
  base: Readonly<BaseTable>,
  entry: ChartEntry,
  request: ScenarioChartRequest,
): ScenarioChart {
  const { view, lang, source, title, opts } = chartSetup(scenario, entry, request);
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
