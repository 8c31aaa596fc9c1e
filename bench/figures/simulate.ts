/**
 * simulate.*: full-year draws per second on one core, peak memory for 1,000,000 draws, the speed-up of 2 worker
 * threads (disjoint streams, chunks merged), and the same simulation in vectorised numpy in the same run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import {
  mergeSimulationChunks,
  periodWeights,
  prepareSimulation,
  type SimulationChunk,
  type SimulationPlan,
  simulateChunk,
  summarizeSimulation,
} from '../../packages/engine/src/simulate/index.ts';
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
  drawsPerSecond: number;
  probabilities: Record<string, { low: number; high: number }>;
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

function runNumpy(plan: SimulationPlan, draws: number): NumpyResult {
  const input = simulateInput();
  const weights = periodWeights(input.sectors, input.base);
  const free = Array.from(plan.freeVars);
  if (free.length !== input.sectors.length * 4) throw new Error('the numpy baseline simulates full years only');
  const spec = {
    draws,
    chunk: 250_000,
    seed: 7,
    sectors: input.sectors.length,
    mid: Array.from(plan.freeMid),
    sd: Array.from(plan.freeScale),
    sectorCorrelation: SECTOR_CORRELATION,
    quarterCorrelation: QUARTER_CORRELATION,
    weights: Object.fromEntries(plan.targetKeys.map((k) => [k, weights.FY[k]!])),
    targets: Object.fromEntries(
      plan.targetKeys.map((k, t) => [k, { low: plan.targetLow[t]!, high: plan.targetHigh[t]! }]),
    ),
  };
  const out = execFileSync('python3', [`${ROOT}bench/baselines/simulate_numpy.py`], {
    input: JSON.stringify(spec),
    // one core, like the JS figure: no multi-threaded BLAS
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.toString()) as NumpyResult;
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

  // 2. Peak memory, in a fresh process.
  const memDraws = smoke ? 2000 : 1_000_000;
  const mem = peakMemory(memDraws);
  figures.push(
    referenceFigure('simulate.peak-memory-1m', mem.rssDeltaKb / 1024, 'MB (peak RSS increase)', {
      note: `${memDraws.toLocaleString('en')} draws in a fresh process: growth of getrusage maxRSS around simulateChunk; heap +${(mem.heapDeltaKb / 1024).toFixed(2)} MB, ArrayBuffers +${(mem.arrayBuffersDeltaKb / 1024).toFixed(2)} MB (histograms 35 × 8192 bins, constant in draws)`,
    }),
  );

  // 3. Two worker threads.
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

  // 4. numpy, same run, and agreement.
  const npDraws = smoke ? 2000 : 2_000_000;
  let numpy: NumpyResult | null = null;
  try {
    numpy = runNumpy(plan, npDraws);
  } catch (e) {
    notes.push(`numpy baseline failed: ${(e as Error).message.split('\n')[0]}`);
  }
  if (numpy) {
    const ratio = jsRate / numpy.drawsPerSecond;
    figures.push(
      goalFigure('simulate.vs-numpy', ratio, '× (JS ÷ numpy draws/s)', '≥ 1.5×', (v) => v >= 1.5, {
        baseline: numpy.drawsPerSecond,
        ratio,
        note: `numpy ${Math.round(numpy.drawsPerSecond).toLocaleString('en')} draws/s (${npDraws.toLocaleString('en')} draws, 1 BLAS thread, ${((numpy.cpuSeconds / numpy.seconds) * 100).toFixed(0)} % of a core; bench/baselines/simulate_numpy.py); per CPU-second the ratio is ${(jsRate / Math.min(1, single.cpuShare) / (npDraws / numpy.cpuSeconds)).toFixed(2)}×`,
      }),
    );
    const js = summarizeSimulation(plan, simulateChunk(plan, draws, 0));
    let worst = 0;
    let worstAt = '';
    for (const key of plan.targetKeys) {
      for (const side of ['low', 'high'] as const) {
        const pj = js.probabilities[key]![side];
        const pn = numpy.probabilities[key]![side];
        const p = (pj * draws + pn * npDraws) / (draws + npDraws);
        const sigma = Math.sqrt(p * (1 - p) * (1 / draws + 1 / npDraws));
        const z = sigma === 0 ? (pj === pn ? 0 : Number.POSITIVE_INFINITY) : Math.abs(pj - pn) / sigma;
        if (z >= worst) {
          worst = z;
          worstAt = `${key} ${side}: JS ${pj.toFixed(4)}, numpy ${pn.toFixed(4)}`;
        }
      }
    }
    const agrees = worst < 4 ? 1 : 0;
    figures.push(
      goalFigure('simulate.agrees-with-numpy', agrees, '1 = yes', 'all |p_js − p_np| < 4σ', (v) => v === 1, {
        note: `10 probabilities (5 FY targets × low/high); largest difference ${worst.toFixed(2)}σ (${worstAt}); σ = √(p(1−p)(1/n_js + 1/n_np))`,
      }),
    );
  } else {
    figures.push(notMeasured('simulate.vs-numpy', '× (JS ÷ numpy draws/s)', '≥ 1.5×', 'python3/numpy did not run'));
    figures.push(notMeasured('simulate.agrees-with-numpy', '1 = yes', 'all |p_js − p_np| < 4σ', 'no numpy result'));
  }
  notes.push(
    'Simulate: `prepareSimulation` once, then `simulateChunk(plan, draws, stream)` timed by tinybench; the engine ' +
      'simulates in batches of 256 draws (ziggurat normals, Cholesky as scaled vector additions, the period program ' +
      'as weighted row sums, histograms for quantiles). The numpy baseline runs in the same suite on the same plan ' +
      '(same means, sds, correlation C ⊗ AR(1) with C = 0.3, ρq = 0), restricted to one BLAS thread so both are one ' +
      'core; numpy computes only the 5 FY linear forms, the engine all 35 period × key series with histograms.',
  );
  return { figures, notes };
}
