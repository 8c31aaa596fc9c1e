import fc from 'fast-check';
import { eigs } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { choleskyPsd, symmetricEigenvalues } from './linalg.ts';

const symmetric = (n: number) =>
  fc
    .array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: n * n, maxLength: n * n })
    .map((v) =>
      Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (v[i * n + j]! + v[j * n + i]!) / 2)),
    );

describe('symmetricEigenvalues', () => {
  it('agrees with mathjs eigs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => symmetric(n)),
        (m) => {
          const ours = symmetricEigenvalues(m);
          const ref = (eigs(m).values as number[]).slice().sort((a, b) => a - b);
          ours.forEach((v, i) => {
            expect(v).toBeCloseTo(ref[i]!, 9);
          });
        },
      ),
      { numRuns: 50 },
    );
  });

  it('finds the negative eigenvalue of an impossible correlation matrix', () => {
    // pairwise −0.9 among three variables: eigenvalues 1 − 2·0.9 < 0, 1.9, 1.9
    const m = [
      [1, -0.9, -0.9],
      [-0.9, 1, -0.9],
      [-0.9, -0.9, 1],
    ];
    expect(symmetricEigenvalues(m)[0]).toBeCloseTo(-0.8, 12);
  });
});

describe('choleskyPsd', () => {
  const product = (l: Float64Array, n: number) =>
    Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => {
        let s = 0;
        for (let k = 0; k < n; k++) s += l[i * n + k]! * l[j * n + k]!;
        return s;
      }),
    );

  it('L·Lᵀ = A for positive definite A', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => symmetric(n)),
        (b) => {
          const n = b.length;
          // A = B·Bᵀ + I is positive definite
          const a = Array.from({ length: n }, (_, i) =>
            Array.from({ length: n }, (_, j) => b[i]!.reduce((s, x, k) => s + x * b[j]![k]!, 0) + (i === j ? 1 : 0)),
          );
          const l = choleskyPsd(a);
          const back = product(l, n);
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(back[i]![j]).toBeCloseTo(a[i]![j]!, 9);
          for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(l[i * n + j]).toBe(0);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('handles a singular matrix (perfect correlation)', () => {
    const a = [
      [1, 1, 0.5],
      [1, 1, 0.5],
      [0.5, 0.5, 1],
    ];
    const back = product(choleskyPsd(a), 3);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(back[i]![j]).toBeCloseTo(a[i]![j]!, 12);
  });
});
