/**
 * Property-based fuzzing with a fixed seed (the soak runs the same properties with random seeds and many more
 * runs): the engine loader only ever throws GrdpError; no route answers 5xx or hangs on arbitrary JSON and queries.
 */

import { AN_GIANG_YAML, makeApp, type TestApp } from '@grdp/api/testing';
import { GrdpError, loadScenario } from '@grdp/engine';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loaderOnArbitraryText,
  loaderOnMutatedFile,
  loaderOnMutatedObject,
  mutate,
  mutation as mutationArb,
  routesNeverFail,
  routesOf,
} from './fuzz.ts';

const SEED = 20_240_601;

describe('engine loadScenario fuzzing (seed 20240601)', () => {
  it('arbitrary strings: only GrdpError', () => loaderOnArbitraryText({ numRuns: 400, seed: SEED }));
  it('mutated An Giang file (YAML and JSON text): only GrdpError', () =>
    loaderOnMutatedFile({ numRuns: 300, seed: SEED }));
  it('mutated An Giang object: only GrdpError', () => loaderOnMutatedObject({ numRuns: 400, seed: SEED }));
  it('the mutations reach both outcomes: some edited files still load, most are refused', () => {
    const outcomes = { loaded: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (ms) => {
        try {
          loadScenario(mutate(AN_GIANG_YAML, ms));
          outcomes.loaded++;
        } catch (e) {
          expect(e).toBeInstanceOf(GrdpError);
          outcomes.refused++;
        }
      }),
      { numRuns: 200, seed: SEED },
    );
    expect(outcomes.loaded).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(outcomes.loaded / 4);
  });
});

describe('route fuzzing: arbitrary JSON bodies and query strings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t?.close());

  it('every route of /docs/json: never 5xx, never over 10 s', async () => {
    const routes = await routesOf(t.app);
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const r = await routesNeverFail(t.app, t.admin, { numRuns: 12, seed: SEED, routes });
    console.info(`route fuzzing: ${r.routes} routes, ${r.requests} requests, statuses ${JSON.stringify(r.statuses)}`);
    expect(r.requests).toBeGreaterThanOrEqual(r.routes * 12);
    expect(Object.keys(r.statuses).every((s) => Number(s) < 500)).toBe(true);
  }, 120_000);
});
