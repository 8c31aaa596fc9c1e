/** `prepareSimulation`: checks the input once and compiles it into a plan of plain data and typed arrays. */
import { type ErrorCode, GrdpError, type Issue, issue } from '../errors.ts';
import { PERIODS, type Period } from '../periods.ts';
import { type QuarterValues, TOTAL } from '../scenario/types.ts';
import { choleskyPsd, symmetricEigenvalues } from './linalg.ts';
import { normalQuantile } from './normal.ts';
import {
  DEFAULT_DRAWS,
  DEFAULT_SECTOR_CORRELATION,
  HISTOGRAM_BINS,
  MAX_DRAWS,
  type SimulateInput,
  type SimulateOptions,
  type SimulationPlan,
} from './types.ts';
import { periodWeights } from './weights.ts';

/** Checks input and options and builds the plan. Throws GrdpError (INPUT_INVALID) with every problem found. */
export function prepareSimulation(input: SimulateInput, options: SimulateOptions = {}): SimulationPlan {
  const issues: Issue<ErrorCode>[] = [];
  const bad = (path: string, detail: string) => issues.push(issue('INPUT_INVALID', path, detail));

  const draws = options.draws ?? DEFAULT_DRAWS;
  if (!Number.isInteger(draws) || draws < 1 || draws > MAX_DRAWS)
    bad('draws', `draws must be a whole number from 1 to ${MAX_DRAWS.toLocaleString('en')}`);
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) bad('seed', 'the seed must be a safe integer');
  const coverage = options.coverage ?? 0.8;
  if (!(Number.isFinite(coverage) && coverage > 0 && coverage < 1)) bad('coverage', 'coverage is between 0 and 1');
  const distribution = options.distribution ?? 'normal';
  if (distribution !== 'normal' && distribution !== 'triangular')
    bad('distribution', 'distribution is normal or triangular');
  const rhoQ = options.quarterCorrelation ?? 0;
  if (!(Number.isFinite(rhoQ) && rhoQ >= -1 && rhoQ <= 1))
    bad('quarterCorrelation', 'quarterCorrelation is between -1 and 1');

  const sectors = [...input.sectors];
  if (sectors.length === 0) bad('sectors', 'at least one sector');
  if (new Set(sectors).size !== sectors.length) bad('sectors', 'a sector is listed twice');
  if (sectors.includes(TOTAL)) bad('sectors', '`total` is not a sector id');
  const S = sectors.length;

  // Growth of every variable: fixed (actual) or a band.
  const fixed = new Array<number | null>(S * 4).fill(null);
  const mids = new Array<number>(S * 4).fill(0);
  const halves = new Array<number>(S * 4).fill(0);
  /** sd from `input.spread` (null: from the band). */
  const givenSd = new Array<number | null>(S * 4).fill(null);
  for (const id of Object.keys(input.actual ?? {}))
    if (!sectors.includes(id)) bad(`actual.${id}`, `${id} is not one of the sectors`);
  sectors.forEach((id, si) => {
    const b = input.base[id];
    if (!b) bad(`base.${id}`, `no base-year levels for ${id}`);
    const act = input.actual?.[id];
    if (act !== undefined && (!Array.isArray(act) || act.length > 4))
      bad(`actual.${id}`, 'actuals are a list of up to four quarterly growths (null where not known)');
    for (let q = 0; q < 4; q++) {
      if (b && !(Number.isFinite(b[q]) && (b[q] as number) >= 0))
        bad(`base.${id}[${q}]`, 'a level must be a finite number ≥ 0');
      const a = Array.isArray(act) ? act[q] : undefined;
      if (a !== null && a !== undefined) {
        if (!Number.isFinite(a)) bad(`actual.${id}[${q}]`, 'an actual growth must be a finite number');
        else fixed[si * 4 + q] = a;
        continue;
      }
      const lo = input.low[id]?.[q];
      const hi = input.high[id]?.[q];
      if (!Number.isFinite(lo)) bad(`low.${id}[${q}]`, 'no actual and no low band for this quarter');
      if (!Number.isFinite(hi)) bad(`high.${id}[${q}]`, 'no actual and no high band for this quarter');
      if (Number.isFinite(lo) && Number.isFinite(hi)) {
        if ((lo as number) > (hi as number)) bad(`low.${id}[${q}]`, 'the band has low > high');
        mids[si * 4 + q] = ((lo as number) + (hi as number)) / 2;
        halves[si * 4 + q] = Math.abs((hi as number) - (lo as number)) / 2;
      }
      const m = input.spread?.mean[id]?.[q];
      const sd = input.spread?.sd[id]?.[q];
      if (m !== null && m !== undefined) {
        if (!Number.isFinite(m)) bad(`spread.mean.${id}[${q}]`, 'a mean growth must be a finite number');
        else mids[si * 4 + q] = m;
      }
      if (sd !== null && sd !== undefined) {
        if (!(Number.isFinite(sd) && sd >= 0)) bad(`spread.sd.${id}[${q}]`, 'an sd must be a finite number ≥ 0');
        else givenSd[si * 4 + q] = sd;
      }
    }
  });

  const targets = input.fyTarget ?? {};
  for (const [key, band] of Object.entries(targets)) {
    if (key !== TOTAL && !sectors.includes(key)) bad(`fyTarget.${key}`, `${key} is neither total nor a sector`);
    else if (!(band && Number.isFinite(band.low) && Number.isFinite(band.high) && band.low <= band.high))
      bad(`fyTarget.${key}`, 'a target is {low, high} with low ≤ high');
  }

  const sectorCorrelation = checkCorrelation(options.correlation ?? DEFAULT_SECTOR_CORRELATION, S, bad);
  const keys = [TOTAL, ...sectors];
  const asked = checkSeries(options.series ?? 'all', keys, bad);
  if (issues.length > 0) throw new GrdpError(issues);

  // Free variables and their correlation: C ⊗ AR(1).
  const free: number[] = [];
  for (let v = 0; v < S * 4; v++) if (fixed[v] === null) free.push(v);
  const n = free.length;
  const corr = free.map((v) =>
    free.map((u) => sectorCorrelation[Math.floor(v / 4)]![Math.floor(u / 4)]! * rhoQ ** Math.abs((v % 4) - (u % 4))),
  );
  const L = choleskyPsd(corr);
  const isNormal = distribution === 'normal';
  const z = normalQuantile((1 + coverage) / 2);
  // normal: the sd; triangular: the half-width a of the support (sd = a / √6)
  const freeScale = Float64Array.from(free, (v) => {
    const sd = givenSd[v];
    if (sd !== null && sd !== undefined) return isNormal ? sd : sd * Math.sqrt(6);
    return isNormal ? halves[v]! / z : halves[v]! / (1 - Math.sqrt(1 - coverage));
  });
  const freeMid = Float64Array.from(free, (v) => mids[v]!);
  const sd = Float64Array.from(free, (_, j) => (isNormal ? freeScale[j]! : freeScale[j]! / Math.sqrt(6)));
  if (isNormal) for (let j = 0; j < n; j++) for (let i = 0; i <= j; i++) L[j * n + i]! *= freeScale[j]!;

  // Series: weights, constants, moments, histogram ranges.
  const K = keys.length;
  const weights = periodWeights(sectors, input.base as Record<string, QuarterValues>);
  const nSeries = PERIODS.length * K;
  const seriesMean = new Float64Array(nSeries);
  const seriesSd = new Float64Array(nSeries);
  const histLow = new Float64Array(nSeries);
  const histInvWidth = new Float64Array(nSeries);
  const freePos = new Map(free.map((v, j) => [v, j]));
  // Moments from the weights (exact for the normal model) and histogram ranges.
  PERIODS.forEach((period, p) => {
    keys.forEach((key, k) => {
      const s = p * K + k;
      const w = weights[period][key]!;
      let mean = 0;
      let bound = 0;
      const wf = new Float64Array(n);
      w.forEach((wv, v) => {
        if (wv === 0) return;
        const f = fixed[v];
        if (f !== null && f !== undefined) {
          mean += wv * f;
          return;
        }
        const j = freePos.get(v)!;
        wf[j] = wv;
        mean += wv * mids[v]!;
        bound += Math.abs(wv) * freeScale[j]!;
      });
      // w'Σw with Σ = D·corr·D
      let variance = 0;
      for (let i = 0; i < n; i++) {
        if (wf[i] === 0) continue;
        for (let j = 0; j < n; j++) variance += wf[i]! * sd[i]! * corr[i]![j]! * sd[j]! * wf[j]!;
      }
      const sdS = Math.sqrt(Math.max(variance, 0));
      seriesMean[s] = mean;
      seriesSd[s] = sdS;
      const half = isNormal ? 8.5 * sdS : Math.min(bound, 12 * sdS);
      if (half > 1e-12 * Math.max(1, Math.abs(mean))) {
        histLow[s] = mean - half;
        histInvWidth[s] = HISTOGRAM_BINS / (2 * half);
      } else {
        histLow[s] = mean;
        histInvWidth[s] = 0;
      }
    });
  });

  // The evaluation program (see SimulationPlan.seriesRow).
  const seriesRow = new Int32Array(nSeries);
  const seriesConst = new Float64Array(nSeries);
  const isConstant = new Uint8Array(nSeries);
  const order: number[] = [];
  const rowStart: number[] = [0];
  const rowIndex: number[] = [];
  const rowWeight: number[] = [];
  const at = (period: Period, key: number) => PERIODS.indexOf(period) * K + key;
  const define = (k: number, terms: [number, number][]) => {
    let c = 0;
    const live: [number, number][] = [];
    for (const [src, w] of terms) {
      if (w === 0) continue;
      if (isConstant[src]) c += w * seriesConst[src]!;
      else live.push([seriesRow[src]!, w]);
    }
    seriesConst[k] = c;
    if (live.length === 0) {
      isConstant[k] = 1;
      seriesRow[k] = n + k;
    } else if (live.length === 1 && c === 0 && live[0]![1] === 1) {
      seriesRow[k] = live[0]![0];
    } else {
      seriesRow[k] = n + k;
      order.push(k);
      for (const [row, w] of live) {
        rowIndex.push(row);
        rowWeight.push(w);
      }
      rowStart.push(rowIndex.length);
    }
  };
  const QUARTER_PERIODS: Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];
  const CHAIN: [Period, Period, number][] = [
    ['H1', 'Q1', 1],
    ['9M', 'H1', 2],
    ['FY', '9M', 3],
  ];
  // chain: cumulative(q) = (B[..q−1]·previous + B[q]·Q[q]) / B[..q]
  const chain = (key: number, baseOf: (q: number) => number) => {
    let before = baseOf(0);
    let prev: Period = 'Q1';
    for (const [period, , q] of CHAIN) {
      const bq = baseOf(q);
      const total = before + bq;
      define(
        at(period, key),
        total === 0
          ? []
          : [
              [at(prev, key), before / total],
              [at(QUARTER_PERIODS[q]!, key), bq / total],
            ],
      );
      before = total;
      prev = period;
    }
  };
  sectors.forEach((id, si) => {
    const key = si + 1;
    for (let q = 0; q < 4; q++) {
      const k = at(QUARTER_PERIODS[q]!, key);
      const f = fixed[si * 4 + q];
      if (f !== null && f !== undefined) {
        isConstant[k] = 1;
        seriesConst[k] = f;
        seriesRow[k] = n + k;
      } else seriesRow[k] = freePos.get(si * 4 + q)!;
    }
    chain(key, (q) => input.base[id]![q]!);
  });
  const quarterTotal = (q: number) => sectors.reduce((acc, id) => acc + input.base[id]![q]!, 0);
  for (let q = 0; q < 4; q++) {
    const tq = quarterTotal(q);
    define(
      at(QUARTER_PERIODS[q]!, 0),
      tq === 0 ? [] : sectors.map((id, si) => [at(QUARTER_PERIODS[q]!, si + 1), input.base[id]![q]! / tq]),
    );
  }
  chain(0, quarterTotal);

  const targetKeys = keys.filter((k) => targets[k] !== undefined);
  const fy = PERIODS.indexOf('FY');
  const seriesKeys = keys.filter((k) => asked.has(k));
  const histSlot = new Int32Array(nSeries).fill(-1);
  let slots = 0;
  for (let s = 0; s < nSeries; s++) if (asked.has(keys[s % K]!)) histSlot[s] = slots++;
  return {
    sectors,
    keys,
    periods: [...PERIODS],
    draws,
    seed,
    coverage,
    distribution,
    freeVars: Int32Array.from(free),
    freeMid,
    freeScale,
    chol: L,
    seriesRow,
    seriesConst,
    isConstant,
    order: Int32Array.from(order),
    rowStart: Int32Array.from(rowStart),
    rowIndex: Int32Array.from(rowIndex),
    rowWeight: Float64Array.from(rowWeight),
    seriesMean,
    seriesSd,
    histLow,
    histInvWidth,
    bins: HISTOGRAM_BINS,
    seriesKeys,
    histSlot,
    targetKeys,
    targetSeries: Int32Array.from(targetKeys, (k) => fy * K + keys.indexOf(k)),
    targetLow: Float64Array.from(targetKeys, (k) => targets[k]!.low),
    targetHigh: Float64Array.from(targetKeys, (k) => targets[k]!.high),
  };
}

/** The keys whose series are asked for (`SimulateOptions.series`), checked: `'all'` or a list of known keys. */
function checkSeries(
  value: 'all' | readonly string[],
  keys: readonly string[],
  bad: (path: string, detail: string) => void,
): Set<string> {
  if (value === 'all') return new Set(keys);
  if (!Array.isArray(value)) {
    bad('series', 'series is "all" or a list of keys (total or sector ids)');
    return new Set();
  }
  value.forEach((key, i) => {
    if (typeof key !== 'string' || !keys.includes(key))
      bad(`series[${i}]`, `${String(key)} is neither total nor a sector (${keys.join(', ')})`);
  });
  return new Set(value);
}

/** The between-sector correlation matrix, checked: symmetric, unit diagonal, entries in [−1, 1], PSD. */
function checkCorrelation(
  value: number | readonly (readonly number[])[],
  S: number,
  bad: (path: string, detail: string) => void,
): number[][] {
  let m: number[][];
  if (typeof value === 'number') {
    if (!(Number.isFinite(value) && value >= -1 && value <= 1)) {
      bad('correlation', 'a correlation is between -1 and 1');
      return identity(S);
    }
    m = Array.from({ length: S }, (_, i) => Array.from({ length: S }, (_, j) => (i === j ? 1 : value)));
  } else {
    if (
      !Array.isArray(value) ||
      value.length !== S ||
      value.some((row) => !Array.isArray(row) || row.length !== S || row.some((x) => !Number.isFinite(x)))
    ) {
      bad('correlation', `the correlation matrix must be ${S} × ${S} numbers, in the order of the sectors`);
      return identity(S);
    }
    m = value.map((row) => [...row]);
    for (let i = 0; i < S; i++) {
      if (Math.abs(m[i]![i]! - 1) > 1e-12) {
        bad(`correlation[${i}][${i}]`, 'the diagonal of a correlation matrix is 1');
        return identity(S);
      }
      for (let j = 0; j < S; j++) {
        if (Math.abs(m[i]![j]!) > 1 + 1e-12) {
          bad(`correlation[${i}][${j}]`, 'a correlation is between -1 and 1');
          return identity(S);
        }
        if (Math.abs(m[i]![j]! - m[j]![i]!) > 1e-12) {
          bad(`correlation[${i}][${j}]`, 'the correlation matrix must be symmetric');
          return identity(S);
        }
      }
    }
  }
  const smallest = symmetricEigenvalues(m)[0] ?? 0;
  if (smallest < -1e-10) {
    bad(
      'correlation',
      `the correlation matrix is not positive semi-definite (smallest eigenvalue ${smallest.toPrecision(4)})`,
    );
    return identity(S);
  }
  return m;
}

function identity(S: number): number[][] {
  return Array.from({ length: S }, (_, i) => Array.from({ length: S }, (_, j) => (i === j ? 1 : 0)));
}
