import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/index.ts';
import { QUARTERS } from '../periods.ts';
import type { Actual, QuarterValues, Scenario } from '../scenario/types.ts';
import { twoSectorBase, twoSectorScenario } from '../track/fixtures.ts';
import { requiredGrowth } from './index.ts';

const A = 'agriculture';
const I = 'industry_construction';

describe('requiredGrowth: hand-checked (base 100 a quarter, H1 actual total 4.3, A 3.1, I 5.5)', () => {
  const r = requiredGrowth(twoSectorScenario(), twoSectorBase);

  it('defaults to the latest quarter the actuals reach', () => {
    expect(r.asOf).toBe('Q2');
    expect(r.remaining).toEqual(['Q3', 'Q4']);
  });

  it('(a) one rate for the remaining quarters', () => {
    // total: (4.75·400 − 4.3·200)/200 = 5.2, (5.75·400 − 860)/200 = 7.2
    expect(r.low.total!.uniform).toEqual({ growth: 5.2, implausible: false, impossible: false });
    expect(r.high.total!.uniform.growth).toBe(7.2);
    // A: (3.05·200 − 3.1·100)/100 = 3, (4.05·200 − 310)/100 = 5; I: (1290 − 550)/100 = 7.4, (1490 − 550)/100 = 9.4
    expect(r.low[A]!.uniform.growth).toBe(3);
    expect(r.high[A]!.uniform.growth).toBe(5);
    expect(r.low[I]!.uniform.growth).toBe(7.4);
    expect(r.high[I]!.uniform.growth).toBe(9.4);
    expect(r.low.total!.target).toBe(4.75);
  });

  it('(b) the path of the same side shifted by a constant', () => {
    // total low path Q3 5, Q4 6: d = (1900 − 860 − 1100)/200 = −0.3; high path 6, 7: d = (2300 − 860 − 1300)/200 = 0.7
    expect(r.low.total!.profile).toEqual({
      method: 'shift',
      shiftPp: -0.3,
      growth: { Q3: 4.7, Q4: 5.7 },
      implausible: false,
      impossible: false,
    });
    expect(r.high.total!.profile.shiftPp).toBe(0.7);
    expect(r.high.total!.profile.growth).toEqual({ Q3: 6.7, Q4: 7.7 });
    // A low path 3, 4: d = (610 − 310 − 350)/100 = −0.5
    expect(r.low[A]!.profile.shiftPp).toBe(-0.5);
    expect(r.low[A]!.profile.growth).toEqual({ Q3: 2.5, Q4: 3.5 });
  });

  it('(c) for the total, each sector alone while the others follow the path', () => {
    // A alone, I on its low path (7, 8 → 750): (1900 − 860 − 750)/100 = 2.9; I alone, A low (3, 4 → 350): 6.9
    expect(r.low.total!.alone![A]!.growth).toBe(2.9);
    expect(r.low.total!.alone![I]!.growth).toBe(6.9);
    // high: A alone, I high (8, 9 → 850): (2300 − 860 − 850)/100 = 5.9; I alone, A high (4, 5 → 450): 9.9
    expect(r.high.total!.alone![A]!.growth).toBe(5.9);
    expect(r.high.total!.alone![I]!.growth).toBe(9.9);
    expect(r.low[A]!.alone).toBeUndefined();
  });

  it('takes the asOf asked for', () => {
    const q1 = requiredGrowth(twoSectorScenario(), twoSectorBase, { asOf: 'Q1' });
    expect(q1.remaining).toEqual(['Q2', 'Q3', 'Q4']);
    // total (1900 − 3.4·100)/300 = 5.2; A (610 − 2.5·40)/160 = 3.1875
    expect(q1.low.total!.uniform.growth).toBe(5.2);
    expect(q1.low[A]!.uniform.growth).toBe(3.1875);
  });
});

describe('requiredGrowth: edges', () => {
  it('without actuals the whole year remains, and a consistent path needs no shift', () => {
    const r = requiredGrowth(twoSectorScenario([]), twoSectorBase);
    expect(r.asOf).toBeNull();
    expect(r.low.total!.uniform.growth).toBe(4.75);
    expect(r.high[I]!.uniform.growth).toBe(7.45);
    expect(r.low.total!.profile.shiftPp).toBe(0);
    expect(r.low[A]!.profile.shiftPp).toBe(0);
  });

  it('no quarter left: impossible, no number', () => {
    const r = requiredGrowth(twoSectorScenario(), twoSectorBase, { asOf: 'Q4' });
    expect(r.remaining).toEqual([]);
    expect(r.low.total!.uniform).toEqual({
      growth: null,
      implausible: false,
      impossible: true,
      reason: 'no-quarter-left',
    });
    expect(r.low.total!.profile.reason).toBe('no-quarter-left');
    expect(r.low.total!.alone![A]!.impossible).toBe(true);
  });

  it('an asOf without the actual: no number', () => {
    const r = requiredGrowth(twoSectorScenario(), twoSectorBase, { asOf: 'Q3' });
    expect(r.low.total!.uniform.reason).toBe('no-actual');
    expect(r.low.total!.uniform.growth).toBeNull();
  });

  it('flags implausible beyond ±30 % and impossible below −100 %', () => {
    const s = twoSectorScenario();
    s.targets.FY = { total: { low: -60, high: 20 } };
    const r = requiredGrowth(s, twoSectorBase);
    // high: (20·400 − 860)/200 = 35.7; low: (−60·400 − 860)/200 = −124.3
    expect(r.high.total!.uniform).toEqual({ growth: 35.7, implausible: true, impossible: false });
    expect(r.low.total!.uniform).toEqual({ growth: -124.3, implausible: true, impossible: true, reason: 'below-zero' });
    expect(r.low.total!.profile.impossible).toBe(true);
    expect(r.low[A]).toBeUndefined(); // no FY band for A any more
  });

  it('rejects a bad asOf', () => {
    expect(() => requiredGrowth(twoSectorScenario(), twoSectorBase, { asOf: 'H1' as never })).toThrow(
      /INPUT_UNKNOWN_PERIOD at asOf/,
    );
  });
});

describe('requiredGrowth: round trip through evaluate', () => {
  const level = fc.integer({ min: 1, max: 1000 });
  const growth = fc.integer({ min: -1500, max: 2500 }).map((n) => n / 100);
  const quad = <T>(a: fc.Arbitrary<T>) => fc.tuple(a, a, a, a) as unknown as fc.Arbitrary<[T, T, T, T]>;
  const bandArb = fc.tuple(growth, growth).map(([x, y]) => ({ low: Math.min(x, y), high: Math.max(x, y) }));

  it('applying the required growth makes FY hit the target to 1e-9', () => {
    fc.assert(
      fc.property(
        quad(level),
        quad(level),
        quad(growth),
        quad(growth),
        fc.integer({ min: 0, max: 3 }),
        quad(fc.tuple(bandArb, bandArb, bandArb)),
        fc.tuple(bandArb, bandArb, bandArb),
        (bA, bI, gA, gI, m, quarterly, fy) => {
          const base = { [A]: bA as QuarterValues, [I]: bI as QuarterValues };
          const actuals: Actual[] = QUARTERS.slice(0, m).map((q, i) => ({
            period: q,
            vintage: 'official',
            values: { [A]: gA[i]!, [I]: gI[i]! },
          }));
          const s: Scenario = twoSectorScenario(actuals);
          s.targets = { FY: { total: fy[0], [A]: fy[1], [I]: fy[2] } };
          QUARTERS.forEach((q, i) => {
            const [t, a, n] = quarterly[i]!;
            s.targets[q] = { total: t, [A]: a, [I]: n };
          });
          const r = requiredGrowth(s, base);
          expect(r.remaining).toHaveLength(4 - m);
          const fyOf = (gA2: number[], gI2: number[]) =>
            evaluate({ sectors: s.sectors, base, growth: { [A]: gA2 as QuarterValues, [I]: gI2 as QuarterValues } })
              .periods.FY;
          const withRest = (actual: number[], rest: (q: number) => number) =>
            actual.map((g, q) => (q < m ? g : rest(q)));
          for (const side of ['low', 'high'] as const) {
            const total = r[side].total!;
            const target = fy[0][side];
            // (a) every sector at the total's rate: the total grows at that rate
            const u = total.uniform.growth!;
            expect(
              fyOf(
                withRest(gA, () => u),
                withRest(gI, () => u),
              ).total.growth,
            ).toBeCloseTo(target, 9);
            // (b) every sector at the shifted total path
            const p = total.profile.growth;
            const pq = (q: number) => p[QUARTERS[q]!]!;
            expect(fyOf(withRest(gA, pq), withRest(gI, pq)).total.growth).toBeCloseTo(target, 9);
            // (c) one sector alone, the other on this side's path
            const onPath = (id: string) => (q: number) => s.targets[QUARTERS[q]!]![id]![side];
            const ra = total.alone![A]!.growth!;
            const ri = total.alone![I]!.growth!;
            expect(
              fyOf(
                withRest(gA, () => ra),
                withRest(gI, onPath(I)),
              ).total.growth,
            ).toBeCloseTo(target, 9);
            expect(
              fyOf(
                withRest(gA, onPath(A)),
                withRest(gI, () => ri),
              ).total.growth,
            ).toBeCloseTo(target, 9);
            // sectors, (a) and (b)
            const ua = r[side][A]!.uniform.growth!;
            expect(
              fyOf(
                withRest(gA, () => ua),
                gI,
              ).sectors[A]!.growth,
            ).toBeCloseTo(fy[1][side], 9);
            const pi = r[side][I]!.profile.growth;
            expect(
              fyOf(
                gA,
                withRest(gI, (q) => pi[QUARTERS[q]!]!),
              ).sectors[I]!.growth,
            ).toBeCloseTo(fy[2][side], 9);
            // the shift is a constant over the path
            const shift = r[side][I]!.profile.shiftPp!;
            for (let q = m; q < 4; q++) expect(pi[QUARTERS[q]!]! - onPath(I)(q)).toBeCloseTo(shift, 9);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
