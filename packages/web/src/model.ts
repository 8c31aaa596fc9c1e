/**
 * Chart inputs and tables of a scenario, from engine results only: bands from the targets, actuals from the
 * engine's actual table (published and derived figures), contributions from `evaluate`. Shared by the
 * dashboard and the embed page.
 */
import {
  type ActualTable,
  actualTable,
  baselinePath,
  type Evaluation,
  evaluate,
  formatNumber,
  formatPercent,
  isPeriod,
  keyLabel,
  type Lang,
  PERIOD_QUARTERS,
  PERIODS,
  type Period,
  periodLabel,
  type QuarterValues,
  type Scenario,
  TOTAL,
  topLevelSectors,
} from '@grdp/engine';
import type { ChartTable } from './chartbox.ts';
import {
  type ActualPoint,
  type BandChartInput,
  type BandPoint,
  type ChartView,
  type ContributionsChartInput,
  contributionsFromEvaluation,
  viewPeriods,
} from './charts/index.ts';
import { t } from './i18n/index.ts';

export type Base = Record<string, QuarterValues>;

export function keysOf(scenario: Scenario): string[] {
  return [TOTAL, ...scenario.sectors.map((s) => s.id)];
}

export function namesOf(scenario: Scenario): Record<string, { vi: string; en: string }> {
  return Object.fromEntries(scenario.sectors.map((s) => [s.id, s.name]));
}

/** Target bands and actual figures (published and derived; H2 left out) of one key. */
export function bandInput(scenario: Scenario, table: ActualTable, key: string): BandChartInput {
  const bands: BandPoint[] = [];
  for (const period of PERIODS) {
    const band = scenario.targets[period]?.[key];
    if (band) bands.push({ period, low: band.low, high: band.high });
  }
  const actuals: ActualPoint[] = [];
  for (const f of table.figures) {
    if (f.key !== key || !isPeriod(f.period)) continue;
    actuals.push({ period: f.period, value: f.value, vintage: f.vintage ?? 'estimate', derived: f.derived });
  }
  return { key, bands, actuals };
}

/** The band chart's table: period, low, high, actual, vintage. */
export function bandTable(input: BandChartInput, view: ChartView, lang: Lang): ChartTable {
  const rows: string[][] = [];
  const csv: (string | number | null)[][] = [];
  for (const period of viewPeriods(view)) {
    const band = input.bands.find((b) => b.period === period);
    const actual = input.actuals.find((a) => a.period === period);
    const kind = actual ? `${t(actual.vintage, lang)}${actual.derived ? ` (${t('derived', lang)})` : ''}` : '';
    rows.push([
      periodLabel(period, lang),
      band ? formatNumber(band.low, lang) : '–',
      band ? formatNumber(band.high, lang) : '–',
      actual ? formatNumber(actual.value, lang) : '–',
      kind,
    ]);
    csv.push([
      period,
      band?.low ?? null,
      band?.high ?? null,
      actual ? round(actual.value) : null,
      actual ? `${actual.vintage}${actual.derived ? ' (derived)' : ''}` : null,
    ]);
  }
  return {
    head: [
      t('period', lang),
      `${t('low', lang)} (%)`,
      `${t('high', lang)} (%)`,
      `${t('actual', lang)} (%)`,
      t('vintage', lang),
    ],
    rows,
    csv,
  };
}

export type ContributionSource = 'actual' | 'mid';

/**
 * Contributions by sector. `actual`: each period where every top-level sector has an actual figure, evaluated
 * with that figure in each of the period's quarters (the period's level, hence its contribution, is the same);
 * `mid`: the scenario's mid path.
 */
export function contributionsInput(
  scenario: Scenario,
  base: Base,
  table: ActualTable,
  source: ContributionSource,
): ContributionsChartInput {
  const sectors = topLevelSectors(scenario.sectors).map((s) => s.id);
  if (source === 'mid') {
    const { growth } = baselinePath(scenario, base, 'mid');
    const evaluation = evaluate({ sectors: topLevelSectors(scenario.sectors), base, growth });
    return contributionsFromEvaluation(evaluation, sectors);
  }
  const rows: ContributionsChartInput['rows'][number][] = [];
  for (const period of PERIODS) {
    const growth: Record<string, QuarterValues> = {};
    for (const id of sectors) {
      const f = table.figures.find((x) => x.period === period && x.key === id);
      if (!f) break;
      growth[id] = [f.value, f.value, f.value, f.value];
    }
    if (Object.keys(growth).length !== sectors.length || sectors.length === 0) continue;
    const evaluation: Evaluation = evaluate({ sectors: topLevelSectors(scenario.sectors), base, growth });
    const one = contributionsFromEvaluation(evaluation, sectors, [period]).rows[0]!;
    rows.push(one);
  }
  return { sectors: sectors.map((key) => ({ key })), rows };
}

export function contributionsTable(
  input: ContributionsChartInput,
  view: ChartView,
  lang: Lang,
  names: Record<string, { vi: string; en: string }>,
): ChartTable {
  const rows: string[][] = [];
  const csv: (string | number | null)[][] = [];
  for (const period of viewPeriods(view)) {
    const row = input.rows.find((r) => r.period === period);
    rows.push([
      periodLabel(period, lang),
      ...input.sectors.map((s) => (row ? formatNumber(row.contributions[s.key], lang) : '–')),
      row ? formatPercent(row.total, lang) : '–',
    ]);
    csv.push([
      period,
      ...input.sectors.map((s) => (row ? round(row.contributions[s.key] ?? Number.NaN) : null)),
      row ? round(row.total) : null,
    ]);
  }
  return {
    head: [
      t('period', lang),
      ...input.sectors.map((s) => `${keyLabel(s.key, lang, names)} (${t('pp', lang)})`),
      `${t('totalGrowth', lang)} (%)`,
    ],
    rows,
    csv,
  };
}

/** Rounded for CSV: 6 decimals keep the exact figures readable without float noise. */
export function round(v: number): number | null {
  return Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 : null;
}

/** The cumulative periods a quarter ends, and each period's quarters. */
export function coveredQuarters(period: Period): readonly number[] {
  return PERIOD_QUARTERS[period];
}

export { actualTable };
