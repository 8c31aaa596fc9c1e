/**
 * The errors the learned model is fitted on: for every published quarterly scenario and every quarter it gives,
 * the outcome minus the scenario's mid-band, with its horizon (quarters ahead of the last actual the scenario
 * was based on).
 */
import type { HistoryOutcome, HistoryRecord, OutcomeVintage } from '../history/schema.ts';
import { QUARTERS, type Quarter } from '../periods.ts';

/** Which outcome a scenario is scored against: the first published figure, or the latest (official > revised). */
export type VintageChoice = 'first' | 'latest';

const ORDER: Record<VintageChoice, OutcomeVintage[]> = {
  first: ['estimate', 'revised', 'official'],
  latest: ['official', 'revised', 'estimate'],
};

/** The outcome of a period in the chosen vintage (undefined: not published). */
export function outcomeOf(
  record: HistoryRecord,
  period: HistoryOutcome['period'],
  vintage: VintageChoice,
): HistoryOutcome | undefined {
  for (const v of ORDER[vintage]) {
    const o = record.outcomes.find((x) => x.period === period && x.vintage === v);
    if (o) return o;
  }
  return undefined;
}

export interface ErrorObservation {
  record: string;
  year: number;
  /** Index of the scenario version in the record. */
  scenario: number;
  quarter: Quarter;
  /** Quarters ahead of the last actual the scenario was based on: 1..4. */
  horizon: number;
  mid: number;
  halfWidth: number;
  outcome: number;
  vintage: OutcomeVintage;
  /** outcome − mid, pp. */
  error: number;
}

/** Every (scenario version, quarter) with a published quarterly outcome, in record order. */
export function errorObservations(
  records: readonly HistoryRecord[],
  vintage: VintageChoice = 'latest',
): ErrorObservation[] {
  const out: ErrorObservation[] = [];
  for (const r of records)
    r.scenarios.forEach((s, i) => {
      const after = s.basedOn === null ? 0 : QUARTERS.indexOf(s.basedOn) + 1;
      for (const q of QUARTERS) {
        const band = s.quarters[q];
        const o = outcomeOf(r, q, vintage);
        if (!band || !o) continue;
        const mid = (band[0] + band[1]) / 2;
        out.push({
          record: r.id,
          year: r.year,
          scenario: i,
          quarter: q,
          horizon: QUARTERS.indexOf(q) + 1 - after,
          mid,
          halfWidth: (band[1] - band[0]) / 2,
          outcome: o.value,
          vintage: o.vintage,
          error: o.value - mid,
        });
      }
    });
  return out;
}
