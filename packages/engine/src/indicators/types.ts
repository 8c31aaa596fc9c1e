import type { LocalizedText, Vintage } from '../scenario/types.ts';

/** The plan's three groups of main indicators (chỉ tiêu kinh tế, xã hội, môi trường). */
export type IndicatorCategory = 'economic' | 'social' | 'environment';
export const INDICATOR_CATEGORIES: readonly IndicatorCategory[] = ['economic', 'social', 'environment'];

/** Which way is better: a higher figure (exports) or a lower one (unemployment, a rank). */
export type Better = 'higher' | 'lower';

/**
 * The period a target is about.
 * - `year`: one year ("năm 2023").
 * - `final`: the plan's final year ("đến năm 2030"); earlier years show the way but are provisional.
 * - `average`: the mean of the years `from..to` ("bình quân 5 năm"), geometric for growth rates.
 * - `total`: the sum of the years `from..to` ("tổng … 5 năm").
 */
export type IndicatorPeriod =
  | { kind: 'year'; year: number }
  | { kind: 'final'; year: number }
  | { kind: 'average'; from: number; to: number; mean: 'arithmetic' | 'geometric' }
  | { kind: 'total'; from: number; to: number };

/**
 * The default tolerance of "khoảng" (about): ±5 % of the target. A figure within it meets the target; above it
 * exceeds (or falls short, when lower is better). A file may set its own `tolerance` (% of the target).
 */
export const ABOUT_TOLERANCE_PERCENT = 5;

/**
 * A target and its qualifier, as printed:
 * - `band` "60,52 - 62,03": low ≤ x ≤ high;
 * - `atLeast` "từ 11% trở lên", "tối thiểu": x ≥ value;
 * - `above` "trên 50%": x > value;
 * - `atMost` "không quá": x ≤ value;
 * - `below` "dưới 3,6%": x < value;
 * - `about` "khoảng 8 triệu": |x − value| ≤ tolerance % of value;
 * - `reach` "đạt 42%", "là 1.170": value or better (≥ when higher is better, ≤ when lower is);
 * - `maintain` "duy trì 100%": keep at least the level (at most, when lower is better);
 * - `averageAnnualChange` "giảm bình quân 1 - 1,2%/năm": the level moves by [low, high] a year on average from
 *   the base year (the year before the period), in percentage points (`pp`) or per cent of the level (`percent`);
 * - `rank` "xếp hạng 11/34": a place of `of`, 1 is best; the given place or better.
 */
export type IndicatorTarget =
  | { kind: 'band'; low: number; high: number }
  | { kind: 'atLeast' | 'above' | 'atMost' | 'below' | 'reach' | 'maintain'; value: number }
  | { kind: 'about'; value: number; tolerancePercent: number }
  | {
      kind: 'averageAnnualChange';
      low: number;
      high: number;
      direction: 'increase' | 'decrease';
      unit: 'pp' | 'percent';
      /** The level of the base year, when the file gives it; otherwise an actual of that year is used. */
      base?: { year: number; value: number };
    }
  | { kind: 'rank'; rank: number; of: number };

export type IndicatorTargetKind = IndicatorTarget['kind'];
export const INDICATOR_TARGET_KINDS: readonly IndicatorTargetKind[] = [
  'band',
  'atLeast',
  'above',
  'atMost',
  'below',
  'about',
  'reach',
  'maintain',
  'averageAnnualChange',
  'rank',
];

/** A responsible or cooperating body (cơ quan chủ trì / phối hợp). */
export interface Department {
  id: string;
  name: LocalizedText;
}

/** One reported figure of an indicator for a year. */
export interface IndicatorActual {
  year: number;
  value: number;
  vintage: Vintage;
  /** YYYY-MM-DD */
  published?: string;
  source?: string;
  note?: string;
}

/**
 * GRDP per capita derived from two other indicators of the same file: GRDP at current prices (billion VND) ÷
 * average population (persons), converted to `unit`; USD needs the exchange rate (VND per USD).
 */
export interface PerCapitaDerivation {
  kind: 'grdpPerCapita';
  grdp: string;
  population: string;
  unit: PerCapitaUnit;
  vndPerUsd?: number;
}
export type PerCapitaUnit = 'million VND' | 'thousand VND' | 'VND' | 'USD';

export interface Indicator {
  id: string;
  /** The printed number within its group: (2) → 2. */
  no: number;
  /** A part of a numbered indicator that lists several figures: 12a, 12b … */
  part?: string;
  /** Listed as a main indicator (chỉ tiêu chủ yếu); false for targets named only elsewhere in the plan. */
  main: boolean;
  category: IndicatorCategory;
  name: LocalizedText;
  unit: LocalizedText;
  period: IndicatorPeriod;
  target: IndicatorTarget;
  better: Better;
  /** The target as printed. */
  printed: string;
  /** Where it is printed (section and item). */
  source: string;
  department?: string;
  cooperating: string[];
  /** A growth actual of the scenario's full year (`total` or a sector id) counts as this indicator's actual. */
  grdpKey?: string;
  derive?: PerCapitaDerivation;
  actuals: IndicatorActual[];
  note?: string;
}

/** The indicators of a scenario or plan file, with the bodies they name. */
export interface IndicatorSet {
  departments: Department[];
  indicators: Indicator[];
}
