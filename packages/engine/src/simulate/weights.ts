import { PERIOD_QUARTERS, PERIODS, type Period } from '../periods.ts';
import type { QuarterValues } from '../scenario/types.ts';
import { TOTAL } from '../scenario/types.ts';

/**
 * Every growth figure of a scenario is linear in its quarterly growths: for a period covering quarters Q and a key
 * covering sectors S (one sector, or all top-level sectors for the total),
 *
 *   growth % = Σ_{s∈S, q∈Q} w[s][q] · g[s][q],   w[s][q] = B[s][q] / Σ_{s∈S, q∈Q} B[s][q],
 *
 * which is `evaluate`'s Σ B(1 + g/100) / Σ B − 1, in %. A vector is indexed `sectorIndex · 4 + quarter`, in the
 * order of `sectors`; a period whose base sums to 0 has all-zero weights (evaluate reports 0 growth there).
 *
 * @example
 * // Two sectors with base 30 and 70 in every quarter: the total's FY weight of agriculture in Q1 is 30 / 400.
 * periodWeights(['agriculture', 'services'], { agriculture: [30, 30, 30, 30], services: [70, 70, 70, 70] })
 *   .FY.total[0] // 0.075
 */
export function periodWeights(
  sectors: readonly string[],
  base: Readonly<Record<string, Readonly<QuarterValues>>>,
): Record<Period, Record<string, number[]>> {
  const n = sectors.length * 4;
  const out = {} as Record<Period, Record<string, number[]>>;
  for (const period of PERIODS) {
    const qs = PERIOD_QUARTERS[period];
    const row: Record<string, number[]> = {};
    const keyWeights = (members: readonly number[]): number[] => {
      const w = new Array<number>(n).fill(0);
      let sum = 0;
      for (const si of members) for (const q of qs) sum += base[sectors[si]!]![q]!;
      if (sum === 0) return w;
      for (const si of members) for (const q of qs) w[si * 4 + q] = base[sectors[si]!]![q]! / sum;
      return w;
    };
    row[TOTAL] = keyWeights(sectors.map((_, i) => i));
    sectors.forEach((id, i) => {
      row[id] = keyWeights([i]);
    });
    out[period] = row;
  }
  return out;
}
