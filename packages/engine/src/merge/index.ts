/**
 * The base year of a merged province (since mid-2025, 34 provinces replace 63): its quarterly levels per sector
 * are the sum of its predecessors' levels, in the same unit and at the same prices. Growth of the merged
 * province for any period is then computed from the merged levels, so it equals the level-weighted growth of
 * the parts (`mergedGrowth`).
 *
 * A predecessor whose levels are an index (its unit starts with "index") has no size of its own: it needs its
 * annual base-year level in money (`size`, at the same prices), and its levels are scaled to add up to it. The
 * merge never guesses a size.
 */
import { fail, GrdpError, issue } from '../errors.ts';
import { Dec } from '../numeric/index.ts';
import { type BaseLevels, type BaseSource, type QuarterValues, TOTAL } from '../scenario/types.ts';

export interface MergePart {
  id: string;
  region: string;
  priceBasis: string;
  sectors: readonly { id: string; parent?: string }[];
  base: BaseLevels;
  /** Annual base-year level in money (the merged unit), required when `base.unit` is an index. */
  size?: number;
  source?: string;
}

export interface MergeOptions {
  /** The money unit of the merged levels; required when every part is an index. Default: the parts' own unit. */
  unit?: string;
}

export interface MergeResult {
  base: BaseLevels;
  priceBasis: string;
  /** Sector ids, in the first part's order. */
  sectors: string[];
}

/** An index unit ("index, 2022 GRDP at constant 2010 prices = 100"): needs a size to be added to money. */
export function isIndexUnit(unit: string): boolean {
  return /^\s*index\b/i.test(unit);
}

type D = InstanceType<typeof Dec>;

/**
 * @example
 * // Two provinces in billion VND at constant 2010 prices: the merged Q1 agriculture level is the sum.
 * mergeBases([a, b]).base.levels.agriculture[0] // a's Q1 + b's Q1
 */
export function mergeBases(parts: readonly MergePart[], options: MergeOptions = {}): MergeResult {
  if (parts.length < 2) fail('INPUT_INVALID', 'parts', 'a merge needs at least two provinces');
  const problems = [];
  const first = parts[0]!;
  const sectors = first.sectors.map((s) => s.id);
  const moneyUnits = new Set(parts.filter((p) => !isIndexUnit(p.base.unit)).map((p) => p.base.unit.trim()));
  const unit = options.unit ?? [...moneyUnits][0];
  parts.forEach((p, i) => {
    const at = `parts[${i}] (${p.id})`;
    if (p.priceBasis.trim() !== first.priceBasis.trim())
      problems.push(issue('INPUT_INVALID', `${at}.priceBasis`, `"${p.priceBasis}" differs from "${first.priceBasis}"`));
    const own = p.sectors.map((s) => s.id);
    if (own.length !== sectors.length || own.some((id) => !sectors.includes(id)))
      problems.push(
        issue('INPUT_INVALID', `${at}.sectors`, `sectors ${own.join(', ')} differ from ${sectors.join(', ')}`),
      );
    for (const id of sectors)
      if (!p.sectors.some((s) => s.id === id && s.parent !== undefined) && !p.base.levels[id])
        problems.push(issue('INPUT_MISSING_BASE', `${at}.base.levels.${id}`, `no base-year levels for ${id}`));
    if (isIndexUnit(p.base.unit)) {
      if (p.size === undefined)
        problems.push(
          issue(
            'INPUT_MISSING_BASE',
            `${at}.size`,
            `its levels are an index ("${p.base.unit}"): give its annual base-year GRDP in money at the same prices (--size ${p.id}=AMOUNT)`,
          ),
        );
      else if (!(p.size > 0) || !Number.isFinite(p.size))
        problems.push(issue('INPUT_INVALID', `${at}.size`, 'the size is a positive number'));
    } else if (p.size !== undefined) {
      problems.push(
        issue('INPUT_INVALID', `${at}.size`, `its levels are already in ${p.base.unit}: no size is needed`),
      );
    }
  });
  if (unit === undefined)
    problems.push(issue('INPUT_INVALID', 'unit', 'every part is an index: name the money unit of the sizes (--unit)'));
  else if (moneyUnits.size > 1 || (moneyUnits.size === 1 && !moneyUnits.has(unit.trim())))
    problems.push(
      issue('INPUT_INVALID', 'unit', `the parts are in different units: ${[...moneyUnits, unit].join('; ')}`),
    );
  if (problems.length > 0) throw new GrdpError(problems);

  const ids = first.sectors.map((s) => s.id).filter((id) => parts.every((p) => p.base.levels[id]));
  const top = first.sectors.filter((s) => s.parent === undefined).map((s) => s.id);
  const sums: Record<string, D[]> = Object.fromEntries(ids.map((id) => [id, [0, 1, 2, 3].map(() => new Dec(0))]));
  const from: BaseSource[] = [];
  for (const p of parts) {
    let scale = new Dec(1);
    if (isIndexUnit(p.base.unit)) {
      let annual = new Dec(0);
      for (const id of top) for (const v of p.base.levels[id]!) annual = annual.plus(v);
      if (annual.isZero()) fail('INPUT_MISSING_BASE', `parts.${p.id}.base.levels`, 'the index levels add up to zero');
      scale = new Dec(p.size!).div(annual);
    }
    for (const id of ids) {
      const row = sums[id]!;
      p.base.levels[id]!.forEach((v, q) => {
        row[q] = row[q]!.plus(new Dec(v).times(scale));
      });
    }
    from.push({
      id: p.id,
      region: p.region,
      unit: p.base.unit,
      ...(p.size === undefined ? {} : { size: p.size }),
      ...(p.source === undefined ? {} : { source: p.source }),
    });
  }
  const levels: Record<string, QuarterValues> = {};
  for (const id of ids) levels[id] = sums[id]!.map((v) => v.toNumber()) as QuarterValues;
  const origin = parts.every((p) => p.base.origin === 'official') ? 'official' : 'implied';
  return { base: { unit: unit!, origin, levels, from }, priceBasis: first.priceBasis, sectors };
}

/**
 * The merged province's quarterly growth by sector from its parts' levels and growth: Σ B·(1 + g/100) / Σ B − 1.
 * Every period's growth computed from these with the merged levels is the level-weighted growth of the parts.
 */
export function mergedGrowth(
  parts: readonly {
    base: Readonly<Record<string, Readonly<QuarterValues>>>;
    growth: Readonly<Record<string, Readonly<QuarterValues>>>;
  }[],
): Record<string, QuarterValues> {
  const out: Record<string, QuarterValues> = {};
  const ids = Object.keys(parts[0]?.base ?? {}).filter((id) => id !== TOTAL);
  for (const id of ids) {
    out[id] = [0, 1, 2, 3].map((q) => {
      let b = new Dec(0);
      let x = new Dec(0);
      for (const p of parts) {
        const bq = new Dec(p.base[id]![q]!);
        b = b.plus(bq);
        x = x.plus(bq.times(new Dec(p.growth[id]![q]!).div(100).plus(1)));
      }
      return b.isZero() ? 0 : x.div(b).minus(1).times(100).toNumber();
    }) as QuarterValues;
  }
  return out;
}
