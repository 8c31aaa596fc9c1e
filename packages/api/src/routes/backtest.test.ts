import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, makeApp, type TestApp } from '../../test-support/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => t.close());

interface Report {
  scenarioYears: number;
  models: Record<string, { brier: number; logScore: number; predictions: number; reliability: unknown[] }>;
  misses: { model: string; miss: number }[];
}

describe('GET /api/backtest', () => {
  it('scores both models on the history, the learned one better, with the documented shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/backtest' });
    expect(res.statusCode).toBe(200);
    const r = json(res) as unknown as Report;
    expect(Object.keys(r).sort()).toEqual(
      ['crossValidation', 'misses', 'models', 'predictions', 'scenarioYears', 'skipped'].sort(),
    );
    expect(r.scenarioYears).toBeGreaterThanOrEqual(7);
    expect(r.models.learned!.reliability).toHaveLength(10);
    expect(r.models.learned!.brier).toBeLessThan(r.models.band!.brier);
    expect(r.misses.some((m) => m.model === 'band' && m.miss > 0.99)).toBe(true);
  });

  it('scores one model when asked, and refuses an unknown one at path model', async () => {
    const r = json(await t.app.inject({ method: 'GET', url: '/api/backtest?model=band' })) as unknown as Report;
    expect(Object.keys(r.models)).toEqual(['band']);
    const bad = await t.app.inject({ method: 'GET', url: '/api/backtest?model=magic' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('model');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = json(await t.app.inject({ method: 'GET', url: '/docs/json' })) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(doc.paths['/api/backtest']?.get?.responses['200']).toBeDefined();
    const sim = JSON.stringify(doc.paths['/api/scenarios/{id}/simulate']);
    expect(sim).toContain('trackRecord');
    expect(sim).toContain('learned');
  });
});

describe('simulate: the model and its track record', () => {
  const url = '/api/scenarios/an-giang-2023/simulate';
  it('uses the learned model by default and says so beside every probability; band on request', async () => {
    const learned = json(await t.app.inject({ method: 'POST', url, payload: { draws: 2000, asOf: 'Q1' } })) as {
      model: string;
      trackRecord: Record<string, { text: { vi: string; en: string }; model: string }>;
      probabilities: Record<string, unknown>;
      closedForm: { probabilities: { total: { low: number } } };
    };
    expect(learned.model).toBe('learned');
    expect(Object.keys(learned.trackRecord).sort()).toEqual(Object.keys(learned.probabilities).sort());
    expect(learned.trackRecord.total!.text.en).toMatch(/^Over \d+ past scenario-years/);
    const band = json(
      await t.app.inject({ method: 'POST', url, payload: { draws: 2000, asOf: 'Q1', model: 'band' } }),
    ) as typeof learned;
    expect(band.model).toBe('band');
    expect(band.closedForm.probabilities.total.low).not.toBe(learned.closedForm.probabilities.total.low);
  });
});
