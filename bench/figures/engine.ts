/** engine.evaluate.*: the An Giang tables on the exact (decimal) path and on float64, in the same run. */
import { evaluate, floatOps } from '../../packages/engine/src/index.ts';
import { measure } from '../measure.ts';
import { type AreaResult, goalFigure, referenceFigure, type SuiteOptions } from '../types.ts';
import { anGiang, evaluateInput } from './common.ts';

export async function engineFigures(options: SuiteOptions = {}): Promise<AreaResult> {
  const input = evaluateInput(anGiang());
  const time = options.smoke ? 20 : 2000;
  const decimal = await measure('evaluate decimal', () => evaluate(input), { time });
  const float = await measure('evaluate float', () => evaluate(input, { ops: floatOps }), { time });
  const ratio = float.hz / decimal.hz;
  return {
    figures: [
      referenceFigure('engine.evaluate.decimal', decimal.hz, 'evaluations/s', {
        note: 'An Giang low path, 4 sectors × 7 periods, decimal.js (40 digits)',
      }),
      referenceFigure('engine.evaluate.float', float.hz, 'evaluations/s', {
        note: 'the same formulas with floatOps (float64)',
      }),
      goalFigure('engine.evaluate.ratio', ratio, '× (float ÷ decimal)', '≤ 20×', (v) => v <= 20, {
        note: 'how many times faster float64 is than the exact path; the float fast path is used by the simulator',
      }),
    ],
    notes: [
      'Evaluate: one evaluation is all 7 periods × (total + 4 sectors) of level, growth, contribution and shares ' +
        'for the An Giang low path, input checks included. The exact path (decimal.js) is what every table, the ' +
        'API and the CLI use; float64 is used only by the simulator, which does not call `evaluate` at all (it ' +
        'reduces each period to fixed linear weights, `periodWeights`, once per plan).',
    ],
  };
}
