/** The periods of the actuals table and how they add up (shared by the decimal and the scaled-integer path). */
import { PERIOD_QUARTERS, PERIODS, type Period } from '../periods.ts';

/** A period of the actuals table: the seven published periods and H2 (Q3 and Q4 together), derived only. */
export type ActualPeriod = Period | 'H2';

/** Every period of the table in print order, H2 last. */
export const ACTUAL_PERIODS: readonly ActualPeriod[] = [...PERIODS, 'H2'];

export const COVERS: Readonly<Record<ActualPeriod, readonly number[]>> = { ...PERIOD_QUARTERS, H2: [2, 3] };

/** sum = a + b in levels, hence g_sum·B_sum = g_a·B_a + g_b·B_b in growth terms. */
export const TRIPLES: readonly (readonly [ActualPeriod, ActualPeriod, ActualPeriod])[] = [
  ['H1', 'Q1', 'Q2'],
  ['9M', 'H1', 'Q3'],
  ['FY', '9M', 'Q4'],
  ['H2', 'Q3', 'Q4'],
  ['FY', 'H1', 'H2'],
];
