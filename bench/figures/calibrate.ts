/** calibrate.*: minimax base-level recovery (HiGHS LPs) for An Giang and for a national-size table. */
import { calibrate, loadSolver, type Scenario } from '@grdp/engine';
import { nationalFile } from '../../tests/fixtures/national.ts';
import { measure } from '../measure.ts';
import { type AreaResult, goalFigure, referenceFigure, type SuiteOptions } from '../types.ts';
import { anGiang } from './common.ts';

/** scipy (`scipy.optimize.linprog`, HiGHS) bisection on the minimax level, the analyst's prototype: ~70 ms. */
export const SCIPY_BASELINE_MS = 70;

export async function calibrateFigures(options: SuiteOptions = {}): Promise<AreaResult> {
  await loadSolver(); // the WebAssembly module loads once per process: not part of a table's time
  const ag = anGiang();
  const national = nationalFile(options.smoke ? { provinces: 1, sections: 3 } : { provinces: 1 }).scenarios[0]!;
  const table: Scenario = { ...national, base: undefined };
  const time = options.smoke ? 10 : 3000;
  const iterations = options.smoke ? 1 : 10;
  const agResult = await calibrate(ag);
  if (!agResult.reproducible) throw new Error('An Giang no longer calibrates to printed precision');
  const a = await measure('calibrate an-giang', () => calibrate(ag), { time, iterations, warmupIterations: 1 });
  const n = await measure('calibrate national', () => calibrate(table), { time, iterations, warmupIterations: 1 });
  const levels = table.sectors.length * 4;
  return {
    figures: [
      goalFigure('calibrate.an-giang', a.mean, 'ms/table', '≤ 10 ms', (v) => v <= 10, {
        baseline: SCIPY_BASELINE_MS,
        ratio: SCIPY_BASELINE_MS / a.mean,
        note: `16 levels, ${agResult.checked} published figures; baseline: scipy bisection over HiGHS LPs (~70 ms), ratio = baseline ÷ value`,
      }),
      referenceFigure('calibrate.national', n.mean, 'ms/table', {
        note: `one province of the national file: ${table.sectors.length} sections, ${levels} levels, all 7 periods`,
      }),
    ],
    notes: [
      'Calibrate: `calibrate(scenario)` end to end (figure definitions, the minimax LPs in HiGHS/WebAssembly, ' +
        'exact residuals), the solver already loaded. The national-size table is one province of ' +
        '`tests/fixtures/national.ts` (21 sections, 84 levels) without its base levels.',
    ],
  };
}
