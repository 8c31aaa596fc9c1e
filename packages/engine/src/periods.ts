/**
 * Periods of a growth scenario: four quarters (each against the same quarter of the base year) and three
 * cumulative periods (6 months, 9 months, full year), with the quarters each covers and vi/en labels.
 */
export const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;
export type Quarter = (typeof QUARTERS)[number];

export const CUMULATIVE_PERIODS = ['H1', '9M', 'FY'] as const;
export type CumulativePeriod = (typeof CUMULATIVE_PERIODS)[number];

export type Period = Quarter | CumulativePeriod;

/** All periods in the order a published scenario prints them. */
export const PERIODS: readonly Period[] = ['Q1', 'Q2', 'H1', 'Q3', '9M', 'Q4', 'FY'];

/** Quarter indices (0-based) covered by each period. */
export const PERIOD_QUARTERS: Readonly<Record<Period, readonly number[]>> = {
  Q1: [0],
  Q2: [1],
  Q3: [2],
  Q4: [3],
  H1: [0, 1],
  '9M': [0, 1, 2],
  FY: [0, 1, 2, 3],
};

export function isPeriod(value: unknown): value is Period {
  return typeof value === 'string' && Object.hasOwn(PERIOD_QUARTERS, value);
}

export function isQuarter(value: unknown): value is Quarter {
  return typeof value === 'string' && (QUARTERS as readonly string[]).includes(value);
}

/** The cumulative period that ends with quarter index k (0-based): 0 → Q1, 1 → H1, 2 → 9M, 3 → FY. */
export const CUMULATIVE_ENDING: readonly Period[] = ['Q1', 'H1', '9M', 'FY'];

export type Lang = 'vi' | 'en';

const LABELS: Record<Period, Record<Lang, string>> = {
  Q1: { vi: 'Quý I', en: 'Q1' },
  Q2: { vi: 'Quý II', en: 'Q2' },
  Q3: { vi: 'Quý III', en: 'Q3' },
  Q4: { vi: 'Quý IV', en: 'Q4' },
  H1: { vi: 'Lũy kế 6 tháng', en: 'First 6 months' },
  '9M': { vi: 'Lũy kế 9 tháng', en: 'First 9 months' },
  FY: { vi: 'Cả năm', en: 'Full year' },
};

/** A period's label: `periodLabel('H1', 'vi')` → "Lũy kế 6 tháng". */
export function periodLabel(period: Period, lang: Lang = 'en'): string {
  return LABELS[period][lang];
}
