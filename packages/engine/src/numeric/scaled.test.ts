import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from './index.ts';
import { decimalsOf, exactDiff, exactMid, exactSum, scaledInt } from './scaled.ts';

/** Printed-style numbers (few decimals) and arbitrary doubles (which take the decimal fallback). */
const printed = fc
  .tuple(fc.integer({ min: 0, max: 8 }), fc.double({ min: -1e9, max: 1e9, noNaN: true }))
  .map(([d, v]) => Number(v.toFixed(d)));
const anyNumber = fc.oneof(printed, fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }));
const same = (a: number, b: number) => expect(Object.is(a, b), `${a} vs ${b}`).toBe(true);
/**
 * The oracle for sums of arbitrary doubles: decimal.js with room for every digit (a double's decimal value spans
 * at most ~770 digits), so its sum is exact before the one rounding of toNumber. The engine's 40 digits would
 * drop −5e-324 next to 1e300, where the scaled/BigInt path keeps it.
 */
const ExactDec = Dec.clone({ precision: 1000 });

describe('scaled integers', () => {
  it('reads the decimals of the shortest text decimal.js reads', () => {
    expect(decimalsOf(6.15)).toBe(2);
    expect(decimalsOf(3)).toBe(0);
    expect(decimalsOf(1234.567891)).toBe(6);
    expect(decimalsOf(0.1 + 0.2)).toBe(-1);
    expect(decimalsOf(Number.NaN)).toBe(-1);
    fc.assert(
      fc.property(printed, (v) => {
        const d = decimalsOf(v);
        const text = String(v);
        if (d >= 0 && !text.includes('e')) expect(d).toBe((text.split('.')[1] ?? '').length);
        if (d >= 0) expect(new Dec(scaledInt(v, d)).div(new Dec(10).pow(d)).eq(new Dec(v))).toBe(true);
      }),
    );
  });

  it('adds exactly on the decimal values, as decimal.js does: 0.3 − 0.1 = 0.2', () => {
    expect(exactDiff(0.3, 0.1)).toBe(0.2);
    expect(0.3 - 0.1).not.toBe(0.2);
    // found by the property below: a 40-digit decimal drops the smallest double next to 1e300; the sum keeps it
    same(exactSum([-5e-324, 9.999999999999984e299, -9.999999999999984e299]), -5e-324);
    fc.assert(
      fc.property(fc.array(anyNumber, { maxLength: 12 }), (values) => {
        let acc = new ExactDec(0);
        for (const v of values) acc = acc.plus(v);
        same(exactSum(values), acc.toNumber());
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(anyNumber, anyNumber, (a, b) => {
        same(exactDiff(a, b), new ExactDec(a).minus(b).toNumber());
        same(exactMid(a, b), new ExactDec(a).plus(b).div(2).toNumber());
      }),
      { numRuns: 500 },
    );
  });
});
