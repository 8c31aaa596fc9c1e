import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/index.ts';
import { roundHalfUp } from '../numeric/index.ts';
import { PERIODS, QUARTERS } from '../periods.ts';
import { bandPath } from '../scenario/bands.ts';
import type { QuarterValues, Scenario, Targets } from '../scenario/types.ts';
import { figureDefinitions, ratioParts } from './figures.ts';
import { anGiang2023, tableOf } from './fixtures.ts';
import { calibrate, loadSolver, PRINTED_PRECISION, residualsFor } from './index.ts';
import { feasibleAt, MIN_LEVEL, SLACK } from './minimax.ts';

const sumAll = (base: Record<string, QuarterValues>) =>
  Object.values(base).reduce((acc, qs) => acc + qs.reduce((a, b) => a + b, 0), 0);

/** The exact published table (low = high unless `high` growths are given) of known levels and growths. */
function exactTable(
  ids: string[],
  base: Record<string, QuarterValues>,
  low: Record<string, QuarterValues>,
  high: Record<string, QuarterValues> = low,
  round = (v: number) => v,
): Targets {
  const sectors = ids.map((id) => ({ id }));
  const lo = evaluate({ sectors, base, growth: low }).periods;
  const hi = evaluate({ sectors, base, growth: high }).periods;
  const targets: Targets = {};
  for (const p of PERIODS) {
    const row: Record<string, { low: number; high: number }> = {
      total: { low: round(lo[p].total.growth), high: round(hi[p].total.growth) },
    };
    for (const id of ids) row[id] = { low: round(lo[p].sectors[id]!.growth), high: round(hi[p].sectors[id]!.growth) };
    targets[p] = row;
  }
  return targets;
}

describe('calibrate: An Giang 2023', () => {
  it('reproduces all 38 published figures to the printed precision', async () => {
    const r = await calibrate(anGiang2023());
    expect(r.checked).toBe(38);
    expect(r.residuals).toHaveLength(38);
    expect(r.unchecked).toEqual([]);
    expect(r.maxAbsResidual).not.toBeNull();
    expect(r.maxAbsResidual!).toBeLessThan(PRINTED_PRECISION);
    expect(r.reproducible).toBe(true);
    expect(r.warnings).toEqual([]);
    // An index: the four top-level sectors over four quarters sum to 100, no level collapsed.
    expect(Object.keys(r.base).sort()).toEqual(['agriculture', 'industry_construction', 'product_taxes', 'services']);
    expect(sumAll(r.base)).toBeCloseTo(100, 6);
    for (const qs of Object.values(r.base)) for (const v of qs) expect(v).toBeGreaterThan(10 * MIN_LEVEL);
    // 4 quarterly totals + 3 cumulative totals + 12 cumulative sector figures, per side.
    const low = r.residuals.filter((x) => x.bound === 'low');
    expect(low.filter((x) => x.key === 'total')).toHaveLength(7);
    expect(low.filter((x) => x.key !== 'total').map((x) => x.period)).toEqual([
      ...Array(4).fill('H1'),
      ...Array(4).fill('9M'),
      ...Array(4).fill('FY'),
    ]);
  });

  it('computes residuals with evaluate, from the same figures the LP uses', async () => {
    const s = anGiang2023();
    const r = await calibrate(s);
    const ev = evaluate({ sectors: s.sectors, base: r.base, growth: bandPath(s, 'high') });
    const fy = r.residuals.find((x) => x.period === 'FY' && x.key === 'services' && x.bound === 'high')!;
    expect(fy.published).toBe(9.3);
    expect(fy.computed).toBe(ev.periods.FY.sectors.services!.growth);
    expect(fy.residual).toBeCloseTo(fy.computed - 9.3, 12);
    // The LP's linear forms give the same ratios as evaluate.
    const set = figureDefinitions(s);
    for (const f of set.figures) {
      const { num, den } = ratioParts(f, (id, q) => r.base[id]![q]!);
      const x = r.residuals.find((y) => y.period === f.period && y.key === f.key && y.bound === f.bound)!;
      expect(num / den).toBeCloseTo(x.computed, 9);
    }
  });

  it('is NOT reproducible with the inverted Q4 product-tax band read as printed', async () => {
    const r = await calibrate(anGiang2023(), { asPrinted: true });
    expect(r.checked).toBe(38);
    expect(r.maxAbsResidual!).toBeGreaterThanOrEqual(PRINTED_PRECISION);
    expect(r.reproducible).toBe(false);
    expect(r.warnings.map((w) => w.code)).toEqual(['not-reproducible']);
  });

  it('finds the true minimax: no levels do better by 0.0005 pp (not least squares)', async () => {
    const solver = await loadSolver();
    for (const asPrinted of [false, true]) {
      const s = anGiang2023();
      const r = await calibrate(s, { asPrinted });
      const set = figureDefinitions(s, { asPrinted });
      const t = r.maxAbsResidual!;
      expect(t).toBeGreaterThan(0.0005);
      expect(feasibleAt(solver, set, t - 0.0005)).toBe(false);
      expect(feasibleAt(solver, set, t + 1e-6)).toBe(true);
    }
  });

  it('gives the same bits through LP text (a solver with only `solve`) as through the kept HiGHS model', async () => {
    const solver = await loadSolver();
    const textOnly = { solve: solver.solve.bind(solver) };
    for (const asPrinted of [false, true]) {
      const viaText = await calibrate(anGiang2023(), { asPrinted, solver: textOnly });
      expect(await calibrate(anGiang2023(), { asPrinted })).toEqual(viaText);
    }
    const set = figureDefinitions(anGiang2023());
    for (const t of [0.002, 0.004]) expect(feasibleAt(textOnly, set, t)).toBe(feasibleAt(solver, set, t));
  });

  it('residualsFor checks given levels: the calibrated ones reproduce, even levels do not', async () => {
    const s = anGiang2023();
    const r = await calibrate(s);
    const again = residualsFor(s, r.base);
    expect(again.residuals).toEqual(r.residuals);
    expect(again.checked).toBe(38);
    expect(again.reproducible).toBe(true);
    const even: Record<string, QuarterValues> = {};
    for (const sector of s.sectors) even[sector.id] = [6.25, 6.25, 6.25, 6.25];
    const bad = residualsFor(s, even);
    expect(bad.maxAbsResidual!).toBeGreaterThan(0.05);
    expect(bad.reproducible).toBe(false);
    // A sector without levels: every figure that needs it is unchecked.
    const { services: _, ...noServices } = r.base;
    const partial = residualsFor(s, noServices);
    expect(partial.checked).toBe(18); // H1, 9M, FY of the three other sectors, both sides
    expect(partial.unchecked.find((u) => u.key === 'total')!.reason).toMatch(/no base-year levels for services/);
  });
});

describe('calibrate: small hand-checked tables', () => {
  const base: Record<string, QuarterValues> = { a: [10, 15, 20, 15], b: [10, 10, 10, 10] };
  const growth: Record<string, QuarterValues> = { a: [5, 6, 7, 8], b: [2, 3, 4, 1] };

  it('two sectors with exact figures: residual ≈ 0', async () => {
    const targets = exactTable(['a', 'b'], base, growth);
    // By hand: Q1 total = (10·5 + 10·2) / 20 = 3.5; H1 a = (10·5 + 15·6) / 25 = 5.6; FY total = (400 + 100) / 100 = 5.
    expect(targets.Q1!.total!.low).toBeCloseTo(3.5, 12);
    expect(targets.H1!.a!.low).toBeCloseTo(5.6, 12);
    expect(targets.FY!.total!.low).toBeCloseTo(5, 12);
    const s = tableOf(['a', 'b'], targets);
    expect(residualsFor(s, base).maxAbsResidual!).toBeLessThan(1e-12);
    const r = await calibrate(s);
    expect(r.checked).toBe(2 * (4 + 3 + 6));
    expect(r.maxAbsResidual!).toBeLessThanOrEqual(SLACK + 1e-9);
    expect(sumAll(r.base)).toBeCloseTo(100, 6);
  });

  it('a total-only table calibrates the quarter weights of the total', async () => {
    // T = [20, 25, 25, 30], G = [5, 6, 7, 8]: H1 = 250/45, 9M = 425/70, FY = 665/100.
    const band = (v: number) => ({ low: v, high: v });
    const targets: Targets = {
      Q1: { total: band(5) },
      Q2: { total: band(6) },
      Q3: { total: band(7) },
      Q4: { total: band(8) },
      H1: { total: band(5.56) },
      '9M': { total: band(6.07) },
      FY: { total: band(6.65) },
    };
    const s = tableOf([], targets);
    const r = await calibrate(s);
    expect(r.checked).toBe(6);
    expect(r.unchecked).toEqual([]);
    expect(r.residuals.map((x) => x.period)).toEqual(['H1', '9M', 'FY', 'H1', '9M', 'FY']);
    expect(r.maxAbsResidual!).toBeLessThan(PRINTED_PRECISION);
    expect(Object.keys(r.base)).toEqual(['total']);
    expect(sumAll(r.base)).toBeCloseTo(100, 6);
    // The known weights reproduce it too; FY growth 8 % for 9M is impossible for any weights.
    expect(residualsFor(s, { total: [20, 25, 25, 30] }).maxAbsResidual!).toBeLessThan(PRINTED_PRECISION);
    const impossible = await calibrate(tableOf([], { ...targets, '9M': { total: band(8) } }));
    expect(impossible.maxAbsResidual!).toBeGreaterThan(0.9); // 9M ≤ max(5, 6, 7) = 7
  });

  it('a sector missing a quarter cannot give its cumulative figures; the total uses the quarter total', async () => {
    const s = anGiang2023();
    delete s.targets.Q4!.agriculture;
    const r = await calibrate(s);
    const unchecked = r.unchecked.map((u) => `${u.period} ${u.key} ${u.bound}`);
    expect(unchecked.sort()).toEqual(['FY agriculture high', 'FY agriculture low', 'Q4 total high', 'Q4 total low']);
    expect(r.unchecked.find((u) => u.period === 'Q4')!.reason).toMatch(/no Q4 growth for agriculture/);
    expect(r.checked).toBe(34);
    expect(r.residuals.filter((x) => x.period === 'FY' && x.key === 'total')).toHaveLength(2);
    expect(r.maxAbsResidual!).toBeLessThan(0.01);
  });

  it('a table where nothing can be checked is not an error', async () => {
    const empty = await calibrate(tableOf(['a', 'b'], {}));
    expect(empty).toMatchObject({ maxAbsResidual: null, checked: 0, reproducible: false, residuals: [], warnings: [] });
    expect(sumAll(empty.base)).toBeCloseTo(100, 9);
    const inputsOnly = await calibrate(
      tableOf(['a', 'b'], { Q1: { a: { low: 1, high: 2 } }, FY: { a: { low: 1, high: 2 } } }),
    );
    expect(inputsOnly.maxAbsResidual).toBeNull();
    expect(inputsOnly.checked).toBe(0);
    expect(inputsOnly.unchecked.map((u) => u.reason)).toEqual([
      'no Q2, Q3, Q4 growth for a',
      'no Q2, Q3, Q4 growth for a',
    ]);
  });

  it('calibrates a part (a sector with a parent) within its parent', async () => {
    const partBase: Record<string, QuarterValues> = { ...base, a1: [5, 10, 5, 5] };
    const partGrowth: Record<string, QuarterValues> = { ...growth, a1: [9, 1, 4, 2] };
    const ids = ['a', 'b', 'a1'];
    const sectors = [{ id: 'a' }, { id: 'b' }, { id: 'a1', parent: 'a' }];
    const ev = evaluate({ sectors, base: partBase, growth: partGrowth }).periods;
    const targets = exactTable(['a', 'b'], base, growth);
    for (const p of PERIODS) {
      const g = ev[p].sectors.a1!.growth;
      targets[p]!.a1 = { low: g, high: g };
    }
    const s = tableOf(ids, targets, { a1: 'a' });
    const r = await calibrate(s);
    expect(r.checked).toBe(2 * (4 + 3 + 9));
    expect(r.maxAbsResidual!).toBeLessThanOrEqual(SLACK + 1e-9);
    for (const q of [0, 1, 2, 3]) expect(r.base.a1![q]!).toBeLessThanOrEqual(r.base.a![q]! + 1e-7);
  });
});

describe('calibrate: property', () => {
  it('any table printed to 2 decimals from some levels is reproduced', async () => {
    const ids = ['s1', 's2', 's3', 's4'];
    const quarter = <T>(arb: fc.Arbitrary<T>) => fc.tuple(arb, arb, arb, arb);
    const levels = quarter(fc.integer({ min: 100, max: 5000 }).map((v) => v / 100));
    const growths = quarter(fc.integer({ min: -500, max: 2000 }).map((v) => v / 100));
    const spread = quarter(fc.integer({ min: 0, max: 150 }).map((v) => v / 100));
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(levels, levels, levels, levels),
        fc.tuple(growths, growths, growths, growths),
        fc.tuple(spread, spread, spread, spread),
        async (b, g, d) => {
          const base: Record<string, QuarterValues> = {};
          const low: Record<string, QuarterValues> = {};
          const high: Record<string, QuarterValues> = {};
          ids.forEach((id, i) => {
            base[id] = b[i]!;
            low[id] = g[i]!;
            high[id] = g[i]!.map((v, q) => roundHalfUp(v + d[i]![q]!, 2)) as QuarterValues;
          });
          const s: Scenario = tableOf(
            ids,
            exactTable(ids, base, low, high, (v) => roundHalfUp(v, 2)),
          );
          for (const q of QUARTERS)
            for (const id of ids) expect(s.targets[q]![id]!.low).toBe(low[id]![QUARTERS.indexOf(q)]);
          const r = await calibrate(s);
          expect(r.checked).toBe(38);
          expect(r.maxAbsResidual!).toBeLessThan(PRINTED_PRECISION);
        },
      ),
      { numRuns: 15, seed: 20230101 },
    );
  });
});
