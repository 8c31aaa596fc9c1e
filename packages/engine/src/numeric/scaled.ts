/**
 * Exact arithmetic on scaled integers held in float64: the engine's fast exact path.
 *
 * A JS number enters the decimal engine through its shortest decimal text (`String(v)`), e.g. 6.15 is 615·10⁻².
 * Scaled by a common power of ten every input becomes an integer, and every output of the engine is one quotient
 * of two integer sums of products. While every integer stays below 2⁵³ float64 holds it exactly, and IEEE
 * division of two exact integers is correctly rounded: the same number decimal.js's `toNumber` returns for the
 * exact quotient (decimal.js works to 40 digits; the quotient of integers below 2⁵³ is never within 10⁻⁴⁰ of a
 * float64 rounding boundary, so its extra rounding never shows). Where an input does not fit (too many decimals,
 * sums beyond 2⁵³) callers take the decimal path; `ExactArithmetic` names the path that ran.
 */
import { Dec } from './index.ts';

/** Which arithmetic produced an exact result. */
export type ExactArithmetic = 'scaled-integer' | 'decimal';

/** 10^0 .. 10^22: every one exact in float64. */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** A scaled input must stay below 2⁵¹ so that `v·10^d` rounds back to the exact integer. */
const INPUT_LIMIT = 2 ** 51;
/** Every integer sum or product must stay at most this to be exact. */
export const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The number of decimals of `v`'s shortest decimal text (what decimal.js reads): 6.15 → 2, 3 → 0; −1 when
 * v·10^d would not be an integer below 2⁵¹ (then the caller takes the decimal path).
 */
export function decimalsOf(v: number): number {
  if (Number.isInteger(v)) return Math.abs(v) < INPUT_LIMIT ? 0 : -1;
  if (!Number.isFinite(v)) return -1;
  for (let d = 1; d < POW10.length; d++) {
    const p = POW10[d]!;
    const n = Math.round(v * p);
    if (Math.abs(n) >= INPUT_LIMIT) return -1;
    if (n / p === v) return d;
  }
  return -1;
}

/**
 * v·10^d as an exact integer, for `d ≥ decimalsOf(v)`; NaN when the result reaches 2⁵¹ (not exact).
 * Below 2⁵¹ the float product is within 0.5 of the integer, so rounding recovers it.
 */
export function scaledInt(v: number, d: number): number {
  const n = Math.round(v * POW10[d]!);
  return Math.abs(n) < INPUT_LIMIT ? n : Number.NaN;
}

/** n / 10^d correctly rounded, with +0 for zero (as decimal.js gives for an exact zero sum). */
function unscale(n: number, d: number): number {
  return n === 0 ? 0 : n / POW10[d]!;
}

/**
 * The exact sum of the numbers' decimal values, correctly rounded: exactSum([a, -b]) is decimal's
 * `from(a).minus(from(b)).toNumber()` (0.3 − 0.1 = 0.2, where float64 gives 0.19999999999999998).
 */
export function exactSum(values: readonly number[]): number {
  let d = 0;
  for (const v of values) {
    const dv = decimalsOf(v);
    if (dv < 0) return decimalSum(values);
    if (dv > d) d = dv;
  }
  let acc = 0;
  for (const v of values) {
    const n = scaledInt(v, d);
    acc += n;
    if (!(Math.abs(acc) <= SAFE)) return decimalSum(values); // NaN included
  }
  return unscale(acc, d);
}

/** a − b on the decimal values, correctly rounded. */
export function exactDiff(a: number, b: number): number {
  if (a === 0 && b === 0) return a - b; // the sign of a zero difference, as decimal.js (and IEEE) give it
  return exactSum([a, -b]);
}

/** (a + b) / 2 on the decimal values, correctly rounded: the midpoint of a band. */
export function exactMid(a: number, b: number): number {
  if (a === 0 && b === 0) return (a + b) / 2;
  const da = decimalsOf(a);
  const db = decimalsOf(b);
  if (da >= 0 && db >= 0) {
    const d = Math.max(da, db);
    const n = scaledInt(a, d) + scaledInt(b, d);
    if (Math.abs(n) <= SAFE) return n === 0 ? 0 : n / (2 * POW10[d]!);
  }
  return new Dec(a).plus(b).div(2).toNumber();
}

/**
 * The exact sum when scaled float64 integers would overflow (e.g. two 16-digit growths): each number's shortest
 * text as a BigInt mantissa and a power of ten, added exactly; the sum's text is read back by `Number`, which rounds
 * correctly. Non-finite values go to decimal.js.
 */
function decimalSum(values: readonly number[]): number {
  let exponent = 0;
  const parts: [string, number][] = [];
  for (const v of values) {
    if (!Number.isFinite(v)) {
      let acc = new Dec(0);
      for (const w of values) acc = acc.plus(w);
      return acc.toNumber();
    }
    const part = textDecimal(v);
    if (part[1] < exponent) exponent = part[1];
    parts.push(part);
  }
  // 16-digit mantissas still fit float64 integers when the powers of ten are close
  if (exponent >= -22) {
    let acc = 0;
    for (const [m, e] of parts) {
      const shift = e - exponent;
      acc += shift < POW10.length ? Number(m) * POW10[shift]! : Number.NaN;
      if (!(Math.abs(acc) <= SAFE)) break;
    }
    if (Math.abs(acc) <= SAFE) {
      let exact = true;
      for (const [m, e] of parts) if (!(Math.abs(Number(m) * POW10[e - exponent]!) <= SAFE)) exact = false;
      if (exact) return acc === 0 ? 0 : acc / POW10[-exponent]!;
    }
  }
  let n = 0n;
  for (const [m, e] of parts) n += e === exponent ? BigInt(m) : BigInt(m) * 10n ** BigInt(e - exponent);
  if (n === 0n) return 0;
  return Number(`${n}e${exponent}`);
}

/** v's shortest text as mantissa digits and a power of ten: 6.15 → ['615', −2], 1e-7 → ['1', −7]. */
function textDecimal(v: number): [string, number] {
  const text = String(v);
  let mantissa = text;
  let exponent = 0;
  const e = text.indexOf('e');
  if (e >= 0) {
    mantissa = text.slice(0, e);
    exponent = Number(text.slice(e + 1));
  }
  const dot = mantissa.indexOf('.');
  if (dot >= 0) {
    exponent -= mantissa.length - dot - 1;
    mantissa = mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  }
  return [mantissa, exponent];
}

/**
 * Scales a table of numbers to integers with one common power of ten: `ints[i] = values[i]·10^decimals`. Null
 * when a value does not fit (then the caller takes the decimal path).
 */
export function scaleAll(values: readonly number[]): { ints: Float64Array; decimals: number; max: number } | null {
  let d = 0;
  for (const v of values) {
    const dv = decimalsOf(v);
    if (dv < 0) return null;
    if (dv > d) d = dv;
  }
  const ints = new Float64Array(values.length);
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const n = scaledInt(values[i]!, d);
    if (Number.isNaN(n)) return null;
    ints[i] = n;
    const a = Math.abs(n);
    if (a > max) max = a;
  }
  return { ints, decimals: d, max };
}
