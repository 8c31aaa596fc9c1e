/**
 * Reads the `departments` and `indicators` sections of a scenario or plan file. Every problem is reported with its
 * JSON path (`indicators[3].target.band`) through `report`, so each file kind uses its own error code; the
 * scenario loader adds the file and line.
 */
import { childPath } from '../scenario/paths.ts';
import type { LocalizedText, Vintage } from '../scenario/types.ts';
import { VINTAGES } from '../scenario/types.ts';
import {
  ABOUT_TOLERANCE_PERCENT,
  type Better,
  type Department,
  INDICATOR_CATEGORIES,
  type Indicator,
  type IndicatorActual,
  type IndicatorCategory,
  type IndicatorPeriod,
  type IndicatorSet,
  type IndicatorTarget,
  type PerCapitaDerivation,
  type PerCapitaUnit,
} from './types.ts';

export type ReportIssue = (path: string, detail: string) => void;

/** A department or indicator id: lowercase letters, digits and hyphens (`so-tai-chinh`, `grdp-per-capita`). */
export const INDICATOR_ID_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
const ID_RE = new RegExp(INDICATOR_ID_PATTERN);
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const PER_CAPITA_UNITS: readonly PerCapitaUnit[] = ['million VND', 'thousand VND', 'VND', 'USD'];
/** The single-key qualifiers of a target mapping (`{atLeast: 11}`). */
const SIMPLE_QUALIFIERS = ['atLeast', 'above', 'atMost', 'below', 'reach', 'maintain'] as const;
const QUALIFIERS = [...SIMPLE_QUALIFIERS, 'band', 'about', 'averageAnnualChange', 'rank'] as const;
const INDICATOR_FIELDS = [
  'id',
  'no',
  'part',
  'main',
  'category',
  'name',
  'unit',
  'period',
  'target',
  'better',
  'printed',
  'source',
  'department',
  'cooperating',
  'grdp',
  'derive',
  'actuals',
  'note',
];

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isYear = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1900 && (v as number) <= 2200;
const at = childPath;

function unknownFields(obj: Json, allowed: readonly string[], path: string, report: ReportIssue): void {
  for (const key of Object.keys(obj))
    if (!allowed.includes(key))
      report(at(path, key), `\`${key}\` is not a field here; expected one of ${allowed.join(', ')}`);
}

function text(v: unknown, path: string, report: ReportIssue, required = true): string | undefined {
  if (v === undefined || v === null) {
    if (required) report(path, 'a text is required');
    return undefined;
  }
  if (typeof v !== 'string' || v.trim() === '') {
    report(path, 'a non-empty text is required');
    return undefined;
  }
  return v;
}

function localized(v: unknown, path: string, report: ReportIssue): LocalizedText | undefined {
  if (typeof v === 'string' && v.trim() !== '') return { vi: v, en: v };
  if (!isRecord(v)) {
    report(path, 'names are {vi, en} (or one text for both)');
    return undefined;
  }
  unknownFields(v, ['vi', 'en'], path, report);
  const vi = text(v.vi, at(path, 'vi'), report);
  const en = text(v.en, at(path, 'en'), report);
  return vi === undefined || en === undefined ? undefined : { vi, en };
}

/** `[low, high]` or one number (low = high); low ≤ high. */
function band(v: unknown, path: string, report: ReportIssue): { low: number; high: number } | undefined {
  if (isNum(v)) return { low: v, high: v };
  if (Array.isArray(v) && v.length === 2 && isNum(v[0]) && isNum(v[1])) {
    if (v[0] > v[1]) {
      report(path, `a band is [low, high] with low ≤ high; got [${v[0]}, ${v[1]}]`);
      return undefined;
    }
    return { low: v[0], high: v[1] };
  }
  report(path, 'a band is [low, high] (two numbers) or one number');
  return undefined;
}

function period(v: unknown, path: string, report: ReportIssue): IndicatorPeriod | undefined {
  if (isYear(v)) return { kind: 'year', year: v };
  const shape = 'a period is a year (2023), {final: 2030}, {average: [2026, 2030]} or {total: [2026, 2030]}';
  if (!isRecord(v)) {
    report(path, shape);
    return undefined;
  }
  unknownFields(v, ['final', 'average', 'total', 'mean'], path, report);
  if (v.final !== undefined) {
    if (!isYear(v.final)) report(at(path, 'final'), 'a year between 1900 and 2200');
    else return { kind: 'final', year: v.final };
    return undefined;
  }
  const span = v.average ?? v.total;
  const key = v.average !== undefined ? 'average' : 'total';
  if (span === undefined) {
    report(path, shape);
    return undefined;
  }
  if (!Array.isArray(span) || span.length !== 2 || !isYear(span[0]) || !isYear(span[1]) || span[0] > span[1]) {
    report(at(path, key), 'a span of years [from, to] with from ≤ to');
    return undefined;
  }
  if (key === 'total') {
    if (v.mean !== undefined) report(at(path, 'mean'), '`mean` belongs to an average period');
    return { kind: 'total', from: span[0], to: span[1] };
  }
  const mean = v.mean ?? 'arithmetic';
  if (mean !== 'arithmetic' && mean !== 'geometric') {
    report(at(path, 'mean'), 'mean is arithmetic or geometric (for growth rates)');
    return undefined;
  }
  return { kind: 'average', from: span[0], to: span[1], mean };
}

function target(v: unknown, path: string, report: ReportIssue): IndicatorTarget | undefined {
  if (!isRecord(v)) {
    report(path, `a target is a mapping with one qualifier: ${QUALIFIERS.join(', ')}`);
    return undefined;
  }
  const kinds = QUALIFIERS.filter((q) => v[q] !== undefined);
  if (kinds.length !== 1) {
    report(path, `give exactly one qualifier of ${QUALIFIERS.join(', ')}; got ${kinds.join(', ') || 'none'}`);
    return undefined;
  }
  const kind = kinds[0]!;
  const extra: Record<string, string[]> = {
    about: ['tolerance'],
    averageAnnualChange: ['direction', 'unit', 'base'],
    rank: ['of'],
  };
  unknownFields(v, [kind, ...(extra[kind] ?? [])], path, report);
  const p = at(path, kind);
  const num = (x: unknown, where: string): number | undefined => {
    if (isNum(x)) return x;
    report(where, 'a number is required');
    return undefined;
  };
  switch (kind) {
    case 'band': {
      const b = band(v.band, p, report);
      return b && { kind, ...b };
    }
    case 'about': {
      const value = num(v.about, p);
      const tolerancePercent =
        v.tolerance === undefined ? ABOUT_TOLERANCE_PERCENT : num(v.tolerance, at(path, 'tolerance'));
      if (tolerancePercent !== undefined && tolerancePercent < 0)
        report(at(path, 'tolerance'), 'a tolerance is ≥ 0 (% of the target)');
      return value === undefined || tolerancePercent === undefined ? undefined : { kind, value, tolerancePercent };
    }
    case 'averageAnnualChange': {
      const b = band(v.averageAnnualChange, p, report);
      const direction = v.direction;
      if (direction !== 'increase' && direction !== 'decrease')
        report(at(path, 'direction'), 'direction is increase or decrease');
      const unit = v.unit;
      if (unit !== 'pp' && unit !== 'percent')
        report(at(path, 'unit'), 'unit is pp (percentage points) or percent (of the level)');
      if (b && b.low < 0) report(p, 'the change is given as a size (≥ 0); the direction says which way');
      let base: { year: number; value: number } | undefined;
      if (v.base !== undefined) {
        const bp = at(path, 'base');
        if (!isRecord(v.base) || !isYear(v.base.year) || !isNum(v.base.value)) report(bp, 'base is {year, value}');
        else base = { year: v.base.year, value: v.base.value };
      }
      if (!b || (direction !== 'increase' && direction !== 'decrease') || (unit !== 'pp' && unit !== 'percent'))
        return undefined;
      return { kind, ...b, direction, unit, ...(base ? { base } : {}) };
    }
    case 'rank': {
      const rank = v.rank;
      const of = v.of;
      if (!Number.isInteger(rank) || (rank as number) < 1) report(p, 'a rank is a whole number ≥ 1');
      if (!Number.isInteger(of) || (of as number) < 1)
        report(at(path, 'of'), 'the number ranked (of) is a whole number ≥ 1');
      else if (Number.isInteger(rank) && (rank as number) > (of as number)) report(p, `rank ${rank} is beyond ${of}`);
      if (!Number.isInteger(rank) || !Number.isInteger(of) || (rank as number) < 1 || (rank as number) > (of as number))
        return undefined;
      return { kind, rank: rank as number, of: of as number };
    }
    default: {
      const value = num(v[kind], p);
      return value === undefined ? undefined : { kind, value };
    }
  }
}

function actuals(v: unknown, path: string, rankOf: number | undefined, report: ReportIssue): IndicatorActual[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    report(path, 'actuals is a list of {year, value, vintage, published?, source?, note?}');
    return [];
  }
  const out: IndicatorActual[] = [];
  v.forEach((a, i) => {
    const p = at(path, i);
    if (!isRecord(a)) {
      report(p, 'an actual is {year, value, vintage, published?, source?, note?}');
      return;
    }
    unknownFields(a, ['year', 'value', 'vintage', 'published', 'source', 'note'], p, report);
    const problem = indicatorActualProblem(a.value, rankOf);
    if (problem) report(at(p, 'value'), problem);
    if (!isYear(a.year)) report(at(p, 'year'), 'a year between 1900 and 2200');
    if (!VINTAGES.includes(a.vintage as Vintage)) report(at(p, 'vintage'), `vintage is ${VINTAGES.join(', ')}`);
    if (a.published !== undefined && (typeof a.published !== 'string' || !DATE_RE.test(a.published)))
      report(at(p, 'published'), 'dates are written YYYY-MM-DD');
    const source = text(a.source, at(p, 'source'), report, false);
    const note = text(a.note, at(p, 'note'), report, false);
    if (problem || !isYear(a.year) || !VINTAGES.includes(a.vintage as Vintage)) return;
    out.push({
      year: a.year,
      value: a.value as number,
      vintage: a.vintage as Vintage,
      ...(typeof a.published === 'string' ? { published: a.published } : {}),
      ...(source === undefined ? {} : { source }),
      ...(note === undefined ? {} : { note }),
    });
  });
  return out;
}

/**
 * Why `value` cannot be an actual of an indicator, or null. Any finite number, except that a rank is a whole
 * number from 1 to the number ranked. The one rule for the file, the API and the import.
 */
export function indicatorActualProblem(value: unknown, rankOf?: number): string | null {
  if (!isNum(value)) return 'an actual is a finite number';
  if (rankOf !== undefined && (!Number.isInteger(value) || value < 1 || value > rankOf))
    return `a rank is a whole number from 1 to ${rankOf}; got ${value}`;
  return null;
}

function derive(v: unknown, path: string, report: ReportIssue): PerCapitaDerivation | undefined {
  if (v === undefined) return undefined;
  const shape = 'derive is {grdpPerCapita: {grdp: id, population: id, unit, vndPerUsd?}}';
  if (!isRecord(v) || !isRecord(v.grdpPerCapita)) {
    report(path, shape);
    return undefined;
  }
  unknownFields(v, ['grdpPerCapita'], path, report);
  const p = at(path, 'grdpPerCapita');
  const d = v.grdpPerCapita;
  unknownFields(d, ['grdp', 'population', 'unit', 'vndPerUsd'], p, report);
  const grdp = text(d.grdp, at(p, 'grdp'), report);
  const population = text(d.population, at(p, 'population'), report);
  if (!PER_CAPITA_UNITS.includes(d.unit as PerCapitaUnit))
    report(at(p, 'unit'), `unit is ${PER_CAPITA_UNITS.join(', ')}`);
  if (d.vndPerUsd !== undefined && (!isNum(d.vndPerUsd) || d.vndPerUsd <= 0))
    report(at(p, 'vndPerUsd'), 'an exchange rate (VND per USD) above 0');
  if (!grdp || !population || !PER_CAPITA_UNITS.includes(d.unit as PerCapitaUnit)) return undefined;
  return {
    kind: 'grdpPerCapita',
    grdp,
    population,
    unit: d.unit as PerCapitaUnit,
    ...(isNum(d.vndPerUsd) && d.vndPerUsd > 0 ? { vndPerUsd: d.vndPerUsd } : {}),
  };
}

function defaultBetter(t: IndicatorTarget | undefined): Better {
  if (!t) return 'higher';
  if (t.kind === 'rank' || t.kind === 'below' || t.kind === 'atMost') return 'lower';
  return 'higher';
}

/**
 * Checks the `departments` and `indicators` of a parsed file. `grdpKeys` are the keys a `grdp` link may name
 * (`total` and the scenario's sector ids); a plan has none.
 */
export function parseIndicatorSet(
  raw: { departments?: unknown; indicators?: unknown },
  report: ReportIssue,
  grdpKeys: readonly string[] = [],
): IndicatorSet {
  const departments: Department[] = [];
  const deptIds = new Set<string>();
  if (raw.departments !== undefined && raw.departments !== null) {
    if (!Array.isArray(raw.departments)) report('departments', 'departments is a list of {id, name: {vi, en}}');
    else
      for (const [i, d] of raw.departments.entries()) {
        const p = at('departments', i);
        if (!isRecord(d)) {
          report(p, 'a department is {id, name: {vi, en}}');
          continue;
        }
        unknownFields(d, ['id', 'name'], p, report);
        const id = text(d.id, at(p, 'id'), report);
        if (id !== undefined && !ID_RE.test(id))
          report(at(p, 'id'), `"${id}" is not a slug (lowercase letters, digits, hyphens)`);
        if (id !== undefined && deptIds.has(id)) report(at(p, 'id'), `the id "${id}" appears twice`);
        const name = localized(d.name, at(p, 'name'), report);
        if (id !== undefined && name) {
          deptIds.add(id);
          departments.push({ id, name });
        }
      }
  }

  const indicators: Indicator[] = [];
  if (raw.indicators === undefined || raw.indicators === null) return { departments, indicators };
  if (!Array.isArray(raw.indicators)) {
    report('indicators', 'indicators is a list');
    return { departments, indicators };
  }
  const seen = new Set<string>();
  const numbered = new Set<string>();
  for (const [i, x] of raw.indicators.entries()) {
    const p = at('indicators', i);
    if (!isRecord(x)) {
      report(p, 'an indicator is a mapping (id, no, category, name, unit, period, target, …)');
      continue;
    }
    unknownFields(x, INDICATOR_FIELDS, p, report);
    const id = text(x.id, at(p, 'id'), report);
    if (id !== undefined && !ID_RE.test(id))
      report(at(p, 'id'), `"${id}" is not a slug (lowercase letters, digits, hyphens)`);
    if (id !== undefined && seen.has(id)) report(at(p, 'id'), `the id "${id}" appears twice`);
    if (id !== undefined) seen.add(id);
    if (!Number.isInteger(x.no) || (x.no as number) < 1) report(at(p, 'no'), 'the printed number, a whole number ≥ 1');
    const part = text(x.part, at(p, 'part'), report, false);
    if (part !== undefined && !/^[a-z]$/.test(part)) report(at(p, 'part'), 'a part is one letter a–z');
    if (x.main !== undefined && typeof x.main !== 'boolean') report(at(p, 'main'), 'main is true or false');
    const category = x.category as IndicatorCategory;
    if (!INDICATOR_CATEGORIES.includes(category))
      report(at(p, 'category'), `category is ${INDICATOR_CATEGORIES.join(', ')}`);
    const numberKey = `${String(x.category)}:${String(x.no)}${part ?? ''}:${x.main === false ? 'other' : 'main'}`;
    if (Number.isInteger(x.no) && numbered.has(numberKey))
      report(at(p, 'no'), `number ${String(x.no)}${part ?? ''} appears twice in ${String(x.category)}`);
    numbered.add(numberKey);
    const name = localized(x.name, at(p, 'name'), report);
    const unit = localized(x.unit, at(p, 'unit'), report);
    const per = period(x.period, at(p, 'period'), report);
    const t = target(x.target, at(p, 'target'), report);
    let better = defaultBetter(t);
    if (x.better !== undefined) {
      if (x.better !== 'higher' && x.better !== 'lower') report(at(p, 'better'), 'better is higher or lower');
      else if (t?.kind === 'rank' && x.better !== 'lower') report(at(p, 'better'), 'a rank is better when lower');
      else better = x.better;
    }
    if (t?.kind === 'averageAnnualChange' && per && per.kind !== 'year' && per.kind !== 'average')
      report(at(p, 'period'), 'an average annual change is over one year or an average period');
    const printed = text(x.printed, at(p, 'printed'), report);
    const source = text(x.source, at(p, 'source'), report);
    const department = text(x.department, at(p, 'department'), report, false);
    if (department !== undefined && !deptIds.has(department))
      report(at(p, 'department'), `"${department}" is not in departments`);
    const cooperating: string[] = [];
    if (x.cooperating !== undefined) {
      if (!Array.isArray(x.cooperating)) report(at(p, 'cooperating'), 'a list of department ids');
      else
        x.cooperating.forEach((c, j) => {
          if (typeof c !== 'string' || !deptIds.has(c))
            report(at(at(p, 'cooperating'), j), `${JSON.stringify(c)} is not in departments`);
          else cooperating.push(c);
        });
    }
    const grdpKey = text(x.grdp, at(p, 'grdp'), report, false);
    if (grdpKey !== undefined && !grdpKeys.includes(grdpKey))
      report(at(p, 'grdp'), `"${grdpKey}" is not a GRDP key of this file (${grdpKeys.join(', ') || 'none'})`);
    const d = derive(x.derive, at(p, 'derive'), report);
    const acts = actuals(x.actuals, at(p, 'actuals'), t?.kind === 'rank' ? t.of : undefined, report);
    const note = text(x.note, at(p, 'note'), report, false);
    if (!id || !name || !unit || !per || !t || !printed || !source || !INDICATOR_CATEGORIES.includes(category))
      continue;
    if (!Number.isInteger(x.no)) continue;
    indicators.push({
      id,
      no: x.no as number,
      ...(part === undefined ? {} : { part }),
      main: x.main !== false,
      category,
      name,
      unit,
      period: per,
      target: t,
      better,
      printed,
      source,
      ...(department === undefined ? {} : { department }),
      cooperating,
      ...(grdpKey === undefined ? {} : { grdpKey }),
      ...(d ? { derive: d } : {}),
      actuals: acts,
      ...(note === undefined ? {} : { note }),
    });
  }
  // References between indicators, once every id is known.
  const list = raw.indicators;
  for (const ind of indicators) {
    if (!ind.derive) continue;
    const i = list.findIndex((x) => isRecord(x) && x.id === ind.id);
    for (const key of ['grdp', 'population'] as const) {
      if (!seen.has(ind.derive[key]))
        report(
          at(at(at(at('indicators', i), 'derive'), 'grdpPerCapita'), key),
          `"${ind.derive[key]}" is not an indicator of this file`,
        );
    }
  }
  return { departments, indicators };
}
