/** Student-t helpers for the tail fit: log-density and the maximum-likelihood degrees of freedom. */

/** ln Γ(x), x > 0 (Lanczos, g = 7; about 15 significant digits). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln of the Student-t density with ν degrees of freedom and scale s at x (location 0). */
export function studentLogDensity(x: number, nu: number, s: number): number {
  const u = x / s;
  return (
    logGamma((nu + 1) / 2) -
    logGamma(nu / 2) -
    0.5 * Math.log(nu * Math.PI) -
    Math.log(s) -
    ((nu + 1) / 2) * Math.log(1 + (u * u) / nu)
  );
}

/** ln of the normal density with sd s at x (mean 0). */
export function normalLogDensity(x: number, s: number): number {
  return -0.5 * Math.log(2 * Math.PI) - Math.log(s) - (0.5 * x * x) / (s * s);
}

/**
 * Maximum likelihood over ν ∈ {2, 3, …, 30} and the scale (golden-section search for each ν) for centred
 * residuals; returns the best ν and the log-likelihood gain over the normal fit. `nu: null` when the normal
 * fits at least as well.
 */
export function fitStudentDf(residuals: readonly number[]): { nu: number | null; logLikGain: number } {
  const n = residuals.length;
  if (n < 3) return { nu: null, logLikGain: 0 };
  const sdNormal = Math.sqrt(residuals.reduce((a, x) => a + x * x, 0) / n);
  if (!(sdNormal > 0)) return { nu: null, logLikGain: 0 };
  const llNormal = residuals.reduce((a, x) => a + normalLogDensity(x, sdNormal), 0);
  let best: { nu: number | null; ll: number } = { nu: null, ll: llNormal };
  for (let nu = 2; nu <= 30; nu++) {
    const ll = (s: number) => residuals.reduce((a, x) => a + studentLogDensity(x, nu, s), 0);
    let lo = sdNormal * 0.05;
    let hi = sdNormal * 2;
    const phi = (Math.sqrt(5) - 1) / 2;
    for (let i = 0; i < 80; i++) {
      const a = hi - phi * (hi - lo);
      const b = lo + phi * (hi - lo);
      if (ll(a) > ll(b)) hi = b;
      else lo = a;
    }
    const value = ll((lo + hi) / 2);
    if (value > best.ll + 1e-9) best = { nu, ll: value };
  }
  return { nu: best.nu, logLikGain: best.ll - llNormal };
}
