import fc from 'fast-check';
import { erf } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from './normal.ts';

describe('normalCdf', () => {
  it('agrees with mathjs erf to 1e-15 on [-8, 8]', () => {
    for (let x = -8; x <= 8; x += 0.01) {
      const ref = 0.5 * (1 + erf(x / Math.SQRT2));
      expect(Math.abs(normalCdf(x) - ref)).toBeLessThan(1e-15);
    }
  });

  it('has the textbook values', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(normalCdf(-3) / 0.0013498980316300946 - 1).toBeLessThan(1e-13);
    expect(normalCdf(-10) / 7.619853024160527e-24 - 1).toBeLessThan(1e-12);
  });
});

describe('normalQuantile', () => {
  it('has the textbook values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 14);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
  });

  it('inverts normalCdf (relative to the smaller tail)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        const back = normalCdf(normalQuantile(p));
        expect(Math.abs(back - p) / Math.min(p, 1 - p)).toBeLessThan(1e-12);
      }),
    );
  });

  it('is odd: Φ⁻¹(1 − p) = −Φ⁻¹(p)', () => {
    for (const p of [0.001, 0.02, 0.1, 0.3]) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 12);
  });
});
