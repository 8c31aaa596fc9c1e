/**
 * The small numeric interface every formula is written over: one formula, two number types.
 * `decimalOps` (decimal.js) gives exact results for published tables; `floatOps` (float64) feeds the simulator.
 */
export interface NumericOps<T> {
  readonly name: 'decimal' | 'float64';
  from(value: number | string): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  /** -1, 0 or 1 */
  cmp(a: T, b: T): number;
  isZero(a: T): boolean;
  toNumber(a: T): number;
  toString(a: T): string;
  readonly zero: T;
  readonly one: T;
  readonly hundred: T;
}
