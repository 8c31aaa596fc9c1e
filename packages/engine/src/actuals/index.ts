/**
 * The table of actual growth figures: for each period and key the newest published vintage, the figures the
 * published ones imply (quarters from cumulative figures and back, the total from its sectors), and the
 * findings where published figures do not agree with each other beyond rounding.
 */
import { assertBase, type BaseTable, keyBase } from '../base/index.ts';
import { fail } from '../errors.ts';
import { type Dec, decimalOps, type NumericOps } from '../numeric/index.ts';
import {
  CUMULATIVE_ENDING,
  isPeriod,
  PERIOD_QUARTERS,
  PERIODS,
  type Period,
  QUARTERS,
  type Quarter,
} from '../periods.ts';
import { componentIds } from '../scenario/sectors.ts';
import { type Scenario, TOTAL, VINTAGES, type Vintage } from '../scenario/types.ts';
import { actualFiguresScaled } from './scaled.ts';
import { ACTUAL_PERIODS, type ActualPeriod, COVERS, TRIPLES } from './triples.ts';

export { ACTUAL_PERIODS, type ActualPeriod } from './triples.ts';

export interface ActualFigure {
  period: ActualPeriod;
  /** `total` or a sector id. */
  key: string;
  /** Growth against the same period of the base year, %. */
  value: number;
  /** true when computed from other figures rather than published. */
  derived: boolean;
  /** The periods a derived figure comes from: Q2 from ['H1', 'Q1']; for a total from its sectors, its own period. */
  from?: ActualPeriod[];
  /** For a total derived from its sectors: the sectors added. */
  fromKeys?: string[];
  vintage?: Vintage;
  published?: string;
  source?: string;
  /** Where a published figure is in the file: `actuals[2].values.total`. */
  path?: string;
  /** Bound on the error from printed rounding, pp: `rounding` for a published figure, propagated for a derived one. */
  tolerance: number;
}

/** A published figure that a newer vintage replaced. */
export interface SupersededFigure {
  period: Period;
  key: string;
  value: number;
  vintage: Vintage;
  published?: string;
  source?: string;
  path: string;
  /** The vintage and date of the figure used instead. */
  supersededBy: { vintage: Vintage; published?: string; path: string };
}

export type ActualFindingCode = 'actual-total-inconsistent' | 'cumulative-inconsistent';

/** A disagreement between published figures beyond rounding: reported, never fixed. */
export interface ActualFinding {
  code: ActualFindingCode;
  path: string;
  message: string;
  period: ActualPeriod;
  key: string;
  /** The figure as published (or as derived, for a cumulative check). */
  published: number;
  /** The same figure computed from the others. */
  computed: number;
  /** The rounding both figures allow together, pp. */
  tolerance: number;
}

export interface ActualTable {
  figures: ActualFigure[];
  history: SupersededFigure[];
  findings: ActualFinding[];
}

export interface ActualTableOptions {
  /** Half a unit of the printed precision, pp (default 0.005: figures printed to two decimals). */
  rounding?: number;
  /**
   * `auto` (default): scaled integers where every input fits and no check finds a disagreement, else decimal.js;
   * `decimal`: decimal.js only (the oracle of the tests). Both give the same figures, bit for bit.
   */
  arithmetic?: 'auto' | 'decimal';
}

/** The newest published figure of one period and key (step 1 of `actualTable`). */
export interface PublishedFigure {
  value: number;
  figure: Omit<ActualFigure, 'value' | 'tolerance'>;
}

/** Published figures by key and period. */
export type PublishedFigures = Record<string, Partial<Record<ActualPeriod, PublishedFigure>>>;

const FINDING_MESSAGES: Record<ActualFindingCode, string> = {
  'actual-total-inconsistent': 'The published sector figures do not produce the published total',
  'cumulative-inconsistent': 'With these base levels, the quarters do not produce this cumulative figure',
};

interface Entry {
  value: Dec;
  tol: Dec;
  figure: Omit<ActualFigure, 'value' | 'tolerance'>;
}

interface Candidate {
  value: number;
  vintage: Vintage;
  published?: string;
  source?: string;
  index: number;
  path: string;
}

/**
 * The actual figures by period and key. Per period and key the newest vintage wins: official over revised over
 * estimate, then the later `published` date (undated counts as oldest), then the later entry in the list;
 * the others are kept in `history`. From base levels, quarters are derived from cumulative figures (Q2 from H1
 * and Q1, Q3 from 9M and H1, Q4 from FY and 9M, H2 from FY and H1) and cumulative figures from quarters, per
 * sector and for the total; a total is derived from its sectors when all of them are known. A published total
 * that its sectors' figures miss by more than the rounding of both is a finding `actual-total-inconsistent`;
 * quarters that miss a cumulative figure give `cumulative-inconsistent`.
 *
 * @example
 * // Q1 3.4 % and H1 4.3 % published, base Q1 = Q2 = 100: Q2 = (4.3·200 − 3.4·100) / 100 = 5.2 %, from ['H1', 'Q1'].
 */
export function actualTable(
  scenario: Pick<Scenario, 'sectors' | 'actuals'>,
  base: Readonly<BaseTable>,
  options: ActualTableOptions = {},
): ActualTable {
  assertBase(scenario, base);
  const ops = decimalOps;
  const roundingNumber = options.rounding ?? 0.005;
  const rounding = ops.from(roundingNumber);
  const sectorIds = scenario.sectors.map((s) => s.id);
  const keys = [TOTAL, ...sectorIds];

  // 1. The newest vintage per period and key.
  const candidates = new Map<string, Candidate[]>();
  scenario.actuals.forEach((actual, index) => {
    if (!isPeriod(actual.period)) fail('INPUT_UNKNOWN_PERIOD', `actuals[${index}].period`, String(actual.period));
    if (!VINTAGES.includes(actual.vintage)) fail('INPUT_INVALID', `actuals[${index}].vintage`, String(actual.vintage));
    for (const [key, value] of Object.entries(actual.values)) {
      const path = `actuals[${index}].values.${key}`;
      if (!keys.includes(key)) fail('INPUT_UNKNOWN_SECTOR', path, key);
      if (typeof value !== 'number' || !Number.isFinite(value))
        fail('INPUT_INVALID', path, 'a growth must be a number');
      const id = `${actual.period}|${key}`;
      const list = candidates.get(id) ?? [];
      list.push({
        value,
        vintage: actual.vintage,
        index,
        path,
        ...(actual.published !== undefined && { published: actual.published }),
        ...(actual.source !== undefined && { source: actual.source }),
      });
      candidates.set(id, list);
    }
  });

  const published: PublishedFigures = {};
  for (const key of keys) published[key] = {};
  const history: SupersededFigure[] = [];
  for (const [id, list] of candidates) {
    const [period, key] = id.split('|') as [Period, string];
    const ranked = [...list].sort(newestLast);
    const winner = ranked[ranked.length - 1]!;
    published[key]![period] = {
      value: winner.value,
      figure: {
        period,
        key,
        derived: false,
        vintage: winner.vintage,
        path: winner.path,
        ...(winner.published !== undefined && { published: winner.published }),
        ...(winner.source !== undefined && { source: winner.source }),
      },
    };
    for (const c of ranked.slice(0, -1).reverse()) {
      history.push({
        period,
        key,
        value: c.value,
        vintage: c.vintage,
        path: c.path,
        ...(c.published !== undefined && { published: c.published }),
        ...(c.source !== undefined && { source: c.source }),
        supersededBy: {
          vintage: winner.vintage,
          path: winner.path,
          ...(winner.published !== undefined && { published: winner.published }),
        },
      });
    }
  }

  if (options.arithmetic !== 'decimal') {
    const figures = actualFiguresScaled(scenario, base, published, roundingNumber);
    if (figures) return { figures, history, findings: [] };
  }
  const known: Record<string, Partial<Record<ActualPeriod, Entry>>> = {};
  for (const key of keys) {
    known[key] = {};
    for (const [period, e] of Object.entries(published[key]!) as [ActualPeriod, PublishedFigure][])
      known[key]![period] = { value: ops.from(e.value), tol: rounding, figure: e.figure };
  }

  // 2. Derivations, per key, within the key's own periods; then the total from its sectors.
  const findings: ActualFinding[] = [];
  const periodBase = (key: string): Record<ActualPeriod, Dec> | undefined => {
    const q = keyBase(ops, scenario, base, key);
    if (!q) return undefined;
    const out = {} as Record<ActualPeriod, Dec>;
    for (const p of ACTUAL_PERIODS) out[p] = COVERS[p].reduce((acc, i) => ops.add(acc, q[i]!), ops.zero);
    return out;
  };
  const bases: Record<string, Record<ActualPeriod, Dec> | undefined> = {};
  for (const key of keys) bases[key] = periodBase(key);
  for (const id of sectorIds) if (bases[id]) deriveWithin(ops, known[id]!, bases[id]!, id);

  const components = componentIds(scenario);
  const totalBase = bases[TOTAL]!;
  deriveWithin(ops, known[TOTAL]!, totalBase, TOTAL);
  for (const period of ACTUAL_PERIODS) {
    if (known[TOTAL]![period]) continue;
    const agg = aggregate(ops, components, known, bases, period);
    if (!agg) continue;
    known[TOTAL]![period] = {
      value: agg.value,
      tol: agg.tol,
      figure: { period, key: TOTAL, derived: true, from: [period], fromKeys: [...components] },
    };
  }
  deriveWithin(ops, known[TOTAL]!, totalBase, TOTAL);

  // 3. Checks.
  for (const key of keys) if (bases[key]) checkWithin(ops, known[key]!, bases[key]!, key, findings);
  for (const period of ACTUAL_PERIODS) {
    const total = known[TOTAL]![period];
    if (!total || total.figure.derived) continue;
    const agg = aggregate(ops, components, known, bases, period);
    if (!agg) continue;
    const diff = ops.sub(total.value, agg.value);
    const tolerance = ops.add(total.tol, agg.tol);
    if (exceeds(ops, diff, tolerance))
      findings.push(
        finding('actual-total-inconsistent', total, agg.value, tolerance, `sectors give ${fmt(agg.value)}`, ops),
      );
  }

  // 4. Plain figures, period-major.
  const figures: ActualFigure[] = [];
  for (const period of ACTUAL_PERIODS) {
    for (const key of keys) {
      const e = known[key]![period];
      if (e) figures.push({ ...e.figure, value: ops.toNumber(e.value), tolerance: ops.toNumber(e.tol) });
    }
  }
  return { figures, history, findings };
}

/** The figure of one period and key, if the table has it. */
export function findFigure(
  table: { readonly figures: readonly ActualFigure[] },
  period: ActualPeriod,
  key: string,
): ActualFigure | undefined {
  return table.figures.find((f) => f.period === period && f.key === key);
}

/** Sort order: older (losing) first, the winner last. */
function newestLast(a: Candidate, b: Candidate): number {
  const v = VINTAGES.indexOf(a.vintage) - VINTAGES.indexOf(b.vintage);
  if (v !== 0) return v;
  const da = a.published ?? '';
  const db = b.published ?? '';
  if (da !== db) return da < db ? -1 : 1;
  return a.index - b.index;
}

/** Fills the key's periods from the triples until nothing changes. */
function deriveWithin(
  ops: NumericOps<Dec>,
  known: Partial<Record<ActualPeriod, Entry>>,
  base: Record<ActualPeriod, Dec>,
  key: string,
): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const [s, a, b] of TRIPLES) {
      const es = known[s];
      const ea = known[a];
      const eb = known[b];
      const count = (es ? 1 : 0) + (ea ? 1 : 0) + (eb ? 1 : 0);
      if (count !== 2) continue;
      if (!es) {
        if (ops.isZero(base[s])) continue;
        known[s] = derivedEntry(
          s,
          key,
          [a, b],
          ops.div(ops.add(ops.mul(ea!.value, base[a]), ops.mul(eb!.value, base[b])), base[s]),
          ops.div(ops.add(ops.mul(ea!.tol, base[a]), ops.mul(eb!.tol, base[b])), base[s]),
        );
      } else {
        const [missing, other] = ea ? [b, a] : [a, b];
        const eo = known[other]!;
        if (ops.isZero(base[missing])) continue;
        known[missing] = derivedEntry(
          missing,
          key,
          [s, other],
          ops.div(ops.sub(ops.mul(es.value, base[s]), ops.mul(eo.value, base[other])), base[missing]),
          ops.div(ops.add(ops.mul(es.tol, base[s]), ops.mul(eo.tol, base[other])), base[missing]),
        );
      }
      changed = true;
    }
  }
}

function derivedEntry(period: ActualPeriod, key: string, from: ActualPeriod[], value: Dec, tol: Dec): Entry {
  return { value, tol, figure: { period, key, derived: true, from } };
}

/** Reports triples whose three figures disagree beyond rounding (a figure derived from the other two is skipped). */
function checkWithin(
  ops: NumericOps<Dec>,
  known: Partial<Record<ActualPeriod, Entry>>,
  base: Record<ActualPeriod, Dec>,
  key: string,
  findings: ActualFinding[],
): void {
  for (const [s, a, b] of TRIPLES) {
    const es = known[s];
    const ea = known[a];
    const eb = known[b];
    if (!es || !ea || !eb || ops.isZero(base[s])) continue;
    const fromPair = (e: Entry, x: ActualPeriod, y: ActualPeriod) =>
      e.figure.from?.length === 2 && e.figure.from.includes(x) && e.figure.from.includes(y);
    if (fromPair(es, a, b) || fromPair(ea, s, b) || fromPair(eb, s, a)) continue;
    const computed = ops.div(ops.add(ops.mul(ea.value, base[a]), ops.mul(eb.value, base[b])), base[s]);
    const tolerance = ops.add(es.tol, ops.div(ops.add(ops.mul(ea.tol, base[a]), ops.mul(eb.tol, base[b])), base[s]));
    if (exceeds(ops, ops.sub(es.value, computed), tolerance))
      findings.push(
        finding(
          'cumulative-inconsistent',
          es,
          computed,
          tolerance,
          `${a} and ${b} give ${fmt(computed)} (${key})`,
          ops,
        ),
      );
  }
}

/** The total of one period from all top-level sectors, when every one is known. */
function aggregate(
  ops: NumericOps<Dec>,
  components: readonly string[],
  known: Record<string, Partial<Record<ActualPeriod, Entry>>>,
  bases: Record<string, Record<ActualPeriod, Dec> | undefined>,
  period: ActualPeriod,
): { value: Dec; tol: Dec } | undefined {
  let weighted = ops.zero;
  let tol = ops.zero;
  let total = ops.zero;
  for (const id of components) {
    const e = known[id]?.[period];
    const b = bases[id]?.[period];
    if (!e || !b) return undefined;
    weighted = ops.add(weighted, ops.mul(e.value, b));
    tol = ops.add(tol, ops.mul(e.tol, b));
    total = ops.add(total, b);
  }
  if (ops.isZero(total)) return undefined;
  return { value: ops.div(weighted, total), tol: ops.div(tol, total) };
}

/** |diff| > tolerance, with 1e-12 of slack for the printed figures' binary representation. */
function exceeds(ops: NumericOps<Dec>, diff: Dec, tolerance: Dec): boolean {
  return diff.abs().gt(ops.add(tolerance, ops.from('1e-12')));
}

function fmt(value: Dec): string {
  return value.toDecimalPlaces(4).toString();
}

function finding(
  code: ActualFindingCode,
  entry: Entry,
  computed: Dec,
  tolerance: Dec,
  detail: string,
  ops: NumericOps<Dec>,
): ActualFinding {
  const { period, key } = entry.figure;
  return {
    code,
    path: entry.figure.path ?? `actuals.${period}.${key}`,
    message: `${FINDING_MESSAGES[code]}: ${period} ${key} is ${fmt(entry.value)}, ${detail}`,
    period,
    key,
    published: ops.toNumber(entry.value),
    computed: ops.toNumber(computed),
    tolerance: ops.toNumber(tolerance),
  };
}

/**
 * The latest quarter the actuals reach: the last quarter m such that some key has a figure for the cumulative
 * period ending with it (Q1, H1, 9M or FY, published or derived). Null when there are no actuals.
 */
export function latestQuarter(table: { readonly figures: readonly ActualFigure[] }): Quarter | null {
  for (let m = 3; m >= 0; m--) {
    const period = CUMULATIVE_ENDING[m]!;
    if (table.figures.some((f) => f.period === period)) return QUARTERS[m]!;
  }
  return null;
}
