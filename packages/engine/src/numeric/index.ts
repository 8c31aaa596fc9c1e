import Decimal from 'decimal.js';
import type { NumericOps } from './types.ts';

export { decimalsOf, type ExactArithmetic, exactDiff, exactMid, exactSum } from './scaled.ts';
export type { NumericOps } from './types.ts';

/** A private decimal.js constructor: 40 significant digits, never the global one (no shared state). */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type Dec = InstanceType<typeof Dec>;

/** Exact decimal arithmetic (40 significant digits). A JS number enters through its shortest decimal text. */
export const decimalOps: NumericOps<Dec> = {
  name: 'decimal',
  from: (v) => new Dec(v),
  add: (a, b) => a.plus(b),
  sub: (a, b) => a.minus(b),
  mul: (a, b) => a.times(b),
  div: (a, b) => a.div(b),
  cmp: (a, b) => a.cmp(b),
  isZero: (a) => a.isZero(),
  toNumber: (a) => a.toNumber(),
  toString: (a) => a.toString(),
  zero: new Dec(0),
  one: new Dec(1),
  hundred: new Dec(100),
};

/** Plain float64 arithmetic: the floor for speed, used where exactness is not needed (simulation). */
export const floatOps: NumericOps<number> = {
  name: 'float64',
  from: (v) => Number(v),
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  cmp: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  isZero: (a) => a === 0,
  toNumber: (a) => a,
  toString: (a) => String(a),
  zero: 0,
  one: 1,
  hundred: 100,
};

/** Sum of a list under the given ops. */
export function sum<T>(ops: NumericOps<T>, values: readonly T[]): T {
  let acc = ops.zero;
  for (const v of values) acc = ops.add(acc, v);
  return acc;
}

/** Round half away from zero to `digits` decimals, the way published tables print: round(2.675, 2) = 2.68. */
export function roundHalfUp(value: number, digits = 2): number {
  return new Dec(value).toDecimalPlaces(digits, Dec.ROUND_HALF_UP).toNumber();
}
