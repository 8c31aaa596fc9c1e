/**
 * A small seeded random source for the simulator: xoshiro128** 1.1 for 32-bit integers, seeded by SplitMix64,
 * with the reference jump (2^64 steps) to give each chunk of draws its own non-overlapping stream; standard
 * normals by the ziggurat method.
 *
 * References (both public domain, the code below is a transcription of the published algorithms):
 * - D. Blackman, S. Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021;
 *   reference code https://prng.di.unimi.it/xoshiro128starstar.c (next, jump) and
 *   https://prng.di.unimi.it/splitmix64.c (the recommended way to seed).
 * - G. Marsaglia, W. W. Tsang, "The Ziggurat Method for Generating Random Variables", J. Stat. Software 5(8),
 *   2000; in the form of J. A. Doornik, "An Improved Ziggurat Method to Generate Normal Random Samples", 2005
 *   (ZIGNOR: 128 blocks, the block index and the uniform taken from different random bits).
 *
 * Same seed and stream, same numbers, on every platform: only 32-bit integer operations and IEEE doubles.
 */

/** xoshiro128** jump polynomial: equivalent to 2^64 calls of `next`. */
const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b] as const;
/** Largest stream index accepted (each stream costs one jump of 128 steps to reach). */
export const MAX_STREAM = 65_535;

const MASK64 = (1n << 64n) - 1n;

/** SplitMix64 (Vigna), used only to turn a seed into a well-mixed 128-bit state. */
function splitMix64(seed: bigint): () => bigint {
  let x = seed & MASK64;
  return () => {
    x = (x + 0x9e3779b97f4a7c15n) & MASK64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    return z ^ (z >> 31n);
  };
}

/** Ziggurat tables (Doornik's ZIGNOR, 128 blocks): block edges x[0..128] and ratios x[i+1]/x[i]. */
const ZIG_C = 128;
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
const ZIG_X = new Float64Array(ZIG_C + 1);
const ZIG_RATIO = new Float64Array(ZIG_C);
{
  let f = Math.exp(-0.5 * ZIG_R * ZIG_R);
  ZIG_X[0] = ZIG_V / f;
  ZIG_X[1] = ZIG_R;
  ZIG_X[ZIG_C] = 0;
  for (let i = 2; i < ZIG_C; i++) {
    ZIG_X[i] = Math.sqrt(-2 * Math.log(ZIG_V / ZIG_X[i - 1]! + f));
    f = Math.exp(-0.5 * ZIG_X[i]! * ZIG_X[i]!);
  }
  for (let i = 0; i < ZIG_C; i++) ZIG_RATIO[i] = ZIG_X[i + 1]! / ZIG_X[i]!;
}

const TWO_POW_M53 = 2 ** -53;
const TWO_POW_M24 = 2 ** -24;

/**
 * xoshiro128** with its state in an Int32Array (so the state never leaves 32-bit integers), plus uniform and
 * normal variates. Construct with `Xoshiro128.fromSeed(seed, stream)`.
 */
export class Xoshiro128 {
  readonly state: Int32Array;

  constructor(state: ArrayLike<number>) {
    this.state = Int32Array.from(state);
    if ((this.state[0]! | this.state[1]! | this.state[2]! | this.state[3]!) === 0)
      throw new RangeError('xoshiro128** state must not be all zero');
  }

  /**
   * The generator for `seed` (any safe integer) and `stream` (0..MAX_STREAM): SplitMix64 of the seed gives the
   * state, then `stream` jumps of 2^64 steps each. Streams of one seed never overlap within 2^64 numbers.
   */
  static fromSeed(seed: number, stream = 0): Xoshiro128 {
    const next = splitMix64(BigInt(Math.trunc(seed)));
    const a = next();
    const b = next();
    const words = [a & 0xffffffffn, a >> 32n, b & 0xffffffffn, b >> 32n].map((w) => Number(BigInt.asIntN(32, w)));
    const rng = new Xoshiro128(words);
    for (let k = 0; k < stream; k++) rng.jump();
    return rng;
  }

  /** Next 32-bit output as an unsigned integer. */
  nextUint32(): number {
    const s = this.state;
    const s0 = s[0]!;
    const s1 = s[1]!;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const s2 = s[2]! ^ s0;
    const s3 = s[3]! ^ s1;
    s[1] = s1 ^ s2;
    s[0] = s0 ^ s3;
    s[2] = s2 ^ t;
    s[3] = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** Uniform on [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) * TWO_POW_M53;
  }

  /** Advances the state by 2^64 steps (reference `jump`). */
  jump(): void {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const s = this.state;
    for (const word of JUMP) {
      for (let b = 0; b < 32; b++) {
        if ((word >>> b) & 1) {
          s0 ^= s[0]!;
          s1 ^= s[1]!;
          s2 ^= s[2]!;
          s3 ^= s[3]!;
        }
        this.nextUint32();
      }
    }
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
  }

  /** One standard normal variate. */
  nextNormal(): number {
    const out = new Float64Array(1);
    this.fillNormals(out, 1);
    return out[0]!;
  }

  /**
   * Fills out[0..count) with standard normal variates (ziggurat). The hot path: the state is held in locals and
   * each variate costs one 32-bit output in ~99 % of cases: its 7 low bits pick the block and its 25 high bits,
   * as a signed number, the uniform u on [−1, 1), so a variate is a multiple of 2⁻²⁴ times its block's edge
   * (a grid finer than 2·10⁻⁷ standard deviations). Block index and uniform use disjoint bits, which avoids the
   * defect Doornik found in the original method. The wedges and the tail draw 53-bit uniforms.
   */
  fillNormals(out: Float64Array, count: number = out.length): void {
    const st = this.state;
    let s0 = st[0]!;
    let s1 = st[1]!;
    let s2 = st[2]!;
    let s3 = st[3]!;
    for (let k = 0; k < count; k++) {
      const m = Math.imul(s1, 5);
      const r = Math.imul((m << 7) | (m >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const i = r & 127;
      const u = (r >> 7) * TWO_POW_M24;
      if (Math.abs(u) < ZIG_RATIO[i]!) {
        out[k] = u * ZIG_X[i]!;
      } else {
        st[0] = s0;
        st[1] = s1;
        st[2] = s2;
        st[3] = s3;
        out[k] = this.rareNormal(i, u);
        s0 = st[0]!;
        s1 = st[1]!;
        s2 = st[2]!;
        s3 = st[3]!;
      }
    }
    st[0] = s0;
    st[1] = s1;
    st[2] = s2;
    st[3] = s3;
  }

  /** The ziggurat outside the fast path: the tail, a wedge, or (rejected) a fresh attempt. */
  private rareNormal(i: number, u: number): number {
    for (;;) {
      if (Math.abs(u) < ZIG_RATIO[i]!) return u * ZIG_X[i]!;
      if (i === 0) return this.tail(u < 0);
      const x = u * ZIG_X[i]!;
      const f0 = Math.exp(-0.5 * (ZIG_X[i]! * ZIG_X[i]! - x * x));
      const f1 = Math.exp(-0.5 * (ZIG_X[i + 1]! * ZIG_X[i + 1]! - x * x));
      if (f1 + this.nextDouble() * (f0 - f1) < 1) return x;
      const r = this.nextUint32() | 0;
      i = r & 127;
      u = (r >> 7) * TWO_POW_M24;
    }
  }

  /** Marsaglia's tail beyond R: exact for |z| > R. */
  private tail(negative: boolean): number {
    let x: number;
    let y: number;
    do {
      x = Math.log(1 - this.nextDouble()) / ZIG_R;
      y = Math.log(1 - this.nextDouble());
    } while (-2 * y < x * x);
    return negative ? x - ZIG_R : ZIG_R - x;
  }
}
