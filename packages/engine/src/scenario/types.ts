import type { IndicatorSet } from '../indicators/types.ts';
import type { Period } from '../periods.ts';

/** Vietnamese and English text. */
export interface LocalizedText {
  vi: string;
  en: string;
}

export interface Sector {
  id: string;
  name: LocalizedText;
  /** A part of another sector (industry within industry_construction): reported, never added into the total. */
  parent?: string;
}

/** Four quarterly levels, Q1..Q4. */
export type QuarterValues = [number, number, number, number];

export interface BaseLevels {
  /** e.g. "index, total = 100" or "billion VND, constant 2010 prices" */
  unit: string;
  /** official: published levels; implied: calibrated from the published table. */
  origin: 'official' | 'implied';
  /** Base-year level by sector id and quarter. Only top-level sectors and parts a file lists. */
  levels: Record<string, QuarterValues>;
  /** Provenance of merged levels: the predecessor provinces whose levels were added (`grdp merge`). */
  from?: BaseSource[];
}

/** One predecessor of a merged base: its scenario id, region and unit, and its annual size when it was an index. */
export interface BaseSource {
  id: string;
  region: string;
  unit: string;
  /** Annual base-year level in money, given for a predecessor whose levels were an index. */
  size?: number;
  source?: string;
}

/** Which version of a published scenario a file is: the initial table, or an adjustment of an earlier one. */
export interface ScenarioVersion {
  /** e.g. `initial`, `adjusted-2025-06` */
  label: string;
  /** ISO date (YYYY-MM-DD) the version was issued. */
  date?: string;
  note?: string;
  /** The label of the version this one adjusts. */
  adjusts?: string;
}

/**
 * A target as read: a band [low, high] or a single number (low = high). `printed` keeps the source text where it
 * differs from the number ("9,5", "3,54 - 3,49%"). A band printed with low > high is stored as [min, max] with
 * `inverted: true` (a warning at load time).
 */
export interface Band {
  low: number;
  high: number;
  printed?: string;
  inverted?: boolean;
}

/** `total` and sector ids. */
export type TargetRow = Record<string, Band>;

/** Period → key (`total` or a sector id) → band. Any period or cell may be missing. */
export type Targets = Partial<Record<Period, TargetRow>>;

export type Vintage = 'estimate' | 'revised' | 'official';
export const VINTAGES: readonly Vintage[] = ['estimate', 'revised', 'official'];

/** One published estimate of growth (%) for a period, against the same period of the base year. */
export interface Actual {
  period: Period;
  vintage: Vintage;
  /** ISO date (YYYY-MM-DD) */
  published?: string;
  source?: string;
  /** `total` and/or sector ids → growth % */
  values: Record<string, number>;
  note?: string;
}

export interface Scenario {
  id: string;
  title: LocalizedText;
  region: string;
  year: number;
  source: string;
  priceBasis: string;
  sectors: Sector[];
  base?: BaseLevels;
  targets: Targets;
  actuals: Actual[];
  notes?: string;
  /** The plan's main indicators and the departments they name (absent when the file lists none). */
  indicators?: IndicatorSet;
  version?: ScenarioVersion;
}

/** `total` is the key of the aggregate in every table. */
export const TOTAL = 'total';
