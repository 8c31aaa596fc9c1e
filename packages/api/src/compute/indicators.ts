/**
 * The indicators answer (targets, figures by year, latest actual, status) for a scenario or a plan: the engine's
 * `indicatorRows` over the file's indicators, the entered revisions and, for a scenario, its full-year GRDP
 * actuals. The HTTP route, the CLI and the exports all call this one function.
 */
import {
  ABOUT_TOLERANCE_PERCENT,
  type Actual,
  type IndicatorActual,
  type IndicatorSet,
  indicatorRows,
  type LocalizedText,
} from '@grdp/engine';
import { type IndicatorActualRevision, toIndicatorActual } from '../repositories/indicators.ts';

export interface IndicatorsSource {
  id: string;
  title: LocalizedText;
  indicators?: IndicatorSet | undefined;
  /** A scenario's year and its (effective) actuals, for indicators linked to GRDP. */
  grdp?: { year: number; actuals: readonly Actual[] };
}

export function indicatorsOf(source: IndicatorsSource, entered: Record<string, IndicatorActual[]> = {}) {
  const set = source.indicators ?? { departments: [], indicators: [] };
  const rows = indicatorRows(set, { entered, ...(source.grdp ? { grdp: source.grdp } : {}) });
  return {
    id: source.id,
    title: source.title,
    aboutTolerancePercent: ABOUT_TOLERANCE_PERCENT,
    departments: set.departments,
    indicators: rows.map(({ indicator, figures, status }) => {
      const { actuals: _fileActuals, ...rest } = indicator;
      return { ...rest, figures, status };
    }),
  };
}

export type IndicatorsAnswer = ReturnType<typeof indicatorsOf>;

/** Entered revisions grouped by indicator id (the engine takes the last revision of a year). */
export function enteredByIndicator(revisions: readonly IndicatorActualRevision[]): Record<string, IndicatorActual[]> {
  const out: Record<string, IndicatorActual[]> = {};
  for (const r of revisions) {
    const list = out[r.indicatorId] ?? [];
    list.push(toIndicatorActual(r));
    out[r.indicatorId] = list;
  }
  return out;
}
