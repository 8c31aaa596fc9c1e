import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from './rng.ts';

describe('Xoshiro128', () => {
  it('matches the reference C code (xoshiro128starstar.c seeded by splitmix64.c with seed 1)', () => {
    // Printed by the reference C functions next(), jump() and splitmix64 next(), compiled with gcc.
    const rng = Xoshiro128.fromSeed(1);
    expect([...rng.state].map((w) => w >>> 0)).toEqual([2298633409, 2433363436, 1703865447, 3203108257]);
    expect(Array.from({ length: 5 }, () => rng.nextUint32())).toEqual([
      1695105466, 1423115009, 634581793, 1068227753, 716759206,
    ]);
    rng.jump();
    expect(Array.from({ length: 5 }, () => rng.nextUint32())).toEqual([
      3327706529, 3550048398, 1257562190, 2062958326, 4164142586,
    ]);
  });

  it('stream k is the seed state jumped k times', () => {
    const a = Xoshiro128.fromSeed(42);
    a.jump();
    a.jump();
    const b = Xoshiro128.fromSeed(42, 2);
    expect([...b.state]).toEqual([...a.state]);
  });

  it('same seed, same numbers; another seed or stream, other numbers', () => {
    const draw = (seed: number, stream = 0) => {
      const out = new Float64Array(64);
      Xoshiro128.fromSeed(seed, stream).fillNormals(out);
      return [...out];
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7, 1)).not.toEqual(draw(7, 0));
  });

  it('rejects an all-zero state', () => {
    expect(() => new Xoshiro128([0, 0, 0, 0])).toThrow(RangeError);
  });

  it('uniforms are in [0, 1) with mean 1/2', () => {
    const rng = Xoshiro128.fromSeed(3);
    let sum = 0;
    let outside = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = rng.nextDouble();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    // sd of the mean: sqrt(1/12 / n) ≈ 0.0009
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.004);
  });

  it('normals have the moments and tail mass of N(0, 1)', () => {
    const n = 200_000;
    const z = new Float64Array(n);
    Xoshiro128.fromSeed(11).fillNormals(z);
    let m = 0;
    for (const x of z) m += x;
    m /= n;
    let v = 0;
    let k4 = 0;
    let beyond196 = 0;
    let tail = 0;
    for (const x of z) {
      v += (x - m) ** 2;
      k4 += (x - m) ** 4;
      if (Math.abs(x) > 1.959963984540054) beyond196++;
      if (Math.abs(x) > 3.442619855899) tail++;
    }
    v /= n;
    k4 /= n * v * v;
    expect(Math.abs(m)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(v - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(k4 - 3)).toBeLessThan(4 * Math.sqrt(24 / n));
    const p = beyond196 / n;
    expect(Math.abs(p - 0.05)).toBeLessThan(4 * Math.sqrt((0.05 * 0.95) / n));
    // the ziggurat's tail (|z| > R): P = 5.763e-4
    expect(Math.abs(tail / n - 5.763e-4)).toBeLessThan(4 * Math.sqrt(5.763e-4 / n));
  });
});
