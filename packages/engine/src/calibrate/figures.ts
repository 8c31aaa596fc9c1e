import { CUMULATIVE_PERIODS, PERIOD_QUARTERS, type Period, QUARTERS } from '../periods.ts';
import type { BandSide } from '../scenario/bands.ts';
import { type Band, type Scenario, TOTAL } from '../scenario/types.ts';

/**
 * Which published figures a table lets us check, and each one's numerator and denominator as linear forms in the
 * base-year levels B: a figure is Σ B·g / Σ B over its terms. One module for the LP and for the checks.
 */

export const BOUNDS: readonly BandSide[] = ['low', 'high'];

export interface FigureRef {
  period: Period;
  /** `total` or a sector id */
  key: string;
  bound: BandSide;
}

/** One base-year level (component or part `id`, quarter index `q`) and the growth (%) it is weighted with. */
export interface Term {
  id: string;
  q: number;
  g: number;
}

export interface FigureDef extends FigureRef {
  published: number;
  /** figure = Σ B[id][q]·g / Σ B[id][q] */
  terms: Term[];
  /** A cumulative total that uses a published quarterly total as the growth of a quarter whose sectors are incomplete. */
  usesTotalInput: boolean;
}

export interface Unchecked extends FigureRef {
  reason: string;
}

export interface FigureSet {
  /** Ids whose quarterly levels add up to the total: the top-level sectors, or [`total`] for a total-only table. */
  components: string[];
  /** Parts (sectors with a parent) whose levels some figure needs, with their parent. */
  parts: { id: string; parent: string }[];
  figures: FigureDef[];
  unchecked: Unchecked[];
  /** Growth inputs (%) by side, id and quarter; undefined where the table has none. */
  inputs: Record<BandSide, Record<string, (number | undefined)[]>>;
  /** Quarterly published totals by side (inputs where sectors are incomplete or absent). */
  totalInputs: Record<BandSide, (number | undefined)[]>;
}

export interface FigureOptions {
  /** Read inverted bands in printed order. */
  asPrinted?: boolean;
}

/** One side of a band: with `asPrinted`, an inverted band's low is its first printed number (the larger). */
export function boundOf(band: Band, bound: BandSide, asPrinted = false): number {
  const flip = asPrinted && band.inverted === true;
  return bound === 'low' ? (flip ? band.high : band.low) : flip ? band.low : band.high;
}

/** The figures of a scenario's published table, both sides, in print order (period, total first, then sectors). */
export function figureDefinitions(
  scenario: Pick<Scenario, 'sectors' | 'targets'>,
  options: FigureOptions = {},
): FigureSet {
  const asPrinted = options.asPrinted ?? false;
  const top = scenario.sectors.filter((s) => s.parent === undefined).map((s) => s.id);
  const totalOnly = top.length === 0;
  const components = totalOnly ? [TOTAL] : top;
  const partParent = new Map(
    scenario.sectors.filter((s) => s.parent !== undefined).map((s) => [s.id, s.parent as string] as const),
  );
  const keys = [...top, ...partParent.keys()];

  const figures: FigureDef[] = [];
  const unchecked: Unchecked[] = [];
  const inputs = { low: {}, high: {} } as FigureSet['inputs'];
  const totalInputs = { low: [], high: [] } as FigureSet['totalInputs'];
  const usedParts = new Set<string>();

  for (const bound of BOUNDS) {
    const read = (period: Period, key: string): number | undefined => {
      const band = scenario.targets[period]?.[key];
      return band ? boundOf(band, bound, asPrinted) : undefined;
    };
    const g: Record<string, (number | undefined)[]> = {};
    for (const id of keys) g[id] = QUARTERS.map((q) => read(q, id));
    const G = QUARTERS.map((q) => read(q, TOTAL));
    if (totalOnly) g[TOTAL] = G;
    inputs[bound] = g;
    totalInputs[bound] = G;
    const missingAt = (q: number) => top.filter((id) => g[id]![q] === undefined);

    for (const period of ['Q1', 'Q2', 'H1', 'Q3', '9M', 'Q4', 'FY'] as const) {
      const qs = PERIOD_QUARTERS[period];
      const cumulative = (CUMULATIVE_PERIODS as readonly string[]).includes(period);
      // The total.
      const published = read(period, TOTAL);
      if (published !== undefined && (cumulative || !totalOnly)) {
        const terms: Term[] = [];
        let usesTotalInput = false;
        const gaps: string[] = [];
        for (const q of qs) {
          const missing = missingAt(q);
          if (totalOnly) {
            const gq = G[q];
            if (gq === undefined) gaps.push(`no ${QUARTERS[q]} total`);
            else terms.push({ id: TOTAL, q, g: gq });
          } else if (missing.length === 0) {
            for (const id of top) terms.push({ id, q, g: g[id]![q]! });
          } else if (cumulative && G[q] !== undefined) {
            usesTotalInput = true;
            for (const id of top) terms.push({ id, q, g: G[q]! });
          } else {
            gaps.push(`no ${QUARTERS[q]} growth for ${missing.join(', ')}`);
          }
        }
        if (gaps.length === 0) figures.push({ period, key: TOTAL, bound, published, terms, usesTotalInput });
        else unchecked.push({ period, key: TOTAL, bound, reason: gaps.join('; ') });
      }
      if (!cumulative) continue;
      // Each sector: its own quarters.
      for (const id of keys) {
        const p = read(period, id);
        if (p === undefined) continue;
        const gaps = qs.filter((q) => g[id]![q] === undefined).map((q) => QUARTERS[q]);
        if (gaps.length > 0) {
          unchecked.push({ period, key: id, bound, reason: `no ${gaps.join(', ')} growth for ${id}` });
          continue;
        }
        if (partParent.has(id)) usedParts.add(id);
        figures.push({
          period,
          key: id,
          bound,
          published: p,
          terms: qs.map((q) => ({ id, q, g: g[id]![q]! })),
          usesTotalInput: false,
        });
      }
    }
  }
  const parts = [...usedParts].map((id) => ({ id, parent: partParent.get(id)! }));
  return { components, parts, figures, unchecked, inputs, totalInputs };
}

/** Σ B·g and Σ B of a figure's terms, in float64 (the LP side). */
export function ratioParts(figure: FigureDef, level: (id: string, q: number) => number): { num: number; den: number } {
  let num = 0;
  let den = 0;
  for (const t of figure.terms) {
    const b = level(t.id, t.q);
    num += b * t.g;
    den += b;
  }
  return { num, den };
}
