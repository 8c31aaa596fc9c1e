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
