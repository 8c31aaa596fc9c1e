import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluatePlan, loadPlan, requiredAverageGrowth } from '@grdp/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AN_GIANG_YAML, json, makeApp, type TestApp } from '../../test-support/helpers.ts';
import { REPO_ROOT } from '../config.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => t.close());

const post = (url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, ...(payload === undefined ? {} : { payload }) });
const url = '/api/scenarios/an-giang-2023/simulate';
const PLAN_YAML = readFileSync(join(REPO_ROOT, 'scenarios', 'an-giang-2026-2030.plan.yaml'), 'utf8');

interface Sim {
  draws: number;
  seed: number;
  asOf: string | null;
  probabilities: Record<string, { low: number; high: number; standardError: { low: number } }>;
  closedForm: { probabilities: Record<string, { low: number; high: number }> } | null;
  periods: Record<string, Record<string, { mean: number; sd: number }>>;
}

describe('simulate', () => {
  it('is reproducible: the same seed gives the same answer', async () => {
    const a = await post(url, { draws: 5000, seed: 7, asOf: 'Q1' });
    const b = await post(url, { draws: 5000, seed: 7, asOf: 'Q1' });
    expect(a.statusCode).toBe(200);
    expect(json(a)).toEqual(json(b));
    const sim = json(a) as unknown as Sim;
    expect(sim).toMatchObject({ draws: 5000, seed: 7, asOf: 'Q1' });
    const other = json(await post(url, { draws: 5000, seed: 8, asOf: 'Q1' })) as unknown as Sim;
    expect(other.periods.FY!.total!.mean).not.toBe(sim.periods.FY!.total!.mean);
  });

  it('agrees with the closed form of the normal model, and fixes the actual quarters', async () => {
    const sim = json(await post(url, { draws: 20000, seed: 3, asOf: 'Q2' })) as unknown as Sim;
    for (const key of ['total', 'agriculture', 'services']) {
      const p = sim.probabilities[key]!;
      const exact = sim.closedForm!.probabilities[key]!;
      expect(Math.abs(p.low - exact.low)).toBeLessThanOrEqual(5 * p.standardError.low + 1e-9);
    }
    // Q1 and Q2 are fixed at the actuals: H1 has no spread, Q3 has.
    expect(sim.periods.H1!.total!.sd).toBeCloseTo(0, 9);
    // The total comes from the sectors' published H1 figures (6.55 %), beside the published total 6.5 %.
    expect(Math.abs(sim.periods.H1!.total!.mean - 6.5)).toBeLessThan(0.1);
    expect(sim.periods.Q3!.total!.sd).toBeGreaterThan(0);
  });

  it('uses 20,000 draws by default and refuses more than 2,000,000 over HTTP at path draws', async () => {
    const d = await post(url);
    expect(d.statusCode).toBe(200);
    expect(json(d).draws).toBe(20000);
    for (const draws of [1e9, 0]) {
      const r = await post(url, { draws });
      expect(r.statusCode).toBe(400);
      expect(json(r)).toMatchObject({ code: 'VALIDATION', path: 'draws' });
    }
    const coverage = await post(url, { coverage: 1.5 });
    expect(coverage.statusCode).toBe(422);
    expect(json(coverage).path).toBe('coverage');
  });

  it('simulates a posted scenario like the stored one', async () => {
    const options = { draws: 5000, seed: 7, asOf: 'Q1', distribution: 'triangular', correlation: 0.5 };
    const stored = json(await post(url, options));
    const posted = await post('/api/simulate', { scenario: { ...parse(AN_GIANG_YAML), id: 'other' }, ...options });
    expect(posted.statusCode).toBe(200);
    const { scenarioId, warnings, ...rest } = json(posted);
    expect(scenarioId).toBe('other');
    expect(Array.isArray(warnings)).toBe(true);
    expect({ ...rest, scenarioId: stored.scenarioId }).toEqual(stored);
    expect(stored.closedForm).toBeNull();
  });
});

describe('simulate: only what is asked (series)', () => {
  it('answers the asked keys’ series alone, bit for bit those of the full answer; [] gives the probabilities only', async () => {
    const options = { draws: 5000, seed: 7, asOf: 'Q1' };
    const full = json(await post(url, options)) as unknown as Sim;
    const total = json(await post(url, { ...options, series: ['total'] })) as unknown as Sim;
    expect(Object.keys(total.periods.FY!)).toEqual(['total']);
    expect(total.periods).toEqual(
      Object.fromEntries(Object.entries(full.periods).map(([period, row]) => [period, { total: row.total }])),
    );
    expect(total.probabilities).toEqual(full.probabilities);
    const none = json(await post(url, { ...options, series: [] })) as unknown as Sim;
    expect(Object.values(none.periods).every((row) => Object.keys(row).length === 0)).toBe(true);
    expect(none.probabilities).toEqual(full.probabilities);
    expect(none.closedForm!.probabilities).toEqual(full.closedForm!.probabilities);
    expect(json(await post(url, { ...options, series: 'all' }))).toEqual(full);
  });

  it('refuses an unknown key at its path', async () => {
    const r = await post(url, { series: ['total', 'fishing'] });
    expect(r.statusCode).toBe(422);
    expect(json(r)).toMatchObject({ code: 'INPUT_INVALID', path: 'series[1]' });
    const bad = await post(url, { series: 'some' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('plan', () => {
  it('evaluates a plan: the engine’s evaluation and required average growth, through JSON', async () => {
    const obj = parse(PLAN_YAML);
    const r = await post('/api/plan', obj);
    expect(r.statusCode).toBe(200);
    const plan = loadPlan(PLAN_YAML);
    const body = json(r) as { evaluation: { finalIndex: number; years: unknown[] }; required: unknown };
    expect(body.evaluation).toEqual(JSON.parse(JSON.stringify(evaluatePlan(plan))));
    expect(body.required).toEqual(JSON.parse(JSON.stringify(requiredAverageGrowth(plan))));
    expect(body.evaluation.years).toHaveLength(5);
    expect(body.evaluation.finalIndex).toBeCloseTo(100 * 1.11 ** 5, 6);

    const withActuals = json(await post('/api/plan', { ...obj, actuals: { 2026: 9, 2027: 10 } })) as {
      required: { real: { requiredAverageGrowth: number } };
    };
    expect(withActuals.required.real.requiredAverageGrowth).toBeGreaterThan(11);
  });

  it('names what is wrong with a plan', async () => {
    const r = await post('/api/plan', { ...parse(PLAN_YAML), endYear: 'soon' });
    expect(r.statusCode).toBe(422);
    expect(json(r)).toMatchObject({ code: 'INPUT_INVALID', path: 'endYear' });
  });
});
