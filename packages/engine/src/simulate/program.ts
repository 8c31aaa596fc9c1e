/**
 * `programChunk`: the hot loop — draws, correlated normals, the series program, histograms and tallies — for the
 * series a plan reports and the rows they and the targets need.
 */
import { GrdpError, issue } from '../errors.ts';
import { normalCdf } from './normal.ts';
import { MAX_STREAM, Xoshiro128 } from './rng.ts';
import { emptyChunk, MAX_DRAWS, type SimulationChunk, type SimulationPlan, TARGET_TOLERANCE } from './types.ts';

/** Draws per batch: the batch's normals and work rows stay in the cache. */
const BATCH = 256;

/**
 * Simulates `draws` draws with stream `stream` (0..MAX_STREAM) of the plan's seed. Allocation happens once per
 * call. The loop works batch by batch in structure-of-arrays form: normals for the batch, the Cholesky product
 * as scaled vector additions (zero entries skipped), the series program as weighted sums of rows, then one
 * tight pass per series for its histogram, moments and targets.
 */
export function programChunk(plan: SimulationPlan, draws: number = plan.draws, stream = 0): SimulationChunk {
  checkChunkArgs(draws, stream);
  const out = emptyChunk(plan);
  out.draws = draws;
  const rng = Xoshiro128.fromSeed(plan.seed, stream);
  const n = plan.freeVars.length;
  const nSeries = plan.seriesConst.length;
  const { freeMid, freeScale, seriesRow, seriesConst, isConstant, order, rowStart, rowIndex, rowWeight } = plan;
  const { seriesMean, histLow, histInvWidth, histSlot, targetSeries, targetLow, targetHigh } = plan;
  const bins = plan.bins;
  const { histogram, below, above, sum, sumSquares, reachLow, reachHigh } = out;
  const triangular = plan.distribution === 'triangular';
  const nTargets = targetSeries.length;
  // The work buffer, rows of BATCH draws: [0, n) standard normals z, [n, 2n) free growths y, [2n, 2n + nSeries)
  // series, then one row of zeros. A series that is a free growth (a sector's quarter) lives in that row.
  const Y = n;
  const S0 = 2 * n;
  const zeroRow = 2 * n + nSeries;
  const rowOfSeries = (k: number) => {
    const r = seriesRow[k]!;
    return r < n ? Y + r : S0 + (r - n);
  };
  // The passes: each computes one row as c + Σ w · row (kind 2 / 4: up to 2 / 4 terms padded with the zero
  // row; kind 9: longer, term list in passTerms) or only reads it (kind 0), then tallies series passSeries.
  const passSeries: number[] = [];
  const passKind: number[] = [];
  const passTarget: number[] = [];
  const passConst: number[] = [];
  const passRows: number[] = [];
  const passWeights: number[] = [];
  const passTransform: number[] = [];
  const longTerms: [number, number][][] = [];
  const tallied = new Set<number>();
  const addPass = (k: number, row: number, c: number, terms: [number, number][], transform: boolean) => {
    const kind = transform || terms.length > 4 ? 9 : terms.length <= 2 ? 2 : 4;
    passSeries.push(k);
    passKind.push(kind);
    passTarget.push(row * BATCH);
    passConst.push(c);
    passTransform.push(transform ? 1 : 0);
    for (let t = 0; t < 4; t++) {
      const term = kind === 9 ? undefined : terms[t];
      passRows.push((term ? term[0] : zeroRow) * BATCH);
      passWeights.push(term ? term[1] : 0);
    }
    const long: [number, number][] = kind === 9 ? terms.map(([r, w]) => [r * BATCH, w]) : [];
    while (long.length % 4 !== 0) long.push([zeroRow * BATCH, 0]);
    longTerms.push(long);
    tallied.add(k);
  };
  const seriesOfRow = new Map<number, number>();
  for (let k = 0; k < nSeries; k++)
    if (!isConstant[k] && !seriesOfRow.has(rowOfSeries(k))) seriesOfRow.set(rowOfSeries(k), k);
  for (let j = 0; j < n; j++) {
    const terms: [number, number][] = [];
    for (let i = 0; i <= j; i++) {
      const c = plan.chol[j * n + i]!;
      if (c !== 0) terms.push([i, c]);
    }
    // every free growth is a sector's quarter, so some series lives in its row
    addPass(seriesOfRow.get(Y + j)!, Y + j, triangular ? 0 : freeMid[j]!, terms, triangular);
  }
  order.forEach((k, o) => {
    const terms: [number, number][] = [];
    for (let t = rowStart[o]!; t < rowStart[o + 1]!; t++) {
      const r = rowIndex[t]!;
      terms.push([r < n ? Y + r : S0 + (r - n), rowWeight[t]!]);
    }
    addPass(k, S0 + k, seriesConst[k]!, terms, false);
  });
  // series that share a row with an earlier one (a cumulative period equal to one quarter): tally only
  for (let k = 0; k < nSeries; k++) {
    if (isConstant[k] || tallied.has(k)) continue;
    passSeries.push(k);
    passKind.push(0);
    passTarget.push(rowOfSeries(k) * BATCH);
    passConst.push(0);
    passTransform.push(0);
    for (let t = 0; t < 4; t++) {
      passRows.push(zeroRow * BATCH);
      passWeights.push(0);
    }
    longTerms.push([]);
  }
  // Only what the plan reports: a pass tallies its series if that series is reported (histSlot ≥ 0), and runs at
  // all only if it tallies or computes a row that a later live pass or a target reads.
  const passTally = passSeries.map((k) => (histSlot[k]! >= 0 ? 1 : 0));
  const neededRow = new Set<number>();
  for (let t = 0; t < nTargets; t++) neededRow.add(rowOfSeries(targetSeries[t]!) * BATCH);
  const live: number[] = [];
  for (let p = passSeries.length - 1; p >= 0; p--) {
    if (!passTally[p] && !neededRow.has(passTarget[p]!)) continue;
    live.push(p);
    if (passKind[p] === 0) {
      neededRow.add(passTarget[p]!);
      continue;
    }
    if (passKind[p] === 9) for (const [row] of longTerms[p]!) neededRow.add(row);
    else for (let t = 0; t < 4; t++) neededRow.add(passRows[4 * p + t]!);
  }
  live.reverse();
  const nPass = live.length;

  const buf = new Float64Array((2 * n + nSeries + 1) * BATCH);
  const z = buf.subarray(0, n * BATCH);
  for (let k = 0; k < nSeries; k++)
    if (isConstant[k]) buf.fill(seriesConst[k]!, (S0 + k) * BATCH, (S0 + k + 1) * BATCH);

  /** A long pass (more than four terms, or the triangular transform): row `base` for the batch's m draws. */
  const computeLong = (p: number, base: number, m: number) => {
    // four terms per sweep over the batch
    const long = longTerms[p]!;
    buf.fill(passConst[p]!, base, base + m);
    for (let t = 0; t < long.length; t += 4) {
      const [a0, v0] = long[t]!;
      const [a1, v1] = long[t + 1]!;
      const [a2, v2] = long[t + 2]!;
      const [a3, v3] = long[t + 3]!;
      for (let d = 0; d < m; d++)
        buf[base + d]! += v0 * buf[a0 + d]! + v1 * buf[a1 + d]! + v2 * buf[a2 + d]! + v3 * buf[a3 + d]!;
    }
    if (passTransform[p]) {
      // triangular: Φ of the correlated normal, then the inverse distribution function
      const j = base / BATCH - Y;
      const a = freeScale[j]!;
      const mid = freeMid[j]!;
      for (let d = 0; d < m; d++) {
        const u = normalCdf(buf[base + d]!);
        buf[base + d] = mid + (u < 0.5 ? a * (Math.sqrt(2 * u) - 1) : a * (1 - Math.sqrt(2 * (1 - u))));
      }
    }
  };

  for (let done = 0; done < draws; ) {
    const m = Math.min(BATCH, draws - done);
    if (n > 0) rng.fillNormals(z, BATCH * n);
    for (let lp = 0; lp < nPass; lp++) {
      const p = live[lp]!;
      const k = passSeries[p]!;
      // kinds 12, 14, 19: kinds 2, 4, 9 computed for a later pass or a target only, not tallied
      const kind = passTally[p] === 1 ? passKind[p]! : passKind[p]! + 10;
      const base = passTarget[p]!;
      const c = passConst[p]!;
      const r0 = passRows[4 * p]!;
      const r1 = passRows[4 * p + 1]!;
      const r2 = passRows[4 * p + 2]!;
      const r3 = passRows[4 * p + 3]!;
      const w0 = passWeights[4 * p]!;
      const w1 = passWeights[4 * p + 1]!;
      const w2 = passWeights[4 * p + 2]!;
      const w3 = passWeights[4 * p + 3]!;
      const lo = histLow[k]!;
      const inv = histInvWidth[k]!;
      const centre = seriesMean[k]!;
      const hb = histSlot[k]! * bins;
      let s1 = 0;
      let s2 = 0;
      let under = 0;
      let over = 0;
      if (kind === 2) {
        for (let d = 0; d < m; d++) {
          const v = c + w0 * buf[r0 + d]! + w1 * buf[r1 + d]!;
          buf[base + d] = v;
          const b = (v - lo) * inv;
          if (b < 0) under++;
          else if (b >= bins) over++;
          else histogram[hb + (b | 0)]!++;
          const dv = v - centre;
          s1 += dv;
          s2 += dv * dv;
        }
      } else if (kind === 4) {
        for (let d = 0; d < m; d++) {
          const v = c + w0 * buf[r0 + d]! + w1 * buf[r1 + d]! + w2 * buf[r2 + d]! + w3 * buf[r3 + d]!;
          buf[base + d] = v;
          const b = (v - lo) * inv;
          if (b < 0) under++;
          else if (b >= bins) over++;
          else histogram[hb + (b | 0)]!++;
          const dv = v - centre;
          s1 += dv;
          s2 += dv * dv;
        }
      } else {
        if (kind > 10) {
          if (kind === 12) for (let d = 0; d < m; d++) buf[base + d] = c + w0 * buf[r0 + d]! + w1 * buf[r1 + d]!;
          else if (kind === 14)
            for (let d = 0; d < m; d++)
              buf[base + d] = c + w0 * buf[r0 + d]! + w1 * buf[r1 + d]! + w2 * buf[r2 + d]! + w3 * buf[r3 + d]!;
          else computeLong(p, base, m);
          continue;
        }
        if (kind === 9) computeLong(p, base, m);
        for (let d = 0; d < m; d++) {
          const v = buf[base + d]!;
          const b = (v - lo) * inv;
          if (b < 0) under++;
          else if (b >= bins) over++;
          else histogram[hb + (b | 0)]!++;
          const dv = v - centre;
          s1 += dv;
          s2 += dv * dv;
        }
      }
      sum[k]! += s1;
      sumSquares[k]! += s2;
      below[k]! += under;
      above[k]! += over;
    }
    for (let t = 0; t < nTargets; t++) {
      const base = rowOfSeries(targetSeries[t]!) * BATCH;
      const tl = targetLow[t]! - TARGET_TOLERANCE;
      const th = targetHigh[t]! - TARGET_TOLERANCE;
      let hl = 0;
      let hh = 0;
      for (let d = 0; d < m; d++) {
        const v = buf[base + d]!;
        if (v >= tl) hl++;
        if (v >= th) hh++;
      }
      reachLow[t]! += hl;
      reachHigh[t]! += hh;
    }
    done += m;
  }
  return out;
}

/** Throws INPUT_INVALID unless draws (0..MAX_DRAWS) and stream (0..MAX_STREAM) are whole numbers in range. */
export function checkChunkArgs(draws: number, stream: number): void {
  if (!Number.isInteger(draws) || draws < 0 || draws > MAX_DRAWS)
    throw new GrdpError([issue('INPUT_INVALID', 'draws', `draws must be a whole number from 0 to ${MAX_DRAWS}`)]);
  if (!Number.isInteger(stream) || stream < 0 || stream > MAX_STREAM)
    throw new GrdpError([issue('INPUT_INVALID', 'stream', `the stream is a whole number from 0 to ${MAX_STREAM}`)]);
}

/**
 * The program of a plan expanded back to weights: for each series, its constant and its weight on each free
 * growth. For the normal model the series is const + Σ weight · growth; it must equal `periodWeights` applied
 * to the growths (actuals fixed). Used by the tests; cheap.
 */
export function expandProgram(plan: SimulationPlan): { constant: number; weights: Float64Array }[] {
  const n = plan.freeVars.length;
  const nSeries = plan.seriesConst.length;
  const rows: { constant: number; weights: Float64Array }[] = [];
  for (let j = 0; j < n; j++) {
    const w = new Float64Array(n);
    w[j] = 1;
    rows.push({ constant: 0, weights: w });
  }
  const series: { constant: number; weights: Float64Array }[] = new Array(nSeries);
  for (let k = 0; k < nSeries; k++)
    if (plan.isConstant[k]) series[k] = { constant: plan.seriesConst[k]!, weights: new Float64Array(n) };
  plan.order.forEach((k, o) => {
    const w = new Float64Array(n);
    let c = plan.seriesConst[k]!;
    for (let t = plan.rowStart[o]!; t < plan.rowStart[o + 1]!; t++) {
      const row = plan.rowIndex[t]!;
      const src = row < n ? rows[row]! : series[row - n]!;
      c += plan.rowWeight[t]! * src.constant;
      for (let j = 0; j < n; j++) w[j]! += plan.rowWeight[t]! * src.weights[j]!;
    }
    series[k] = { constant: c, weights: w };
  });
  for (let k = 0; k < nSeries; k++) {
    const row = plan.seriesRow[k]!;
    if (!series[k]) series[k] = row < n ? rows[row]! : series[row - n]!;
  }
  return series;
}
