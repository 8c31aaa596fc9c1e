import type { Highs, Model, ModelData } from 'highs';
import type { QuarterValues } from '../scenario/types.ts';
import type { FigureDef, FigureSet } from './figures.ts';
import type { LpSolver } from './solver.ts';

/**
 * The minimax calibration as linear programs. Each figure is N_i(B) / D_i(B), linear forms in the levels B; for a
 * fixed t, |N_i − p_i·D_i| ≤ t·D_i is linear in B. The smallest such t is found by a Dinkelbach-type iteration
 * (Crouzeix–Ferland–Schaible): with t_k the max residual of the last B and w_i its denominators, solve
 * min z s.t. |N_i − p_i·D_i| − t_k·D_i ≤ z·w_i; stop when z ≥ 0 (t_k is optimal) or t stops falling.
 *
 * t_k sits in every coefficient of the figure rows, so each step is a new LP, not new bounds of the last one. It is
 * handed to one kept HiGHS model as arrays (`passModel`): parsing the LP text took about two thirds of each solve.
 */

/** The smallest level a component may take (index, components sum to 100). */
export const MIN_LEVEL = 1e-4;
/** The second stage keeps the max residual within t* + this, pp. */
export const SLACK = 0.0002;
/** Dinkelbach stops when the LP promises less than this gain, pp. */
const CONVERGED = 5e-5;
/** Small dense LPs: presolve costs more than it saves (≈ 8 ms → 2 ms per solve). */
const LP_OPTIONS = { output_flag: false, presolve: 'off', solver: 'simplex' } as const;

/** A coefficient and its column: 0..size−1 the levels, `size` the LP's extra variable (z or m). */
type LinTerm = [coef: number, col: number];
interface Row {
  terms: LinTerm[];
  op: '<=' | '>=' | '=';
  rhs: number;
}

/** One LP: every level ≥ MIN_LEVEL; with `extra`, a free column at index `size` named `extra`. */
interface Lp {
  sense: 'Minimize' | 'Maximize';
  objective: LinTerm[];
  rows: Row[];
  size: number;
  extra?: 'z' | 'm';
}

/** Variable layout: a column per level (component or part, quarter). */
export interface Layout {
  index: Map<string, number>;
  componentCols: number[];
  partCols: [part: number, parent: number][];
  size: number;
}

const key = (id: string, q: number) => `${id}#${q}`;

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

/** The LP in CPLEX LP format, for a solver that only reads text (`LpSolver.solve`). */
export function lpText(lp: Lp): string {
  const name = (j: number) => (j === lp.size ? lp.extra! : `x${j}`);
  const expr = (terms: LinTerm[]) =>
    terms.length === 0
      ? '0 x0'
      : terms.map(([c, j], i) => `${c < 0 ? '-' : i === 0 ? '' : '+'} ${fmt(Math.abs(c))} ${name(j)}`).join(' ');
  const lines = [lp.sense, ` obj: ${expr(lp.objective)}`, 'Subject To'];
  lp.rows.forEach((r, i) => {
    lines.push(` r${i}: ${expr(r.terms)} ${r.op} ${fmt(r.rhs)}`);
  });
  lines.push('Bounds');
  for (let j = 0; j < lp.size; j++) lines.push(` x${j} >= ${fmt(MIN_LEVEL)}`);
  if (lp.extra) lines.push(` ${lp.extra} free`);
  lines.push('End');
  return lines.join('\n');
}

/**
 * The same LP as HiGHS's LP-file reader builds it from `lpText` (columns in order of first appearance: objective,
 * rows, bounds; coefficients as the shortest round-trip decimals parse back to the same doubles), so that HiGHS
 * takes the same pivots and returns the same bits without writing and parsing the text. `order[k]` is the LP
 * column of model column k.
 */
function modelData(lp: Lp, highs: Highs): { data: ModelData; order: Int32Array } {
  const numCols = lp.size + (lp.extra ? 1 : 0);
  const numRows = lp.rows.length;
  const position = new Int32Array(numCols).fill(-1);
  const order = new Int32Array(numCols);
  let seen = 0;
  const see = (j: number) => {
    if (position[j] === -1) {
      position[j] = seen;
      order[seen++] = j;
    }
  };
  if (lp.objective.length === 0) see(0);
  for (const [, j] of lp.objective) see(j);
  for (const r of lp.rows) for (const [, j] of r.terms) see(j);
  for (let j = 0; j < numCols; j++) see(j);

  const colCost = new Float64Array(numCols);
  for (const [c, j] of lp.objective) colCost[position[j]!]! += fmtValue(c);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(Number.POSITIVE_INFINITY);
  for (let k = 0; k < numCols; k++) colLower[k] = order[k] === lp.size ? Number.NEGATIVE_INFINITY : MIN_LEVEL;

  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  // Column-wise, each column's entries in row order (what HiGHS keeps).
  const counts = new Int32Array(numCols + 1);
  lp.rows.forEach((r, i) => {
    const rhs = fmtValue(r.rhs);
    rowLower[i] = r.op === '<=' ? Number.NEGATIVE_INFINITY : rhs;
    rowUpper[i] = r.op === '>=' ? Number.POSITIVE_INFINITY : rhs;
    for (const [, j] of r.terms) counts[position[j]! + 1]!++;
  });
  for (let k = 0; k < numCols; k++) counts[k + 1]! += counts[k]!;
  const starts = counts.slice();
  const nnz = counts[numCols]!;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  lp.rows.forEach((r, i) => {
    for (const [c, j] of r.terms) {
      const at = counts[position[j]!]!++;
      indices[at] = i;
      values[at] = fmtValue(c);
    }
  });
  const sense =
    lp.sense === 'Minimize' ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize;
  return {
    data: {
      numCols,
      numRows,
      sense,
      colCost,
      colLower,
      colUpper,
      rowLower,
      rowUpper,
      matrix: { format: 'csc', numRows, numCols, starts, indices, values },
    },
    order,
  };
}

/** A coefficient as the text carries it: `fmt` writes values below 1e-300 as 0. */
const fmtValue = (v: number) => (Math.abs(v) < 1e-300 ? 0 : v);

/** Rows shared by every LP: components sum to 100, each part within its parent. */
function commonRows(layout: Layout): Row[] {
  const rows: Row[] = [{ terms: layout.componentCols.map((j) => [1, j] as LinTerm), op: '=', rhs: 100 }];
  for (const [p, parent] of layout.partCols)
    rows.push({
      terms: [
        [1, p],
        [-1, parent],
      ],
      op: '<=',
      rhs: 0,
    });
  return rows;
}

/** The two rows of a figure at tolerance t, with an optional slack column scaled by w: N − pD − tD ≤ w·s, N − pD + tD ≥ −w·s. */
function figureRows(f: FigureDef, cols: readonly number[], t: number, slack?: { col: number; w: number }): [Row, Row] {
  const upper: LinTerm[] = [];
  const lower: LinTerm[] = [];
  f.terms.forEach((term, k) => {
    const a = term.g - f.published;
    upper.push([a - t, cols[k]!]);
    lower.push([a + t, cols[k]!]);
  });
  if (slack) {
    upper.push([-slack.w, slack.col]);
    lower.push([slack.w, slack.col]);
  }
  return [
    { terms: upper, op: '<=', rhs: 0 },
    { terms: lower, op: '>=', rhs: 0 },
  ];
}

/** HiGHS's model status names, as its `solve` reports them. */
const STATUS = [
  'Not Set',
  'Load error',
  'Model error',
  'Presolve error',
  'Solve error',
  'Postsolve error',
  'Empty',
  'Optimal',
  'Infeasible',
  'Primal infeasible or unbounded',
  'Unbounded',
  'Bound on objective reached',
  'Target for objective reached',
  'Time limit reached',
  'Iteration limit reached',
  'Unknown',
];

interface Solved {
  status: string;
  /** Level values by LP column. */
  values: Float64Array;
  /** The extra variable's value. */
  extra: number;
}

/** One HiGHS model per solver, kept between solves: each solve passes a whole new LP (`passModel`). */
const models = new WeakMap<object, Model>();

function solve(solver: LpSolver, lp: Lp): Solved {
  if (!solver.createModel || !solver.constants) return solveText(solver, lp);
  const highs = solver as Highs;
  let model = models.get(solver);
  if (!model || model.disposed) {
    model = highs.createModel();
    model.options.set(LP_OPTIONS);
    models.set(solver, model);
  }
  const { data, order } = modelData(lp, highs);
  model.passModel(data);
  const code = model.run().modelStatus;
  const status = STATUS[code] ?? 'Unknown';
  if (status !== 'Optimal') return { status, values: new Float64Array(), extra: Number.NaN };
  const colValue = model.getSolution().colValue;
  const values = new Float64Array(order.length);
  let extra = Number.NaN;
  order.forEach((j, k) => {
    if (j === lp.size && lp.extra) extra = colValue[k]!;
    else values[j] = colValue[k]!;
  });
  return { status, values, extra };
}

/** The same solve through LP text (a solver without `createModel`). */
function solveText(solver: LpSolver, lp: Lp): Solved {
  const result = solver.solve(lpText(lp), LP_OPTIONS);
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

/** Each figure's term columns, in term order. */
function columnsOf(layout: Layout, figures: readonly FigureDef[]): number[][] {
  return figures.map((f) => f.terms.map((t) => layout.index.get(key(t.id, t.q))!));
}

/** Max |figure − published| at levels x (float64). */
export function maxResidual(layout: Layout, figures: readonly FigureDef[], x: ArrayLike<number>): number {
  return maxResidualAt(figures, columnsOf(layout, figures), x);
}

function maxResidualAt(figures: readonly FigureDef[], cols: readonly number[][], x: ArrayLike<number>): number {
  let worst = 0;
  figures.forEach((f, i) => {
    const c = cols[i]!;
    let num = 0;
    let den = 0;
    f.terms.forEach((t, k) => {
      const b = x[c[k]!]!;
      num += b * t.g;
      den += b;
    });
    worst = Math.max(worst, Math.abs(num / den - f.published));
  });
  return worst;
}

function denominators(cols: readonly number[][], x: ArrayLike<number>): number[] {
  return cols.map((c) => c.reduce((acc, j) => acc + x[j]!, 0));
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
  const cols = columnsOf(layout, set.figures);
  const rows = commonRows(layout);
  set.figures.forEach((f, i) => {
    rows.push(...figureRows(f, cols[i]!, t));
  });
  const r = solve(solver, { sense: 'Minimize', objective: [[0, 0]], rows, size: layout.size });
  if (r.status === 'Optimal') return true;
  if (r.status === 'Infeasible') return false;
  throw new Error(`LP solver: ${r.status}`);
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
  const cols = columnsOf(layout, figures);
  const extra = layout.size;
  let bestX: ArrayLike<number> = start(layout);
  let bestT = maxResidualAt(figures, cols, bestX);
  let solves = 0;
  let w = denominators(cols, bestX);
  for (let iter = 0; iter < 50 && bestT > 0; iter++) {
    // The first LP (t = 0) minimises max |N − pD| / D(start): a start near the optimum.
    const t = iter === 0 ? 0 : bestT;
    const rows = commonRows(layout);
    figures.forEach((f, i) => {
      rows.push(...figureRows(f, cols[i]!, t, { col: extra, w: w[i]! }));
    });
    const r = solve(solver, { sense: 'Minimize', objective: [[1, extra]], rows, size: layout.size, extra: 'z' });
    solves++;
    if (r.status !== 'Optimal') throw new Error(`LP solver: ${r.status}`);
    if (iter > 0 && r.extra >= -1e-12) break; // no levels do better than bestT
    const next = maxResidualAt(figures, cols, r.values);
    if (!(next < bestT - 1e-9)) {
      if (iter > 0) break;
      continue;
    }
    bestT = next;
    bestX = r.values;
    w = denominators(cols, bestX);
    // Near the optimum z ≈ t* − t: stop when the remaining gain is far below the 0.0005 pp asked for.
    if (iter > 0 && r.extra > -CONVERGED) break;
  }

  // Second stage: a plausible point of the near-optimal set, no level collapsing to the bound.
  const cap = bestT + SLACK;
  const rows = commonRows(layout);
  figures.forEach((f, i) => {
    rows.push(...figureRows(f, cols[i]!, cap));
  });
  for (const j of layout.componentCols)
    rows.push({
      terms: [
        [1, j],
        [-1, extra],
      ],
      op: '>=',
      rhs: 0,
    });
  const r = solve(solver, { sense: 'Maximize', objective: [[1, extra]], rows, size: layout.size, extra: 'm' });
  solves++;
  if (r.status === 'Optimal' && maxResidualAt(figures, cols, r.values) <= cap + 1e-7) bestX = r.values;

  const levels: Record<string, QuarterValues> = {};
  for (const [k, j] of layout.index) {
    const at = k.lastIndexOf('#');
    const id = k.slice(0, at);
    levels[id] ??= [0, 0, 0, 0];
    levels[id]![Number(k.slice(at + 1))] = bestX[j]!;
  }
  return { levels, t: bestT, solves };
}
