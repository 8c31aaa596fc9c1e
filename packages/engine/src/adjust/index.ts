/**
 * The mid-year adjustment ("kịch bản điều chỉnh"): the quarters that have actuals become points, and the
 * remaining quarters are re-drafted so that every sector still reaches its FY band.
 *
 * The rule per sector and side is one of the engine's required-growth rules (`requiredGrowth`):
 * - `profile` (default): the scenario's own path of that side, shifted by one constant in the remaining quarters;
 * - `uniform`: one rate for every remaining quarter.
 * The total's FY is then what the sectors give (Σ B·g / Σ B). When that differs from the total's FY target,
 * `reconcile` can close the gap in the remaining quarters: `shift` adds one constant to every sector, `absorb`
 * lets one named sector alone take it (the sectors so moved then print their new FY). A remaining quarter
 * beyond ±IMPLAUSIBLE_GROWTH (30 %) is flagged implausible, below −100 % impossible.
 */
import { actualTable, findFigure } from '../actuals/index.ts';
import type { BaseTable } from '../base/index.ts';
import { PRINTED_PRECISION, residualsFor } from '../calibrate/residuals.ts';
import { draftBand, type Reconcile, type TargetGap, tableFromPaths } from '../draft/index.ts';
import { roundPaths } from '../draft/round.ts';
import { fail, GrdpError, type Issue, issue, type WarningCode } from '../errors.ts';
import { Dec, roundHalfUp } from '../numeric/index.ts';
import { isQuarter, QUARTERS, type Quarter } from '../periods.ts';
import { IMPLAUSIBLE_GROWTH, requiredGrowth } from '../required/index.ts';
import type { BandSide } from '../scenario/bands.ts';
import { type Band, type QuarterValues, type Scenario, type ScenarioVersion, TOTAL } from '../scenario/types.ts';

export type AdjustRule = 'profile' | 'uniform';
export const ADJUST_RULES: readonly AdjustRule[] = ['profile', 'uniform'];

export interface AdjustOptions {
  /** The last quarter with actuals kept: Q1, Q2 or Q3. */
  asOf: Quarter;
  rule?: AdjustRule;
  reconcile?: Reconcile;
  /** The new version's label, date and note; `adjusts` is set to the input's version (default `initial`). */
  version?: Omit<ScenarioVersion, 'adjusts'>;
}

/** A remaining quarter whose re-drafted growth is implausible or impossible. */
export interface AdjustFlag {
  key: string;
  side: BandSide;
  quarter: Quarter;
  growth: number;
  kind: 'implausible' | 'impossible';
}

export interface AdjustResult {
  scenario: Scenario;
  asOf: Quarter;
  rule: AdjustRule;
  reconcile: Reconcile;
  /** The actual quarterly growth kept as points, by sector (and total), %. */
  actual: Record<string, number[]>;
  /** The FY total the re-drafted sectors give before reconciliation, against the total's target. */
  gap: Record<BandSide, TargetGap>;
  growth: Record<BandSide, Record<string, QuarterValues>>;
  flags: AdjustFlag[];
  maxAbsResidual: number | null;
  reproducible: boolean;
  warnings: Issue<WarningCode>[];
}

const SIDES: readonly BandSide[] = ['low', 'high'];
type D = InstanceType<typeof Dec>;

/**
 * A new version of `scenario` as of `asOf`.
 *
 * @example
 * // An Giang 2023 as of Q2 with its Q1 and H1 estimates: Q1, Q2 and H1 become points, Q3 and Q4 re-drafted.
 * const a = adjustScenario(scenario, base, { asOf: 'Q2' });
 * a.scenario.targets.Q1.total // { low: 6.3, high: 6.3, printed: '6,30%' }
 */
export function adjustScenario(scenario: Scenario, base: Readonly<BaseTable>, options: AdjustOptions): AdjustResult {
  const { asOf } = options;
  if (!isQuarter(asOf) || asOf === 'Q4')
    fail('INPUT_UNKNOWN_PERIOD', 'asOf', `asOf is Q1, Q2 or Q3, not ${String(asOf)}`);
  const rule = options.rule ?? 'profile';
  if (!ADJUST_RULES.includes(rule)) fail('INPUT_INVALID', 'rule', `rule is profile or uniform, not ${String(rule)}`);
  const reconcile = options.reconcile ?? { method: 'none' };
  const m = QUARTERS.indexOf(asOf) + 1;
  const ids = scenario.sectors.map((s) => s.id);
  const parts = new Set(scenario.sectors.filter((s) => s.parent !== undefined).map((s) => s.id));
  const top = ids.filter((id) => !parts.has(id));
  if (reconcile.method === 'absorb' && !top.includes(reconcile.sector))
    fail('INPUT_UNKNOWN_SECTOR', 'reconcile.sector', `${reconcile.sector} is not a top-level sector of the scenario`);
  const fyRow = scenario.targets.FY;
  const problems = [];
  for (const key of [TOTAL, ...ids]) {
    if (!fyRow?.[key])
      problems.push(issue('INPUT_MISSING_TARGET', `targets.FY.${key}`, `adjusting needs the FY band of ${key}`));
    if (key !== TOTAL && !base[key])
      problems.push(issue('INPUT_MISSING_BASE', `base.levels.${key}`, `no base-year levels for ${key}`));
  }
  if (problems.length > 0) throw new GrdpError(problems);

  // The actual quarters, published or derived (Q2 from H1 and Q1).
  const table = actualTable(scenario, base);
  const actual: Record<string, number[]> = {};
  for (const key of [TOTAL, ...ids]) {
    actual[key] = [];
    for (let q = 0; q < m; q++) {
      const f = findFigure(table, QUARTERS[q]!, key);
      if (!f) {
        if (key !== TOTAL)
          problems.push(
            issue(
              'INPUT_INVALID',
              'actuals',
              `no ${QUARTERS[q]} actual for ${key} (published, or derived from the cumulative figures)`,
            ),
          );
        continue;
      }
      actual[key].push(f.value);
    }
  }
  if (problems.length > 0) throw new GrdpError(problems);

  const req = requiredGrowth(scenario, base, { asOf, table });
  const B = (id: string) => base[id]!.map((v) => new Dec(v));
  const sumOf = (values: readonly D[]) => values.reduce((a, v) => a.plus(v), new Dec(0));
  const totalBase = sumOf(top.map((id) => sumOf(B(id))));
  const restBase = sumOf(top.map((id) => sumOf(B(id).slice(m))));

  const gap = {} as Record<BandSide, TargetGap>;
  const growth = { low: {}, high: {} } as Record<BandSide, Record<string, QuarterValues>>;
  const fyPrinted: Record<BandSide, Record<string, number>> = { low: {}, high: {} };
  const flags: AdjustFlag[] = [];
  const warnings: Issue<WarningCode>[] = [];
  for (const side of SIDES) {
    const exact: Record<string, D[]> = {};
    for (const id of ids) {
      const b = B(id);
      const points = actual[id]!.map((v) => new Dec(roundHalfUp(v, 2)));
      const r = req[side][id]!;
      let rest: D[];
      if (rule === 'profile' && r.profile.shiftPp !== null)
        rest = QUARTERS.slice(m).map((q) => new Dec(r.profile.growth[q]!));
      else {
        if (rule === 'profile')
          warnings.push(
            issue('implausible-growth', `targets.${id}`, `${side}: no quarterly path for ${id}; one rate used`),
          );
        if (r.uniform.growth === null)
          fail(
            'INPUT_INVALID',
            `targets.FY.${id}`,
            `${side}: the remaining quarters of ${id} cannot be re-drafted (${r.uniform.reason})`,
          );
        rest = QUARTERS.slice(m).map(() => new Dec(r.uniform.growth!));
      }
      // Land exactly on the FY target from the printed points: one small constant in the remaining quarters.
      const t = new Dec(fyRow![id]![side]);
      const own = sumOf(b);
      const restOwn = sumOf(b.slice(m));
      let path = [...points, ...rest];
      if (!restOwn.isZero()) {
        let onPath = new Dec(0);
        for (let q = 0; q < 4; q++) onPath = onPath.plus(b[q]!.times(path[q]!));
        const d = t.times(own).minus(onPath).div(restOwn);
        path = path.map((g, q) => (q < m ? g : g.plus(d)));
      }
      exact[id] = path;
    }
    // The total's FY from the sectors, and the reconciliation.
    const T = new Dec(fyRow![TOTAL]![side]);
    const level = (ex: Record<string, D[]>) =>
      sumOf(top.flatMap((id) => B(id).map((bq, q) => bq.times(ex[id]![q]!)))).div(totalBase);
    const implied = level(exact);
    const g = T.minus(implied);
    gap[side] = { target: T.toNumber(), implied: implied.toNumber(), gap: g.toNumber() };
    const moved = new Set<string>();
    if (reconcile.method === 'shift' && !restBase.isZero()) {
      const d = g.times(totalBase).div(restBase);
      for (const id of top) {
        exact[id] = exact[id]!.map((v, q) => (q < m ? v : v.plus(d)));
        moved.add(id);
      }
    } else if (reconcile.method === 'absorb') {
      const k = reconcile.sector;
      const restOwn = sumOf(B(k).slice(m));
      if (restOwn.isZero())
        fail('INPUT_MISSING_BASE', `base.levels.${k}`, `${k} has no base-year level left to absorb the gap`);
      const d = g.times(totalBase).div(restOwn);
      exact[k] = exact[k]!.map((v, q) => (q < m ? v : v.plus(d)));
      moved.add(k);
    } else if (Math.abs(g.toNumber()) >= PRINTED_PRECISION) {
      warnings.push(
        issue(
          'target-gap',
          'targets.FY.total',
          `${side}: the re-drafted sectors give ${implied.toFixed(4)} %, the total's target is ${T.toNumber()} % (gap ${g.toFixed(4)} pp); reconcile by shift or absorb:SECTOR`,
        ),
      );
    }
    for (const id of ids) {
      const b = B(id);
      const fy = moved.has(id)
        ? roundHalfUp(
            sumOf(b.map((bq, q) => bq.times(exact[id]![q]!)))
              .div(sumOf(b))
              .toNumber(),
            2,
          )
        : fyRow![id]![side];
      fyPrinted[side][id] = fy;
      for (let q = m; q < 4; q++) {
        const v = exact[id]![q]!;
        const kind = v.lt(-100) ? 'impossible' : v.abs().gt(IMPLAUSIBLE_GROWTH) ? 'implausible' : null;
        if (kind) flags.push({ key: id, side, quarter: QUARTERS[q]!, growth: v.toNumber(), kind });
      }
    }
    const fixed = new Set(Array.from({ length: m }, (_, q) => q));
    growth[side] = roundPaths({
      ids,
      parts,
      base,
      growth: exact,
      fixed,
      fy: fyPrinted[side],
      totalFy: T.toNumber(),
    }).growth;
  }
  for (const f of flags)
    warnings.push(
      issue(
        'implausible-growth',
        `targets.${f.quarter}.${f.key}`,
        `${f.side}: ${f.key} needs ${f.growth.toFixed(2)} % in ${f.quarter} to reach its FY band (${f.kind})`,
      ),
    );

  const fy: Record<string, Band> = { [TOTAL]: draftBand(fyRow![TOTAL]!.low, fyRow![TOTAL]!.high) };
  for (const id of ids) fy[id] = draftBand(fyPrinted.low[id]!, fyPrinted.high[id]!);
  const targets = tableFromPaths({ sectors: scenario.sectors, base, growth, fy });
  // The total's points are what the sectors' points give; say where a published total disagrees.
  actual[TOTAL]!.forEach((value, q) => {
    const printed = targets[QUARTERS[q]!]![TOTAL]!.low;
    if (Math.abs(printed - value) >= PRINTED_PRECISION)
      warnings.push(
        issue(
          'actual-total-inconsistent',
          `targets.${QUARTERS[q]}.total`,
          `the ${QUARTERS[q]} sector actuals give a total of ${printed.toFixed(2)} %, the published total is ${value.toFixed(2)} %; the table prints ${printed.toFixed(2)}`,
        ),
      );
  });
  const previous = scenario.version?.label ?? 'initial';
  const version: ScenarioVersion = {
    label: options.version?.label ?? `adjusted-${asOf}`,
    ...(options.version?.date === undefined ? {} : { date: options.version.date }),
    ...(options.version?.note === undefined ? {} : { note: options.version.note }),
    adjusts: previous,
  };
  const adjusted: Scenario = { ...scenario, targets, version };
  const report = residualsFor(adjusted, base);
  return {
    scenario: adjusted,
    asOf,
    rule,
    reconcile,
    actual,
    gap,
    growth,
    flags,
    maxAbsResidual: report.maxAbsResidual,
    reproducible: report.reproducible,
    warnings,
  };
}
