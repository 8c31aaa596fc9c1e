/**
 * The CPU-heavy work a request may cause, as named tasks the worker pool runs (compute/pool.ts): the calibration
 * (a linear programme) behind every computation that needs base levels, the Monte Carlo simulation and chart
 * rendering. Arguments and results are plain data (structured clone); errors travel as `TaskFailure` and are
 * thrown again on the main thread as the same GrdpError or ApiError.
 */
import { audit, calibrate, GrdpError, type Issue, type Quarter, type Scenario } from '@grdp/engine';
import { type ChartFileOptions, scenarioChartFile } from '../charts/scenario-file.ts';
import { ApiError } from '../errors.ts';
import {
  evaluateOf,
  postedOf,
  requiredOf,
  simulateOf,
  simulationChunksOf,
  simulationPlanOf,
  trackOf,
  whatifOf,
} from './run.ts';

export const TASKS = {
  /** Nothing: loads the worker (ComputePool.warm). */
  ping: () => true,
  evaluate: evaluateOf,
  track: trackOf,
  required: requiredOf,
  /** POST /api/track and /api/required with the scenario as YAML text: read here, on the worker, not on the event loop. */
  trackYaml: (yaml: string, asOf?: Quarter) => postedOf(yaml, (s) => trackOf(s, asOf)),
  requiredYaml: (yaml: string, asOf?: Quarter) => postedOf(yaml, (s) => requiredOf(s, asOf)),
  whatif: whatifOf,
  simulate: simulateOf,
  /** A large simulation split over the workers (compute/simulate.ts): its plan, then each worker's streams. */
  simulationPlan: simulationPlanOf,
  simulationChunks: simulationChunksOf,
  calibrate: async (scenario: Scenario, asPrinted: boolean) => ({
    ...(await calibrate(scenario, { asPrinted })),
    scenarioId: scenario.id,
  }),
  audit: async (scenario: Scenario) => ({ scenarioId: scenario.id, findings: await audit(scenario) }),
  chart: (scenario: Scenario, name: string, options: ChartFileOptions) => scenarioChartFile(scenario, name, options),
} as const;

export type Tasks = typeof TASKS;
export type TaskName = keyof Tasks;
export interface TaskRequest {
  name: TaskName;
  args: unknown[];
}

export type TaskFailure =
  | { kind: 'grdp'; issues: Issue[] }
  | { kind: 'api'; code: string; message: string; path?: string };
export type TaskOutcome = { ok: true; value: unknown } | { ok: false; failure: TaskFailure };

/** Runs one task and returns its value or its expected failure; anything else is thrown (a 500). */
export async function runTask({ name, args }: TaskRequest): Promise<TaskOutcome> {
  const task = TASKS[name] as (...a: unknown[]) => unknown;
  if (typeof task !== 'function') throw new Error(`no compute task ${String(name)}`);
  try {
    return { ok: true, value: await task(...args) };
  } catch (e) {
    if (e instanceof GrdpError) return { ok: false, failure: { kind: 'grdp', issues: e.issues } };
    if (e instanceof ApiError)
      return {
        ok: false,
        failure: {
          kind: 'api',
          code: e.code,
          message: e.message,
          ...(e.path === undefined ? {} : { path: e.path }),
        },
      };
    throw e;
  }
}

/** The error a failure stands for, to throw on the main thread. */
export function failureError(failure: TaskFailure): Error {
  if (failure.kind === 'grdp') return new GrdpError(failure.issues as ConstructorParameters<typeof GrdpError>[0]);
  return new ApiError(failure.code as ApiError['code'], failure.message, failure.path);
}
