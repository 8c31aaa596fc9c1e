/**
 * The history of past scenarios and outcomes (scenarios/history/*.yaml), read once and checked by the engine,
 * and the backtest the API and the CLI report from it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backtest, checkHistory, type HistoryRecord, loadHistory, MODEL_NAMES, type ModelName } from '@grdp/engine';
import { REPO_ROOT } from './config.ts';

export const HISTORY_DIR = join(REPO_ROOT, 'scenarios', 'history');

/** Every history file of a directory, in file-name order; a bad file throws the engine's GrdpError naming it. */
export function readHistoryDir(dir: string = HISTORY_DIR): HistoryRecord[] {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  return [...checkHistory(files.map((f) => loadHistory(readFileSync(join(dir, f), 'utf8'), f)))];
}

let cached: HistoryRecord[] | undefined;
/** The repository's history, read on first use. */
export function history(): HistoryRecord[] {
  cached ??= readHistoryDir();
  return cached;
}

/**
 * The backtest as the API and `grdp backtest --json` give it: `{scenarioYears, crossValidation, models: {learned:
 * {predictions, brier, logScore, reliability}, band: {…}}, misses, skipped}` (the scored predictions are in
 * `predictions` by model). `models` lists the models to score (default both).
 */
export function backtestReport(records: readonly HistoryRecord[], models: readonly ModelName[] = MODEL_NAMES) {
  const report = backtest(records, { models });
  return {
    scenarioYears: report.scenarioYears,
    crossValidation: report.crossValidation,
    models: report.models,
    misses: report.misses,
    skipped: report.skipped,
    predictions: report.predictions,
  };
}
