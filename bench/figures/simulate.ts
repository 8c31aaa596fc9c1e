/**
 * simulate.*: full-year draws per second on one core, peak memory for 1,000,000 draws, the speed-up of 2 worker
 * threads (disjoint streams, chunks merged), and tuned numpy interleaved in the same run: probabilities only and
 * every output.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import {
  expandProgram,
  fusedTargets,
  mergeSimulationChunks,
  prepareSimulation,
  type SimulationChunk,
  type SimulationPlan,
  simulateChunk,
  simulateProbabilities,
} from '@grdp/engine';
import { measure } from '../measure.ts';
import { type AreaResult, type Figure, goalFigure, notMeasured, referenceFigure, type SuiteOptions } from '../types.ts';
import { ROOT } from './common.ts';
import { TSX_LOADER, tsWorker } from './loader.ts';
import { simulateInput } from './simulate-input.ts';

const SECTOR_CORRELATION = 0.3;
const QUARTER_CORRELATION = 0;

interface NumpyResult {
  draws: number;
  seconds: number;
  cpuSeconds: number;
  probabilities: Record<string, { low: number; high: number }>;
  histogramTotal?: number;
}

/**
 * The tuned numpy baseline as a persistent process (bench/baselines/simulate_numpy.py): the model once, then one
 * job per call, each timed inside python around its sampling loop only. One BLAS thread, like one JS thread.
 */
function numpyProcess(plan: SimulationPlan) {
  const n = plan.freeVars.length;
  const series = expandProgram(plan);
  const fuse = (s: { constant: number; weights: Float64Array }) => {
    let c = s.constant;
    const f = new Array<number>(n).fill(0);
    for (let j = 0; j < n; j++) {
      const w = s.weights[j]!;
      if (w === 0) continue;
      c += w * plan.freeMid[j]!;
      for (let i = 0; i <= j; i++) f[i]! += w * plan.chol[j * n + i]!;
    }
    return { c, f };
  };
  const fusedSeries = series.map(fuse);
  const targets = fusedTargets(plan);
  const model = {
    seed: 7,
    free: n,
    targets: Object.fromEntries(
      plan.targetKeys.map((k, t) => [k, { low: plan.targetLow[t]!, high: plan.targetHigh[t]! }]),
    ),
    targetConst: Array.from(targets.constant),
    targetWeights: plan.targetKeys.map((_, t) => Array.from(targets.weights.subarray(t * n, (t + 1) * n))),
    seriesConst: fusedSeries.map((s) => s.c),
    seriesWeights: fusedSeries.map((s) => s.f),
    seriesMean: Array.from(plan.seriesMean),
    histLow: Array.from(plan.histLow),
    histInvWidth: Array.from(plan.histInvWidth),
    bins: plan.bins,
  };
  const child = spawn('python3', [`${ROOT}bench/baselines/simulate_numpy.py`], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`numpy baseline exited (${code})`)));
  });
  child.stdin!.write(`${JSON.stringify(model)}\n`);
  return {
    run(mode: 'probabilities' | 'full', draws: number): Promise<NumpyResult> {
      const answer = new Promise<string>((resolve) => waiting.push(resolve));
      child.stdin!.write(`${JSON.stringify({ mode, draws })}\n`);
      return Promise.race([answer.then((l) => JSON.parse(l) as NumpyResult), failed]);
    },
    close() {
      child.stdin!.end();
      child.kill();
    },
  };
}

/** The largest |p_js − p_np| in standard errors over every target and side, and where. */
function agreement(
  plan: SimulationPlan,
  js: { reachLow: Float64Array; reachHigh: Float64Array; draws: number },
  np: NumpyResult,
) {
  let worst = 0;
  let at = '';
  plan.targetKeys.forEach((key, t) => {
    for (const side of ['low', 'high'] as const) {
      const pj = (side === 'low' ? js.reachLow : js.reachHigh)[t]! / js.draws;
      const pn = np.probabilities[key]![side];
      const p = (pj * js.draws + pn * np.draws) / (js.draws + np.draws);
      const sigma = Math.sqrt(p * (1 - p) * (1 / js.draws + 1 / np.draws));
      const z = sigma === 0 ? (pj === pn ? 0 : Number.POSITIVE_INFINITY) : Math.abs(pj - pn) / sigma;
      if (z >= worst) {
        worst = z;
        at = `${key} ${side}: JS ${pj.toFixed(4)}, numpy ${pn.toFixed(4)}`;
      }
    }
  });
  return { worst, at };
}

/** Two (or `count`) persistent workers holding the plan; `run(draws)` splits the draws over them. */
async function workerPool(plan: SimulationPlan, count: number) {
  const url = new URL('./simulate-worker.ts', import.meta.url);
  const workers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Worker>((resolve, reject) => {
          const w = tsWorker(url, { workerData: { plan } });
          w.once('error', reject);
          w.once('message', () => resolve(w));
        }),
    ),
  );
  let next = 0;
  const ask = (w: Worker, draws: number, stream: number) =>
    new Promise<SimulationChunk>((resolve, reject) => {
      const id = next++;
      const onMessage = (msg: { id: number; chunk: SimulationChunk }) => {
        if (msg.id !== id) return;
        w.off('message', onMessage);
        w.off('error', reject);
        resolve(msg.chunk);
      };
      w.on('message', onMessage);
      w.once('error', reject);
      w.postMessage({ id, draws, stream });
    });
  return {
    /** Draws split evenly, worker i on stream i + 1 (stream 0 is the single-thread run's). */
    async run(draws: number): Promise<SimulationChunk> {
      const share = Math.floor(draws / count);
      const chunks = await Promise.all(
        workers.map((w, i) => ask(w, i === count - 1 ? draws - share * (count - 1) : share, i + 1)),
      );
      return mergeSimulationChunks(plan, chunks);
    },
    close: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

function peakMemory(draws: number): { rssDeltaKb: number; arrayBuffersDeltaKb: number; heapDeltaKb: number } {
  const script = fileURLToPath(new URL('./simulate-memory.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', TSX_LOADER, script, String(draws)], { cwd: ROOT });
  if (r.status !== 0) throw new Error(`simulate-memory failed: ${r.stderr?.toString()}`);
  return JSON.parse(r.stdout.toString());
}

export async function simulateFigures(options: SuiteOptions = {}): Promise<AreaResult> {
  const smoke = options.smoke ?? false;
  const log = options.log ?? (() => {});
  const input = simulateInput();
  const draws = smoke ? 2000 : 1_000_000;
  const plan = prepareSimulation(input, {
    draws,
    seed: 7,
    correlation: SECTOR_CORRELATION,
    quarterCorrelation: QUARTER_CORRELATION,
  });
  const figures: Figure[] = [];
  const notes: string[] = [];

  // 1. One core.
  const single = await measure('simulate 1 thread', () => simulateChunk(plan, draws, 0), {
    time: smoke ? 10 : 3000,
    iterations: smoke ? 1 : 5,
    warmupIterations: 1,
  });
  const jsRate = draws / (single.mean / 1000);
  figures.push(
    goalFigure('simulate.draws-per-second', jsRate, 'draws/s', '≥ 4,000,000', (v) => v >= 4_000_000, {
      note: `An Giang, 16 correlated normal growths per draw, all 35 period × key series binned, 5 FY targets; ${draws.toLocaleString('en')} draws per call; this process had ${(single.cpuShare * 100).toFixed(0)} % of a core while measured (${Math.round(jsRate / Math.min(1, single.cpuShare)).toLocaleString('en')} draws per CPU-second)`,
    }),
  );
  log(`  simulate: ${Math.round(jsRate).toLocaleString('en')} draws/s`);

  // 1b. What the fan chart and the what-if studio ask for: the total's series alone (series: ['total']).
  const fanPlan = prepareSimulation(input, {
    draws,
    seed: 7,
    correlation: SECTOR_CORRELATION,
    quarterCorrelation: QUARTER_CORRELATION,
    series: ['total'],
  });
  const fan = await measure('simulate total only', () => simulateChunk(fanPlan, draws, 0), {
    time: smoke ? 10 : 3000,
    iterations: smoke ? 1 : 5,
    warmupIterations: 1,
  });
  figures.push(
    referenceFigure('simulate.fan-draws-per-second', draws / (fan.mean / 1000), 'draws/s', {
      note: `the same plan asking for the total's 7 series only (series: ['total'], what the fan chart and the what-if studio ask): the other series are neither binned nor, where no figure needs them, evaluated; ${(single.mean / fan.mean).toFixed(2)}× the every-series rate`,
    }),
  );

  // 2. Peak memory, in a fresh process.
  const memDraws = smoke ? 2000 : 1_000_000;
  const mem = peakMemory(memDraws);
  figures.push(
    referenceFigure('simulate.peak-memory-1m', mem.rssDeltaKb / 1024, 'MB (peak RSS increase)', {
      note: `${memDraws.toLocaleString('en')} draws in a fresh process: growth of getrusage maxRSS around simulateChunk; heap +${(mem.heapDeltaKb / 1024).toFixed(2)} MB, ArrayBuffers +${(mem.arrayBuffersDeltaKb / 1024).toFixed(2)} MB (histograms 35 × 8192 bins, constant in draws)`,
    }),
  );

  // 3. Two worker threads: every series, and the probabilities only (series: [], the fused kernel).
  const probPlan = prepareSimulation(input, {
    draws,
    seed: 7,
    correlation: SECTOR_CORRELATION,
    quarterCorrelation: QUARTER_CORRELATION,
    series: [],
  });
  const probPool = await workerPool(probPlan, 2);
  try {
    const one = await measure('probabilities 1 thread', () => simulateChunk(probPlan, draws, 0), {
      time: smoke ? 10 : 2000,
      iterations: smoke ? 1 : 5,
      warmupIterations: 1,
    });
    const two = await measure('probabilities 2 workers', () => probPool.run(draws), {
      time: smoke ? 10 : 2000,
      iterations: smoke ? 1 : 5,
      warmupIterations: 1,
    });
    figures.push(
      referenceFigure('simulate.probabilities-2-workers', draws / (two.mean / 1000), 'draws/s', {
        note: `probabilities only (series: [], simulateChunk runs the fused kernel), ${draws.toLocaleString('en')} draws split over 2 worker threads as the API's pool splits a simulation of several streams; one thread: ${Math.round(draws / (one.mean / 1000)).toLocaleString('en')} draws/s (${(one.mean / two.mean).toFixed(2)}×)`,
      }),
    );
  } finally {
    await probPool.close();
  }
  const pool = await workerPool(plan, 2);
  try {
    const split = await measure('simulate 2 workers', () => pool.run(draws), {
      time: smoke ? 10 : 3000,
      iterations: smoke ? 1 : 5,
      warmupIterations: 1,
    });
    const check = await pool.run(draws);
    if (check.draws !== draws) throw new Error('merged chunks lost draws');
    figures.push(
      referenceFigure('simulate.worker-speedup', single.mean / split.mean, '× (2 workers vs 1 thread)', {
        note: `${draws.toLocaleString('en')} draws: 2 worker threads on streams 1 and 2 (simulateChunk), chunks merged (mergeSimulationChunks); time includes posting and merging`,
      }),
    );
  } finally {
    await pool.close();
  }

  // 4. numpy (tuned), interleaved with the JS kernels in rounds, same model and draws.
  const rounds = smoke ? 1 : 6;
  const perRound = smoke ? 2000 : 500_000;
  const checks: Record<string, unknown> = {};
  let np: ReturnType<typeof numpyProcess> | null = null;
  try {
    np = numpyProcess(plan);
    const time = { jsProb: 0, npProb: 0, jsFull: 0, npFull: 0 };
    let lastJs = simulateProbabilities(plan, perRound, 0);
    let lastNp: NumpyResult | null = null;
    await np.run('probabilities', 1000); // warm-up
    for (let r = 0; r < rounds; r++) {
      const jsFirst = r % 2 === 0;
      const js = () => {
        const t0 = performance.now();
        lastJs = simulateProbabilities(plan, perRound, r);
        time.jsProb += performance.now() - t0;
        const t1 = performance.now();
        simulateChunk(plan, perRound, r);
        time.jsFull += performance.now() - t1;
      };
      const numpy = async () => {
        lastNp = await np!.run('probabilities', perRound);
        time.npProb += lastNp.seconds * 1000;
        const full = await np!.run('full', perRound);
        time.npFull += full.seconds * 1000;
        if (full.histogramTotal !== perRound * plan.seriesConst.length)
          throw new Error(`numpy full: ${full.histogramTotal} histogram counts`);
      };
      if (jsFirst) {
        js();
        await numpy();
      } else {
        await numpy();
        js();
      }
    }
    const draws = rounds * perRound;
    const rate = (ms: number) => draws / (ms / 1000);
    const prob = rate(time.jsProb) / rate(time.npProb);
    const full = rate(time.jsFull) / rate(time.npFull);
    const agree = agreement(plan, lastJs, lastNp!);
    checks['simulate.numpy-worst-sigma'] = agree.worst;
    const how = `${rounds} interleaved rounds of ${perRound.toLocaleString('en')} draws (order flipped every round), one thread each, numpy in chunks of 16,384`;
    figures.push(
      goalFigure('simulate.vs-numpy-tuned', prob, '× (JS ÷ numpy draws/s)', '≥ 1.5', (v) => v >= 1.5, {
        baseline: rate(time.npProb),
        ratio: prob,
        note: `probabilities only: JS \`simulateProbabilities\` ${Math.round(rate(time.jsProb)).toLocaleString('en')} draws/s, numpy (FY forms fused with the Cholesky factor) ${Math.round(rate(time.npProb)).toLocaleString('en')} draws/s; ${how}`,
      }),
      goalFigure('simulate.full.vs-numpy-same-outputs', full, '× (JS ÷ numpy draws/s)', '≥ 1.5', (v) => v >= 1.5, {
        baseline: rate(time.npFull),
        ratio: full,
        note: `every output simulateChunk returns (${plan.seriesConst.length} series: sums, sums of squares, ${plan.bins}-bin histograms; the target counts): JS ${Math.round(rate(time.jsFull)).toLocaleString('en')} draws/s, numpy ${Math.round(rate(time.npFull)).toLocaleString('en')} draws/s; ${how}`,
      }),
      goalFigure(
        'simulate.agrees-with-numpy',
        agree.worst < 4 ? 1 : 0,
        '1 = yes',
        'all |p_js − p_np| < 4σ',
        (v) => v === 1,
        {
          note: `${plan.targetKeys.length * 2} probabilities (FY targets × low/high) of the last round; largest difference ${agree.worst.toFixed(2)}σ (${agree.at}); σ = √(p(1−p)(1/n_js + 1/n_np))`,
        },
      ),
    );
  } catch (e) {
    const reason = `python3/numpy did not run: ${(e as Error).message.split('\n')[0]}`;
    figures.push(notMeasured('simulate.vs-numpy-tuned', '× (JS ÷ numpy draws/s)', '≥ 1.5', reason));
    figures.push(notMeasured('simulate.full.vs-numpy-same-outputs', '× (JS ÷ numpy draws/s)', '≥ 1.5', reason));
    figures.push(notMeasured('simulate.agrees-with-numpy', '1 = yes', 'all |p_js − p_np| < 4σ', reason));
  } finally {
    np?.close();
  }
  notes.push(
    'Simulate: `prepareSimulation` once, then `simulateChunk(plan, draws, stream)` (every output: 35 period × key ' +
      'series with moments and histograms, the target counts) timed by tinybench for `simulate.draws-per-second`. ' +
      'Against numpy (bench/baselines/simulate_numpy.py, one persistent python process, one BLAS thread) the two ' +
      'sides run interleaved in rounds on the same plan (same means, sds, correlation C ⊗ AR(1) with C = 0.3, ρq = 0), ' +
      'each timed in its own process around its sampling loop: probabilities only (JS `simulateProbabilities`, the ' +
      'FY forms fused with the Cholesky factor; numpy the same fused forms in chunks of 16,384 draws), and every ' +
      'output (JS `simulateChunk`; numpy the same 35 series, moments and 8192-bin histograms). The engine computes ' +
      'only what its caller asks (`series`): the fan chart and the what-if studio ask for the total alone, an API or ' +
      'CLI caller may ask for `[]` (the fused kernel) or any keys; the API splits a simulation of several streams ' +
      '(250,000 draws each) over its worker pool with the same answer as one thread.',
  );
  return { figures, notes, checks };
}
