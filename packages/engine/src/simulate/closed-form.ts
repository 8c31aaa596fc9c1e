/** The closed form of the normal model without drawing: the same plan and formulas `simulate` reports. */
import { prepareSimulation } from './prepare.ts';
import { summarizeSimulation } from './summarize.ts';
import { emptyChunk, type SimulateInput, type SimulateOptions, type SimulationResult } from './types.ts';

/**
 * `simulate(input, options).closedForm` without the draws (null for the triangular model). Used where only the
 * exact probabilities are needed, e.g. the backtest's thousands of replays.
 */
export function closedFormOf(input: SimulateInput, options: SimulateOptions = {}): SimulationResult['closedForm'] {
  const plan = prepareSimulation(input, { ...options, draws: 1 });
  return summarizeSimulation(plan, emptyChunk(plan)).closedForm;
}
