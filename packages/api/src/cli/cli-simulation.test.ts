import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  evaluatePlan,
  loadPlan,
  loadScenario,
  planBaseFromScenario,
  requiredAverageGrowth,
  STREAM_DRAWS,
} from '@grdp/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateOf } from '../compute/run.ts';
import { runCli } from './main.ts';
import { captureIo } from './test-io.ts';

const root = new URL('../../../../', import.meta.url).pathname;
const anGiang = join(root, 'scenarios/an-giang-2023.yaml');
const planFile = join(root, 'scenarios/an-giang-2026-2030.plan.yaml');
const dir = mkdtempSync(join(tmpdir(), 'grdp-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = captureIo();
  const code = await runCli(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}
async function json(args: string[]) {
  const r = await run([...args, '--json']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out);
}

describe('grdp simulate', () => {
  it('is reproducible for a seed and agrees with the closed form', async () => {
    const args = ['simulate', anGiang, '--draws', '20000', '--seed', '7', '--as-of', 'Q1'];
    const a = await json(args);
    const b = await json(args);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ draws: 20000, seed: 7, asOf: 'Q1', distribution: 'normal' });
    const p = a.probabilities.total;
    expect(Math.abs(p.low - a.closedForm.probabilities.total.low)).toBeLessThanOrEqual(5 * p.standardError.low + 1e-9);
  });

  it('prints the probabilities beside the closed form and a quantiles table', async () => {
    const r = await run(['simulate', anGiang, '--draws', '5000', '--seed', '7', '--as-of', 'Q2', '--coverage', '0.9']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/5000 draws, seed 7, normal distribution/);
    expect(r.out).toMatch(/Closed form/);
    expect(r.out).toMatch(/p95/);
    expect(r.out).toMatch(/Agriculture/i);
  });

  it('rejects bad options: text for a number, an unknown distribution, an engine range', async () => {
    expect((await run(['simulate', anGiang, '--draws', 'many'])).err).toMatch(/--draws must be a whole number/);
    expect((await run(['simulate', anGiang, '--distribution', 'uniform'])).code).toBe(1);
    const r = await run(['simulate', anGiang, '--coverage', '2']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/INPUT_INVALID coverage/);
  });
});

describe('grdp simulate --series: only what is asked', () => {
  const base = ['simulate', anGiang, '--draws', '4000', '--seed', '7', '--as-of', 'Q1'];
  it('none: the probabilities alone, the same as in the full answer', async () => {
    const full = await json(base);
    const none = await json([...base, '--series', 'none']);
    expect(Object.values(none.periods).every((row) => Object.keys(row as object).length === 0)).toBe(true);
    expect(none.probabilities).toEqual(full.probabilities);
    const two = await json([...base, '--series', 'total, agriculture']);
    expect(Object.keys(two.periods.FY)).toEqual(['total', 'agriculture']);
    expect(two.periods.FY.agriculture).toEqual(full.periods.FY.agriculture);
  });

  it('prints a quantiles table for every asked key, and refuses an unknown key at its place', async () => {
    const text = await run([...base, '--series', 'total,agriculture']);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/Quantiles of GRDP total growth by period/);
    expect(text.out).toMatch(/Quantiles of Agriculture[^\n]* growth by period/i);
    const bad = await run([...base, '--series', 'fishing']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/INPUT_INVALID series\[0\]/);
  });

  it('runs a simulation of several streams on worker threads, with the one-thread answer', async () => {
    const draws = 15 * STREAM_DRAWS + 1;
    const cli = await json(['simulate', anGiang, '--draws', String(draws), '--seed', '4', '--series', 'none']);
    const here = await simulateOf(loadScenario(readFileSync(anGiang, 'utf8')).scenario, {
      draws,
      seed: 4,
      series: [],
    });
    expect(cli).toEqual(JSON.parse(JSON.stringify(here)));
  }, 60_000);
});

describe('grdp plan', () => {
  it('evaluates the plan file with the engine, its base taken from the merged An Giang (baseFrom)', async () => {
    const r = await json(['plan', planFile]);
    const merged = loadScenario(readFileSync(join(root, 'scenarios/merged/an-giang-merged-2024.yaml'), 'utf8'));
    const plan = planBaseFromScenario(loadPlan(readFileSync(planFile, 'utf8')), merged.scenario);
    expect(r.evaluation).toEqual(JSON.parse(JSON.stringify(evaluatePlan(plan))));
    expect(r.evaluation.baseLevel).toBe(159_521.866083);
    expect(r.required).toEqual(JSON.parse(JSON.stringify(requiredAverageGrowth(plan))));
    const text = await run(['plan', planFile]);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(
      /Base 2025: 159,521\.87 billion VND \(constant 2010 prices\), from merged\/an-giang-merged-2024\.yaml/,
    );
    expect(text.out).toMatch(/2030 index: 168\.5058; level: 268,803\.62/);
    expect(text.out).toMatch(/Geometric average growth 2026–2030: 11\.000%/);
    const vi = await run(['plan', planFile, '--lang', 'vi']);
    expect(vi.out).toMatch(/Mức gốc 2025: 159\.521,87 tỷ đồng \(giá so sánh 2010\)/);
  });

  it('without the merged base file the plan is evaluated as an index, and says so', async () => {
    const alone = join(dir, 'an-giang-2026-2030.plan.yaml');
    writeFileSync(alone, readFileSync(planFile, 'utf8'));
    const r = await json(['plan', alone]);
    expect(r.evaluation.baseLevel).toBeNull();
    expect(r.evaluation.finalIndex).toBe(168.50581551);
    const text = await run(['plan', alone]);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/merged\/an-giang-merged-2024\.yaml is not there: the plan is evaluated as an index/);
  });

  it('reports a bad plan with its path', async () => {
    const bad = join(dir, 'bad.plan.yaml');
    writeFileSync(bad, readFileSync(planFile, 'utf8').replace('endYear: 2030', 'endYear: soon'));
    const r = await run(['plan', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/INPUT_INVALID endYear/);
  });
});

describe('grdp rollforward', () => {
  // A Q3 actual lets the engine derive every quarter (Q2 from H1, Q4 from FY and 9M).
  const full = join(dir, 'an-giang-full.yaml');
  writeFileSync(
    full,
    readFileSync(anGiang, 'utf8').replace(
      /^actuals:\n/m,
      'actuals:\n  - period: Q3\n    vintage: estimate\n    values: {total: 7.2, agriculture: 4.1, industry_construction: 12, services: 8.1, product_taxes: 4.6}\n',
    ),
  );

  it('writes the next year’s scenario and refuses to overwrite it without --force', async () => {
    const out = join(dir, 'an-giang-2024.yaml');
    const r = await run(['rollforward', full, '--out', out]);
    expect(r.code, r.err).toBe(0);
    const next = loadScenario(readFileSync(out, 'utf8')).scenario;
    expect(next).toMatchObject({ id: 'an-giang-2024', year: 2024, targets: {}, actuals: [] });
    expect(next.base!.origin).toBe('implied');
    // Q1 agriculture: base × (1 + 3.09 %).
    expect(next.base!.levels.agriculture![0]).toBeCloseTo(12.864769 * 1.0309, 9);

    const again = await run(['rollforward', full, '--out', out]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/exists; add --force/);
    expect((await run(['rollforward', full, '--out', out, '--force'])).code).toBe(0);
  });

  it('says which quarters the actuals do not give', async () => {
    const out = join(dir, 'never.yaml');
    const r = await run(['rollforward', anGiang, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/agriculture \(Q3, Q4\)/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('grdp backtest', () => {
  it('prints both models’ scores, the reliability table and the worst misses', async () => {
    const r = await run(['backtest']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/scenario-years, each replayed as of Q1, H1 and 9M/);
    expect(r.out).toMatch(/learned\s+\d+\s+0\.\d{3}/);
    expect(r.out).toContain('Worst misses');
  });

  it('gives {scenarioYears, models: {learned: {brier, logScore, reliability}, band}, misses} with --json', async () => {
    const r = await json(['backtest']);
    expect(r.scenarioYears).toBeGreaterThanOrEqual(7);
    for (const m of ['learned', 'band']) {
      expect(r.models[m]).toMatchObject({ brier: expect.any(Number), logScore: expect.any(Number) });
      expect(r.models[m].reliability).toHaveLength(10);
    }
    expect(r.models.learned.brier).toBeLessThan(r.models.band.brier);
    expect(Array.isArray(r.misses)).toBe(true);
    const band = await json(['backtest', '--model', 'band']);
    expect(Object.keys(band.models)).toEqual(['band']);
  });

  it('refuses an unknown model, and says in vi which model a simulation used', async () => {
    const bad = await run(['backtest', '--model', 'magic']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--model must be learned or band');
    const vi = await run(['simulate', anGiang, '--draws', '2000', '--as-of', 'Q1', '--lang', 'vi']);
    expect(vi.code, vi.err).toBe(0);
    expect(vi.out).toContain('Mô hình bất định: học từ các kịch bản đã qua');
    expect(vi.out).toMatch(/Trong \d+ kịch bản-năm đã qua/);
  });
});
