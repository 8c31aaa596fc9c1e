import type { Period } from '../periods.ts';
import type { QuarterValues } from '../scenario/types.ts';

export type SimulationDistribution = 'normal' | 'triangular';

export interface SimulateInput {
  /** Top-level sector ids (parts are not simulated: they do not add into the total). */
  sectors: readonly string[];
  /** Base-year levels by sector, Q1..Q4. */
  base: Readonly<Record<string, Readonly<QuarterValues>>>;
  /** Band paths (`bandPath(scenario, 'low' | 'high')`): growth % by sector and quarter. */
  low: Readonly<Record<string, Readonly<QuarterValues>>>;
  high: Readonly<Record<string, Readonly<QuarterValues>>>;
  /** Known quarterly growths % by sector, Q1..Q4 (null or missing: not known yet). Fixed in every draw. */
  actual?: Readonly<Record<string, readonly (number | null | undefined)[]>>;
  /** Full-year target bands for `total` and sectors: the probability of reaching low and high is reported. */
  fyTarget?: Readonly<Record<string, { low: number; high: number }>>;
  /**
   * Mean and sd of each free quarterly growth, by sector and quarter, overriding what the band implies (the band
   * mid and half-width ÷ z). Set by an uncertainty model (`learnedSpread`); null or missing: the band's.
   */
  spread?: {
    mean: Readonly<Record<string, readonly (number | null)[]>>;
    sd: Readonly<Record<string, readonly (number | null)[]>>;
  };
}

/** Correlation between every pair of sectors when the options name none. */
export const DEFAULT_SECTOR_CORRELATION = 0.3;

export interface SimulateOptions {
  /** Number of draws, 1..20,000,000 (default 100,000). */
  draws?: number;
  /** Any safe integer (default 1). */
  seed?: number;
  /** Probability inside the band, 0 < coverage < 1 (default 0.8). */
  coverage?: number;
  distribution?: SimulationDistribution;
  /** Between sectors: one number for every pair (default 0.3), or a full matrix in the order of `sectors`. */
  correlation?: number | readonly (readonly number[])[];
  /** Between consecutive quarters of one sector (AR(1): ρ^|q − q'|), −1..1 (default 0). */
  quarterCorrelation?: number;
  /**
   * The keys (`total` or sector ids) whose period series (mean, sd, quantiles) the result carries: `'all'`
   * (default), a list, or `[]` for the FY target probabilities alone. Only what is asked is computed: series
   * nobody needs are neither binned nor, when no other figure depends on them, evaluated, and `[]` runs the
   * fused probabilities-only kernel. What is computed does not depend on what else is asked (the fused kernel's
   * probabilities may differ only for a draw within float rounding of a target's edge).
   */
  series?: 'all' | readonly string[];
}

export const MAX_DRAWS = 20_000_000;
export const DEFAULT_DRAWS = 100_000;
export const HISTOGRAM_BINS = 8192;
/**
 * Draws per stream. A simulation of N draws runs streams 0, 1, … of the seed, STREAM_DRAWS draws each (the last
 * one shorter), merged in stream order: the result depends on the seed and N only, not on how many threads ran
 * the streams (`simulationStreams`).
 */
export const STREAM_DRAWS = 250_000;
/** A growth within this many pp of a target counts as reaching it (float rounding of fixed actuals). */
export const TARGET_TOLERANCE = 1e-9;

/** The quantiles reported for every series, by name. */
export const QUANTILE_LEVELS = { p5: 0.05, p10: 0.1, p25: 0.25, p50: 0.5, p75: 0.75, p90: 0.9, p95: 0.95 } as const;
export type QuantileName = keyof typeof QUANTILE_LEVELS;
export type Quantiles = Record<QuantileName, number>;

export interface SeriesSummary {
  mean: number;
  sd: number;
  quantiles: Quantiles;
}

export interface SimulatedSeries extends SeriesSummary {
  /** Histogram bin width (pp): the quantiles' resolution beyond sampling error. */
  resolution: number;
}

export interface TargetProbability {
  /** The FY target band. */
  targetLow: number;
  targetHigh: number;
  /** P(FY growth ≥ target low), P(FY growth ≥ target high). */
  low: number;
  high: number;
}

export interface SimulatedTargetProbability extends TargetProbability {
  /** Binomial standard errors √(p(1 − p)/n). */
  standardError: { low: number; high: number };
}

export interface SimulationResult {
  draws: number;
  seed: number;
  distribution: SimulationDistribution;
  coverage: number;
  /** `total` then the sectors. */
  keys: string[];
  /** By key with a FY target. */
  probabilities: Record<string, SimulatedTargetProbability>;
  /** Period → key (those asked for in `series`) → mean, sd and quantiles of the growth %. */
  periods: Record<Period, Record<string, SimulatedSeries>>;
  /** Exact results of the normal model (null for the triangular model, whose sums are not normal). */
  closedForm: {
    probabilities: Record<string, TargetProbability>;
    periods: Record<Period, Record<string, SeriesSummary>>;
  } | null;
}

/**
 * Everything a chunk needs, checked: plain data and typed arrays (structured-clone safe).
 * Series k = periodIndex · keys.length + keyIndex, periods in `PERIODS` order, keys `total` then sectors.
 */
export interface SimulationPlan {
  sectors: string[];
  keys: string[];
  periods: Period[];
  draws: number;
  seed: number;
  coverage: number;
  distribution: SimulationDistribution;
  /** Free (not actual) quarterly growths: their variable index sectorIndex · 4 + quarter. */
  freeVars: Int32Array;
  /** Mid of each free growth's band. */
  freeMid: Float64Array;
  /** Normal: sd. Triangular: half-width a of the support. */
  freeScale: Float64Array;
  /** n × n lower-triangular factor of the free growths' correlation; normal: rows already multiplied by sd. */
  chol: Float64Array;
  /**
   * The evaluation program. The work buffer has one row (of BATCH draws) per free growth, then one per series;
   * series k's values are in row seriesRow[k]: a free growth's row when the series is that growth (a sector's
   * quarter), its own row n + k otherwise. Series in `order` are computed as seriesConst[k] + Σ rowWeight ·
   * (buffer row rowIndex), entries rowStart[o]..rowStart[o + 1] for the o-th of `order`, chained the way the
   * periods nest: H1 from Q1 and Q2, 9M from H1 and Q3, FY from 9M and Q4, each total quarter from the
   * sectors' quarters. Series fixed by actuals (`isConstant`) hold seriesConst[k] throughout.
   */
  seriesRow: Int32Array;
  seriesConst: Float64Array;
  isConstant: Uint8Array;
  order: Int32Array;
  rowStart: Int32Array;
  rowIndex: Int32Array;
  rowWeight: Float64Array;
  /** Mean and sd of each series (exact for the normal model; the sd is approximate for the triangular). */
  seriesMean: Float64Array;
  seriesSd: Float64Array;
  /** Histogram range start and 1 / bin width (0 for a constant series). */
  histLow: Float64Array;
  histInvWidth: Float64Array;
  bins: number;
  /** The keys whose period series are reported (`SimulateOptions.series`), in the order of `keys`. */
  seriesKeys: string[];
  /** Per series: its histogram slot (0, 1, … in series order) when reported, −1 when not. */
  histSlot: Int32Array;
  /** FY targets: series index, bands and key. */
  targetKeys: string[];
  targetSeries: Int32Array;
  targetLow: Float64Array;
  targetHigh: Float64Array;
}

/** Mergeable counts from some draws. */
export interface SimulationChunk {
  draws: number;
  /** Reported series × bins counts (series with `histSlot` ≥ 0, in slot order). */
  histogram: Uint32Array;
  below: Float64Array;
  above: Float64Array;
  /** Σ (v − seriesMean) and Σ (v − seriesMean)² per series. */
  sum: Float64Array;
  sumSquares: Float64Array;
  reachLow: Float64Array;
  reachHigh: Float64Array;
}

/** A chunk with no draws: counts to add to. */
export function emptyChunk(plan: SimulationPlan): SimulationChunk {
  const nSeries = plan.seriesConst.length;
  const nT = plan.targetSeries.length;
  return {
    draws: 0,
    histogram: new Uint32Array(reportedSeries(plan) * plan.bins),
    below: new Float64Array(nSeries),
    above: new Float64Array(nSeries),
    sum: new Float64Array(nSeries),
    sumSquares: new Float64Array(nSeries),
    reachLow: new Float64Array(nT),
    reachHigh: new Float64Array(nT),
  };
}

/** How many series a plan reports (bins and moments). */
export function reportedSeries(plan: Pick<SimulationPlan, 'histSlot'>): number {
  let n = 0;
  for (const slot of plan.histSlot) if (slot >= 0) n++;
  return n;
}
