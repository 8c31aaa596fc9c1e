/**
 * The BENCHMARKS.md section on the uncertainty model's track record: not a speed figure, so only a pointer to
 * docs/model.md with the headline scores, read from the engine's generated table (they cannot drift).
 */
import { TRACK_RECORD } from '@grdp/engine';

export function uncertaintyBacktestSection(): string[] {
  const t = TRACK_RECORD;
  const f = (x: number) => x.toFixed(3);
  return [
    '## Uncertainty model backtest',
    '',
    `Cross-validated (leave-one-year-out) on ${t.scenarioYears} past scenario-years, ${t.predictions} replays as of Q1, H1 and 9M: Brier score ${f(t.brier.learned)} for the learned model against ${f(t.brier.band)} for the band-only model; log score ${f(t.logScore.learned)} against ${f(t.logScore.band)} (lower is better). Reliability tables, worst misses and the fitted figures: [docs/model.md](docs/model.md). \`grdp backtest\` reproduces them.`,
    '',
  ];
}
