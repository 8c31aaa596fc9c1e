/**
 * A complete table (Q1–Q4, H1, 9M, FY for every sector and the total) from two-decimal quarterly sector paths:
 * quarters as given, the total's quarters and every H1 and 9M computed exactly (`evaluate`) and printed to two
 * decimals, FY as the targets the table was drafted to. Bands print the way provinces print them: "6,15 - 6,54%".
 */
import { evaluate } from '../evaluate/index.ts';
import { roundHalfUp } from '../numeric/index.ts';
import { PERIODS, type Period, QUARTERS } from '../periods.ts';
import type { BandSide } from '../scenario/bands.ts';
import { type Band, type QuarterValues, type Sector, type TargetRow, type Targets, TOTAL } from '../scenario/types.ts';

/** A figure as a table prints it: two decimals, decimal comma ("3,09"). */
export function printedFigure(value: number): string {
  return roundHalfUp(value, 2).toFixed(2).replace('.', ',').replace(/^-/, '−');
}

/** A band as a table prints it: "6,15 - 6,54%", or one figure "3,09%" when low = high. */
export function printedBand(low: number, high: number): string {
  return low === high ? `${printedFigure(low)}%` : `${printedFigure(low)} - ${printedFigure(high)}%`;
}

/** A two-decimal band with its printed text. */
export function draftBand(low: number, high: number): Band {
  const lo = roundHalfUp(low, 2);
  const hi = roundHalfUp(high, 2);
  return { low: lo, high: hi, printed: printedBand(lo, hi) };
}

export interface TableInput {
  sectors: readonly Pick<Sector, 'id' | 'parent'>[];
  base: Readonly<Record<string, Readonly<QuarterValues>>>;
  /** Two-decimal quarterly growth by side and sector. */
  growth: Record<BandSide, Record<string, QuarterValues>>;
  /** FY bands as printed: by sector id and `total`. */
  fy: Record<string, Band>;
}

export function tableFromPaths(input: TableInput): Targets {
  const evaluations = {
    low: evaluate({ sectors: input.sectors, base: input.base, growth: input.growth.low }),
    high: evaluate({ sectors: input.sectors, base: input.base, growth: input.growth.high }),
  };
  const targets: Targets = {};
  for (const period of PERIODS) {
    const row: TargetRow = {};
    const cell = (key: string): Band => {
      if (period === 'FY' && input.fy[key]) return input.fy[key]!;
      const quarter = (QUARTERS as readonly Period[]).indexOf(period);
      if (key !== TOTAL && quarter >= 0)
        return draftBand(input.growth.low[key]![quarter]!, input.growth.high[key]![quarter]!);
      const of = (side: BandSide) => {
        const p = evaluations[side].periods[period];
        return key === TOTAL ? p.total.growth : p.sectors[key]!.growth;
      };
      return draftBand(of('low'), of('high'));
    };
    row[TOTAL] = cell(TOTAL);
    for (const s of input.sectors) row[s.id] = cell(s.id);
    targets[period] = row;
  }
  return targets;
}
