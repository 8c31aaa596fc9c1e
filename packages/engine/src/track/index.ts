/**
 * Tracking: where each actual figure stands against its band, how far from the nearest edge, which sectors
 * make up the total's gap, and the growth the rest of the year needs.
 */
import { type ActualFigure, type ActualFinding, actualTable, findFigure, latestQuarter } from '../actuals/index.ts';
import type { BaseTable } from '../base/index.ts';
import { fail } from '../errors.ts';
import { evaluate } from '../evaluate/index.ts';
import { exactDiff, exactSum } from '../numeric/scaled.ts';
import { isPeriod, isQuarter, PERIOD_QUARTERS, type Period, QUARTERS, type Quarter } from '../periods.ts';
import { requiredGrowth } from '../required/index.ts';
import type { BandSide } from '../scenario/bands.ts';
import { componentIds } from '../scenario/sectors.ts';
import { type QuarterValues, type Scenario, TOTAL } from '../scenario/types.ts';

export type TrackState = 'below' | 'within' | 'above';

/** The total's gap split by sector: contribution at the actual minus contribution on the nearest-edge path. */
export interface GapContributions {
  /** The edge the gap is measured to. */
  edge: BandSide;
  /** pp by top-level sector; they add up to the gap measured from the sectors' path. */
  bySector: Record<string, number>;
  /** gapPp − Σ bySector: the difference between the total band and the total of the sectors' edge path. */
  residualPp: number;
}

export interface TrackStatus {
  period: Period;
  key: string;
  actual: number;
  low: number;
  high: number;
  status: TrackState;
  /** Distance to the nearest edge, pp: 0 within, negative below, positive above. */
  gapPp: number;
  derived: boolean;
  /** Total only, outside the band, when every top-level sector has an actual for the period and a path. */
  gapContributions?: GapContributions;
}

export interface TrackResult {
  /** The last quarter the actuals reach (or the one asked for); null without actuals. */
  asOf: Quarter | null;
  status: TrackStatus[];
  /** Growth every remaining quarter needs for FY to reach the low / high edge, by key (null: cannot be computed). */
  required: { low: Record<string, number | null>; high: Record<string, number | null> };
  /** Disagreements between published actuals (see `actualTable`). */
  findings: ActualFinding[];
}

export interface TrackOptions {
  asOf?: Quarter;
}

/**
 * For every period up to `asOf` and every key with an actual and a band: below, within or above, and the gap to
 * the nearest edge; for the total outside its band, each sector's part of the gap; and the one rate the remaining
 * quarters need to reach the FY low and high edge (see `requiredGrowth`).
 *
 * @example
 * // Q1 total 3.4 % against [3.8, 4.8]: below, gap −0.4 pp; agriculture +0.2 pp and industry −0.6 pp of it.
 * track(scenario, base).status[0] // { period: 'Q1', key: 'total', status: 'below', gapPp: -0.4, ... }
 */
export function track(
  scenario: Pick<Scenario, 'sectors' | 'targets' | 'actuals'>,
  base: Readonly<BaseTable>,
  options: TrackOptions = {},
): TrackResult {
  if (options.asOf !== undefined && !isQuarter(options.asOf))
    fail('INPUT_UNKNOWN_PERIOD', 'asOf', `asOf is one of Q1..Q4, not ${String(options.asOf)}`);
  const table = actualTable(scenario, base);
  const asOf = options.asOf ?? latestQuarter(table);
  const m = asOf === null ? 0 : QUARTERS.indexOf(asOf) + 1;

  const status: TrackStatus[] = [];
  for (const figure of table.figures) {
    if (!isPeriod(figure.period)) continue; // H2 has no band
    const period = figure.period;
    const covers = PERIOD_QUARTERS[period];
    if (covers[covers.length - 1]! >= m) continue;
    const band = scenario.targets[period]?.[figure.key];
    if (!band) continue;
    // A number's order is its decimal's order; the gap is the exact decimal difference, correctly rounded.
    const actual = figure.value;
    const state: TrackState = actual < band.low ? 'below' : actual > band.high ? 'above' : 'within';
    const gap = state === 'below' ? exactDiff(actual, band.low) : state === 'above' ? exactDiff(actual, band.high) : 0;
    const entry: TrackStatus = {
      period,
      key: figure.key,
      actual: figure.value,
      low: band.low,
      high: band.high,
      status: state,
      gapPp: gap,
      derived: figure.derived,
    };
    if (figure.key === TOTAL && state !== 'within') {
      const edge = state === 'below' ? 'low' : 'high';
      const split = gapContributions(scenario, base, table.figures, period, edge, [actual, -band[edge]]);
      if (split) entry.gapContributions = split;
    }
    status.push(entry);
  }

  const required = requiredGrowth(scenario, base, { asOf, table });
  const pick = (side: BandSide) =>
    Object.fromEntries(Object.entries(required[side]).map(([key, r]) => [key, r.uniform.growth]));
  return { asOf, status, required: { low: pick('low'), high: pick('high') }, findings: table.findings };
}

/**
 * Sector contributions (evaluate's `contributionPp`) in `period` at the actuals minus on the edge path. The edge
 * path is each sector's quarterly band edge, or its band for the period when a quarter is missing. A cumulative
 * actual g over a period is fed as g in each of its quarters: the period's level, hence its contribution, is the same.
 */
function gapContributions(
  scenario: Pick<Scenario, 'sectors' | 'targets'>,
  base: Readonly<BaseTable>,
  figures: readonly ActualFigure[],
  period: Period,
  edge: BandSide,
  /** The gap as terms to add exactly: [actual, −edge]. */
  gap: readonly number[],
): GapContributions | undefined {
  const ids = componentIds(scenario);
  const sectors = ids.map((id) => ({ id }));
  const actualGrowth: Record<string, QuarterValues> = {};
  const edgeGrowth: Record<string, QuarterValues> = {};
  for (const id of ids) {
    const figure = findFigure({ figures }, period, id);
    if (!figure) return undefined;
    actualGrowth[id] = [figure.value, figure.value, figure.value, figure.value];
    const covers = PERIOD_QUARTERS[period];
    const quarterly = covers.map((q) => scenario.targets[QUARTERS[q]!]?.[id]);
    const periodBand = scenario.targets[period]?.[id];
    if (quarterly.some((b) => b === undefined) && !periodBand) return undefined;
    const path: QuarterValues = [0, 0, 0, 0];
    covers.forEach((q, i) => {
      path[q] = (quarterly.every((b) => b !== undefined) ? quarterly[i]! : periodBand!)[edge];
    });
    edgeGrowth[id] = path;
  }
  const atActual = evaluate({ sectors, base, growth: actualGrowth }).periods[period].sectors;
  const atEdge = evaluate({ sectors, base, growth: edgeGrowth }).periods[period].sectors;
  const bySector: Record<string, number> = {};
  // residual = gap − Σ (actual − edge), all on the figures' decimal values, rounded once
  const terms: number[] = [...gap];
  for (const id of ids) {
    const a = atActual[id]!.contributionPp;
    const e = atEdge[id]!.contributionPp;
    bySector[id] = exactDiff(a, e);
    terms.push(-a, e);
  }
  return { edge, bySector, residualPp: exactSum(terms) };
}
