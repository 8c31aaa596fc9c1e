import { type Issue, issue, type WarningCode } from '../errors.ts';
import type { BandSide } from '../scenario/bands.ts';
import type { QuarterValues, Scenario } from '../scenario/types.ts';
import { figureDefinitions } from './figures.ts';
import { minimax } from './minimax.ts';
import { type Residual, residualsOf } from './residuals.ts';
import { type LpSolver, loadSolver } from './solver.ts';

export type { FigureDef, FigureRef, FigureSet, Term, Unchecked } from './figures.ts';
export { boundOf, figureDefinitions } from './figures.ts';
export type { Residual, ResidualReport } from './residuals.ts';
export { PRINTED_PRECISION, residualsFor } from './residuals.ts';
export type { LpSolver } from './solver.ts';
export { loadSolver, useSolver } from './solver.ts';

export interface CalibrateOptions {
  /** Read inverted bands in printed order (the first printed number as low). */
  asPrinted?: boolean;
  /** An LP solver to use instead of the shared HiGHS instance. */
  solver?: LpSolver;
}

export interface CalibrationResult {
  /** Largest |computed − published| over the checked figures, pp; null when nothing can be checked. */
  maxAbsResidual: number | null;
  /** Number of published figures checked (both sides). */
  checked: number;
  /** Published figures the table's inputs cannot produce, and why. */
  unchecked: { period: Residual['period']; key: string; bound: BandSide; reason: string }[];
  /** Implied base-year levels: an index, the top-level sectors (or the total of a total-only table) summing to 100. */
  base: Record<string, QuarterValues>;
  residuals: Residual[];
  warnings: Issue<WarningCode>[];
  /** maxAbsResidual < 0.005 */
  reproducible: boolean;
}

/**
 * Recovers the base-year levels B (one set for the low and the high tables) that minimise the maximum absolute
 * difference between the published figures (quarterly totals; H1, 9M, FY totals and sectors) and the figures the
 * quarterly sector growths give with B. True minimax, by linear programs (HiGHS): within 0.0005 pp of the optimum,
 * then the point of the near-optimal set whose smallest level is largest. Residuals are computed exactly.
 *
 * @example
 * // An Giang 2023: all 38 figures reproduced to the printed precision.
 * const r = await calibrate(anGiang2023());
 * r.checked // 38
 * r.maxAbsResidual! < 0.005 // true
 */
export async function calibrate(scenario: Scenario, options: CalibrateOptions = {}): Promise<CalibrationResult> {
  const set = figureDefinitions(scenario, { asPrinted: options.asPrinted ?? false });
  let base: Record<string, QuarterValues>;
  if (set.figures.length === 0) {
    base = {};
    const even = 100 / (4 * set.components.length);
    for (const id of set.components) base[id] = [even, even, even, even];
  } else {
    const solver = options.solver ?? (await loadSolver());
    base = minimax(solver, set).levels;
  }
  const report = residualsOf(set, scenario, base);
  const { reproducible } = report;
  const warnings: Issue<WarningCode>[] = [];
  if (report.maxAbsResidual !== null && !reproducible) {
    const worst = worstOf(report.residuals);
    warnings.push(
      issue(
        'not-reproducible',
        'targets',
        `the best base levels leave ${report.maxAbsResidual.toFixed(4)} pp${worst ? ` (${describeResidual(worst)})` : ''}`,
      ),
    );
  }
  return {
    maxAbsResidual: report.maxAbsResidual,
    checked: report.residuals.length,
    unchecked: report.unchecked,
    base,
    residuals: report.residuals,
    warnings,
    reproducible,
  };
}

function worstOf(residuals: readonly Residual[]): Residual | undefined {
  let worst: Residual | undefined;
  for (const r of residuals) if (!worst || Math.abs(r.residual) > Math.abs(worst.residual)) worst = r;
  return worst;
}

/** "FY services high: published 9.30, computed 9.3123" */
export function describeResidual(r: Residual): string {
  return `${r.period} ${r.key} ${r.bound}: published ${r.published}, computed ${r.computed.toFixed(4)}`;
}
