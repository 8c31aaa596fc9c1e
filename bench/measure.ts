/** tinybench, one task at a time: latency statistics (ms) and throughput (ops/s). */
import { Bench } from 'tinybench';

export interface Measured {
  /** ms per call */
  mean: number;
  p50: number;
  p99: number;
  /** calls per second: 1000 / mean latency */
  hz: number;
  samples: number;
  /** CPU time of this process ÷ wall time over the whole measurement (< 1: the core was shared). */
  cpuShare: number;
}

export interface MeasureOptions {
  /** Minimum time budget, ms (default 1000). */
  time?: number;
  /** Minimum iterations (default 10). */
  iterations?: number;
  warmupIterations?: number;
  warmupTime?: number;
}

/** Runs `fn` under tinybench and returns its statistics; rethrows the task's error. */
export async function measure(
  name: string,
  fn: () => unknown | Promise<unknown>,
  options: MeasureOptions = {},
): Promise<Measured> {
  const bench = new Bench({
    name,
    time: options.time ?? 1000,
    iterations: options.iterations ?? 10,
    warmupIterations: options.warmupIterations ?? 3,
    warmupTime: options.warmupTime ?? 100,
    throws: true,
  });
  bench.add(name, fn);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await bench.run();
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - wall0;
  const task = bench.tasks[0]!;
  const r = task.result;
  if (r.state === 'errored') throw r.error;
  if (!('latency' in r)) throw new Error(`${name}: tinybench finished in state ${r.state}`);
  return {
    mean: r.latency.mean,
    p50: r.latency.p50,
    p99: r.latency.p99,
    hz: 1000 / r.latency.mean,
    samples: r.latency.samplesCount,
    cpuShare: (cpu.user + cpu.system) / 1000 / wall,
  };
}

export interface Interleaved {
  /** ms per call, by task: total time ÷ total calls over every round. */
  mean: Record<string, number>;
  /** time(a) ÷ time(b) per round, for the first two tasks: its median, and its range over the rounds. */
  ratio: { median: number; min: number; max: number };
  rounds: number;
}

/**
 * Two (or more) tasks measured in the same run, interleaved: in every round each task runs `batch` calls, and the
 * order flips every round (a b, b a, a b, …), so neither gains from going first (warm caches, JIT, a quieter
 * moment on a shared machine). One warm-up round is not counted.
 */
export function measureInterleaved(
  tasks: Record<string, () => unknown>,
  options: { rounds?: number; batch?: number } = {},
): Interleaved {
  const names = Object.keys(tasks);
  const rounds = options.rounds ?? 20;
  const batch = options.batch ?? 1000;
  const total: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  const ratios: number[] = [];
  let sink: unknown;
  for (let r = -1; r < rounds; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    const took: Record<string, number> = {};
    for (const name of order) {
      const fn = tasks[name]!;
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) sink = fn();
      took[name] = performance.now() - t0;
    }
    if (r < 0) continue; // warm-up
    for (const name of names) total[name]! += took[name]!;
    ratios.push(took[names[0]!]! / took[names[1] ?? names[0]!]!);
  }
  if (sink === Symbol.for('never')) throw new Error('unreachable');
  ratios.sort((a, b) => a - b);
  return {
    mean: Object.fromEntries(names.map((n) => [n, total[n]! / (rounds * batch)])),
    ratio: { median: ratios[Math.floor(ratios.length / 2)]!, min: ratios[0]!, max: ratios[ratios.length - 1]! },
    rounds,
  };
}
