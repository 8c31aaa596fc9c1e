import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalOps } from '../numeric/index.ts';
import { PERIODS } from '../periods.ts';
import type { QuarterValues } from '../scenario/types.ts';
import { type EvaluateInput, type Evaluation, evaluateExact, evaluateUnchecked } from './index.ts';

/** A number with `d` decimals: an integer of up to `digits` digits divided by 10^d (as a file would print it). */
const decimal = (digits: number, maxDecimals: number, min = 0) =>
  fc
    .tuple(fc.integer({ min: 0, max: maxDecimals }), fc.double({ min, max: 10 ** digits, noNaN: true }))
    .map(([d, v]) => Number(v.toFixed(d)));

const level = fc.oneof(
  { weight: 8, arbitrary: decimal(7, 6) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: decimal(2, 2) },
);
const growth = fc.oneof(
  { weight: 8, arbitrary: decimal(2, 4, -99) },
  { weight: 1, arbitrary: fc.constantFrom(0, -100, 1000, -0, 0.005, -150.25) },
);
const quarters = <T>(a: fc.Arbitrary<T>) => fc.tuple(a, a, a, a) as unknown as fc.Arbitrary<QuarterValues>;

/** 1..9 sectors; some are parts of an earlier top-level sector (`parent`), as the loader allows. */
const table: fc.Arbitrary<EvaluateInput> = fc
  .array(fc.tuple(quarters(level), quarters(growth), fc.boolean()), { minLength: 1, maxLength: 9 })
  .map((rows) => {
    const sectors: { id: string; parent?: string }[] = [];
    const base: Record<string, QuarterValues> = {};
    const g: Record<string, QuarterValues> = {};
    rows.forEach(([b, gr, part], i) => {
      const id = `s${i}`;
      const parent = part && i > 0 ? sectors.find((s) => s.parent === undefined)?.id : undefined;
      sectors.push(parent === undefined ? { id } : { id, parent });
      base[id] = b;
      g[id] = gr;
    });
    return { sectors, base, growth: g };
  });

/** Every field of every cell, compared with Object.is (so 0 and −0 differ, and NaN would show). */
function expectIdentical(a: Evaluation, b: Evaluation): void {
  for (const period of PERIODS) {
    const pa = a.periods[period];
    const pb = b.periods[period];
    const cells: [string, object, object][] = [['total', pa.total, pb.total]];
    for (const id of Object.keys(pb.sectors)) cells.push([id, pa.sectors[id]!, pb.sectors[id]!]);
    expect(Object.keys(pa.sectors)).toEqual(Object.keys(pb.sectors));
    for (const [key, ca, cb] of cells)
      for (const [field, v] of Object.entries(cb)) {
        const w = (ca as Record<string, unknown>)[field];
        if (!Object.is(w, v)) expect.fail(`${period} ${key} ${field}: scaled ${String(w)}, decimal ${String(v)}`);
      }
  }
}

describe('evaluate on scaled integers equals decimal.js bit for bit', () => {
  it('on random tables with parts, zeros, −100 % and 1000 % growth', () => {
    let scaled = 0;
    fc.assert(
      fc.property(table, (input) => {
        const exact = evaluateExact(input);
        if (exact.arithmetic === 'scaled-integer') scaled++;
        expectIdentical(exact.evaluation, evaluateUnchecked(input, decimalOps));
      }),
      { numRuns: 400 },
    );
    // the property is about the scaled path: most random tables must take it
    expect(scaled).toBeGreaterThan(300);
  });

  it('falls back to decimal, with the same numbers, where an input does not fit', () => {
    const sectors = [{ id: 'a' }, { id: 'b' }];
    const cases: EvaluateInput[] = [
      // 17 significant digits: 0.1 + 0.2
      { sectors, base: { a: [0.1 + 0.2, 1, 1, 1], b: [1, 1, 1, 1] }, growth: { a: [1, 2, 3, 4], b: [5, 6, 7, 8] } },
      // sums beyond 2⁵³ once scaled
      {
        sectors,
        base: { a: [9e15, 8e15, 7.5e15, 1], b: [1, 2, 3, 4] },
        growth: { a: [1.25, 2, 3, 4], b: [5, 6, 7, 8] },
      },
      { sectors, base: { a: [1e-12, 1, 1, 1], b: [1, 1, 1, 1] }, growth: { a: [1e-11, 2, 3, 4], b: [5, 6, 7, 8] } },
    ];
    for (const input of cases) {
      const exact = evaluateExact(input);
      expect(exact.arithmetic).toBe('decimal');
      expectIdentical(exact.evaluation, evaluateUnchecked(input, decimalOps));
    }
  });

  it('takes the scaled path on a table of the An Giang kind (levels to 6 decimals, growth to 2)', () => {
    const input: EvaluateInput = {
      sectors: [{ id: 'a' }, { id: 'b' }, { id: 'b1', parent: 'b' }],
      base: {
        a: [8123.456789, 9234.5, 10345.25, 11456.125],
        b: [20123.1, 21234.2, 22345.3, 23456.4],
        b1: [5000.000001, 5100, 5200, 5300],
      },
      growth: { a: [6.15, 5.8, 7.02, 6.99], b: [7.5, 8.25, 6.5, 7], b1: [9.1, 9.2, 9.3, 9.4] },
    };
    const exact = evaluateExact(input);
    expect(exact.arithmetic).toBe('scaled-integer');
    expectIdentical(exact.evaluation, evaluateUnchecked(input, decimalOps));
    // the part is reported but not added: the total's FY base is a + b only
    const fy = exact.evaluation.periods.FY;
    expect(fy.total.baseLevel).toBe(126318.331789);
  });
});
