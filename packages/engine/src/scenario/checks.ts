import { actualValueProblem, isActualValue } from '../actuals/value.ts';
import { type ErrorCode, type Issue, issue, type WarningCode } from '../errors.ts';
import { parseIndicatorSet } from '../indicators/parse.ts';
import { isPeriod, PERIODS, type Period } from '../periods.ts';
import { textProblem } from '../text/index.ts';
import {
  SCENARIO_MAX_ACTUALS,
  SCENARIO_MAX_BASE_LEVEL,
  SCENARIO_MAX_DEPTH,
  SCENARIO_MAX_SECTORS,
  SCENARIO_MAX_TEXT,
} from './limits.ts';

import { childPath } from './paths.ts';
import { parsePrintedBand } from './printed.ts';
import { DATE_PATTERN, DEFAULT_PRICE_BASIS, SCENARIO_ID_PATTERN, SECTOR_ID_PATTERN } from './schema.ts';
import {
  type Actual,
  type Band,
  type BaseLevels,
  type BaseSource,
  type LocalizedText,
  type QuarterValues,
  type Scenario,
  type ScenarioVersion,
  type Sector,
  type TargetRow,
  type Targets,
  TOTAL,
  VINTAGES,
  type Vintage,
} from './types.ts';

const SCENARIO_ID_RE = new RegExp(SCENARIO_ID_PATTERN);
const SECTOR_ID_RE = new RegExp(SECTOR_ID_PATTERN);
const DATE_RE = new RegExp(DATE_PATTERN);

const TOP_LEVEL_FIELDS = [
  'id',
  'title',
  'region',
  'year',
  'source',
  'priceBasis',
  'sectors',
  'base',
  'targets',
  'actuals',
  'notes',
  'departments',
  'indicators',
  'version',
] as const;

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return `${typeof value} ${String(value)}`;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function validDate(text: string): boolean {
  if (!DATE_RE.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return days !== undefined && d >= 1 && d <= days;
}

/** Collects every problem of one document. */
export class Checker {
  readonly errors: Issue<ErrorCode>[] = [];
  readonly warnings: Issue<WarningCode>[] = [];
  /** Sector ids defined by the file; `reliable` false when `sectors` itself is broken (no reference checks). */
  sectorIds = new Set<string>();
  sectorsReliable = true;

  error(code: ErrorCode, path: string, detail?: string): void {
    this.errors.push(issue(code, path, detail));
  }

  warn(code: WarningCode, path: string, detail?: string): void {
    this.warnings.push(issue(code, path, detail));
  }

  fields(obj: Json, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) {
        this.error('SCENARIO_UNKNOWN_FIELD', childPath(path, key), `\`${key}\`; expected one of ${allowed.join(', ')}`);
      }
    }
  }

  text(value: unknown, path: string, required: boolean): string | undefined {
    if (value === undefined || value === null) {
      if (required) this.error('SCENARIO_MISSING_FIELD', path);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.error('SCENARIO_WRONG_TYPE', path, `expected text, got ${describe(value)}`);
      return undefined;
    }
    if (required && value.trim() === '') {
      this.error('SCENARIO_MISSING_FIELD', path, 'the text is empty');
      return undefined;
    }
    const bad = textProblem(value);
    if (bad) {
      this.error('SCENARIO_BAD_TEXT', path, bad.message);
      return undefined;
    }
    if (value.length > SCENARIO_MAX_TEXT) {
      this.error('SCENARIO_TOO_LARGE', path, `${value.length} characters; at most ${SCENARIO_MAX_TEXT}`);
      return undefined;
    }
    return value;
  }

  record(value: unknown, path: string, required: boolean): Json | undefined {
    if (value === undefined || value === null) {
      if (required) this.error('SCENARIO_MISSING_FIELD', path);
      return undefined;
    }
    if (!isRecord(value)) {
      this.error('SCENARIO_WRONG_TYPE', path, `expected a mapping, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  localized(value: unknown, path: string, allowSingle: boolean): LocalizedText | undefined {
    if (allowSingle && typeof value === 'string') {
      return this.text(value, path, true) === undefined ? undefined : { vi: value, en: value };
    }
    const obj = this.record(value, path, true);
    if (!obj) return undefined;
    this.fields(obj, ['vi', 'en'], path);
    const vi = this.text(obj.vi, childPath(path, 'vi'), true);
    const en = this.text(obj.en, childPath(path, 'en'), true);
    return vi === undefined || en === undefined ? undefined : { vi, en };
  }

  /** A target cell: a number, [low, high], printed text, {low, high, printed?} or {value, printed?}. */
  band(value: unknown, path: string): Band | undefined {
    if (typeof value === 'number') {
      if (Number.isFinite(value)) return { low: value, high: value };
      this.error('SCENARIO_NOT_NUMERIC', path, describe(value));
      return undefined;
    }
    if (typeof value === 'string') {
      const band = parsePrintedBand(value);
      if (!band) {
        this.error('SCENARIO_NOT_NUMERIC', path, describe(value));
        return undefined;
      }
      if (band.inverted) this.invertedWarning(path, band.high, band.low);
      return band;
    }
    if (Array.isArray(value)) {
      if (value.length !== 2) {
        this.error('SCENARIO_BAD_BAND', path, `a list of ${value.length}`);
        return undefined;
      }
      const [a, b] = [this.number(value[0], childPath(path, 0)), this.number(value[1], childPath(path, 1))];
      return a === undefined || b === undefined ? undefined : this.ordered(a, b, undefined, path);
    }
    if (isRecord(value)) {
      // `inverted` is accepted so that a scenario's JSON (GET) can be sent back as it is; it is kept only
      // where it is true to the numbers (low ≤ high after reading).
      this.fields(value, ['low', 'high', 'value', 'printed', 'inverted'], path);
      if (value.inverted !== undefined && typeof value.inverted !== 'boolean')
        this.error(
          'SCENARIO_WRONG_TYPE',
          childPath(path, 'inverted'),
          `expected true or false, got ${describe(value.inverted)}`,
        );
      const printed = this.text(value.printed, childPath(path, 'printed'), false);
      if ('value' in value) {
        if ('low' in value || 'high' in value) {
          this.error('SCENARIO_BAD_BAND', path, 'give `value` or `low` and `high`, not both');
          return undefined;
        }
        const v = this.number(value.value, childPath(path, 'value'));
        return v === undefined ? undefined : this.ordered(v, v, printed, path);
      }
      const low = this.number(value.low, childPath(path, 'low'));
      const high = this.number(value.high, childPath(path, 'high'));
      if (low === undefined || high === undefined) return undefined;
      const band = this.ordered(low, high, printed, path);
      if (value.inverted === true && low <= high) band.inverted = true;
      return band;
    }
    this.error('SCENARIO_NOT_NUMERIC', path, describe(value));
    return undefined;
  }

  number(value: unknown, path: string): number | undefined {
    if (value === undefined || value === null) {
      this.error('SCENARIO_MISSING_FIELD', path);
      return undefined;
    }
    if (!isFiniteNumber(value)) {
      this.error('SCENARIO_NOT_NUMERIC', path, describe(value));
      return undefined;
    }
    return value;
  }

  private ordered(a: number, b: number, printed: string | undefined, path: string): Band {
    const band: Band = a > b ? { low: b, high: a } : { low: a, high: b };
    if (printed !== undefined) band.printed = printed;
    if (a > b) {
      band.inverted = true;
      this.invertedWarning(path, a, b);
    }
    return band;
  }

  private invertedWarning(path: string, first: number, second: number): void {
    this.warn('inverted-band', path, `${first} - ${second} is read as [${second}, ${first}]`);
  }

  /** A key of a target row or an actual's values: `total` or a defined sector. */
  rowKey(key: string, path: string): boolean {
    if (key === TOTAL || this.sectorIds.has(key)) return true;
    if (this.sectorsReliable) this.error('SCENARIO_UNKNOWN_SECTOR', path, `\`${key}\``);
    return false;
  }
}

function checkSectors(value: unknown, c: Checker): Sector[] {
  const sectors: Sector[] = [];
  if (value === undefined || value === null) {
    c.error('SCENARIO_MISSING_FIELD', 'sectors', 'give `sectors: []` for a total-only scenario');
    c.sectorsReliable = false;
    return sectors;
  }
  if (!Array.isArray(value)) {
    c.error('SCENARIO_WRONG_TYPE', 'sectors', `expected a list, got ${describe(value)}`);
    c.sectorsReliable = false;
    return sectors;
  }
  if (value.length > SCENARIO_MAX_SECTORS) {
    c.error('SCENARIO_TOO_LARGE', 'sectors', `${value.length} sectors; at most ${SCENARIO_MAX_SECTORS}`);
    c.sectorsReliable = false;
    return sectors;
  }
  const parents: { path: string; id: string | undefined; parent: string }[] = [];
  const parentOf = new Map<string, string | undefined>();
  value.forEach((item, i) => {
    const path = childPath('sectors', i);
    const obj = c.record(item, path, true);
    if (!obj) {
      c.sectorsReliable = false;
      return;
    }
    c.fields(obj, ['id', 'name', 'parent'], path);
    const id = c.text(obj.id, childPath(path, 'id'), true);
    if (id === undefined) c.sectorsReliable = false;
    else if (!SECTOR_ID_RE.test(id) || id === TOTAL) c.error('SCENARIO_BAD_ID', childPath(path, 'id'), `"${id}"`);
    if (id !== undefined && c.sectorIds.has(id)) c.error('SCENARIO_DUPLICATE_ID', childPath(path, 'id'), `"${id}"`);
    const name = c.localized(obj.name, childPath(path, 'name'), true);
    const parent = c.text(obj.parent, childPath(path, 'parent'), false);
    if (id !== undefined && !c.sectorIds.has(id)) {
      c.sectorIds.add(id);
      parentOf.set(id, parent);
    }
    if (parent !== undefined) parents.push({ path: childPath(path, 'parent'), id, parent });
    if (id !== undefined && name !== undefined) {
      sectors.push(parent === undefined ? { id, name } : { id, name, parent });
    }
  });
  for (const { path, id, parent } of parents) {
    if (parent === id) c.error('SCENARIO_UNKNOWN_PARENT', path, `\`${parent}\` is the sector itself`);
    else if (!c.sectorIds.has(parent)) {
      if (c.sectorsReliable) c.error('SCENARIO_UNKNOWN_PARENT', path, `\`${parent}\` is not defined in \`sectors\``);
    } else if (parentOf.get(parent) !== undefined) {
      c.error('SCENARIO_UNKNOWN_PARENT', path, `\`${parent}\` is itself a part of \`${parentOf.get(parent)}\``);
    }
  }
  return sectors;
}

function checkBase(value: unknown, sectors: Sector[], c: Checker): BaseLevels | undefined {
  const obj = c.record(value, 'base', false);
  if (!obj) return undefined;
  c.fields(obj, ['unit', 'origin', 'levels', 'from'], 'base');
  const from = checkBaseSources(obj.from, c);
  const unit = c.text(obj.unit, 'base.unit', true);
  let origin: BaseLevels['origin'] | undefined;
  if (obj.origin === undefined || obj.origin === null) c.error('SCENARIO_MISSING_FIELD', 'base.origin');
  else if (obj.origin === 'official' || obj.origin === 'implied') origin = obj.origin;
  else c.error('SCENARIO_BAD_ORIGIN', 'base.origin', describe(obj.origin));
  const levelsObj = c.record(obj.levels, 'base.levels', true);
  const levels: Record<string, QuarterValues> = {};
  if (levelsObj) {
    for (const [key, row] of Object.entries(levelsObj)) {
      const path = childPath('base.levels', key);
      if (!c.sectorIds.has(key)) {
        if (c.sectorsReliable) c.error('SCENARIO_UNKNOWN_SECTOR', path, `\`${key}\``);
        continue;
      }
      if (!Array.isArray(row) || row.length !== 4) {
        c.error('SCENARIO_BAD_BASE', path, `expected [Q1, Q2, Q3, Q4], got ${describe(row)}`);
        continue;
      }
      let ok = true;
      row.forEach((x, j) => {
        const v = c.number(x, childPath(path, j));
        if (v === undefined) ok = false;
        else if (v < 0) {
          c.error('SCENARIO_NEGATIVE_BASE', childPath(path, j), String(v));
          ok = false;
        } else if (v > SCENARIO_MAX_BASE_LEVEL) {
          c.error(
            'SCENARIO_BAD_BASE',
            childPath(path, j),
            `${v} is more than ${SCENARIO_MAX_BASE_LEVEL.toExponential()}`,
          );
          ok = false;
        }
      });
      if (ok) levels[key] = [...row] as QuarterValues;
    }
    for (const s of sectors) {
      if (s.parent === undefined && !Object.hasOwn(levelsObj, s.id)) {
        c.error('SCENARIO_BAD_BASE', childPath('base.levels', s.id), `no levels for top-level sector \`${s.id}\``);
      }
    }
  }
  if (unit === undefined || origin === undefined) return undefined;
  return from === undefined ? { unit, origin, levels } : { unit, origin, levels, from };
}

function checkBaseSources(value: unknown, c: Checker): BaseSource[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    c.error('SCENARIO_WRONG_TYPE', 'base.from', `expected a list, got ${describe(value)}`);
    return undefined;
  }
  const out: BaseSource[] = [];
  value.forEach((item, i) => {
    const path = childPath('base.from', i);
    const obj = c.record(item, path, true);
    if (!obj) return;
    c.fields(obj, ['id', 'region', 'unit', 'size', 'source'], path);
    const id = c.text(obj.id, childPath(path, 'id'), true);
    const region = c.text(obj.region, childPath(path, 'region'), true);
    const unit = c.text(obj.unit, childPath(path, 'unit'), true);
    const source = c.text(obj.source, childPath(path, 'source'), false);
    const size = obj.size === undefined || obj.size === null ? undefined : c.number(obj.size, childPath(path, 'size'));
    if (id === undefined || region === undefined || unit === undefined) return;
    out.push({
      id,
      region,
      unit,
      ...(size === undefined ? {} : { size }),
      ...(source === undefined ? {} : { source }),
    });
  });
  return out;
}

function checkVersion(value: unknown, c: Checker): ScenarioVersion | undefined {
  const obj = c.record(value, 'version', false);
  if (!obj) return undefined;
  c.fields(obj, ['label', 'date', 'note', 'adjusts'], 'version');
  const label = c.text(obj.label, 'version.label', true);
  let date: string | undefined;
  if (obj.date !== undefined && obj.date !== null) {
    if (typeof obj.date === 'string' && validDate(obj.date)) date = obj.date;
    else c.error('SCENARIO_BAD_DATE', 'version.date', describe(obj.date));
  }
  const note = c.text(obj.note, 'version.note', false);
  const adjusts = c.text(obj.adjusts, 'version.adjusts', false);
  if (label === undefined) return undefined;
  return {
    label,
    ...(date === undefined ? {} : { date }),
    ...(note === undefined ? {} : { note }),
    ...(adjusts === undefined ? {} : { adjusts }),
  };
}

function checkTargets(value: unknown, c: Checker): Targets {
  const targets: Targets = {};
  const obj = c.record(value, 'targets', true);
  if (!obj) return targets;
  const rows = new Map<Period, TargetRow>();
  for (const [period, rowValue] of Object.entries(obj)) {
    const path = childPath('targets', period);
    if (!isPeriod(period)) {
      c.error('SCENARIO_UNKNOWN_PERIOD', path, `\`${period}\``);
      continue;
    }
    const row = c.record(rowValue, path, true);
    if (!row) continue;
    const out: TargetRow = {};
    for (const [key, cell] of Object.entries(row)) {
      const cellPath = childPath(path, key);
      if (!c.rowKey(key, cellPath)) continue;
      const band = c.band(cell, cellPath);
      if (!band) continue;
      const problem = actualValueProblem(band.low) ?? actualValueProblem(band.high);
      if (problem) c.error('SCENARIO_BAD_GROWTH', cellPath, problem);
      else out[key] = band;
    }
    rows.set(period, out);
  }
  for (const p of PERIODS) {
    const row = rows.get(p);
    if (row) targets[p] = row;
  }
  return targets;
}

function checkActuals(value: unknown, c: Checker): Actual[] {
  const actuals: Actual[] = [];
  if (value === undefined || value === null) return actuals;
  if (!Array.isArray(value)) {
    c.error('SCENARIO_WRONG_TYPE', 'actuals', `expected a list, got ${describe(value)}`);
    return actuals;
  }
  if (value.length > SCENARIO_MAX_ACTUALS) {
    c.error('SCENARIO_TOO_LARGE', 'actuals', `${value.length} actuals; at most ${SCENARIO_MAX_ACTUALS}`);
    return actuals;
  }
  value.forEach((item, i) => {
    const path = childPath('actuals', i);
    const obj = c.record(item, path, true);
    if (!obj) return;
    c.fields(obj, ['period', 'vintage', 'published', 'source', 'values', 'note'], path);
    let period: Period | undefined;
    if (obj.period === undefined || obj.period === null) c.error('SCENARIO_MISSING_FIELD', childPath(path, 'period'));
    else if (isPeriod(obj.period)) period = obj.period;
    else c.error('SCENARIO_UNKNOWN_PERIOD', childPath(path, 'period'), describe(obj.period));
    let vintage: Vintage | undefined;
    if (obj.vintage === undefined || obj.vintage === null)
      c.error('SCENARIO_MISSING_FIELD', childPath(path, 'vintage'));
    else if (VINTAGES.includes(obj.vintage as Vintage)) vintage = obj.vintage as Vintage;
    else c.error('SCENARIO_BAD_VINTAGE', childPath(path, 'vintage'), describe(obj.vintage));
    let published: string | undefined;
    if (obj.published !== undefined && obj.published !== null) {
      if (typeof obj.published === 'string' && validDate(obj.published)) published = obj.published;
      else c.error('SCENARIO_BAD_DATE', childPath(path, 'published'), describe(obj.published));
    }
    const source = c.text(obj.source, childPath(path, 'source'), false);
    const note = c.text(obj.note, childPath(path, 'note'), false);
    const valuesObj = c.record(obj.values, childPath(path, 'values'), true);
    const values: Record<string, number> = {};
    if (valuesObj) {
      for (const [key, v] of Object.entries(valuesObj)) {
        const vPath = childPath(childPath(path, 'values'), key);
        if (!c.rowKey(key, vPath)) continue;
        const n = c.number(v, vPath);
        if (n === undefined) continue;
        if (isActualValue(n)) values[key] = n;
        else c.error('SCENARIO_BAD_ACTUAL', vPath, String(n));
      }
    }
    if (period === undefined || vintage === undefined) return;
    actuals.push({
      period,
      vintage,
      ...(published === undefined ? {} : { published }),
      ...(source === undefined ? {} : { source }),
      values,
      ...(note === undefined ? {} : { note }),
    });
  });
  return actuals;
}

export function checkScenario(raw: unknown, c: Checker): Scenario | undefined {
  if (!isRecord(raw)) {
    c.error('SCENARIO_NOT_OBJECT', '', `got ${describe(raw)}`);
    return undefined;
  }
  c.fields(raw, TOP_LEVEL_FIELDS, '');
  const id = c.text(raw.id, 'id', true);
  if (id !== undefined && !SCENARIO_ID_RE.test(id)) c.error('SCENARIO_BAD_ID', 'id', `"${id}"`);
  const title = c.localized(raw.title, 'title', false);
  const region = c.text(raw.region, 'region', true);
  let year: number | undefined;
  if (raw.year === undefined || raw.year === null) c.error('SCENARIO_MISSING_FIELD', 'year');
  else if (typeof raw.year !== 'number')
    c.error('SCENARIO_WRONG_TYPE', 'year', `expected a number, got ${describe(raw.year)}`);
  else if (!Number.isInteger(raw.year) || raw.year < 1900 || raw.year > 2200)
    c.error('SCENARIO_BAD_YEAR', 'year', String(raw.year));
  else year = raw.year;
  const source = c.text(raw.source, 'source', true);
  const priceBasis = c.text(raw.priceBasis, 'priceBasis', false) ?? DEFAULT_PRICE_BASIS;
  const sectors = checkSectors(raw.sectors, c);
  const base = checkBase(raw.base, sectors, c);
  const targets = checkTargets(raw.targets, c);
  const actuals = checkActuals(raw.actuals, c);
  const notes = c.text(raw.notes, 'notes', false);
  const indicators = parseIndicatorSet(raw, (path, detail) => c.error('SCENARIO_BAD_INDICATOR', path, detail), [
    TOTAL,
    ...sectors.map((s) => s.id),
  ]);
  const version = checkVersion(raw.version, c);
  if (c.errors.length > 0 || !id || !title || !region || year === undefined || !source) return undefined;
  return {
    id,
    title,
    region,
    year,
    source,
    priceBasis,
    sectors,
    ...(base ? { base } : {}),
    targets,
    actuals,
    ...(notes === undefined ? {} : { notes }),
    ...(indicators.indicators.length + indicators.departments.length > 0 ? { indicators } : {}),
    ...(version === undefined ? {} : { version }),
  };
}

/** True when a parsed value nests deeper than SCENARIO_MAX_DEPTH (or is cyclic). */
export function tooDeep(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth >= SCENARIO_MAX_DEPTH) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => tooDeep(child, depth + 1));
}
