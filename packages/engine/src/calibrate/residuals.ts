import { type Growths, growthsUnchecked } from '../evaluate/index.ts';
import { Dec, decimalOps } from '../numeric/index.ts';
import type { Period } from '../periods.ts';
import type { BandSide } from '../scenario/bands.ts';
import { type QuarterValues, type Scenario, TOTAL } from '../scenario/types.ts';
import { type FigureDef, type FigureOptions, type FigureSet, figureDefinitions, type Unchecked } from './figures.ts';

/** Half a unit of the printed second decimal: below this, a table is reproduced to its printed precision. */
export const PRINTED_PRECISION = 0.005;

/** One published figure against the figure computed from base levels and the table's quarterly growths. */
export interface Residual {
  period: Period;
  /** `total` or a sector id */
  key: string;
  bound: BandSide;
  published: number;
  computed: number;
  /** computed − published, pp */
  residual: number;
}

export interface ResidualReport {
  residuals: Residual[];
  unchecked: Unchecked[];
  /** Number of figures checked (both sides). */
  checked: number;
  /** Largest |residual|, or null when nothing could be checked. */
  maxAbsResidual: number | null;
  /** maxAbsResidual < 0.005 (half a unit of the printed second decimal) */
  reproducible: boolean;
}

/**
 * The residuals of the table's figures under the given base levels, computed exactly (decimal) with `evaluate`.
 * Figures whose levels are missing from `base` are reported unchecked.
 *
 * @example
 * // An Giang 2023 with official 2022 levels: how far each published figure is from what the quarters give.
 * residualsFor(scenario, scenario.base.levels).maxAbsResidual
 */
export function residualsFor(
  scenario: Pick<Scenario, 'sectors' | 'targets'>,
  base: Readonly<Record<string, Readonly<QuarterValues>>>,
  options: FigureOptions = {},
): ResidualReport {
  return residualsOf(figureDefinitions(scenario, options), scenario, base);
}

/** The core: residuals of a figure set already built. */
export function residualsOf(
  set: FigureSet,
  scenario: Pick<Scenario, 'sectors'>,
  base: Readonly<Record<string, Readonly<QuarterValues>>>,
): ResidualReport {
  const unchecked = [...set.unchecked];
  const hasLevels = (id: string) => {
    const b = base[id];
    return !!b && b.length === 4 && b.every((v) => Number.isFinite(v) && v >= 0);
  };
  const checkable: FigureDef[] = [];
  for (const f of set.figures) {
    const missing = [...new Set(f.terms.map((t) => t.id))].filter((id) => !hasLevels(id));
    if (missing.length > 0)
      unchecked.push({
        period: f.period,
        key: f.key,
        bound: f.bound,
        reason: `no base-year levels for ${missing.join(', ')}`,
      });
    else checkable.push(f);
  }

  const parentOf = new Map(scenario.sectors.map((s) => [s.id, s.parent] as const));
  const ids = [...set.components, ...set.parts.map((p) => p.id)].filter(hasLevels);
  const sectors = ids.map((id) => {
    const parent = parentOf.get(id);
    return parent === undefined ? { id } : { id, parent };
  });
  const levels: Record<string, QuarterValues> = {};
  for (const id of ids) levels[id] = [...base[id]!] as QuarterValues;

  // Only the growths the figures need, with evaluate's exact decimal operations (the same numbers as `evaluate`).
  const evaluations = new Map<string, Growths>();
  const evaluation = (bound: BandSide, totalInputs: boolean): Growths => {
    const k = `${bound}:${totalInputs}`;
    let e = evaluations.get(k);
    if (!e) {
      const own = set.inputs[bound];
      const G = set.totalInputs[bound];
      const top = set.components;
      // Quarters whose components all have inputs use them; with totalInputs, the others use the published total.
      const complete = [0, 1, 2, 3].map((q) => top.every((id) => own[id]?.[q] !== undefined));
      const growth: Record<string, QuarterValues> = {};
      for (const id of ids) {
        growth[id] = [0, 1, 2, 3].map((q) =>
          totalInputs && !complete[q] ? (G[q] ?? 0) : (own[id]?.[q] ?? 0),
        ) as QuarterValues;
      }
      e = growthsUnchecked({ sectors, base: levels, growth }, decimalOps);
      evaluations.set(k, e);
    }
    return e;
  };

  const residuals: Residual[] = [];
  let max: InstanceType<typeof Dec> | null = null;
  for (const f of checkable) {
    const e = evaluation(f.bound, f.usesTotalInput);
    const computed = f.key === TOTAL ? e.total(f.period) : e.sector(f.period, f.key);
    const r = new Dec(computed).minus(f.published);
    residuals.push({ ...pick(f), computed, residual: r.toNumber() });
    if (max === null || r.abs().gt(max)) max = r.abs();
  }
  const maxAbsResidual = max === null ? null : max.toNumber();
  return {
    residuals,
    unchecked,
    checked: residuals.length,
    maxAbsResidual,
    reproducible: maxAbsResidual !== null && maxAbsResidual < PRINTED_PRECISION,
  };
}

function pick(f: FigureDef): Omit<Residual, 'computed' | 'residual'> {
  return { period: f.period, key: f.key, bound: f.bound, published: f.published };
}
