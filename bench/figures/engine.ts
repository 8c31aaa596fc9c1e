/**
 * engine.evaluate.*: the An Giang low path through the engine's exact `evaluate` (what every table, the API, the
 * CLI and the web use), against a float64 evaluate written for the same outputs, measured interleaved in rounds
 * in one run; and the decimal.js path (the oracle the exact path is proven against) as a reference.
 */
import { decimalOps, evaluate, evaluateExact, evaluateUnchecked } from '@grdp/engine';
import { measure, measureInterleaved } from '../measure.ts';
import { type AreaResult, goalFigure, referenceFigure, type SuiteOptions } from '../types.ts';
import { anGiang, evaluateInput } from './common.ts';
import { evaluateFloat64 } from './evaluate-float64.ts';

export async function engineFigures(options: SuiteOptions = {}): Promise<AreaResult> {
  const smoke = options.smoke ?? false;
  const input = evaluateInput(anGiang());
  const path = evaluateExact(input).arithmetic;
  // What is measured is checked first: the exact path equals decimal.js bit for bit, float64 is close.
  const exact = evaluate(input);
  const oracle = evaluateUnchecked(input, decimalOps);
  const float = evaluateFloat64(input);
  let identical = true;
  let floatWorst = 0;
  for (const [period, result] of Object.entries(exact.periods) as [
    keyof typeof exact.periods,
    (typeof exact.periods)['FY'],
  ][]) {
    const cells = [['total', result.total] as const, ...Object.entries(result.sectors)];
    for (const [key, cell] of cells) {
      const o = key === 'total' ? oracle.periods[period].total : oracle.periods[period].sectors[key]!;
      const f = key === 'total' ? float.periods[period].total : float.periods[period].sectors[key]!;
      for (const field of Object.keys(cell) as (keyof typeof cell)[]) {
        if (!Object.is(cell[field], o[field])) identical = false;
        const a = cell[field] ?? 0;
        const b = f[field] ?? 0;
        const scale = Math.max(Math.abs(a), 1e-300);
        floatWorst = Math.max(floatWorst, Math.abs(a - b) / scale);
      }
    }
  }
  if (!identical) throw new Error('the exact evaluate differs from decimal.js');
  const both = measureInterleaved(
    { exact: () => evaluate(input), float64: () => evaluateFloat64(input) },
    smoke ? { rounds: 2, batch: 20 } : { rounds: 40, batch: 2000 },
  );
  const exactHz = 1000 / both.mean.exact!;
  const decimal = await measure('evaluate decimal.js', () => evaluateUnchecked(input, decimalOps), {
    time: smoke ? 20 : 2000,
  });
  const { median, min, max } = both.ratio;
  return {
    figures: [
      referenceFigure('engine.evaluate.exact', exactHz, 'evaluations/s', {
        note: `An Giang low path, 4 sectors × 7 periods, every cell; \`evaluate\` as production calls it (input checks included), which took the ${path} path`,
      }),
      goalFigure(
        'engine.evaluate.exact-vs-float64',
        median,
        '× (exact time ÷ float64 time)',
        '≤ 1.5',
        (v) => v <= 1.5,
        {
          note: `median over ${both.rounds} interleaved rounds (order flipped every round), range ${min.toFixed(2)}–${max.toFixed(2)}; float64 is bench/figures/evaluate-float64.ts, the same outputs in plain doubles (${Math.round(1000 / both.mean.float64!).toLocaleString('en')} evaluations/s)`,
        },
      ),
      referenceFigure('engine.evaluate.decimal', decimal.hz, 'evaluations/s', {
        note: 'the same evaluation on decimal.js (40 digits), the oracle of the exact path in the tests; no production path runs it unless an input does not fit scaled integers',
      }),
    ],
    checks: {
      'engine.evaluate.path': path,
      'engine.evaluate.exact-equals-decimal': identical,
      'engine.evaluate.float64-max-relative-difference': floatWorst,
    },
    notes: [
      'Evaluate: one evaluation is all 7 periods × (total + 4 sectors) of level, growth, contribution and shares for ' +
        'the An Giang low path. The exact path runs on scaled integers held in float64 (packages/engine/src/numeric/' +
        'scaled.ts): every output is one correctly rounded division of two exact integers, bit for bit what decimal.js ' +
        'gives (a fast-check property in packages/engine/src/evaluate/scaled.test.ts). Inputs that do not fit take ' +
        'decimal.js; `evaluateExact` says which path ran.',
    ],
  };
}
