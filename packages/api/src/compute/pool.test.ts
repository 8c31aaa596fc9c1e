import { parseScenarioObject } from '@grdp/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { bigScenario } from '../../test-support/big-scenario.ts';
import { anGiang } from '../../test-support/helpers.ts';
import { ApiError } from '../errors.ts';
import { statusOf } from '../plugins/errors.ts';
import { BusyError, ComputePool, EVENT_LOOP_MAX_SECTORS, runsOnEventLoop } from './pool.ts';

const big = parseScenarioObject(bigScenario(100)).scenario;
const pools: ComputePool[] = [];
const pool = (threads: number, queue: number, timeoutMs: number) => {
  const p = new ComputePool({ threads, queue, timeoutMs });
  pools.push(p);
  return p;
};
afterAll(async () => Promise.all(pools.map((p) => p.close())));

describe('compute pool', () => {
  it('runs a task on a worker and returns plain data', async () => {
    const r = await pool(1, 4, 60_000).run('evaluate', anGiang(), 'calibrated', []);
    expect(r.scenarioId).toBe('an-giang-2023');
    expect(r.base.origin).toBe('calibrated');
    expect(Object.keys(r.base.levels).length).toBeGreaterThan(0);
  });

  it('runs an evaluation on the event loop when the base levels are in the file, anything heavier on a worker', async () => {
    const s = anGiang();
    expect(s.base?.levels).toBeDefined();
    for (const name of ['evaluate', 'track', 'required', 'whatif'] as const)
      expect(runsOnEventLoop(name, [s, undefined]), name).toBe(true);
    expect(runsOnEventLoop('evaluate', [s, 'file'])).toBe(true);
    expect(runsOnEventLoop('evaluate', [s, 'calibrated'])).toBe(false);
    const noLevels = { ...s, base: undefined };
    expect(big.sectors.length).toBeGreaterThan(EVENT_LOOP_MAX_SECTORS);
    expect(runsOnEventLoop('track', [{ ...big, base: { levels: { x: [1, 1, 1, 1] } } }, undefined])).toBe(false);
    expect(runsOnEventLoop('whatif', [noLevels, { shocks: [] }])).toBe(false);
    for (const name of ['simulate', 'audit', 'calibrate', 'trackYaml', 'chart'] as const)
      expect(runsOnEventLoop(name, [s]), name).toBe(false);
    // on the event loop: the answer of the inline pool (threads 0), with no worker started
    const p = pool(1, 4, 60_000);
    const request = { shocks: ['agriculture:Q4:-2pp'] };
    expect(await p.run('whatif', s, request)).toEqual(await pool(0, 0, 60_000).run('whatif', s, request));
    expect(p.started).toBe(false);
  });

  it('a domain error in the worker comes back as the same GrdpError (400/422), not a 500', async () => {
    const s = anGiang();
    const e = await pool(1, 4, 60_000)
      .run('whatif', s, { shocks: ['nosuchsector.Q3:-2'] })
      .catch((x) => x);
    expect(e).toBeInstanceOf(Error);
    expect(e.constructor.name === 'GrdpError' || e instanceof ApiError).toBe(true);
  });

  it('stops a task past its time limit: 503 COMPUTE_TIMEOUT with Retry-After, and the pool still works', async () => {
    const p = pool(1, 4, 300);
    const e = await p.run('evaluate', big, 'auto', []).catch((x) => x);
    expect(e).toBeInstanceOf(BusyError);
    expect(e).toMatchObject({ code: 'COMPUTE_TIMEOUT', retryAfter: 5 });
    expect(statusOf(e.code)).toBe(503);
    const p2 = pool(1, 4, 60_000);
    expect((await p2.run('audit', anGiang())).scenarioId).toBe('an-giang-2023');
  }, 60_000);

  it('refuses a task when every worker is busy and the queue is full: 503 BUSY', async () => {
    const p = pool(1, 0, 60_000);
    const first = p.run('evaluate', big, 'auto', []);
    const second = await p.run('evaluate', big, 'auto', []).catch((x) => x);
    expect(second).toBeInstanceOf(BusyError);
    expect(second).toMatchObject({ code: 'BUSY' });
    expect(statusOf(second.code)).toBe(503);
    expect((await first).scenarioId).toBe('big-2024');
  }, 60_000);
});
