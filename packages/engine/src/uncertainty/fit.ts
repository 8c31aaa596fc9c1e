/**
 * Fitting the learned error model: the distribution of outcome − scenario mid-band by horizon, shrunk toward
 * the pooled estimate where a horizon has few observations.
 */
import { GrdpError, issue } from '../errors.ts';
import type { HistoryRecord } from '../history/schema.ts';
import { type ErrorObservation, errorObservations, type VintageChoice } from './observations.ts';
import { fitStudentDf } from './student.ts';

export interface HorizonError {
  /** Quarters ahead of the last actual: 1..4. */
  horizon: number;
  /** Observations at this horizon, and the scenario-years they come from. */
  n: number;
  scenarioYears: number;
  /** The horizon's own mean and sd of the error (null: too few observations). */
  rawBias: number | null;
  rawSd: number | null;
  /**
   * After shrinkage toward the pooled estimate; the bias then kept only as far as the scenario-years show it
   * (× max(0, 1 − se²/bias²)), the sd never below a shorter horizon's.
   */
  bias: number;
  sd: number;
}

export interface ErrorModel {
  name: 'learned';
  /** The outcome the errors are measured against. */
  vintage: VintageChoice;
  /** Scenario-years and (scenario, quarter) errors the fit used. */
  scenarioYears: number;
  observations: number;
  /** Pseudo-observations of the pooled estimate added to each horizon (the shrinkage strength). */
  priorWeight: number;
  pooled: { n: number; bias: number; sd: number };
  horizons: HorizonError[];
  /** Correlation of consecutive quarters' standardised errors within one scenario (AR(1)), shrunk toward 0. */
  quarterCorrelation: number;
  /** Tail shape of the standardised errors: excess kurtosis and the maximum-likelihood Student-t ν (null: normal). */
  tails: { excessKurtosis: number; studentDf: number | null; logLikGain: number };
}

export interface FitOptions {
  vintage?: VintageChoice;
  /** Pseudo-observations of the pooled estimate per horizon (default 4). */
  priorWeight?: number;
  /**
   * `evidence` (default): keep the shrunk bias as far as the scenario-years show it; `shrunk`: keep it all;
   * `none`: no bias. docs/model.md compares the three in the backtest.
   */
  bias?: 'evidence' | 'shrunk' | 'none';
  /** Set the quarter-to-quarter correlation to 0 (for the comparison in docs/model.md). */
  independentQuarters?: boolean;
}

/** The smallest sd the model gives a quarter (pp): a published figure is itself rounded and revised. */
export const MIN_ERROR_SD = 0.1;

const mean = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;

/**
 * Fits the learned model on a history. Bias and variance per horizon are weighted averages of the horizon's own
 * figures (n observations) and the pooled ones (`priorWeight` pseudo-observations); the sd is then made
 * non-decreasing in the horizon. Throws INPUT_INVALID when fewer than three errors can be measured.
 *
 * @example
 * const model = fitErrorModel(records);
 * model.horizons[0].sd // spread of one-quarter-ahead errors, pp
 */
export function fitErrorModel(records: readonly HistoryRecord[], options: FitOptions = {}): ErrorModel {
  const vintage = options.vintage ?? 'latest';
  const k = options.priorWeight ?? 4;
  const obs = errorObservations(records, vintage);
  if (obs.length < 3)
    throw new GrdpError([issue('INPUT_INVALID', 'history', `${obs.length} measurable errors; the fit needs 3`)]);
  const errors = obs.map((o) => o.error);
  const pooledBias = mean(errors);
  const pooledVar = errors.reduce((a, e) => a + (e - pooledBias) ** 2, 0) / (errors.length - 1);
  const horizons: HorizonError[] = [];
  for (let h = 1; h <= 4; h++) {
    const es = obs.filter((o) => o.horizon === h).map((o) => o.error);
    const n = es.length;
    const m = n > 0 ? mean(es) : pooledBias;
    const ss = es.reduce((a, e) => a + (e - m) ** 2, 0);
    const shrunkBias = (n * m + k * pooledBias) / (n + k);
    const variance = (ss + k * pooledVar) / (Math.max(n - 1, 0) + k);
    const previous = horizons[h - 2]?.sd ?? MIN_ERROR_SD;
    const sd = Math.max(Math.sqrt(variance), previous, MIN_ERROR_SD);
    // Errors of one scenario-year move together, so the bias is known to ± sd/√(scenario-years); a bias is kept
    // only in the part the data show (positive-part James–Stein toward 0: factor 1 − se²/bias²).
    const years = new Set(obs.filter((o) => o.horizon === h).map((o) => o.record)).size;
    const se2 = (sd * sd) / Math.max(years, 1);
    const rule = options.bias ?? 'evidence';
    const keep =
      rule === 'none' || shrunkBias === 0
        ? 0
        : rule === 'shrunk'
          ? 1
          : Math.max(0, 1 - se2 / (shrunkBias * shrunkBias));
    horizons.push({
      horizon: h,
      n,
      scenarioYears: years,
      rawBias: n > 0 ? m : null,
      rawSd: n > 1 ? Math.sqrt(ss / (n - 1)) : null,
      bias: keep === 0 ? 0 : shrunkBias * keep,
      sd,
    });
  }
  const standardised = (o: ErrorObservation) => {
    const hz = horizons[o.horizon - 1]!;
    return (o.error - hz.bias) / hz.sd;
  };
  // consecutive quarters of one scenario version
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  let pairs = 0;
  for (const a of obs)
    for (const b of obs)
      if (a.record === b.record && a.scenario === b.scenario && b.horizon === a.horizon + 1) {
        const x = standardised(a);
        const y = standardised(b);
        sxy += x * y;
        sxx += x * x;
        syy += y * y;
        pairs++;
      }
  const rawRho = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
  const quarterCorrelation = options.independentQuarters
    ? 0
    : Math.min(0.9, Math.max(0, (rawRho * pairs) / (pairs + k)));
  const u = obs.map(standardised);
  const m2 = mean(u.map((x) => x * x));
  const m4 = mean(u.map((x) => x ** 4));
  const t = fitStudentDf(u);
  return {
    name: 'learned',
    vintage,
    scenarioYears: new Set(obs.map((o) => o.record)).size,
    observations: obs.length,
    priorWeight: k,
    pooled: { n: obs.length, bias: pooledBias, sd: Math.sqrt(pooledVar) },
    horizons,
    quarterCorrelation,
    tails: { excessKurtosis: m4 / (m2 * m2) - 3, studentDf: t.nu, logLikGain: t.logLikGain },
  };
}
