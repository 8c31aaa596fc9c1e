/**
 * The backtest: every scenario-year of the history replayed as of Q1, H1 and 9M, with the probability each
 * model gave of reaching the year's low target, scored against what happened. The learned model is fitted
 * leaving the scored year out, so no scenario is scored by a model fitted on itself.
 */
import type { HistoryRecord } from '../history/schema.ts';
import { QUARTERS } from '../periods.ts';
import { closedFormOf } from '../simulate/closed-form.ts';
import type { SimulateInput } from '../simulate/types.ts';
import { applyErrorModel, type ModelName } from '../uncertainty/apply.ts';
import { type ErrorModel, type FitOptions, fitErrorModel } from '../uncertainty/fit.ts';
import { outcomeOf } from '../uncertainty/observations.ts';

export const BACKTEST_POINTS = ['Q1', 'H1', '9M'] as const;
export type BacktestPoint = (typeof BACKTEST_POINTS)[number];
/** A probability is floored at this (and capped at 1 − it) in the log score: a stated certainty that fails costs ln 100. */
export const LOG_SCORE_FLOOR = 0.01;

export interface BacktestPrediction {
  record: string;
  region: string;
  year: number;
  asOf: BacktestPoint;
  /** The year's low target, the FY outcome (latest vintage) and whether it reached the target. */
  target: number;
  outcome: number;
  hit: boolean;
  /** Growth to date the replay started from (cumulative, first published figure). */
  toDate: number;
  probability: number;
}

export interface ReliabilityBin {
  /** Stated probabilities in [from, to) (the last bin includes 1). */
  from: number;
  to: number;
  predictions: number;
  /** Mean stated probability and share that came true (null: empty bin). */
  meanProbability: number | null;
  observedFrequency: number | null;
}

export interface ModelScore {
  predictions: number;
  /** Mean (p − outcome)², 0 best. */
  brier: number;
  /** Mean −ln(probability given to what happened), probabilities floored at LOG_SCORE_FLOOR; 0 best. */
  logScore: number;
  reliability: ReliabilityBin[];
}

export interface BacktestMiss extends BacktestPrediction {
  model: ModelName;
  /** |probability − outcome|. */
  miss: number;
}

export interface BacktestReport {
  /** Scenario-years replayed (a record with an FY outcome and at least one replayable point). */
  scenarioYears: number;
  crossValidation: 'leave-one-year-out' | 'none';
  models: Record<ModelName, ModelScore>;
  predictions: Record<ModelName, BacktestPrediction[]>;
  /** The worst misses of each model, worst first. */
  misses: BacktestMiss[];
  /** Points that could not be replayed, and why. */
  skipped: { record: string; asOf: BacktestPoint | null; reason: string }[];
}

export interface BacktestOptions {
  models?: readonly ModelName[];
  /** Fit the learned model leaving the scored year out (default true). */
  crossValidate?: boolean;
  /** Misses reported per model (default 5). */
  misses?: number;
  /** How the learned model is fitted (default: `fitErrorModel`'s defaults). */
  fit?: FitOptions;
}

const mean = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;

/** Growth to date as of a point (first published figures): the cumulative figure, or the mean of the quarters. */
function toDate(record: HistoryRecord, k: number): number | null {
  const cumulative = outcomeOf(record, (['Q1', 'H1', '9M'] as const)[k - 1]!, 'first');
  if (cumulative) return cumulative.value;
  const quarters = QUARTERS.slice(0, k).map((q) => outcomeOf(record, q, 'first')?.value);
  if (quarters.every((v) => v !== undefined)) return mean(quarters as number[]);
  if (k === 3) {
    const h1 = outcomeOf(record, 'H1', 'first');
    const q3 = outcomeOf(record, 'Q3', 'first');
    if (h1 && q3) return (2 * h1.value + q3.value) / 3;
  }
  return null;
}

/**
 * The replay input as of quarter k: one series with equal quarterly weights (the base levels behind the
 * published figures are not in the history), the k known quarters at the growth to date, and each later
 * quarter's band from the latest scenario based on at most k quarters that gives it.
 */
export function replayInput(record: HistoryRecord, k: number): { input: SimulateInput; toDate: number } | string {
  const known = toDate(record, k);
  if (known === null) return `no published growth to date as of ${BACKTEST_POINTS[k - 1]}`;
  const low: number[] = [];
  const high: number[] = [];
  for (let q = k; q < 4; q++) {
    const quarter = QUARTERS[q]!;
    const candidates = record.scenarios
      .map((s, i) => ({ s, i, based: s.basedOn === null ? 0 : QUARTERS.indexOf(s.basedOn) + 1 }))
      .filter(({ s, based }) => based <= k && s.quarters[quarter] !== undefined)
      .sort((a, b) => b.based - a.based || b.s.published.localeCompare(a.s.published) || b.i - a.i);
    const band = candidates[0]?.s.quarters[quarter];
    if (!band) return `no scenario for ${quarter} known as of ${BACKTEST_POINTS[k - 1]}`;
    low[q] = band[0];
    high[q] = band[1];
  }
  const actual = QUARTERS.map((_, q) => (q < k ? known : null));
  return {
    toDate: known,
    input: {
      sectors: ['grdp'],
      base: { grdp: [1, 1, 1, 1] },
      low: { grdp: [0, 1, 2, 3].map((q) => low[q] ?? known) as [number, number, number, number] },
      high: { grdp: [0, 1, 2, 3].map((q) => high[q] ?? known) as [number, number, number, number] },
      actual: { grdp: actual },
      fyTarget: { total: { low: record.target.low, high: record.target.high } },
    },
  };
}

/** P(FY ≥ low target) for a replay input under a model (closed form of the normal model). */
export function replayProbability(input: SimulateInput, k: number, model: 'band' | ErrorModel): number {
  const asOf = QUARTERS[k - 1]!;
  const modelled = model === 'band' ? { input, options: {} } : applyErrorModel(input, asOf, model);
  const cf = closedFormOf(modelled.input, modelled.options);
  return cf!.probabilities.total!.low;
}

/** Scores of a set of predictions: Brier, log score, reliability in ten bins. */
export function scorePredictions(predictions: readonly BacktestPrediction[]): ModelScore {
  const n = predictions.length;
  const o = (p: BacktestPrediction) => (p.hit ? 1 : 0);
  const clip = (p: number) => Math.min(1 - LOG_SCORE_FLOOR, Math.max(LOG_SCORE_FLOOR, p));
  const reliability: ReliabilityBin[] = [];
  for (let b = 0; b < 10; b++) {
    const from = b / 10;
    const to = (b + 1) / 10;
    const inBin = predictions.filter(
      (p) => p.probability >= from && (p.probability < to || (b === 9 && p.probability <= 1)),
    );
    reliability.push({
      from,
      to,
      predictions: inBin.length,
      meanProbability: inBin.length ? mean(inBin.map((p) => p.probability)) : null,
      observedFrequency: inBin.length ? mean(inBin.map(o)) : null,
    });
  }
  return {
    predictions: n,
    brier: n ? mean(predictions.map((p) => (p.probability - o(p)) ** 2)) : Number.NaN,
    logScore: n
      ? mean(predictions.map((p) => -Math.log(p.hit ? clip(p.probability) : 1 - clip(p.probability))))
      : Number.NaN,
    reliability,
  };
}

/**
 * Replays the history under each model and scores it.
 *
 * @example
 * const report = backtest(records);
 * report.models.learned.brier < report.models.band.brier
 */
export function backtest(records: readonly HistoryRecord[], options: BacktestOptions = {}): BacktestReport {
  const models = options.models ?? (['learned', 'band'] as const);
  const crossValidate = options.crossValidate ?? true;
  const skipped: BacktestReport['skipped'] = [];
  const fits = new Map<number | null, ErrorModel>();
  const fitFor = (year: number) => {
    const key = crossValidate ? year : null;
    if (!fits.has(key))
      fits.set(key, fitErrorModel(crossValidate ? records.filter((r) => r.year !== year) : records, options.fit));
    return fits.get(key)!;
  };
  const predictions = Object.fromEntries(models.map((m) => [m, [] as BacktestPrediction[]])) as Record<
    ModelName,
    BacktestPrediction[]
  >;
  const replayed = new Set<string>();
  for (const record of records) {
    const fy = outcomeOf(record, 'FY', 'latest');
    if (!fy) {
      skipped.push({ record: record.id, asOf: null, reason: 'no full-year outcome yet' });
      continue;
    }
    BACKTEST_POINTS.forEach((point, i) => {
      const k = i + 1;
      const replay = replayInput(record, k);
      if (typeof replay === 'string') {
        skipped.push({ record: record.id, asOf: point, reason: replay });
        return;
      }
      replayed.add(record.id);
      for (const m of models) {
        const probability = replayProbability(replay.input, k, m === 'band' ? 'band' : fitFor(record.year));
        predictions[m].push({
          record: record.id,
          region: record.region,
          year: record.year,
          asOf: point,
          target: record.target.low,
          outcome: fy.value,
          hit: fy.value >= record.target.low,
          toDate: replay.toDate,
          probability,
        });
      }
    });
  }
  const scores = Object.fromEntries(models.map((m) => [m, scorePredictions(predictions[m])])) as Record<
    ModelName,
    ModelScore
  >;
  const misses = models.flatMap((m) =>
    predictions[m]
      .map((p) => ({ ...p, model: m, miss: Math.abs(p.probability - (p.hit ? 1 : 0)) }))
      .sort((a, b) => b.miss - a.miss)
      .slice(0, options.misses ?? 5),
  );
  return {
    scenarioYears: replayed.size,
    crossValidation: crossValidate ? 'leave-one-year-out' : 'none',
    models: scores,
    predictions,
    misses,
    skipped,
  };
}

export * from './track-record.ts';
