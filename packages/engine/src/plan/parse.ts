import { type ErrorCode, GrdpError, type Issue, issue } from '../errors.ts';
import { parseIndicatorSet } from '../indicators/parse.ts';
import { Dec } from '../numeric/index.ts';
import type { Plan, PlanBaseFrom, PlanBaseLevel, PlanRegion, PlanTargets } from './types.ts';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PLAN_FIELDS = [
  'id',
  'title',
  'region',
  'source',
  'notes',
  'startYear',
  'endYear',
  'baseYear',
  'baseLevel',
  'baseFrom',
  'targets',
  'deflator',
  'actuals',
  'departments',
  'indicators',
];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isYear = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1900 && (v as number) <= 2200;

/**
 * Checks a parsed plan file (YAML or JSON, already parsed) and returns it typed. Every problem is reported at
 * once in a GrdpError (code INPUT_INVALID) with its path, e.g. `targets.annual.2031`.
 *
 * @example
 * parsePlanObject(YAML.parse(text)).targets.averageGrowth // 11
 */
export function parsePlanObject(obj: unknown): Plan {
  const issues: Issue<ErrorCode>[] = [];
  const bad = (path: string, detail: string) => issues.push(issue('INPUT_INVALID', path, detail));
  if (!isObject(obj)) throw new GrdpError([issue('INPUT_INVALID', '', 'a plan is a mapping of fields')]);

  for (const key of Object.keys(obj)) if (!PLAN_FIELDS.includes(key)) bad(key, 'this field is not part of a plan');

  const text = (path: string, v: unknown, required = true): string | undefined => {
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v.trim() === '') {
      bad(path, 'a non-empty text is required');
      return undefined;
    }
    return v;
  };
  const num = (path: string, v: unknown, check?: (n: number) => string | null): number | undefined => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      bad(path, 'a number is required');
      return undefined;
    }
    const problem = check?.(v);
    if (problem) bad(path, problem);
    return v;
  };
  const growth = (n: number) => (n <= -100 ? 'a growth rate is above -100 %' : null);

  const id = text('id', obj.id);
  if (id !== undefined && !SLUG.test(id)) bad('id', 'an id is a slug: lowercase letters, digits and hyphens');
  let title = { vi: '', en: '' };
  if (!isObject(obj.title)) bad('title', 'title is {vi, en}');
  else title = { vi: text('title.vi', obj.title.vi) ?? '', en: text('title.en', obj.title.en) ?? '' };
  const region = text('region', obj.region);
  const source = text('source', obj.source, false);
  const notes = text('notes', obj.notes, false);

  const years: Record<'startYear' | 'endYear' | 'baseYear', number | undefined> = {
    startYear: undefined,
    endYear: undefined,
    baseYear: undefined,
  };
  for (const k of ['startYear', 'endYear', 'baseYear'] as const) {
    if (!isYear(obj[k])) bad(k, 'a year is a whole number between 1900 and 2200');
    else years[k] = obj[k] as number;
  }
  const { startYear, endYear, baseYear } = years;
  if (startYear !== undefined && endYear !== undefined && endYear < startYear) bad('endYear', 'endYear < startYear');
  if (startYear !== undefined && baseYear !== undefined && baseYear >= startYear)
    bad('baseYear', 'the base year comes before startYear');

  /** A map year → number, each year within [from, to]. */
  const yearMap = (path: string, v: unknown, from?: number, to?: number): Record<string, number> | undefined => {
    if (v === undefined) return undefined;
    if (!isObject(v)) {
      bad(path, 'a mapping of year: number');
      return undefined;
    }
    const out: Record<string, number> = {};
    for (const [k, x] of Object.entries(v)) {
      const y = Number(k);
      if (!/^\d{4}$/.test(k) || (from !== undefined && y < from) || (to !== undefined && y > to)) {
        bad(`${path}.${k}`, `years run from ${from ?? '?'} to ${to ?? '?'}`);
        continue;
      }
      const n = num(`${path}.${k}`, x, growth);
      if (n !== undefined) out[k] = n;
    }
    return out;
  };

  let baseLevel: PlanBaseLevel | undefined;
  if (obj.baseLevel !== undefined) {
    const b = obj.baseLevel;
    if (!isObject(b)) bad('baseLevel', 'baseLevel is {value, unit, priceBasis, regions?}');
    else {
      for (const key of Object.keys(b))
        if (!['value', 'unit', 'priceBasis', 'regions'].includes(key))
          bad(`baseLevel.${key}`, 'this field is not part of baseLevel');
      const unit = text('baseLevel.unit', b.unit) ?? '';
      const priceBasis = text('baseLevel.priceBasis', b.priceBasis) ?? '';
      const nonNegative = (n: number) => (n < 0 ? 'a level cannot be negative' : null);
      const value = b.value === undefined ? undefined : num('baseLevel.value', b.value, nonNegative);
      let regions: PlanRegion[] | undefined;
      if (b.regions !== undefined) {
        if (!Array.isArray(b.regions) || b.regions.length === 0) bad('baseLevel.regions', 'a list of regions');
        else {
          regions = [];
          const seen = new Set<string>();
          b.regions.forEach((r: unknown, i: number) => {
            const p = `baseLevel.regions[${i}]`;
            if (!isObject(r)) {
              bad(p, 'a region is {id, name, value, validFrom?, validTo?}');
              return;
            }
            const rid = text(`${p}.id`, r.id);
            if (rid !== undefined && !SLUG.test(rid)) bad(`${p}.id`, 'an id is a slug');
            if (rid !== undefined && seen.has(rid)) bad(`${p}.id`, 'the same region id appears twice');
            if (rid !== undefined) seen.add(rid);
            const name = text(`${p}.name`, r.name);
            const rv = num(`${p}.value`, r.value, nonNegative);
            const region: PlanRegion = { id: rid ?? '', name: name ?? '', value: rv ?? 0 };
            for (const k of ['validFrom', 'validTo'] as const) {
              if (r[k] === undefined) continue;
              if (typeof r[k] !== 'string' || !DATE.test(r[k])) bad(`${p}.${k}`, 'dates are written YYYY-MM-DD');
              else region[k] = r[k];
            }
            regions!.push(region);
          });
          if (value !== undefined) {
            const total = regions.reduce((acc, r) => acc.plus(r.value), new Dec(0));
            if (total.minus(value).abs().gt(new Dec(value).abs().times(1e-9)))
              bad('baseLevel.value', `the regions add up to ${total.toString()}, not ${value}`);
          }
        }
      }
      if (value === undefined && regions === undefined) bad('baseLevel', 'give value or regions');
      baseLevel = { unit, priceBasis };
      if (value !== undefined) baseLevel.value = value;
      if (regions !== undefined) baseLevel.regions = regions;
    }
  }

  let baseFrom: PlanBaseFrom | undefined;
  if (obj.baseFrom !== undefined) {
    const f = obj.baseFrom;
    if (!isObject(f)) bad('baseFrom', 'baseFrom is {file, growth?, source?}');
    else {
      for (const key of Object.keys(f))
        if (!['file', 'growth', 'source'].includes(key)) bad(`baseFrom.${key}`, 'this field is not part of baseFrom');
      const file = text('baseFrom.file', f.file);
      const growthByYear = yearMap('baseFrom.growth', f.growth, undefined, baseYear);
      const from = text('baseFrom.source', f.source, false);
      if (file !== undefined) {
        baseFrom = { file };
        if (growthByYear) baseFrom.growth = growthByYear;
        if (from !== undefined) baseFrom.source = from;
      }
      if (obj.baseLevel !== undefined) bad('baseFrom', 'give baseLevel or baseFrom, not both');
    }
  }

  const targets: PlanTargets = {};
  if (!isObject(obj.targets)) bad('targets', 'targets is {averageGrowth?, annual?, finalLevelCurrentPrices?}');
  else {
    const t = obj.targets;
    for (const key of Object.keys(t))
      if (!['averageGrowth', 'annual', 'finalLevelCurrentPrices'].includes(key))
        bad(`targets.${key}`, 'this field is not part of targets');
    if (t.averageGrowth !== undefined) {
      const a = num('targets.averageGrowth', t.averageGrowth, growth);
      if (a !== undefined) targets.averageGrowth = a;
    }
    const annual = yearMap('targets.annual', t.annual, startYear, endYear);
    if (annual) targets.annual = annual;
    if (t.finalLevelCurrentPrices !== undefined) {
      const f = t.finalLevelCurrentPrices;
      if (!isObject(f)) bad('targets.finalLevelCurrentPrices', 'a level is {value, unit}');
      else {
        const v = num('targets.finalLevelCurrentPrices.value', f.value, (n) => (n <= 0 ? 'a level is above 0' : null));
        const u = text('targets.finalLevelCurrentPrices.unit', f.unit);
        if (v !== undefined && u !== undefined) targets.finalLevelCurrentPrices = { value: v, unit: u };
      }
    }
  }

  const firstYear = baseYear === undefined ? undefined : baseYear + 1;
  let deflator: number | Record<string, number> | undefined;
  if (typeof obj.deflator === 'number') deflator = num('deflator', obj.deflator, growth);
  else deflator = yearMap('deflator', obj.deflator, firstYear, endYear);
  const actuals = yearMap('actuals', obj.actuals, firstYear, endYear);
  if (actuals && firstYear !== undefined) {
    const ys = Object.keys(actuals)
      .map(Number)
      .sort((a, b) => a - b);
    ys.forEach((y, i) => {
      if (y !== firstYear + i) bad(`actuals.${y}`, `actual years run consecutively from ${firstYear}`);
    });
  }

  const indicators = parseIndicatorSet(obj, bad);

  if (issues.length > 0) throw new GrdpError(issues);
  const plan: Plan = {
    id: id!,
    title,
    region: region!,
    startYear: startYear!,
    endYear: endYear!,
    baseYear: baseYear!,
    targets,
  };
  if (source !== undefined) plan.source = source;
  if (notes !== undefined) plan.notes = notes;
  if (baseLevel) plan.baseLevel = baseLevel;
  if (baseFrom) plan.baseFrom = baseFrom;
  if (deflator !== undefined) plan.deflator = deflator;
  if (actuals) plan.actuals = actuals;
  if (indicators.indicators.length + indicators.departments.length > 0) plan.indicators = indicators;
  return plan;
}
