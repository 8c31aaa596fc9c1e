/**
 * Reading a scenario file (YAML or JSON) into a `Scenario`, and writing one back as YAML.
 *
 * Every problem is collected and thrown at once as a `GrdpError`, each issue with its stable code, JSON path
 * (`targets.Q4.product_taxes`, `sectors[2].id`, `base.levels.services[1]`), and for text its line and file.
 * Warnings (a band printed with low > high) are returned with the scenario.
 *
 * @example
 * const { scenario, warnings } = loadScenario(text, { file: 'an-giang-2023.yaml' });
 * scenario.targets.Q1?.services; // { low: 9.5, high: 10.19, printed: '9,5 - 10,19%' }
 * warnings[0]; // { code: 'inverted-band', path: 'targets.Q4.product_taxes', line: 69, file: 'an-giang-2023.yaml', … }
 */
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import { type ErrorCode, GrdpError, type Issue, issue, type WarningCode } from '../errors.ts';
import { isPeriod, PERIODS, type Period } from '../periods.ts';
import {
  DATE_PATTERN,
  DEFAULT_PRICE_BASIS,
  PRINTED_PATTERN,
  SCENARIO_ID_PATTERN,
  SECTOR_ID_PATTERN,
} from './schema.ts';
import {
  type Actual,
  type Band,
  type BaseLevels,
  type LocalizedText,
  type QuarterValues,
  type Scenario,
  type Sector,
  type TargetRow,
  type Targets,
  TOTAL,
  VINTAGES,
  type Vintage,
} from './types.ts';

/** Documents nesting deeper than this are rejected (SCENARIO_TOO_DEEP). A scenario needs 4 levels. */
export const SCENARIO_MAX_DEPTH = 64;
/** YAML alias expansion budget (the `yaml` package's maxAliasCount). */
export const SCENARIO_MAX_ALIAS_COUNT = 100;

export interface LoadScenarioOptions {
  /** Reported in every issue. A name ending in `.json` selects JSON unless `format` is given. */
  file?: string;
  format?: 'yaml' | 'json';
}

export interface LoadScenarioResult {
  scenario: Scenario;
  warnings: Issue<WarningCode>[];
}

const SCENARIO_ID_RE = new RegExp(SCENARIO_ID_PATTERN);
const SECTOR_ID_RE = new RegExp(SECTOR_ID_PATTERN);
const PRINTED_RE = new RegExp(PRINTED_PATTERN);
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
] as const;

// ---------------------------------------------------------------------------------------------------------------
// Paths

const SIMPLE_KEY = /^[A-Za-z0-9_-]+$/;
const LAST_SEGMENT = /(?:^[A-Za-z0-9_-]+|\.[A-Za-z0-9_-]+|\[\d+\]|\["(?:[^"\\]|\\.)*"\])$/;

/** `childPath('targets', 'Q4')` → `targets.Q4`; `childPath('sectors', 2)` → `sectors[2]`. */
function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (SIMPLE_KEY.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

function parentPath(path: string): string | undefined {
  if (path === '') return undefined;
  const stripped = path.replace(LAST_SEGMENT, '');
  return stripped === path ? '' : stripped;
}

// ---------------------------------------------------------------------------------------------------------------
// Printed figures

/**
 * Reads a growth figure as printed in Vietnamese style: "9,5" → 9.5; "7,0 - 7,5%" → [7, 7.5];
 * "3,54 - 3,49%" → { low: 3.49, high: 3.54, inverted: true }. `printed` keeps the text. Undefined if not a figure.
 */
export function parsePrintedBand(text: string): Band | undefined {
  const m = PRINTED_RE.exec(text);
  if (!m || m[1] === undefined) return undefined;
  const a = printedNumber(m[1]);
  const b = m[2] === undefined ? a : printedNumber(m[2]);
  return a > b ? { low: b, high: a, printed: text, inverted: true } : { low: a, high: b, printed: text };
}

function printedNumber(text: string): number {
  return Number(text.replace('−', '-').replace(',', '.'));
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return `${typeof value} ${String(value)}`;
}

function isFiniteNumber(value: unknown): value is number {
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
class Checker {
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
      this.fields(value, ['low', 'high', 'value', 'printed'], path);
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
      return low === undefined || high === undefined ? undefined : this.ordered(low, high, printed, path);
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
  c.fields(obj, ['unit', 'origin', 'levels'], 'base');
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
  return unit === undefined || origin === undefined ? undefined : { unit, origin, levels };
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
      if (band) out[key] = band;
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
        if (n !== undefined) values[key] = n;
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

function checkScenario(raw: unknown, c: Checker): Scenario | undefined {
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
  };
}

/** True when a parsed value nests deeper than SCENARIO_MAX_DEPTH (or is cyclic). */
function tooDeep(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth >= SCENARIO_MAX_DEPTH) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => tooDeep(child, depth + 1));
}

// ---------------------------------------------------------------------------------------------------------------
// Entry points

type LineOf = (path: string) => number | undefined;

function finish(raw: unknown, lineOf: LineOf | undefined, file: string | undefined): LoadScenarioResult {
  const c = new Checker();
  if (tooDeep(raw)) c.error('SCENARIO_TOO_DEEP', '', `more than ${SCENARIO_MAX_DEPTH} levels`);
  const scenario = c.errors.length > 0 ? undefined : checkScenario(raw, c);
  const place = <C extends string>(i: Issue<C>): Issue<C> => {
    const line = lineOf?.(i.path);
    return { ...i, ...(line === undefined ? {} : { line }), ...(file === undefined ? {} : { file }) };
  };
  const byLine = (a: Issue, b: Issue) => (a.line ?? Number.POSITIVE_INFINITY) - (b.line ?? Number.POSITIVE_INFINITY);
  if (!scenario || c.errors.length > 0) throw new GrdpError(c.errors.map(place).sort(byLine));
  return { scenario, warnings: c.warnings.map(place).sort(byLine) };
}

/**
 * Validates an already-parsed scenario (a JSON request body): the same checks as `loadScenario`, without lines.
 * Throws `GrdpError` with every problem.
 */
export function parseScenarioObject(obj: unknown): LoadScenarioResult {
  return finish(obj, undefined, undefined);
}

/**
 * Parses and validates a scenario file. YAML is read safely (core schema, no custom tags, at most
 * SCENARIO_MAX_ALIAS_COUNT alias expansions, at most SCENARIO_MAX_DEPTH levels). Throws `GrdpError` with every problem.
 */
export function loadScenario(text: string, options: LoadScenarioOptions = {}): LoadScenarioResult {
  const { file } = options;
  const format = options.format ?? (file?.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
  const withFile = (i: Issue<ErrorCode>): Issue<ErrorCode> => (file === undefined ? i : { ...i, file });
  const fail = (code: ErrorCode, detail: string, line?: number): never => {
    throw new GrdpError([withFile({ ...issue(code, '', detail), ...(line === undefined ? {} : { line }) })]);
  };

  if (format === 'json') {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      const yamlError = readYaml(text).doc?.errors[0];
      return fail('SCENARIO_SYNTAX', (e as Error).message, yamlError?.linePos?.[0].line);
    }
    let lines: LineOf | undefined;
    const lineOf: LineOf = (path) => {
      if (!lines) {
        const { doc, lineCounter } = readYaml(text);
        lines = doc && doc.errors.length === 0 ? lineLookup(doc, lineCounter) : () => undefined;
      }
      return lines(path);
    };
    return finish(raw, tooDeep(raw) ? undefined : lineOf, file);
  }

  const { doc, lineCounter, thrown } = readYaml(text);
  if (!doc) return fail(thrown instanceof RangeError ? 'SCENARIO_TOO_DEEP' : 'SCENARIO_SYNTAX', String(thrown));
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    throw new GrdpError(
      problems.map((e) => {
        const code: ErrorCode = e.code === 'RESOURCE_EXHAUSTION' ? 'SCENARIO_TOO_DEEP' : 'SCENARIO_SYNTAX';
        const line = e.linePos?.[0].line;
        return withFile({ ...issue(code, '', e.message.split('\n')[0]), ...(line === undefined ? {} : { line }) });
      }),
    );
  }
  const deep = deepNode(doc.contents, 0);
  if (deep) {
    return fail('SCENARIO_TOO_DEEP', `more than ${SCENARIO_MAX_DEPTH} levels`, lineCounter.linePos(deep[0]).line);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: SCENARIO_MAX_ALIAS_COUNT });
  } catch (e) {
    const exhausted = e instanceof RangeError || /alias count/i.test(String((e as Error).message));
    return fail(exhausted ? 'SCENARIO_TOO_DEEP' : 'SCENARIO_SYNTAX', (e as Error).message);
  }
  return finish(raw, lineLookup(doc, lineCounter), file);
}

type YamlDocument = ReturnType<typeof parseDocument>;

function readYaml(text: string): { doc?: YamlDocument; lineCounter: LineCounter; thrown?: unknown } {
  const lineCounter = new LineCounter();
  try {
    const doc = parseDocument(text, {
      lineCounter,
      version: '1.2',
      schema: 'core',
      customTags: [],
      resolveKnownTags: false,
      merge: false,
      uniqueKeys: true,
      strict: true,
      prettyErrors: true,
    });
    return { doc, lineCounter };
  } catch (thrown) {
    return { lineCounter, thrown };
  }
}

/** The range of the first collection nested deeper than SCENARIO_MAX_DEPTH (aliases are counted after expansion). */
function deepNode(node: unknown, depth: number): [number, number, number] | undefined {
  if (!isMap(node) && !isSeq(node)) return undefined;
  if (depth >= SCENARIO_MAX_DEPTH) return node.range ?? [0, 0, 0];
  for (const item of node.items) {
    const found = isPair(item)
      ? (deepNode(item.key, depth + 1) ?? deepNode(item.value, depth + 1))
      : deepNode(item, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Maps JSON paths to 1-based lines: a mapping entry is on its key's line; a path not in the text, its parent's. */
function lineLookup(doc: YamlDocument, lineCounter: LineCounter): LineOf {
  const lines = new Map<string, number>();
  const mark = (path: string, node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range && !lines.has(path)) lines.set(path, lineCounter.linePos(range[0]).line);
  };
  const walk = (node: unknown, path: string, depth: number) => {
    if (depth > SCENARIO_MAX_DEPTH) return;
    mark(path, node);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const path2 = childPath(path, String(pair.key.value));
        mark(path2, pair.key);
        walk(pair.value, path2, depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        walk(item, childPath(path, i), depth + 1);
      });
    }
  };
  walk(doc.contents, '', 0);
  return (path) => {
    for (let p: string | undefined = path; p !== undefined; p = parentPath(p)) {
      const line = lines.get(p);
      if (line !== undefined) return line;
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

function sameBand(a: Band, b: Band): boolean {
  return a.low === b.low && a.high === b.high && Boolean(a.inverted) === Boolean(b.inverted);
}

/** A band as a file cell: the printed text when it reads back to the same band, else [low, high] or a number. */
function bandCell(band: Band): unknown {
  if (band.printed !== undefined) {
    const reread = parsePrintedBand(band.printed);
    if (reread && sameBand(reread, band)) return band.printed;
  }
  const [first, second] = band.inverted ? [band.high, band.low] : [band.low, band.high];
  if (band.printed !== undefined) return { low: first, high: second, printed: band.printed };
  return first === second && !band.inverted ? first : [first, second];
}

/** A Scenario as the plain data of a scenario file (what `scenarioToYaml` writes; valid against the schema). */
export function scenarioToFile(scenario: Scenario): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: scenario.id,
    title: { vi: scenario.title.vi, en: scenario.title.en },
    region: scenario.region,
    year: scenario.year,
    source: scenario.source,
    priceBasis: scenario.priceBasis,
    sectors: scenario.sectors.map((s) => ({
      id: s.id,
      name: { vi: s.name.vi, en: s.name.en },
      ...(s.parent === undefined ? {} : { parent: s.parent }),
    })),
  };
  if (scenario.base) {
    const { unit, origin, levels } = scenario.base;
    out.base = { unit, origin, levels: Object.fromEntries(Object.entries(levels).map(([k, v]) => [k, [...v]])) };
  }
  const targets: Record<string, Record<string, unknown>> = {};
  for (const p of PERIODS) {
    const row = scenario.targets[p];
    if (row) targets[p] = Object.fromEntries(Object.entries(row).map(([k, band]) => [k, bandCell(band)]));
  }
  out.targets = targets;
  if (scenario.actuals.length > 0) {
    out.actuals = scenario.actuals.map((a) => ({
      period: a.period,
      vintage: a.vintage,
      ...(a.published === undefined ? {} : { published: a.published }),
      ...(a.source === undefined ? {} : { source: a.source }),
      values: { ...a.values },
      ...(a.note === undefined ? {} : { note: a.note }),
    }));
  }
  if (scenario.notes !== undefined) out.notes = scenario.notes;
  return out;
}

/**
 * Writes a Scenario as a YAML scenario file that loads back to a deep-equal Scenario: bands as [low, high] (in
 * the printed order when inverted), or as their printed text when that reads back to the same band.
 */
export function scenarioToYaml(scenario: Scenario): string {
  const doc = new Document(scenarioToFile(scenario), { version: '1.2' });
  visit(doc, {
    Seq(_, node) {
      if (node.items.every(isScalar)) node.flow = true;
    },
  });
  const targets = doc.get('targets', true);
  if (isMap(targets)) {
    visit(targets, {
      Scalar(key, node) {
        if (key !== 'key' && typeof node.value === 'string') node.type = 'QUOTE_DOUBLE';
      },
    });
  }
  return doc.toString({ lineWidth: 0 });
}
