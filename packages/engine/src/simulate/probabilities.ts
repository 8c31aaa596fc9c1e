/**
 * `simulateProbabilities`: the probabilities-only kernel. When a caller wants only P(FY ≥ target), each draw needs
 * only the FY linear forms: FY_t = c_t + Σ_j w_tj·y_j with y = mid + L·z, fused once per plan into
 * FY_t = c'_t + Σ_i f_ti·z_i (f = w·L). Per draw: the normals and one dot product per target; no series, no
 * histograms. Same stream, same normals in the same order as the full program (`programChunk`), so the counts are
 * those of the full simulation up to float rounding at a target's edge. `simulateChunk` runs it for a plan that
 * reports no series (`series: []`).
 */
import { checkChunkArgs, expandProgram, programChunk } from './program.ts';
import { Xoshiro128 } from './rng.ts';
import { type SimulationPlan, TARGET_TOLERANCE } from './types.ts';

const BATCH = 256;

export interface ProbabilityCounts {
  draws: number;
  /** Draws reaching each FY target's low and high edge, in the order of `plan.targetKeys`. */
  reachLow: Float64Array;
  reachHigh: Float64Array;
}

/** The fused FY forms of a plan's targets (normal model): constants and n weights per target on the normals z. */
export function fusedTargets(plan: SimulationPlan): { constant: Float64Array; weights: Float64Array } {
  const n = plan.freeVars.length;
  const series = expandProgram(plan);
  const nT = plan.targetSeries.length;
  const constant = new Float64Array(nT);
  const weights = new Float64Array(nT * n);
  for (let t = 0; t < nT; t++) {
    const s = series[plan.targetSeries[t]!]!;
    let c = s.constant;
    for (let j = 0; j < n; j++) {
      const w = s.weights[j]!;
      if (w === 0) continue;
      c += w * plan.freeMid[j]!;
      for (let i = 0; i <= j; i++) weights[t * n + i]! += w * plan.chol[j * n + i]!;
    }
    constant[t] = c;
  }
  return { constant, weights };
}

/**
 * P(FY ≥ target) counts only, for `draws` draws on stream `stream` of the plan's seed. The triangular model (not
 * linear in normals) runs the program (`programChunk`) and keeps its counts.
 */
export function simulateProbabilities(plan: SimulationPlan, draws: number = plan.draws, stream = 0): ProbabilityCounts {
  checkChunkArgs(draws, stream);
  if (plan.distribution !== 'normal') {
    const chunk = programChunk(
      { ...plan, seriesKeys: [], histSlot: new Int32Array(plan.histSlot.length).fill(-1) },
      draws,
      stream,
    );
    return { draws, reachLow: chunk.reachLow, reachHigh: chunk.reachHigh };
  }
  return fusedProbabilityCounts(plan, draws, stream);
}

/**
 * The fused kernel of the normal model (arguments checked by the caller). Each target's nonzero weights are
 * swept four at a time over the batch (padded with a row of zeros), so that a draw's value is loaded and stored
 * once per four terms rather than once per term: about 1.4× faster than one term per sweep, measured interleaved.
 */
export function fusedProbabilityCounts(plan: SimulationPlan, draws: number, stream: number): ProbabilityCounts {
  const n = plan.freeVars.length;
  const nT = plan.targetSeries.length;
  const { constant, weights } = fusedTargets(plan);
  const zeroRow = n * BATCH;
  const termRows: Int32Array[] = [];
  const termWeights: Float64Array[] = [];
  for (let t = 0; t < nT; t++) {
    const rows: number[] = [];
    const ws: number[] = [];
    for (let i = 0; i < n; i++) {
      const f = weights[t * n + i]!;
      if (f === 0) continue;
      rows.push(i * BATCH);
      ws.push(f);
    }
    while (rows.length === 0 || rows.length % 4 !== 0) {
      rows.push(zeroRow);
      ws.push(0);
    }
    termRows.push(Int32Array.from(rows));
    termWeights.push(Float64Array.from(ws));
  }
  const reachLow = new Float64Array(nT);
  const reachHigh = new Float64Array(nT);
  const rng = Xoshiro128.fromSeed(plan.seed, stream);
  const z = new Float64Array((n + 1) * BATCH);
  const normals = z.subarray(0, n * BATCH);
  const v = new Float64Array(BATCH);
  for (let done = 0; done < draws; ) {
    const m = Math.min(BATCH, draws - done);
    if (n > 0) rng.fillNormals(normals, BATCH * n);
    for (let t = 0; t < nT; t++) {
      const rows = termRows[t]!;
      const ws = termWeights[t]!;
      const c = constant[t]!;
      for (let k = 0; k < rows.length; k += 4) {
        const a0 = rows[k]!;
        const a1 = rows[k + 1]!;
        const a2 = rows[k + 2]!;
        const a3 = rows[k + 3]!;
        const w0 = ws[k]!;
        const w1 = ws[k + 1]!;
        const w2 = ws[k + 2]!;
        const w3 = ws[k + 3]!;
        if (k === 0)
          for (let d = 0; d < m; d++) v[d] = c + w0 * z[a0 + d]! + w1 * z[a1 + d]! + w2 * z[a2 + d]! + w3 * z[a3 + d]!;
        else for (let d = 0; d < m; d++) v[d]! += w0 * z[a0 + d]! + w1 * z[a1 + d]! + w2 * z[a2 + d]! + w3 * z[a3 + d]!;
      }
      const tl = plan.targetLow[t]! - TARGET_TOLERANCE;
      const th = plan.targetHigh[t]! - TARGET_TOLERANCE;
      let hl = 0;
      let hh = 0;
      for (let d = 0; d < m; d++) {
        const x = v[d]!;
        if (x >= tl) hl++;
        if (x >= th) hh++;
      }
      reachLow[t]! += hl;
      reachHigh[t]! += hh;
    }
    done += m;
  }
  return { draws, reachLow, reachHigh };
}
