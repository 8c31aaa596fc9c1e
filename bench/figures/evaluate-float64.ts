/**
 * A float64 evaluate written for the same outputs as the engine's exact `evaluate` (every cell of every period),
 * the way one would write it without exactness: plain doubles, B·(1 + g/100) per quarter, one division per output.
 * It is the yardstick of `engine.evaluate.exact-vs-float64`; no production path uses it. Its numbers agree with the
 * exact ones to a few units in the last place, not bit for bit.
 */
import {
  type Cell,
  type EvaluateInput,
  type Evaluation,
  PERIOD_QUARTERS,
  PERIODS,
  type PeriodResult,
} from '@grdp/engine';

export function evaluateFloat64(input: EvaluateInput): Evaluation {
  const list = input.sectors;
  const n = list.length;
  const B = new Float64Array(4 * n);
  const X = new Float64Array(4 * n);
  for (let i = 0; i < n; i++) {
    const b = input.base[list[i]!.id]!;
    const g = input.growth[list[i]!.id]!;
    for (let q = 0; q < 4; q++) {
      B[4 * i + q] = b[q]!;
      X[4 * i + q] = b[q]! + (b[q]! * g[q]!) / 100;
    }
  }
  const top = list.map((s) => s.parent === undefined);
  const periods = {} as Record<(typeof PERIODS)[number], PeriodResult>;
  const bBy = new Float64Array(n);
  const xBy = new Float64Array(n);
  for (const period of PERIODS) {
    const qs = PERIOD_QUARTERS[period];
    let tb = 0;
    let tx = 0;
    for (let i = 0; i < n; i++) {
      let b = 0;
      let x = 0;
      for (const q of qs) {
        b += B[4 * i + q]!;
        x += X[4 * i + q]!;
      }
      bBy[i] = b;
      xBy[i] = x;
      if (top[i]) {
        tb += b;
        tx += x;
      }
    }
    const tc = tx - tb;
    const cell = (b: number, x: number, baseShare: number): Cell => ({
      growth: b === 0 ? 0 : ((x - b) * 100) / b,
      level: x,
      baseLevel: b,
      contributionPp: tb === 0 ? 0 : ((x - b) * 100) / tb,
      contributionShare: tb === 0 || tc === 0 ? null : (x - b) / tc,
      baseShare,
      share: tx === 0 ? 0 : x / tx,
    });
    const sectors: Record<string, Cell> = {};
    for (let i = 0; i < n; i++) sectors[list[i]!.id] = cell(bBy[i]!, xBy[i]!, tb === 0 ? 0 : bBy[i]! / tb);
    periods[period] = { total: cell(tb, tx, tb === 0 ? 0 : 1), sectors };
  }
  return { periods };
}
