/**
 * The effective scenario: the file plus the actuals entered since (the API's revisions). What every computation,
 * chart and table sees; the API and the web both call this, never a copy of the rule.
 */
import type { Period } from '../periods.ts';
import type { Actual, Scenario, Vintage } from './types.ts';

/** The current entered revision of one period. */
export interface EnteredActual {
  period: Period;
  vintage: Vintage;
  values: Record<string, number>;
  author: string;
  note?: string | null;
}

/**
 * The overlay rule: for every period with an entered revision, the entered figures replace every actual the file
 * has for that period (the entered vintage counts, whatever the file's); the other periods keep the file's.
 * Entered figures get `source: "entered by <author>"`.
 *
 * @example
 * effectiveScenario(anGiang, [{ period: 'Q3', vintage: 'estimate', values: { total: 7.1 }, author: 'Phòng Tổng hợp' }])
 * // actuals: Q1, H1, FY from the file, then Q3 7,1 entered by Phòng Tổng hợp
 */
export function effectiveScenario<S extends Pick<Scenario, 'actuals'>>(
  scenario: S,
  entered: readonly EnteredActual[],
): S {
  if (entered.length === 0) return scenario;
  const overridden = new Set<Period>(entered.map((a) => a.period));
  const actuals: Actual[] = [
    ...scenario.actuals.filter((a) => !overridden.has(a.period)),
    ...entered.map((a) => ({
      period: a.period,
      vintage: a.vintage,
      values: a.values,
      source: `entered by ${a.author}`,
      ...(a.note !== null && a.note !== undefined && { note: a.note }),
    })),
  ];
  return { ...scenario, actuals };
}
