import type { QuarterValues } from '../scenario/types.ts';
import type { FigureDef, FigureSet } from './figures.ts';
import type { LpSolver } from './solver.ts';

/**
 * The minimax calibration as linear programs. Each figure is N_i(B) / D_i(B), linear forms in the levels B; for a
 * fixed t, |N_i − p_i·D_i| ≤ t·D_i is linear in B. The smallest such t is found by a Dinkelbach-type iteration
 * (Crouzeix–Ferland–Schaible): with t_k the max residual of the last B and w_i its denominators, solve
 * min z s.t. |N_i − p_i·D_i| − t_k·D_i ≤ z·w_i; stop when z ≥ 0 (t_k is optimal) or t stops falling.
 */

/** The smallest level a component may take (index, components sum to 100). */
export const MIN_LEVEL = 1e-4;
/** The second stage keeps the max residual within t* + this, pp. */
export const SLACK = 0.0002;
/** Dinkelbach stops when the LP promises less than this gain, pp. */
const CONVERGED = 5e-5;
/** Small dense LPs: presolve costs more than it saves (≈ 8 ms → 2 ms per solve). */
const LP_OPTIONS = { output_flag: false, presolve: 'off', solver: 'simplex' } as const;

type LinTerm = [coef: number, name: string];
interface Row {
  terms: LinTerm[];
  op: '<=' | '>=' | '=';
  rhs: number;
}

/** Variable layout: a column per level (component or part, quarter). */
export interface Layout {
  index: Map<string, number>;
  componentCols: number[];
  partCols: [part: number, parent: number][];
  size: number;
}

const key = (id: string, q: number) => `${id}#${q}`;
const col = (j: number) => `x${j}`;

export function layoutOf(set: Pick<FigureSet, 'components' | 'parts'>): Layout {
  const index = new Map<string, number>();
  const componentCols: number[] = [];
  const partCols: [number, number][] = [];
  for (const id of set.components)
    for (let q = 0; q < 4; q++) {
      componentCols.push(index.size);
      index.set(key(id, q), index.size);
    }
  for (const { id, parent } of set.parts)
    for (let q = 0; q < 4; q++) {
      const p = index.get(key(parent, q));
      index.set(key(id, q), index.size);
      if (p !== undefined) partCols.push([index.size - 1, p]);
    }
  return { index, componentCols, partCols, size: index.size };
}

function fmt(v: number): string {
  // LP text: plain decimals; HiGHS reads exponents too, but keep it readable.
  return Math.abs(v) < 1e-300 ? '0' : String(v);
}

function expr(terms: LinTerm[]): string {
  if (terms.length === 0) return '0 x0';
  return terms.map(([c, n], i) => `${c < 0 ? '-' : i === 0 ? '' : '+'} ${fmt(Math.abs(c))} ${n}`).join(' ');
}

function lpText(sense: 'Minimize' | 'Maximize', objective: LinTerm[], rows: Row[], bounds: string[]): string {
  const lines = [sense, ` obj: ${expr(objective)}`, 'Subject To'];
  rows.forEach((r, i) => {
    lines.push(` r${i}: ${expr(r.terms)} ${r.op} ${fmt(r.rhs)}`);
  });
  lines.push('Bounds', ...bounds.map((b) => ` ${b}`), 'End');
  return lines.join('\n');
}

/** Rows shared by every LP: components sum to 100, each part within its parent. Bounds: levels ≥ MIN_LEVEL. */
function commonRows(layout: Layout): { rows: Row[]; bounds: string[] } {
  const rows: Row[] = [{ terms: layout.componentCols.map((j) => [1, col(j)] as LinTerm), op: '=', rhs: 100 }];
  for (const [p, parent] of layout.partCols)
    rows.push({
      terms: [
        [1, col(p)],
        [-1, col(parent)],
      ],
      op: '<=',
      rhs: 0,
    });
  const bounds: string[] = [];
  for (let j = 0; j < layout.size; j++) bounds.push(`${col(j)} >= ${fmt(MIN_LEVEL)}`);
  return { rows, bounds };
}

/** The two rows of a figure at tolerance t, with an optional slack column scaled by w: N − pD − tD ≤ w·s, N − pD + tD ≥ −w·s. */
function figureRows(layout: Layout, f: FigureDef, t: number, slack?: { name: string; w: number }): Row[] {
  const upper: LinTerm[] = [];
  const lower: LinTerm[] = [];
  for (const term of f.terms) {
    const j = layout.index.get(key(term.id, term.q))!;
    const a = term.g - f.published;
    upper.push([a - t, col(j)]);
    lower.push([a + t, col(j)]);
  }
  if (slack) {
    upper.push([-slack.w, slack.name]);
    lower.push([slack.w, slack.name]);
  }
  return [
    { terms: upper, op: '<=', rhs: 0 },
    { terms: lower, op: '>=', rhs: 0 },
  ];
}

function solve(solver: LpSolver, text: string): { status: string; values: Float64Array; extra: number } {
  const result = solver.solve(text, LP_OPTIONS);
  if (result.Status !== 'Optimal') return { status: result.Status, values: new Float64Array(), extra: Number.NaN };
  const values = new Float64Array(Object.keys(result.Columns).length);
  let extra = Number.NaN;
  for (const [name, c] of Object.entries(result.Columns)) {
    const primal = (c as { Primal: number }).Primal;
    if (name.startsWith('x')) values[Number(name.slice(1))] = primal;
    else extra = primal;
  }
  return { status: result.Status, values, extra };
}

/** Max |figure − published| at levels x (float64). */
export function maxResidual(layout: Layout, figures: readonly FigureDef[], x: ArrayLike<number>): number {
  let worst = 0;
  for (const f of figures) {
    let num = 0;
    let den = 0;
    for (const t of f.terms) {
      const b = x[layout.index.get(key(t.id, t.q))!]!;
      num += b * t.g;
      den += b;
    }
    worst = Math.max(worst, Math.abs(num / den - f.published));
  }
  return worst;
}

function denominators(layout: Layout, figures: readonly FigureDef[], x: ArrayLike<number>): number[] {
  return figures.map((f) => f.terms.reduce((acc, t) => acc + x[layout.index.get(key(t.id, t.q))!]!, 0));
}

/** A start: components equal, parts half of their parent. */
function start(layout: Layout): Float64Array {
  const x = new Float64Array(layout.size);
  for (const j of layout.componentCols) x[j] = 100 / layout.componentCols.length;
  for (const [p, parent] of layout.partCols) x[p] = x[parent]! / 2;
  return x;
}

/** Whether some levels (≥ MIN_LEVEL, summing to 100) keep every figure within t of its published value. */
export function feasibleAt(
  solver: LpSolver,
  set: Pick<FigureSet, 'components' | 'parts' | 'figures'>,
  t: number,
): boolean {
  const layout = layoutOf(set);
  const { rows, bounds } = commonRows(layout);
  for (const f of set.figures) rows.push(...figureRows(layout, f, t));
  const text = lpText('Minimize', [[0, col(0)]], rows, bounds);
  const result = solver.solve(text, LP_OPTIONS);
  if (result.Status === 'Optimal') return true;
  if (result.Status === 'Infeasible') return false;
  throw new Error(`LP solver: ${result.Status}`);
}

export interface MinimaxResult {
  /** Levels by id (components and parts), Q1..Q4. */
  levels: Record<string, QuarterValues>;
  /** The minimax residual t* found (float64), pp. */
  t: number;
  /** LP solves used. */
  solves: number;
}

/** Levels minimising the maximum absolute residual, then, within t* + SLACK, maximising the smallest level. */
export function minimax(solver: LpSolver, set: Pick<FigureSet, 'components' | 'parts' | 'figures'>): MinimaxResult {
  const layout = layoutOf(set);
  const { figures } = set;
  let bestX: ArrayLike<number> = start(layout);
  let bestT = maxResidual(layout, figures, bestX);
  let solves = 0;
  let w = denominators(layout, figures, bestX);
  for (let iter = 0; iter < 50 && bestT > 0; iter++) {
    // The first LP (t = 0) minimises max |N − pD| / D(start): a start near the optimum.
    const t = iter === 0 ? 0 : bestT;
    const { rows, bounds } = commonRows(layout);
    figures.forEach((f, i) => {
      rows.push(...figureRows(layout, f, t, { name: 'z', w: w[i]! }));
    });
    bounds.push('z free');
    const r = solve(solver, lpText('Minimize', [[1, 'z']], rows, bounds));
    solves++;
    if (r.status !== 'Optimal') throw new Error(`LP solver: ${r.status}`);
    if (iter > 0 && r.extra >= -1e-12) break; // no levels do better than bestT
    const next = maxResidual(layout, figures, r.values);
    if (!(next < bestT - 1e-9)) {
      if (iter > 0) break;
      continue;
    }
    bestT = next;
    bestX = r.values;
    w = denominators(layout, figures, bestX);
    // Near the optimum z ≈ t* − t: stop when the remaining gain is far below the 0.0005 pp asked for.
    if (iter > 0 && r.extra > -CONVERGED) break;
  }

  // Second stage: a plausible point of the near-optimal set, no level collapsing to the bound.
  const cap = bestT + SLACK;
  const { rows, bounds } = commonRows(layout);
  for (const f of figures) rows.push(...figureRows(layout, f, cap));
  for (const j of layout.componentCols)
    rows.push({
      terms: [
        [1, col(j)],
        [-1, 'm'],
      ],
      op: '>=',
      rhs: 0,
    });
  bounds.push('m free');
  const r = solve(solver, lpText('Maximize', [[1, 'm']], rows, bounds));
  solves++;
  if (r.status === 'Optimal' && maxResidual(layout, figures, r.values) <= cap + 1e-7) bestX = r.values;

  const levels: Record<string, QuarterValues> = {};
  for (const [k, j] of layout.index) {
    const at = k.lastIndexOf('#');
    const id = k.slice(0, at);
    levels[id] ??= [0, 0, 0, 0];
    levels[id]![Number(k.slice(at + 1))] = bestX[j]!;
  }
  return { levels, t: bestT, solves };
}
