import type { Lang, LocalizedText, Period, Vintage } from '@grdp/engine';
import type { ThemeName } from './theme.ts';

/** A target band for one period: growth %, low ≤ high (low = high for a single number). */
export interface BandPoint {
  period: Period;
  low: number;
  high: number;
}

/** One published growth estimate (%) for one period. `derived`: computed from other figures, not printed. */
export interface ActualPoint {
  period: Period;
  value: number;
  vintage: Vintage;
  derived?: boolean;
}

/** Which periods a chart shows: Q1..Q4, or Q1, H1, 9M, FY (each from the start of the year). */
export type ChartView = 'quarterly' | 'cumulative';

export interface BandChartInput {
  /** `total` or a sector id (for the default title). */
  key: string;
  title?: string;
  bands: readonly BandPoint[];
  actuals: readonly ActualPoint[];
  /** An earlier version's bands, drawn faintly behind the current ones (dashed edges, pale fill). */
  earlier?: EarlierBands;
}

/** The bands of an earlier version of the scenario, with the name the legend gives it ("Phiên bản 1"). */
export interface EarlierBands {
  label: string;
  bands: readonly BandPoint[];
}

/** Contributions (percentage points) by sector key and the total growth (%) for one period. */
export interface ContributionRow {
  period: Period;
  contributions: Readonly<Record<string, number>>;
  total: number;
  /** The contributions added, when the total is a figure of its own (a published total): see `contributionsFromActuals`. */
  sum?: number;
}

export interface ContributionsChartInput {
  title?: string;
  /** Sectors in stacking order (bottom first); `label` overrides the standard label of `key`. */
  sectors: readonly { key: string; label?: string }[];
  rows: readonly ContributionRow[];
}

/** Quantiles of growth (%) for one period, as 5/10/25/50/75/90/95th percentiles. */
export interface FanPoint {
  period: Period;
  p5: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
}

export const QUANTILE_KEYS = ['p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95'] as const;
export type QuantileKey = (typeof QUANTILE_KEYS)[number];

export interface FanChartInput {
  key: string;
  title?: string;
  quantiles: readonly FanPoint[];
  /** The target band, drawn as dashed lines. */
  bands?: readonly BandPoint[];
}

/** Options shared by every chart. */
export interface CommonChartOptions {
  /** Label language, numbers formatted vi-VN in vi. Default 'vi'. */
  lang?: Lang;
  theme?: ThemeName;
  /** Default false: charts are deterministic unless the page asks for animation. */
  animation?: boolean;
  /** Default true (web); the server renderer forces false. */
  responsive?: boolean;
  /** Decimals in tooltips. Default 2. */
  digits?: number;
  /** Sector names from the scenario, for labels. */
  names?: Readonly<Record<string, LocalizedText>>;
}

export interface ViewChartOptions extends CommonChartOptions {
  /** Default 'quarterly'. */
  view?: ChartView;
}
