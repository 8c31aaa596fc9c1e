import { QUARTERS } from '../periods.ts';
import type { QuarterValues, Scenario } from './types.ts';

export type BandSide = 'low' | 'high';

/**
 * The quarterly growth path of one side of the scenario's bands, by sector: `bandPath(s, 'low').agriculture`
 * is [Q1 low, Q2 low, Q3 low, Q4 low]. A sector missing any quarter is left out (partial tables).
 * With `asPrinted`, inverted bands are read in the printed order (low = the first printed number).
 */
export function bandPath(
  scenario: Pick<Scenario, 'sectors' | 'targets'>,
  side: BandSide,
  options: { asPrinted?: boolean } = {},
): Record<string, QuarterValues> {
  const out: Record<string, QuarterValues> = {};
  for (const sector of scenario.sectors) {
    const values: number[] = [];
    for (const q of QUARTERS) {
      const band = scenario.targets[q]?.[sector.id];
      if (!band) break;
      const flip = options.asPrinted && band.inverted;
      values.push(side === 'low' ? (flip ? band.high : band.low) : flip ? band.low : band.high);
    }
    if (values.length === 4) out[sector.id] = values as QuarterValues;
  }
  return out;
}
