/**
 * An actuals file (CSV or XLSX in the template of docs/import-template.md) → one revision per period, checked
 * against the scenario: periods Q1..Q4/H1/9M/FY, keys `total` or a sector, vintage estimate|revised|official,
 * growth a number in (−100, 1000]. Every problem of every row is collected; any problem rejects the whole file
 * (ImportError, nothing is written).
 */
import { actualValueProblem, PERIODS, type Period, type Scenario, textProblem } from '@grdp/engine';
import { ApiError, ImportError, type ImportRowError } from '../errors.ts';
import type { ActualInput } from '../repositories/index.ts';
import {
  COLUMN_HEADERS,
  columnOf,
  keyReader,
  periodOf,
  REQUIRED_COLUMNS,
  type TemplateColumn,
  vintageOf,
} from './columns.ts';
import { CsvSyntaxError, decodeUtf8, parseCsv } from './csv.ts';
import { detectLocale, type NumberLocale, parseNumber } from './numbers.ts';
import { looksLikeZip, readXlsx, type SheetCell } from './xlsx.ts';

export interface ImportEntry {
  period: Period;
  input: ActualInput;
}

export interface ImportPlan {
  format: 'csv' | 'xlsx';
  /** Data rows read (blank rows not counted). */
  rows: number;
  /** The number locale used for ambiguous cells: declared, detected, or undefined when none was needed. */
  locale: NumberLocale | undefined;
  entries: ImportEntry[];
}

export interface ImportOptions {
  locale?: NumberLocale | undefined;
  maxRows: number;
}

const MAX_NOTE = 2000;

/** The cells of a CSV or XLSX file (told apart by content: an XLSX is a zip). */
export async function readGrid(
  bytes: Buffer,
  maxRows: number,
): Promise<{ format: 'csv' | 'xlsx'; grid: SheetCell[][] }> {
  if (bytes.length === 0) throw new ApiError('IMPORT_UNREADABLE', 'The file is empty');
  if (looksLikeZip(bytes)) return { format: 'xlsx', grid: (await readXlsx(bytes, maxRows)).rows };
  const text = decodeUtf8(bytes);
  let grid: string[][];
  try {
    grid = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new ApiError('IMPORT_UNREADABLE', `The CSV file is malformed: ${e.message}`);
    throw e;
  }
  if (grid.length > maxRows + 1) throw new ApiError('IMPORT_UNREADABLE', `The file has more than ${maxRows} data rows`);
  return { format: 'csv', grid };
}

const isBlank = (c: SheetCell) => c === null || (typeof c === 'string' && c.trim() === '');

/** Reads a file and checks every row; throws ImportError listing every bad row, or IMPORT_UNREADABLE. */
export async function planImport(bytes: Buffer, scenario: Scenario, options: ImportOptions): Promise<ImportPlan> {
  const { format, grid } = await readGrid(bytes, options.maxRows);
  const headerIndex = grid.findIndex((r) => !r.every(isBlank));
  if (headerIndex < 0) throw new ApiError('IMPORT_UNREADABLE', 'The file has no header row');
  const errors: ImportRowError[] = [];
  const headerRow = headerIndex + 1;

  // Header → column positions.
  const at: Partial<Record<string, number>> = {};
  const names: Partial<Record<TemplateColumn, string>> = {};
  grid[headerIndex]!.forEach((cell, i) => {
    if (isBlank(cell)) return;
    const text = typeof cell === 'string' ? cell.trim() : String(typeof cell === 'number' ? cell : cell?.error);
    const column = columnOf(text);
    if (!column)
      errors.push({
        row: headerRow,
        column: text,
        reason: 'unknown column (see the template: Kỳ/period, Chỉ tiêu/key, …)',
      });
    else if (at[column] !== undefined)
      errors.push({ row: headerRow, column: text, reason: 'the column appears twice' });
    else {
      at[column] = i;
      if (column !== 'published' && column !== 'source') names[column] = text;
    }
  });
  for (const c of REQUIRED_COLUMNS)
    if (at[c] === undefined)
      errors.push({
        row: headerRow,
        column: `${COLUMN_HEADERS[c].vi} / ${COLUMN_HEADERS[c].en}`,
        reason: 'the column is missing',
      });
  if (errors.length > 0) throw new ImportError(errors);

  const data = grid
    .map((cells, i) => ({ row: i + 1, cells }))
    .slice(headerIndex + 1)
    .filter((r) => !r.cells.every(isBlank));
  if (data.length === 0)
    throw new ImportError([{ row: headerRow + 1, column: '', reason: 'the file has no data rows' }]);
  if (data.length > options.maxRows)
    throw new ApiError('IMPORT_UNREADABLE', `The file has more than ${options.maxRows} data rows`);

  const headed = new Set(Object.values(at) as number[]);
  const headerOf = (i: number) => {
    const c = (Object.keys(at) as TemplateColumn[]).find((k) => at[k] === i);
    return c === undefined ? columnLetter(i) : (names[c] ?? c);
  };
  const cell = (cells: SheetCell[], c: TemplateColumn) => {
    const i = at[c];
    return i === undefined ? null : (cells[i] ?? null);
  };
  const growthTexts = data.map((r) => cell(r.cells, 'growth_pct')).filter((c): c is string => typeof c === 'string');
  const locale = options.locale ?? detectLocale(growthTexts);
  const readKey = keyReader(scenario);

  interface Row {
    row: number;
    period: Period;
    key: string;
    value: number;
    vintage: ActualInput['vintage'];
    note: string;
  }
  const good: Row[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of data) {
    const bad = (c: TemplateColumn, reason: string) => errors.push({ row, column: names[c] ?? c, reason });
    const text = (c: TemplateColumn): string | undefined => {
      const v = cell(cells, c);
      if (v !== null && typeof v === 'object') {
        bad(c, v.error);
        return undefined;
      }
      return v === null ? '' : String(v).trim();
    };
    const before = errors.length;
    // A value under no header would be lost silently: it is an error, never dropped.
    cells.forEach((c, i) => {
      if (!isBlank(c) && !headed.has(i))
        errors.push({ row, column: columnLetter(i), reason: 'a value in a column without a header' });
      // The one text rule (NUL, lone surrogates; XLSX `_x0000_` arrives here decoded as U+0000).
      const problem = typeof c === 'string' ? textProblem(c) : null;
      if (problem) errors.push({ row, column: headerOf(i), reason: problem.message });
    });
    const periodText = text('period');
    const period = periodText ? periodOf(periodText) : undefined;
    if (periodText === '') bad('period', 'the period is empty');
    else if (periodText !== undefined && !period)
      bad('period', `"${periodText}" is not a period (Q1, Q2, Q3, Q4, H1, 9M, FY)`);
    const keyText = text('key');
    const key = keyText ? readKey(keyText) : undefined;
    if (keyText === '') bad('key', 'the key is empty');
    else if (keyText !== undefined && !key) bad('key', `"${keyText}" is not total or a sector of ${scenario.id}`);
    const value = readGrowth(cell(cells, 'growth_pct'), locale, (reason) => bad('growth_pct', reason));
    const vintageText = text('vintage');
    const vintage = vintageText ? vintageOf(vintageText) : undefined;
    if (vintageText === '') bad('vintage', 'the vintage is empty (estimate, revised or official)');
    else if (vintageText !== undefined && !vintage)
      bad('vintage', `"${vintageText}" is not estimate, revised or official`);
    const note = text('note') ?? '';
    if (note.length > MAX_NOTE) bad('note', `the note is longer than ${MAX_NOTE} characters`);
    if (period && key) {
      const first = seen.get(`${period}:${key}`);
      if (first !== undefined) bad('key', `${period} ${key} is already given in row ${first}`);
      else seen.set(`${period}:${key}`, row);
    }
    if (errors.length === before)
      good.push({ row, period: period!, key: key!, value: value!, vintage: vintage!, note });
  }

  // One revision per period: one vintage, the values of its rows, the distinct notes joined.
  const entries: ImportEntry[] = [];
  for (const period of PERIODS) {
    const rows = good.filter((r) => r.period === period);
    if (rows.length === 0) continue;
    const vintage = rows[0]!.vintage;
    for (const r of rows.slice(1))
      if (r.vintage !== vintage)
        errors.push({
          row: r.row,
          column: names.vintage ?? 'vintage',
          reason: `${period} is ${vintage} in row ${rows[0]!.row}: one period has one vintage`,
        });
    const notes = [...new Set(rows.map((r) => r.note).filter((n) => n !== ''))].join('; ');
    if (notes.length > MAX_NOTE)
      errors.push({
        row: rows[0]!.row,
        column: names.note ?? 'note',
        reason: `the notes of ${period} are too long together`,
      });
    const input: ActualInput = { values: Object.fromEntries(rows.map((r) => [r.key, r.value])), vintage };
    if (notes !== '') input.note = notes;
    entries.push({ period, input });
  }
  if (errors.length > 0) throw new ImportError(errors.sort((a, b) => a.row - b.row));
  return { format, rows: data.length, locale, entries };
}

function readGrowth(c: SheetCell, locale: NumberLocale | undefined, bad: (reason: string) => void): number | undefined {
  let value: number;
  if (c === null || (typeof c === 'string' && c.trim() === '')) return void bad('the growth is empty');
  if (typeof c === 'object') return void bad(c.error);
  if (typeof c === 'number') value = c;
  else {
    const r = parseNumber(c, locale);
    if (!r.ok) return void bad(r.reason);
    value = r.value;
  }
  const problem = actualValueProblem(value);
  if (problem) return void bad(problem);
  return value;
}

/** Spreadsheet column name of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}
