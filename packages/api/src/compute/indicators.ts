/**
 * The indicators answer (targets, figures by year, latest actual, status) for a scenario or a plan: the engine's
 * `indicatorRows` over the file's indicators, the entered revisions and, for a scenario, its full-year GRDP
 * actuals. The HTTP route, the CLI and the exports all call this one function.
 */
import {
  ABOUT_TOLERANCE_PERCENT,
  type Actual,
  CUMULATIVE_ENDING,
  type IndicatorActual,
  type IndicatorSet,
  indicatorRows,
  type LocalizedText,
  PERIODS,
  type Period,
  type Vintage,
} from '@grdp/engine';
import { type IndicatorActualRevision, toIndicatorActual } from '../repositories/indicators.ts';

export interface IndicatorsSource {
  id: string;
  title: LocalizedText;
  indicators?: IndicatorSet | undefined;
  /** A scenario's year and its (effective) actuals, for indicators linked to GRDP. */
  grdp?: { year: number; actuals: readonly Actual[] };
}

/** An entered figure of a quarter (Q1..Q4) or a cumulative part of the year (H1, 9M; Q1 is cumulative too). */
export interface IndicatorPeriodFigure {
  year: number;
  period: Exclude<Period, 'FY'>;
  value: number;
  vintage: Vintage;
  /** From the start of the year to the end of the period (Q1, H1, 9M). */
  cumulative: boolean;
}

/** Entered figures: the year figures (the engine's status reads them) and the quarterly and cumulative ones. */
export interface EnteredIndicators {
  years: Record<string, IndicatorActual[]>;
  periods: Record<string, IndicatorPeriodFigure[]>;
}

/**
 * "So far" (đến nay): the latest cumulative figure (9M, else H1, else Q1) of the latest year that has quarterly
 * figures but no year figure yet. Shown beside the status, which stays computed from year figures only.
 */
export function indicatorSoFar(
  periods: readonly IndicatorPeriodFigure[],
  yearsWithFigure: ReadonlySet<number>,
): IndicatorPeriodFigure | undefined {
  const open = periods.filter((p) => p.cumulative && !yearsWithFigure.has(p.year));
  const year = Math.max(...open.map((p) => p.year));
  return open
    .filter((p) => p.year === year)
    .sort((a, b) => CUMULATIVE_ENDING.indexOf(b.period) - CUMULATIVE_ENDING.indexOf(a.period))[0];
}

export function indicatorsOf(source: IndicatorsSource, entered: EnteredIndicators = { years: {}, periods: {} }) {
  const set = source.indicators ?? { departments: [], indicators: [] };
  const rows = indicatorRows(set, { entered: entered.years, ...(source.grdp ? { grdp: source.grdp } : {}) });
  return {
    id: source.id,
    title: source.title,
    aboutTolerancePercent: ABOUT_TOLERANCE_PERCENT,
    departments: set.departments,
    indicators: rows.map(({ indicator, figures, status }) => {
      const { actuals: _fileActuals, ...rest } = indicator;
      const periods = entered.periods[indicator.id] ?? [];
      const soFar = indicatorSoFar(periods, new Set(figures.map((f) => f.year)));
      return { ...rest, figures, periods, ...(soFar ? { soFar } : {}), status };
    }),
  };
}

export type IndicatorsAnswer = ReturnType<typeof indicatorsOf>;

/**
 * Entered revisions grouped by indicator id: the year (FY) figures as the engine reads them (it takes the last
 * revision of a year), and the quarterly and cumulative figures in year and period order.
 */
export function enteredByIndicator(revisions: readonly IndicatorActualRevision[]): EnteredIndicators {
  const years: Record<string, IndicatorActual[]> = {};
  const periods: Record<string, IndicatorPeriodFigure[]> = {};
  for (const r of revisions) {
    if (r.period === 'FY') {
      const list = years[r.indicatorId] ?? [];
      list.push(toIndicatorActual(r));
      years[r.indicatorId] = list;
      continue;
    }
    const list = periods[r.indicatorId] ?? [];
    list.push({
      year: r.year,
      period: r.period,
      value: r.value,
      vintage: r.vintage,
      cumulative: CUMULATIVE_ENDING.includes(r.period),
    });
    periods[r.indicatorId] = list;
  }
  for (const list of Object.values(periods))
    list.sort((a, b) => a.year - b.year || PERIODS.indexOf(a.period) - PERIODS.indexOf(b.period));
  return { years, periods };
}
