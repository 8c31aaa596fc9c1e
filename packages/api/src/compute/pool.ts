/**
 * The compute pool: CPU-heavy request work (compute/tasks.ts) runs on worker threads so the event loop keeps
 * answering (`/healthz` included) while a calibration, simulation or PNG is under way.
 *
 * Piscina (a well-kept worker pool, Node.js org members among its maintainers) gives what a hand-written pool
 * over `node:worker_threads` would need to re-implement and test: a bounded queue, cancellation by
 * `AbortSignal` that terminates a worker stuck in a task, replacement of dead workers, and idle workers that do
 * not keep the process alive.
 *
 * - `threads` workers run tasks; at most `queue` more wait. A task beyond that gets 503 `BUSY` with Retry-After.
 * - Workers run niced (+10): the event loop keeps priority on a busy machine.
 * - Each task has `timeoutMs` from the moment it is queued; past it the worker is terminated (and replaced) and
 *   the request gets 503 `COMPUTE_TIMEOUT` with Retry-After.
 */
import { type BaseChoice, baseNeedsCalibration, type Scenario } from '@grdp/engine';
import Piscina from 'piscina';
import { ApiError } from '../errors.ts';
import { failureError, runTask, type TaskName, type TaskOutcome, type Tasks } from './tasks.ts';

export interface ComputePoolOptions {
  /** Worker threads (COMPUTE_THREADS); 0 runs every task on the event loop, without limits (unit tests only). */
  threads: number;
  /** Tasks that may wait for a worker (COMPUTE_QUEUE). */
  queue: number;
  /** Time limit of one task, queueing included, in ms (COMPUTE_TIMEOUT, in seconds). */
  timeoutMs: number;
}

/** Seconds a refused client is told to wait. */
export const BUSY_RETRY_AFTER = 5;

export class BusyError extends ApiError {
  readonly retryAfter = BUSY_RETRY_AFTER;
}

const WORKER = new URL('./worker.mjs', import.meta.url).href;

/** Tasks whose whole work is exact evaluation once the base levels are known. */
const EVALUATIONS: ReadonlySet<TaskName> = new Set(['evaluate', 'track', 'required', 'whatif']);
/**
 * The most sectors (sub-sectors included) an evaluation may have to run on the event loop: a national file's 21
 * sections fit; the 100-sector tables the limits allow go to a worker, as does any table whose inputs take the
 * decimal.js path slowly enough to matter at that size.
 */
export const EVENT_LOOP_MAX_SECTORS = 32;

/**
 * Whether a task runs on the event loop although the pool has workers: an evaluation (evaluate, track, required,
 * what-if) of a scenario whose base levels are in the file, of at most EVENT_LOOP_MAX_SECTORS sectors. The engine's scaled-integer evaluations take tens to
 * hundreds of µs, less than posting the scenario to a worker and its answer back by structured clone (which
 * doubled a what-if's CPU, measured through `inject()`); the event loop stays free all the same. When the base
 * must be calibrated first (a linear programme, milliseconds), or for anything else (simulation, audit, charts,
 * reading posted YAML), the task goes to a worker.
 */
export function runsOnEventLoop(name: TaskName, args: readonly unknown[]): boolean {
  if (!EVALUATIONS.has(name)) return false;
  const scenario = args[0] as Scenario;
  if (scenario.sectors.length > EVENT_LOOP_MAX_SECTORS) return false;
  const choice = name === 'evaluate' ? ((args[1] as BaseChoice | undefined) ?? 'auto') : 'auto';
  return !baseNeedsCalibration(scenario, choice);
}

export class ComputePool {
  #pool: Piscina | undefined;
  constructor(readonly options: ComputePoolOptions) {}

  /** Whether the workers have been started (by a task that needed one, or `warm`). */
  get started(): boolean {
    return this.#pool !== undefined;
  }

  #piscina(): Piscina {
    this.#pool ??= new Piscina({
      filename: WORKER,
      minThreads: this.options.threads,
      maxThreads: this.options.threads,
      maxQueue: this.options.queue,
      idleTimeout: 60_000,
      concurrentTasksPerWorker: 1,
      // Workers run at a lower priority than the event loop thread (Linux, via @napi-rs/nice), so that under
      // full load the main thread still gets a core for /healthz, reads and writes.
      niceIncrement: 10,
    });
    return this.#pool;
  }

  /**
   * Runs a task of compute/tasks.ts on a worker, or on the event loop when it is light (`runsOnEventLoop`) or
   * the pool has no threads; its errors are thrown again as the same API errors.
   */
  async run<K extends TaskName>(name: K, ...args: Parameters<Tasks[K]>): Promise<Awaited<ReturnType<Tasks[K]>>> {
    if (this.options.threads === 0 || runsOnEventLoop(name, args)) {
      const inline = await runTask({ name, args });
      if (!inline.ok) throw failureError(inline.failure);
      return inline.value as Awaited<ReturnType<Tasks[K]>>;
    }
    const pool = this.#piscina();
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let outcome: TaskOutcome;
    try {
      outcome = await pool.run({ name, args }, { signal });
    } catch (e) {
      if (signal.aborted)
        throw new BusyError(
          'COMPUTE_TIMEOUT',
          `The computation took longer than ${this.options.timeoutMs / 1000} s and was stopped`,
        );
      if (/queue is at limit|no task queue available/i.test(String((e as Error)?.message)))
        throw new BusyError(
          'BUSY',
          `The server is busy (${this.options.threads} computations running, ${this.options.queue} waiting); try again shortly`,
        );
      throw e;
    }
    if (!outcome.ok) throw failureError(outcome.failure);
    return outcome.value as Awaited<ReturnType<Tasks[K]>>;
  }

  #warm: Promise<void> | undefined;

  /**
   * Starts every worker and loads the task table in it (a few seconds: the engine, the LP solver, Chart.js and
   * the canvas), once per pool, so the first requests are not the ones that pay for it.
   */
  warm(): Promise<void> {
    if (this.options.threads === 0) return Promise.resolve();
    this.#warm ??= Promise.all(
      Array.from({ length: this.options.threads }, () =>
        this.#piscina().run({ name: 'ping', args: [] }, { signal: AbortSignal.timeout(120_000) }),
      ),
    ).then(() => undefined);
    return this.#warm;
  }

  async close(): Promise<void> {
    this.#warm = undefined;
    const p = this.#pool;
    this.#pool = undefined;
    await p?.destroy();
  }
}

const shared = new Map<string, ComputePool>();

/**
 * The process's pool for these options. Apps built with the same settings (tests build many) share one, so
 * workers start once per process; `closeSharedPools` ends them (server shutdown).
 */
export function sharedComputePool(options: ComputePoolOptions): ComputePool {
  const key = JSON.stringify([options.threads, options.queue, options.timeoutMs]);
  let pool = shared.get(key);
  if (!pool) {
    pool = new ComputePool(options);
    shared.set(key, pool);
  }
  return pool;
}

export async function closeSharedPools(): Promise<void> {
  const pools = [...shared.values()];
  shared.clear();
  await Promise.all(pools.map((p) => p.close()));
}
