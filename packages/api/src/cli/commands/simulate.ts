import { availableParallelism } from 'node:os';
import {
  formatPercent,
  MODEL_NAMES,
  type ModelName,
  PERIODS,
  periodLabel,
  QUANTILE_LEVELS,
  type QuantileName,
  simulationStreams,
  TOTAL,
} from '@grdp/engine';
import { closeSharedPools, sharedComputePool } from '../../compute/pool.ts';
import { type SimulateRequest, simulateOf } from '../../compute/run.ts';
import { simulateOnPool } from '../../compute/simulate.ts';
import type { Command, CommandContext } from '../command.ts';
import { CliError } from '../io.ts';
import { renderTable } from '../table.ts';
import { baseNote, label, num, printJson, SCENARIO_OPTION, scenarioArg, t } from './shared.ts';
import { asOfOption } from './track.ts';

/** `--series all|none|KEY,KEY…`: the keys whose period series are computed (the engine checks the keys). */
function seriesOption(ctx: CommandContext): 'all' | string[] | undefined {
  const v = ctx.values.series;
  if (v === undefined) return undefined;
  const text = String(v).trim();
  if (text === 'all') return 'all';
  if (text === 'none') return [];
  return text
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
}

/**
 * Streams from which the command runs a simulation on worker threads. Starting the workers (the API's compute
 * pool: the engine, the LP solver, Chart.js, the canvas) takes a few seconds, more than two threads save on a
 * couple of million draws; the API's pool is started once with the server, so the API splits from two streams.
 */
const CLI_WORKER_STREAMS = 16;

/**
 * The simulation: in this thread, or, when it is long (CLI_WORKER_STREAMS streams or more) and the machine has
 * more than one core, on worker threads (the API's pool, started for this command): the same answer either way.
 */
async function simulateHere(scenario: Parameters<typeof simulateOf>[0], request: SimulateRequest) {
  const threads = Math.min(availableParallelism(), 8);
  if (threads < 2 || request.draws === undefined || simulationStreams(request.draws).length < CLI_WORKER_STREAMS)
    return simulateOf(scenario, request);
  const pool = sharedComputePool({ threads, queue: 64, timeoutMs: 3_600_000 });
  try {
    return await simulateOnPool(pool, scenario, request);
  } finally {
    await closeSharedPools();
  }
}

/** A numeric option, checked to be a number (its range is the engine's to check). */
function numberOption(ctx: CommandContext, name: string, integer = false): number | undefined {
  const v = ctx.values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)))
    throw new CliError(`--${name} must be ${integer ? 'a whole number' : 'a number'}, not "${String(v)}"`);
  return n;
}

export const simulateCommand: Command = {
  name: 'simulate',
  summary: {
    en: 'Monte Carlo: the probability of reaching the FY targets, and the spread of every period',
    vi: 'mô phỏng Monte Carlo: xác suất đạt mục tiêu cả năm và độ phân tán của từng kỳ',
  },
  usage:
    'simulate FILE|--scenario ID [--model learned|band] [--draws N] [--seed N] [--as-of Q1|Q2|Q3] [--coverage 0.8] [--distribution normal|triangular] [--correlation 0.3] [--series all|none|KEY,…] [--json]',
  options: {
    draws: { type: 'string' },
    seed: { type: 'string' },
    coverage: { type: 'string' },
    distribution: { type: 'string' },
    correlation: { type: 'string' },
    'as-of': { type: 'string' },
    model: { type: 'string' },
    series: { type: 'string' },
    ...SCENARIO_OPTION,
  },
  async run(ctx) {
    const { scenario } = await scenarioArg(ctx);
    const distribution = ctx.values.distribution;
    if (distribution !== undefined && distribution !== 'normal' && distribution !== 'triangular')
      throw new CliError(`--distribution must be normal or triangular, not "${String(distribution)}"`);
    const model = ctx.values.model;
    if (model !== undefined && !MODEL_NAMES.includes(model as ModelName))
      throw new CliError(`--model must be learned or band, not "${String(model)}"`);
    const request: SimulateRequest = {};
    if (model !== undefined) request.model = model as ModelName;
    const draws = numberOption(ctx, 'draws', true);
    const seed = numberOption(ctx, 'seed', true);
    const coverage = numberOption(ctx, 'coverage');
    const correlation = numberOption(ctx, 'correlation');
    const asOf = asOfOption(ctx);
    if (draws !== undefined) request.draws = draws;
    if (seed !== undefined) request.seed = seed;
    if (coverage !== undefined) request.coverage = coverage;
    if (correlation !== undefined) request.correlation = correlation;
    if (distribution !== undefined) request.distribution = distribution;
    if (asOf !== undefined) request.asOf = asOf;
    // Only what is shown is computed: the text shows the total's quantiles unless --series names more.
    const series = seriesOption(ctx);
    if (series !== undefined) request.series = series;
    else if (!ctx.json) request.series = [TOTAL];
    const r = await simulateHere(scenario, request);
    if (ctx.json) {
      printJson(ctx, r);
      return 0;
    }

    const { lang } = ctx;
    const pct = (p: number | undefined) => formatPercent(p === undefined ? undefined : p * 100, lang, 1);
    if (r.base.note) ctx.io.out(baseNote(r.base.note, lang));
    ctx.io.out(
      t(
        lang,
        `${r.draws.toLocaleString('vi-VN')} lần rút, mầm ngẫu nhiên ${r.seed}, phân phối ${DISTRIBUTION_VI[r.distribution] ?? r.distribution}, độ phủ ${num(r.coverage, lang)}; số thực hiện cố định đến ${r.asOf ? periodLabel(r.asOf, lang) : '–'}`,
        `${r.draws} draws, seed ${r.seed}, ${r.distribution} distribution, coverage ${num(r.coverage, lang)}; actuals fixed up to ${r.asOf ?? '–'}`,
      ),
    );
    ctx.io.out(
      r.model === 'learned'
        ? t(
            lang,
            'Mô hình bất định: học từ các kịch bản đã qua (docs/model.md)',
            'Uncertainty model: learned from past scenarios (docs/model.md)',
          )
        : t(lang, 'Mô hình bất định: chỉ theo khoảng của kịch bản (80%)', 'Uncertainty model: the bands alone (80%)'),
    );
    const exact = r.closedForm?.probabilities;
    ctx.io.out(
      `\n${t(lang, 'Xác suất đạt mục tiêu cả năm (mô phỏng | công thức)', 'Probability of reaching the FY target (simulated | closed form)')}`,
    );
    ctx.io.out(
      renderTable(
        [
          { header: t(lang, 'Chỉ tiêu', 'Key') },
          { header: t(lang, 'Mục tiêu thấp', 'FY low'), align: 'right' },
          { header: t(lang, 'P(≥ thấp)', 'P(≥ low)'), align: 'right' },
          { header: t(lang, 'Công thức', 'Closed form'), align: 'right' },
          { header: t(lang, 'Mục tiêu cao', 'FY high'), align: 'right' },
          { header: t(lang, 'P(≥ cao)', 'P(≥ high)'), align: 'right' },
          { header: t(lang, 'Công thức', 'Closed form'), align: 'right' },
        ],
        Object.entries(r.probabilities).map(([key, p]) => [
          label(scenario, key, lang),
          num(p.targetLow, lang),
          pct(p.low),
          pct(exact?.[key]?.low),
          num(p.targetHigh, lang),
          pct(p.high),
          pct(exact?.[key]?.high),
        ]),
      ),
    );
    const names = Object.keys(QUANTILE_LEVELS) as QuantileName[];
    for (const key of r.keys.filter((k) => r.periods.FY[k] !== undefined)) {
      ctx.io.out(
        `\n${t(lang, `Phân vị tăng trưởng ${label(scenario, key, lang)} theo kỳ, %`, `Quantiles of ${label(scenario, key, lang)} growth by period, %`)}`,
      );
      ctx.io.out(
        renderTable(
          [
            { header: t(lang, 'Kỳ', 'Period') },
            { header: t(lang, 'Trung bình', 'Mean'), align: 'right' },
            { header: t(lang, 'Độ lệch chuẩn', 'SD'), align: 'right' },
            ...names.map((q) => ({ header: q, align: 'right' as const })),
          ],
          PERIODS.map((period) => {
            const s = r.periods[period][key]!;
            return [
              periodLabel(period, lang),
              num(s.mean, lang),
              num(s.sd, lang),
              ...names.map((q) => num(s.quantiles[q], lang)),
            ];
          }),
        ),
      );
    }
    const total = r.trackRecord[TOTAL];
    if (total) ctx.io.out(`\n${total.text[lang]}`);
    return 0;
  },
};

/** The simulator's distributions in Vietnamese. */
const DISTRIBUTION_VI: Record<string, string> = { normal: 'chuẩn', triangular: 'tam giác' };
