/**
 * Each chart's data table: what the CSV and JSON downloads, the table under a chart and screen readers get.
 * The JSON shape: `{title, columns: [{key, label}], rows: [{period, label, values: {<column key>: number|null}}]}`;
 * band charts have the columns `low`, `high`, `actual` (a row also says the actual's vintage; with an earlier
 * version's band also `earlierLow`, `earlierHigh`), the contributions
 * chart one column per sector id and `total`, the fan `p5` … `p95`. Values are the engine's figures as they are
 * (rounded only for display, once, so that a figure never rounds twice); `null` where the chart shows nothing.
 */
import { formatPercent, keyLabel, type Lang, type Period, periodLabel, type Vintage } from '@grdp/engine';
import { viewPeriods } from './common.ts';
import { t } from './i18n.ts';
import {
  type BandChartInput,
  type ChartView,
  type ContributionsChartInput,
  type FanChartInput,
  QUANTILE_KEYS,
} from './types.ts';

export interface DataColumn {
  key: string;
  label: string;
}

export interface DataRow {
  period: Period;
  /** The period's label in the table's language. */
  label: string;
  values: Record<string, number | null>;
  /** Band charts: the vintage of the actual, and whether it is derived from other figures. */
  vintage?: Vintage;
  derived?: boolean;
}

export interface DataTable {
  title: string;
  columns: DataColumn[];
  rows: DataRow[];
  /** What a reader must know to read the figures (a total that its contributions do not add up to). */
  notes?: string[];
}

/** A figure of a table: the number, or null for none. */
export function tableValue(v: number | null | undefined): number | null {
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}

function row(period: Period, lang: Lang, values: Record<string, number | null>): DataRow {
  return { period, label: periodLabel(period, lang), values };
}

/** The band chart's table: low, high and actual (%) for each period of the view. */
export function bandTable(input: BandChartInput, view: ChartView, lang: Lang, title: string): DataTable {
  const rows = viewPeriods(view).map((period) => {
    const band = input.bands.find((b) => b.period === period);
    const actual = input.actuals.filter((a) => a.period === period).at(-1);
    const values: Record<string, number | null> = {
      low: tableValue(band?.low),
      high: tableValue(band?.high),
      actual: tableValue(actual?.value),
    };
    if (input.earlier) {
      const before = input.earlier.bands.find((b) => b.period === period);
      values.earlierLow = tableValue(before?.low);
      values.earlierHigh = tableValue(before?.high);
    }
    const r = row(period, lang, values);
    if (actual) {
      r.vintage = actual.vintage;
      r.derived = actual.derived === true;
    }
    return r;
  });
  return {
    title,
    columns: [
      { key: 'low', label: `${t('low', lang)} (%)` },
      { key: 'high', label: `${t('high', lang)} (%)` },
      { key: 'actual', label: `${t('actual', lang)} (%)` },
      ...(input.earlier
        ? [
            { key: 'earlierLow', label: `${input.earlier.label}: ${t('low', lang)} (%)` },
            { key: 'earlierHigh', label: `${input.earlier.label}: ${t('high', lang)} (%)` },
          ]
        : []),
    ],
    rows,
  };
}

/**
 * The contributions chart's table: each sector's contribution (pp) and the total growth (%). Where the
 * contributions do not add up to the total at 2 decimals, a note says by how much and why.
 */
export function contributionsTable(
  input: ContributionsChartInput,
  view: ChartView,
  lang: Lang,
  title: string,
  names?: Readonly<Record<string, { vi: string; en: string }>>,
): DataTable {
  const notes: string[] = [];
  const rows = viewPeriods(view).map((period) => {
    const found = input.rows.find((r) => r.period === period);
    const values: Record<string, number | null> = {};
    for (const s of input.sectors) values[s.key] = tableValue(found?.contributions[s.key]);
    values.total = tableValue(found?.total);
    if (found?.sum !== undefined && formatPercent(found.sum, lang) !== formatPercent(found.total, lang))
      notes.push(
        `${periodLabel(period, lang)}: ${t('sumDiffers', lang)
          .replace('{sum}', formatPercent(found.sum, lang))
          .replace('{total}', formatPercent(found.total, lang))}`,
      );
    return row(period, lang, values);
  });
  return {
    title,
    columns: [
      ...input.sectors.map((s) => ({
        key: s.key,
        label: `${s.label ?? keyLabel(s.key, lang, names as Record<string, { vi: string; en: string }>)} (${t('pp', lang)})`,
      })),
      { key: 'total', label: `${t('totalGrowth', lang)} (%)` },
    ],
    rows,
    ...(notes.length > 0 && { notes }),
  };
}

/** The fan's table: the quantiles of total growth (%) for each period of the view. */
export function fanTable(input: FanChartInput, view: ChartView, lang: Lang, title: string): DataTable {
  const rows = viewPeriods(view).map((period) => {
    const q = input.quantiles.find((x) => x.period === period);
    return row(period, lang, Object.fromEntries(QUANTILE_KEYS.map((k) => [k, tableValue(q?.[k])])));
  });
  return { title, columns: QUANTILE_KEYS.map((k) => ({ key: k, label: `${k.toUpperCase()} (%)` })), rows };
}
