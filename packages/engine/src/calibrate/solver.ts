import type { Highs, LegacyHighs } from 'highs';

/**
 * The LP solver: HiGHS compiled to WebAssembly, loaded once. In Node the package finds its `highs.wasm` beside its
 * own module (`new URL('highs.wasm', import.meta.url)`); a bundle that moves the file can load HiGHS itself with a
 * `locateFile` option and hand the instance over with `useSolver`.
 *
 * A solver with `createModel` and `constants` (the whole HiGHS runtime, as `loadSolver` gives) keeps one HiGHS model and is handed
 * each LP as arrays; one with only the legacy `solve` is handed CPLEX LP text. Both give the same bits.
 */
export type LpSolver = Pick<LegacyHighs, 'solve'> & Partial<Pick<Highs, 'createModel' | 'constants'>>;

let loading: Promise<LpSolver> | undefined;

/** The shared solver, loaded on first use. */
export function loadSolver(): Promise<LpSolver> {
  if (!loading) {
    loading = import('highs').then((m) => m.default());
    // A failed load is not cached: the next call tries again.
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

/**
 * Use this solver (or a promise of one) from now on, e.g. `useSolver(loadHighs({ locateFile: () => wasmUrl }))`.
 */
export function useSolver(solver: LpSolver | Promise<LpSolver>): void {
  loading = Promise.resolve(solver);
}
