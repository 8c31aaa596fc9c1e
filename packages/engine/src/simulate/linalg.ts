/**
 * The little linear algebra the simulator needs, on small dense symmetric matrices (at most a few dozen rows):
 * eigenvalues by the cyclic Jacobi method (to check positive semi-definiteness and report the smallest
 * eigenvalue) and a Cholesky factor that tolerates a singular, positive semi-definite matrix.
 * (Golub & Van Loan, Matrix Computations, 4th ed., §8.5.2 cyclic Jacobi; §4.2.8 semidefinite Cholesky.)
 */

/** Eigenvalues of a symmetric matrix, ascending. */
export function symmetricEigenvalues(matrix: readonly (readonly number[])[]): number[] {
  const n = matrix.length;
  const a = matrix.map((row) => row.slice());
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
      }
    }
  }
  return a.map((row, i) => row[i]!).sort((x, y) => x - y);
}

/**
 * Lower-triangular L with L·Lᵀ = A, row-major in a Float64Array (n × n), for a symmetric positive semi-definite A
 * (check that first). A pivot below `tolerance` is taken as 0 and its column left at 0: the matrix is singular
 * (a perfect correlation) and the variable is a combination of the earlier ones.
 */
export function choleskyPsd(matrix: readonly (readonly number[])[], tolerance = 1e-12): Float64Array {
  const n = matrix.length;
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = matrix[j]![j]!;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! ** 2;
    if (d <= tolerance) continue;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = matrix[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / ljj;
    }
  }
  return l;
}
