/**
 * Printing a drafted table to two decimals without losing it: each sector's exact quarterly growth is rounded
 * down or up (never further), choosing the combination whose printed figures the quarters still reproduce best.
 *
 * The rule, for one side (low or high): a sector's candidates are the 2^k floor/ceil roundings of its k free
 * quarters (quarters fixed by actuals have one value). A candidate's error is the largest of |FY computed − FY
 * target| and, for H1 and 9M, the distance of the computed figure from its own two-decimal print (a tie at
 * x.xx5 counts 0.005). The best few candidates of each sector are then combined so that the total's figures
 * (each quarter, H1, 9M, and FY against the total's target) also stay within half a unit: the combination with
 * the smallest largest error wins, ties going to the first in round-to-nearest order. The search is float64;
 * the table it returns is checked exactly by the caller (`residualsFor`).
 */
import { Dec } from '../numeric/index.ts';

export interface RoundInput {
  /** Sector ids in table order; `parts` are not added into the total. */
  ids: readonly string[];
  parts: ReadonlySet<string>;
  base: Readonly<Record<string, readonly number[]>>;
  /** Exact quarterly growth by sector, %. */
  growth: Readonly<Record<string, readonly InstanceType<typeof Dec>[]>>;
  /** Quarters (0-based) printed as given, not rounded (actual quarters of an adjustment: already 2 decimals). */
  fixed?: ReadonlySet<number>;
  /** The FY figure each sector must print, and the total's (undefined: none checked). */
  fy: Readonly<Record<string, number>>;
  totalFy?: number;
}

export interface RoundResult {
  growth: Record<string, [number, number, number, number]>;
  /** The largest error of the chosen combination (float64 estimate), pp. */
  error: number;
}

/** Candidates kept per sector for the cross search: at most about 4096 combinations in all. */
function keepPerSector(n: number): number {
  return Math.max(2, Math.floor(4096 ** (1 / Math.max(1, n))));
}

/** Distance of x from its two-decimal print (0.005 at a tie). */
function printError(x: number): number {
  const cents = x * 100;
  const frac = Math.abs(cents - Math.trunc(cents));
  return Math.min(frac, 1 - frac) / 100;
}

function options(g: InstanceType<typeof Dec>, fixed: boolean): number[] {
  if (fixed) return [g.toNumber()];
  const near = g.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toNumber();
  const down = g.toDecimalPlaces(2, Dec.ROUND_FLOOR).toNumber();
  const up = g.toDecimalPlaces(2, Dec.ROUND_CEIL).toNumber();
  return down === up ? [down] : near === down ? [down, up] : [up, down];
}

interface Candidate {
  r: number[];
  error: number;
}

function sectorCandidates(input: RoundInput, id: string): Candidate[] {
  const b = input.base[id]!;
  const opts = [0, 1, 2, 3].map((q) => options(input.growth[id]![q]!, input.fixed?.has(q) ?? false));
  const target = input.fy[id];
  const out: Candidate[] = [];
  for (const r0 of opts[0]!)
    for (const r1 of opts[1]!)
      for (const r2 of opts[2]!)
        for (const r3 of opts[3]!) {
          const r = [r0, r1, r2, r3];
          out.push({ r, error: cumulativeError(b, r, target) });
        }
  // stable: equal errors keep round-to-nearest order
  return out
    .map((c, i) => ({ c, i }))
    .sort((x, y) => x.c.error - y.c.error || x.i - y.i)
    .map((x) => x.c);
}

function cumulativeError(b: readonly number[], r: readonly number[], target: number | undefined): number {
  let num = 0;
  let den = 0;
  let error = 0;
  for (let q = 0; q < 4; q++) {
    num += b[q]! * r[q]!;
    den += b[q]!;
    if (den === 0) continue;
    const c = num / den;
    if (q === 1 || q === 2) error = Math.max(error, printError(c));
    if (q === 3 && target !== undefined) error = Math.max(error, Math.abs(c - target));
  }
  return error;
}

/** The two-decimal growth paths of one side, chosen as the module comment says. */
export function roundPaths(input: RoundInput): RoundResult {
  const ids = input.ids;
  const keep = keepPerSector(ids.filter((id) => !input.parts.has(id)).length);
  const candidates = ids.map((id) => sectorCandidates(input, id).slice(0, input.parts.has(id) ? 1 : keep));
  const top = ids.map((id, i) => (input.parts.has(id) ? -1 : i)).filter((i) => i >= 0);
  let best: { pick: number[]; error: number } | undefined;
  const pick = ids.map(() => 0);
  const visit = (k: number) => {
    if (k === top.length) {
      let error = 0;
      for (let i = 0; i < ids.length; i++) error = Math.max(error, candidates[i]![pick[i]!]!.error);
      if (best && error >= best.error) return;
      error = Math.max(error, totalError(input, candidates, pick, top));
      if (!best || error < best.error) best = { pick: [...pick], error };
      return;
    }
    const i = top[k]!;
    for (let j = 0; j < candidates[i]!.length; j++) {
      pick[i] = j;
      visit(k + 1);
    }
    pick[i] = 0;
  };
  visit(0);
  const chosen = best ?? { pick, error: 0 };
  const growth: Record<string, [number, number, number, number]> = {};
  ids.forEach((id, i) => {
    growth[id] = candidates[i]![chosen.pick[i]!]!.r as [number, number, number, number];
  });
  return { growth, error: chosen.error };
}

function totalError(input: RoundInput, candidates: Candidate[][], pick: number[], top: number[]): number {
  let error = 0;
  let num = 0;
  let den = 0;
  for (let q = 0; q < 4; q++) {
    let qn = 0;
    let qd = 0;
    for (const i of top) {
      const b = input.base[input.ids[i]!]![q]!;
      qn += b * candidates[i]![pick[i]!]!.r[q]!;
      qd += b;
    }
    if (qd > 0) error = Math.max(error, printError(qn / qd));
    num += qn;
    den += qd;
    if (den === 0) continue;
    if (q === 1 || q === 2) error = Math.max(error, printError(num / den));
    if (q === 3 && input.totalFy !== undefined) error = Math.max(error, Math.abs(num / den - input.totalFy));
  }
  return error;
}
