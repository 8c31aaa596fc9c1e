import { readFileSync } from 'node:fs';
import { loadScenario, residualsFor } from '@grdp/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { json, makeApp, type TestApp } from '../../test-support/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => t.close());

const repo = new URL('../../../../', import.meta.url).pathname;
const targets = parse(readFileSync(`${repo}scenarios/an-giang-2023-targets.yaml`, 'utf8'));
const previous = parse(readFileSync(`${repo}scenarios/examples/an-giang-2022-generated.yaml`, 'utf8'));
const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });

describe('POST /api/planner/draft', () => {
  it('flat and last-year: FY bands equal the targets, the YAML reproduces with its base', async () => {
    for (const body of [{ profile: 'flat' }, { profile: 'last-year', lastYear: previous }]) {
      const r = await post('/api/planner/draft', { scenario: targets, ...body });
      expect(r.statusCode).toBe(200);
      const d = json(r) as { reproducible: boolean; yaml: string; gap: { low: { gap: number } } };
      expect(d.reproducible).toBe(true);
      const drafted = loadScenario(d.yaml).scenario;
      expect(drafted.targets.FY!.services).toMatchObject({ low: 8.6, high: 9.3 });
      expect(residualsFor(drafted, drafted.base!.levels).maxAbsResidual!).toBeLessThan(0.005);
      expect(d.gap.low.gap).toBeCloseTo(0.0038, 4);
    }
  });

  it('answers a bad request with the problem named', async () => {
    const r = await post('/api/planner/draft', { scenario: targets, profile: 'last-year' });
    expect(r.statusCode).toBe(422);
    expect(JSON.stringify(json(r))).toMatch(/lastYear/);
    const bad = await post('/api/planner/draft', { scenario: targets, profile: 'flat', reconcile: 'absorb:Mining' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('POST /api/scenarios/:id/adjust', () => {
  it('as of Q2: a new version of the stored scenario, compared side by side with the initial one', async () => {
    const r = await post('/api/scenarios/an-giang-2023/adjust', {
      asOf: 'Q2',
      date: '2023-07-15',
      label: 'adjusted-2023-07',
    });
    expect(r.statusCode).toBe(200);
    const a = json(r) as {
      version: object;
      flags: unknown[];
      comparison: {
        versions: { label: string }[];
        cells: { period: string; key: string; change: ({ low: number } | null)[] }[];
      };
    };
    expect(a.version).toEqual({ label: 'adjusted-2023-07', date: '2023-07-15', adjusts: 'initial' });
    expect(a.flags).toEqual([]);
    expect(a.comparison.versions.map((v) => v.label)).toEqual(['initial', 'adjusted-2023-07']);
    const fy = a.comparison.cells.find((c) => c.period === 'FY' && c.key === 'total')!;
    expect(fy.change[0]).toEqual({ low: 0, high: 0 });
  });
  it('404 for an unknown scenario, 400 for --as-of Q4', async () => {
    expect((await post('/api/scenarios/nope/adjust', { asOf: 'Q2' })).statusCode).toBe(404);
    expect((await post('/api/scenarios/an-giang-2023/adjust', { asOf: 'Q4' })).statusCode).toBe(400);
  });
});

describe('POST /api/planner/merge', () => {
  it('sums the levels; an index part without its size is refused with the reason', async () => {
    const a = { ...targets, id: 'a-2023', base: { ...targets.base, unit: 'billion VND, constant 2010 prices' } };
    const b = { ...targets, id: 'b-2023' };
    const refused = await post('/api/planner/merge', { parts: [a, b], id: 'ab-2023' });
    expect(refused.statusCode).toBe(422);
    expect(JSON.stringify(json(refused))).toMatch(/b-2023=AMOUNT/);
    const r = await post('/api/planner/merge', { parts: [a, b], id: 'ab-2023', sizes: { 'b-2023': 100 } });
    expect(r.statusCode).toBe(200);
    const m = json(r) as { base: { levels: Record<string, number[]>; from: { id: string }[] } };
    // b is an index that sums to 100; its size is 100: the merged levels are twice a's
    expect(m.base.levels.agriculture![0]).toBeCloseTo(2 * 12.864769, 9);
    expect(m.base.from.map((f) => f.id)).toEqual(['a-2023', 'b-2023']);
  });
});

describe('the OpenAPI document', () => {
  it('describes the planner routes with their schemas', async () => {
    const doc = json(await t.app.inject({ method: 'GET', url: '/docs/json' })) as {
      paths: Record<string, { post?: { tags: string[]; requestBody?: unknown; responses: Record<string, unknown> } }>;
    };
    for (const path of [
      '/api/planner/draft',
      '/api/planner/draft/appendix.xlsx',
      '/api/planner/merge',
      '/api/scenarios/{id}/adjust',
      '/api/scenarios/{id}/adjust/appendix.xlsx',
    ]) {
      const op = doc.paths[path]!.post!;
      expect(op.tags).toEqual(['planner']);
      expect(op.requestBody).toBeDefined();
      expect(op.responses['200']).toBeDefined();
    }
  });
});
