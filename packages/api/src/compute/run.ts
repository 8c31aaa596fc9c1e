/**
 * The computations behind the track, required, what-if, simulate and plan routes: each resolves the scenario's
 * base (`resolveBase`), calls the engine and adds where the base came from. Nothing is computed here.
 */
import {
  type BaseChoice,
  type BaselineName,
  type BaseOrigin,
  bandPath,
  calibrate,
  evaluate,
  evaluatePlan,
  GrdpError,
  type Issue,
  legacyWebShocks,
  type ModelName,
  mergeSimulationChunks,
  modelledSectors,
  parsePlanObject,
  parseShock,
  prepareSimulation,
  type Quarter,
  requiredAverageGrowth,
  requiredGrowth,
  resolveBase,
  type Scenario,
  type Shock,
  SIMULATION_DEFAULTS,
  type SimulateOptions,
  type SimulationChunk,
  type SimulationPlan,
  type StreamPart,
  sensitivity,
  simulateChunk,
  simulateInputOf,
  simulationStreams,
  summarizeSimulation,
  TRACK_RECORD,
  track,
  trackRecordOf,
  whatIf,
} from '@grdp/engine';
import { Value } from '@sinclair/typebox/value';
import { ApiError } from '../errors.ts';
import { readScenarioBody } from '../scenario-input.ts';
import { StoredWhatifBody } from '../schemas/compute.ts';

/** Where the base levels came from, in the engine's vocabulary. */
export interface BaseInfo {
  origin: BaseOrigin;
  note?: string;
}

async function based(scenario: Scenario) {
  const r = await resolveBase(scenario);
  const info: BaseInfo = r.note === undefined ? { origin: r.origin } : { origin: r.origin, note: r.note };
  return { base: r.base, info };
}

/**
 * Low and high tables from the bands' quarterly paths, on the base levels the engine's `resolveBase` chooses
 * (`choice`: auto, file or calibrated); the calibration's warnings are passed on.
 */
export async function evaluateOf(scenario: Scenario, choice: BaseChoice = 'auto', warnings: Issue[] = []) {
  let calibrationWarnings: Issue[] = [];
  const resolved = await resolveBase(
    scenario,
    async (s) => {
      const c = await calibrate(s);
      calibrationWarnings = c.warnings;
      return c;
    },
    choice,
  );
  const run = (side: 'low' | 'high') =>
    evaluate({
      sectors: modelledSectors(scenario.sectors, resolved.base),
      base: resolved.base,
      growth: bandPath(scenario, side),
    });
  const base = {
    origin: resolved.origin,
    ...(resolved.note !== undefined && { note: resolved.note }),
    levels: resolved.base,
  };
  return {
    scenarioId: scenario.id,
    base,
    low: run('low'),
    high: run('high'),
    warnings: [...warnings, ...calibrationWarnings],
  };
}

const asOfOption = (asOf: Quarter | undefined) => (asOf === undefined ? {} : { asOf });

export async function trackOf(scenario: Scenario, asOf?: Quarter) {
  const { base, info } = await based(scenario);
  return { scenarioId: scenario.id, base: info, ...track(scenario, base, asOfOption(asOf)) };
}

export async function requiredOf(scenario: Scenario, asOf?: Quarter) {
  const { base, info } = await based(scenario);
  return { scenarioId: scenario.id, base: info, ...requiredGrowth(scenario, base, asOfOption(asOf)) };
}

/**
 * A scenario as a posted route takes it (YAML text or a JSON document), read by the engine loader, then `compute`d;
 * the loader's warnings are added. As a task (YAML text only: a string is cheap to send to a worker), the reading
 * happens on the worker, in parallel with other requests' reading.
 */
export async function postedOf<T extends object>(body: unknown, compute: (scenario: Scenario) => Promise<T>) {
  const { scenario, warnings } = readScenarioBody(body);
  return { ...(await compute(scenario)), warnings };
}

export interface WhatifRequest {
  shocks: readonly (Shock | string)[];
  baseline?: BaselineName;
  asOf?: Quarter;
}

/** Shocks as objects; text shocks read by the engine's `parseShock` (a bad one: 400 at `shocks[i]`). */
export function readShocks(shocks: readonly (Shock | string)[]): Shock[] {
  return shocks.map((s, i) => {
    if (typeof s !== 'string') return s;
    try {
      return parseShock(s);
    } catch (e) {
      if (!(e instanceof GrdpError)) throw e;
      throw new ApiError('VALIDATION', `shocks[${i}] "${s}": ${e.message}`, `shocks[${i}]`);
    }
  });
}

export async function whatifOf(scenario: Scenario, request: WhatifRequest) {
  const shocks = readShocks(request.shocks);
  const { base, info } = await based(scenario);
  const baseline = request.baseline ?? 'mid';
  const options = asOfOption(request.asOf);
  const result = whatIf(scenario, base, shocks, { baseline, ...options });
  return {
    scenarioId: scenario.id,
    base: info,
    shocks,
    ...result,
    sensitivity: sensitivity(scenario, base, baseline, options),
  };
}

/**
 * A saved what-if's body as a what-if request: `{shocks, baseline?, asOf?}` like the what-if routes take, or the
 * web's form with `shocks` as one `sector.Q3:-2,…` string. Anything else: 422 WHATIF_NOT_RUNNABLE at its path.
 */
export function savedWhatifRequest(body: Record<string, unknown>): WhatifRequest {
  const request = typeof body.shocks === 'string' ? { ...body, shocks: legacyWebShocks(body.shocks) } : body;
  const error = Value.Errors(StoredWhatifBody, request).First();
  if (error) {
    const path = ['body', ...error.path.split('/').filter(Boolean)].join('.');
    throw new ApiError('WHATIF_NOT_RUNNABLE', `The saved what-if cannot be run: ${error.message}`, path);
  }
  return request as unknown as WhatifRequest;
}

export interface SimulateRequest extends SimulateOptions {
  asOf?: Quarter;
  /** The uncertainty model (default learned; band: the published bands alone). */
  model?: ModelName;
}

/**
 * A simulation's plan (the engine's `prepareSimulation`, on the scenario's base under the chosen model and the
 * engine's `SIMULATION_DEFAULTS`) and what its answer says besides the counts. Plain data: it can be posted to
 * workers that run its streams.
 */
export async function simulationPlanOf(scenario: Scenario, request: SimulateRequest) {
  const { asOf, model, ...options } = request;
  const { base, info } = await based(scenario);
  const input = simulateInputOf(scenario, base, asOf, model);
  const plan = prepareSimulation(input.input, { ...SIMULATION_DEFAULTS, ...input.options, ...options });
  return { plan, about: { scenarioId: scenario.id, base: info, asOf: input.asOf, model: input.model } };
}
export type PreparedSimulation = Awaited<ReturnType<typeof simulationPlanOf>>;

/** The chunks of some streams of a plan (one worker's share), in the order given. */
export function simulationChunksOf(plan: SimulationPlan, parts: readonly StreamPart[]): SimulationChunk[] {
  return parts.map((part) => simulateChunk(plan, part.draws, part.stream));
}

/**
 * The answer: the chunks of every stream merged in stream order and summarised (so it is the engine's `simulate`
 * result whatever ran the streams), with, for every probability, the model that produced it and its one-line
 * track record from the cross-validated backtest.
 */
export function simulationAnswer({ plan, about }: PreparedSimulation, chunks: readonly SimulationChunk[]) {
  const result = summarizeSimulation(plan, mergeSimulationChunks(plan, chunks));
  const trackRecord = Object.fromEntries(
    Object.entries(result.probabilities).map(([key, p]) => [
      key,
      trackRecordOf(result.closedForm?.probabilities[key]?.low ?? p.low, about.model, TRACK_RECORD),
    ]),
  );
  return { ...about, trackRecord, ...result };
}

/** The simulation of a scenario in this thread: its streams one after the other. */
export async function simulateOf(scenario: Scenario, request: SimulateRequest) {
  const prepared = await simulationPlanOf(scenario, request);
  return simulationAnswer(prepared, simulationChunksOf(prepared.plan, simulationStreams(prepared.plan.draws)));
}

/** A plan (checked by the engine's parsePlanObject): its evaluation and the average growth still required. */
export function planOf(obj: unknown) {
  const plan = parsePlanObject(obj);
  return { evaluation: { ...evaluatePlan(plan) }, required: { ...requiredAverageGrowth(plan) } };
}
