import { fail } from '../errors.ts';
import { Dec } from '../numeric/index.ts';
import type { Plan } from './types.ts';

export type PlanGrowthSource = 'actual' | 'annual-target' | 'average-target';

export interface PlanYear {
  year: number;
  /** Growth % used for the year. */
  growth: number;
  source: PlanGrowthSource;
  /** Real index, base year = 100. */
  index: number;
  /** Base level × index / 100, at the base level's prices (null without a base level). */
  level: number | null;
  /** Deflator growth % assumed for the year (null when not given). */
  deflator: number | null;
  /** Level at the year's current prices: base (current prices) × Π (1 + g)(1 + d) (null when not computable). */
  currentPriceLevel: number | null;
}

export interface CurrentPriceCheck {
  target: number;
  unit: string;
  /** The final year's level at current prices implied by the growth path and the deflator. */
  implied: number | null;
  met: boolean | null;
  /** implied − target */
  gap: number | null;
  /** What is missing to compute `implied` (empty when it is computed). */
  missing: string[];
}

export interface PlanEvaluation {
  id: string;
  baseYear: number;
  startYear: number;
  endYear: number;
  /** The base level (the sum of the regions when only they are given), null when the plan has none. */
  baseLevel: number | null;
  unit: string | null;
  /** Every year from baseYear + 1 to endYear. */
  years: PlanYear[];
  /** Geometric average growth % over startYear..endYear of the path (actuals, then targets). */
  averageGrowth: number;
  averageGrowthTarget: number | null;
  /** averageGrowth ≥ the target (within 1e-9 pp); null without an average target. */
  averageGrowthMet: boolean | null;
  /** Geometric average growth % of the actual years (null when there are none). */
  actualAverageGrowth: number | null;
  finalIndex: number;
  finalLevel: number | null;
  currentPriceTarget: CurrentPriceCheck | null;
}

export interface PlanRequiredGrowth {
  /** The last year with an actual (null: none yet). */
  lastActualYear: number | null;
  /** Years after it, to endYear. */
  remainingYears: number;
  /** Real index (base year = 100) at the last actual year. */
  indexAtLastActual: number;
  /**
   * The real target: the index the average target reaches by endYear, or (without one) the annual targets
   * compounded; `requiredAverageGrowth` = ((target index / index at the last actual)^(1/remaining) − 1) · 100,
   * null when no year remains.
   */
  real: { basis: 'averageGrowth' | 'annual'; targetIndex: number; requiredAverageGrowth: number | null } | null;
  /** The same for the current-price level target; real growth needs the deflator of the remaining years. */
  currentPrices: {
    target: number;
    levelAtLastActual: number | null;
    requiredNominalAverageGrowth: number | null;
    requiredRealAverageGrowth: number | null;
    missing: string[];
  } | null;
}

const HUNDRED = new Dec(100);
const ONE = new Dec(1);
const factor = (pct: number) => ONE.plus(new Dec(pct).div(HUNDRED));
const pct = (f: Dec) => f.minus(ONE).times(HUNDRED).toNumber();

/** The base level of a plan: value, or the sum of its regions; null when absent. */
export function planBaseLevel(plan: Plan): Dec | null {
  const b = plan.baseLevel;
  if (!b) return null;
  if (b.value !== undefined) return new Dec(b.value);
  if (b.regions?.length) return b.regions.reduce((acc, r) => acc.plus(r.value), new Dec(0));
  return null;
}

function deflatorFor(plan: Plan, year: number): number | null {
  const d = plan.deflator;
  if (d === undefined) return null;
  if (typeof d === 'number') return d;
  return d[String(year)] ?? null;
}

interface PathYear {
  year: number;
  growth: number;
  source: PlanGrowthSource;
}

/** The growth of every year baseYear + 1..endYear: actual, else the annual target, else the average target. */
function growthPath(plan: Plan): PathYear[] {
  const out: PathYear[] = [];
  for (let year = plan.baseYear + 1; year <= plan.endYear; year++) {
    const key = String(year);
    const actual = plan.actuals?.[key];
    const annual = plan.targets.annual?.[key];
    if (actual !== undefined) out.push({ year, growth: actual, source: 'actual' });
    else if (year >= plan.startYear && annual !== undefined)
      out.push({ year, growth: annual, source: 'annual-target' });
    else if (year >= plan.startYear && plan.targets.averageGrowth !== undefined)
      out.push({ year, growth: plan.targets.averageGrowth, source: 'average-target' });
    else
      fail(
        'INPUT_INVALID',
        year < plan.startYear ? `actuals.${key}` : 'targets',
        year < plan.startYear
          ? `${year} is before the plan: its actual growth is needed`
          : `no growth for ${year}: give targets.averageGrowth, targets.annual.${key} or actuals.${key}`,
      );
  }
  return out;
}

/** Geometric average growth %: (Π factors)^(1/n) − 1. */
function geometricAverage(product: Dec, n: number): number {
  return pct(product.pow(ONE.div(n)));
}

/** What a current-price computation needs and the plan lacks, for years from..to. */
function currentPriceMissing(plan: Plan, from: number, to: number): string[] {
  const missing: string[] = [];
  const b = plan.baseLevel;
  if (!b)
    missing.push(`baseLevel: GRDP of ${plan.baseYear} at current prices (the plan compounds from an index until then)`);
  else if (b.priceBasis !== 'current')
    missing.push(`baseLevel at current prices of ${plan.baseYear} (the base given is at ${b.priceBasis})`);
  const target = plan.targets.finalLevelCurrentPrices;
  if (b && target && b.unit !== target.unit)
    missing.push(`baseLevel in ${target.unit}, the unit of the target (the base given is in ${b.unit})`);
  const noDeflator: number[] = [];
  for (let y = from; y <= to; y++) if (deflatorFor(plan, y) === null) noDeflator.push(y);
  if (noDeflator.length > 0) {
    const all = noDeflator.length === to - from + 1 && noDeflator.length > 1;
    missing.push(`deflator (GRDP price growth %) for ${all ? `${from}–${to}` : noDeflator.join(', ')}`);
  }
  return missing;
}

/**
 * Compounds a plan year by year (exact decimals): the real index (base year = 100) and level, the
 * current-price level where a current-price base and a deflator are given, the geometric average growth of the
 * path and of the actual years, and whether the average and current-price targets are met.
 *
 * @example
 * // An Giang 2026–2030: 11 % a year compounds to 168.50581551 (2025 = 100).
 * evaluatePlan(anGiang).finalIndex // 168.50581551
 */
export function evaluatePlan(plan: Plan): PlanEvaluation {
  const path = growthPath(plan);
  const base = planBaseLevel(plan);
  const b = plan.baseLevel;
  const currentBase = base !== null && b?.priceBasis === 'current' ? base : null;
  let index = HUNDRED;
  let nominal: Dec | null = currentBase;
  let indexBeforeStart = HUNDRED;
  let actualProduct = ONE;
  let actualYears = 0;
  const years: PlanYear[] = path.map(({ year, growth, source }) => {
    index = index.times(factor(growth));
    if (year === plan.startYear - 1) indexBeforeStart = index;
    if (source === 'actual') {
      actualProduct = actualProduct.times(factor(growth));
      actualYears++;
    }
    const d = deflatorFor(plan, year);
    nominal = nominal !== null && d !== null ? nominal.times(factor(growth)).times(factor(d)) : null;
    return {
      year,
      growth,
      source,
      index: index.toNumber(),
      level: base === null ? null : base.times(index).div(HUNDRED).toNumber(),
      deflator: d,
      currentPriceLevel: nominal === null ? null : (nominal as Dec).toNumber(),
    };
  });
  const planYears = plan.endYear - plan.startYear + 1;
  const averageGrowth = geometricAverage(index.div(indexBeforeStart), planYears);
  const averageGrowthTarget = plan.targets.averageGrowth ?? null;

  let currentPriceTarget: CurrentPriceCheck | null = null;
  const target = plan.targets.finalLevelCurrentPrices;
  if (target) {
    const missing = currentPriceMissing(plan, plan.baseYear + 1, plan.endYear);
    const implied = missing.length === 0 && nominal !== null ? (nominal as Dec) : null;
    currentPriceTarget = {
      target: target.value,
      unit: target.unit,
      implied: implied?.toNumber() ?? null,
      met: implied === null ? null : implied.gte(target.value),
      gap: implied === null ? null : implied.minus(target.value).toNumber(),
      missing,
    };
  }

  return {
    id: plan.id,
    baseYear: plan.baseYear,
    startYear: plan.startYear,
    endYear: plan.endYear,
    baseLevel: base?.toNumber() ?? null,
    unit: b?.unit ?? null,
    years,
    averageGrowth,
    averageGrowthTarget,
    averageGrowthMet: averageGrowthTarget === null ? null : averageGrowth >= averageGrowthTarget - 1e-9,
    actualAverageGrowth: actualYears === 0 ? null : geometricAverage(actualProduct, actualYears),
    finalIndex: index.toNumber(),
    finalLevel: base === null ? null : base.times(index).div(HUNDRED).toNumber(),
    currentPriceTarget,
  };
}

/**
 * The average growth the years after the last actual need to reach the plan's targets (geometric:
 * (target / level at the last actual)^(1/remaining) − 1), for the real target (average or annual) and for the
 * current-price level.
 *
 * @example
 * // 2026 grew 9 %, 2027 10 %: 2028–2030 need ((1.11⁵) / (1.09 · 1.10))^(1/3) − 1 = 12.30 % a year.
 * requiredAverageGrowth({ ...anGiang, actuals: { 2026: 9, 2027: 10 } }).real.requiredAverageGrowth
 */
export function requiredAverageGrowth(plan: Plan): PlanRequiredGrowth {
  let index = HUNDRED;
  let indexBeforeStart = HUNDRED;
  let last: number | null = null;
  for (let year = plan.baseYear + 1; year <= plan.endYear; year++) {
    const a = plan.actuals?.[String(year)];
    if (a === undefined) break;
    index = index.times(factor(a));
    last = year;
    if (year === plan.startYear - 1) indexBeforeStart = index;
  }
  if (plan.startYear - 1 > (last ?? plan.baseYear))
    fail('INPUT_INVALID', `actuals.${(last ?? plan.baseYear) + 1}`, 'the years before the plan need their actuals');
  const lastYear = last ?? plan.baseYear;
  const remaining = plan.endYear - lastYear;
  const required = (ratio: Dec) => (remaining === 0 ? null : geometricAverage(ratio, remaining));

  let real: PlanRequiredGrowth['real'] = null;
  const planYears = plan.endYear - plan.startYear + 1;
  if (plan.targets.averageGrowth !== undefined) {
    const targetIndex = indexBeforeStart.times(factor(plan.targets.averageGrowth).pow(planYears));
    real = {
      basis: 'averageGrowth',
      targetIndex: targetIndex.toNumber(),
      requiredAverageGrowth: required(targetIndex.div(index)),
    };
  } else if (plan.targets.annual) {
    let targetIndex = indexBeforeStart;
    let complete = true;
    for (let y = plan.startYear; y <= plan.endYear; y++) {
      const g = plan.targets.annual[String(y)];
      if (g === undefined) complete = false;
      else targetIndex = targetIndex.times(factor(g));
    }
    if (complete)
      real = {
        basis: 'annual',
        targetIndex: targetIndex.toNumber(),
        requiredAverageGrowth: required(targetIndex.div(index)),
      };
  }

  let currentPrices: PlanRequiredGrowth['currentPrices'] = null;
  const target = plan.targets.finalLevelCurrentPrices;
  if (target) {
    const missingNow = currentPriceMissing(plan, plan.baseYear + 1, lastYear);
    const missingAfter = currentPriceMissing(plan, lastYear + 1, plan.endYear).filter((m) => m.startsWith('deflator'));
    let levelAtLast: Dec | null = null;
    if (missingNow.length === 0) {
      levelAtLast = planBaseLevel(plan)!;
      for (let y = plan.baseYear + 1; y <= lastYear; y++)
        levelAtLast = levelAtLast.times(factor(plan.actuals![String(y)]!)).times(factor(deflatorFor(plan, y)!));
    }
    let nominal: number | null = null;
    let realRequired: number | null = null;
    if (levelAtLast !== null && remaining > 0) {
      const ratio = new Dec(target.value).div(levelAtLast);
      nominal = required(ratio);
      if (missingAfter.length === 0) {
        let prices = ONE;
        for (let y = lastYear + 1; y <= plan.endYear; y++) prices = prices.times(factor(deflatorFor(plan, y)!));
        realRequired = required(ratio.div(prices));
      }
    }
    currentPrices = {
      target: target.value,
      levelAtLastActual: levelAtLast?.toNumber() ?? null,
      requiredNominalAverageGrowth: nominal,
      requiredRealAverageGrowth: realRequired,
      missing: [...missingNow.filter((m) => !m.startsWith('deflator')), ...mergeDeflator(missingNow, missingAfter)],
    };
  }

  return { lastActualYear: last, remainingYears: remaining, indexAtLastActual: index.toNumber(), real, currentPrices };
}

function mergeDeflator(a: string[], b: string[]): string[] {
  const d = [...a, ...b].filter((m) => m.startsWith('deflator'));
  return d.length === 0 ? [] : [d.join('; ')];
}
