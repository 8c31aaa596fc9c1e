/**
 * XLSX in and out with exceljs. Reading: the zip is checked first (zip.ts), at most 20 sheets, the sheet named
 * "Actuals" / "Thực hiện" or else the first one; formulas give their cached value (never evaluated) or an error
 * when the file has none; a number formatted as a percentage (0.0736 shown as 7.36%) reads as 7.36. Writing:
 * real numbers with the number format `0.00`.
 */
import { spreadsheetSafe } from '@grdp/engine';
import ExcelJS from 'exceljs';
import { ApiError } from '../errors.ts';
import { checkZip } from './zip.ts';

/** A cell as the importer sees it: empty, text, a number, or a reason it cannot be used. */
export type SheetCell = null | string | number | { error: string };

export interface SheetData {
  name: string;
  rows: SheetCell[][];
}

export const MAX_SHEETS = 20;
export const MAX_COLUMNS = 50;
export const NUMBER_FORMAT = '0.00';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sheet names the importer looks for first (compared without case and diacritics). */
const ACTUALS_SHEETS = ['actuals', 'thuc hien'];

/** Lower case, no diacritics (đ → d), runs of other characters as one space. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

/** Whether the bytes start like a zip archive (an XLSX workbook). */
export const looksLikeZip = (buf: Uint8Array) =>
  buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;

function percentToNumber(value: number): number {
  return Number((value * 100).toPrecision(12));
}

function convert(value: ExcelJS.CellValue, numFmt: string | undefined): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return numFmt?.includes('%') ? percentToNumber(value) : value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result === undefined || result === null)
      return { error: 'a formula without a saved result (open and save the file in Excel, or type the value)' };
    return convert(result, numFmt);
  }
  if ('error' in value) return { error: `the cell shows the error ${value.error}` };
  if ('text' in value) return String((value as { text: unknown }).text);
  return { error: 'a cell this importer cannot read' };
}

/** Reads the actuals sheet of an XLSX workbook as cells; throws IMPORT_UNREADABLE for a bad or oversized file. */
export async function readXlsx(buf: Buffer, maxRows: number): Promise<SheetData> {
  const entries = checkZip(buf);
  const sheetEntries = entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name)).length;
  if (sheetEntries > MAX_SHEETS)
    throw new ApiError('IMPORT_UNREADABLE', `The workbook has ${sheetEntries} sheets (at most ${MAX_SHEETS})`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new ApiError('IMPORT_UNREADABLE', `The XLSX file is not a valid workbook: ${(e as Error).message}`);
  }
  const sheets = workbook.worksheets;
  if (sheets.length === 0) throw new ApiError('IMPORT_UNREADABLE', 'The workbook has no sheets');
  if (sheets.length > MAX_SHEETS)
    throw new ApiError('IMPORT_UNREADABLE', `The workbook has ${sheets.length} sheets (at most ${MAX_SHEETS})`);
  const sheet = sheets.find((s) => ACTUALS_SHEETS.includes(fold(s.name))) ?? sheets[0]!;
  if (sheet.rowCount > maxRows + 1)
    throw new ApiError('IMPORT_UNREADABLE', `The sheet "${sheet.name}" has more than ${maxRows} data rows`);
  const width = Math.min(sheet.columnCount, MAX_COLUMNS);
  const rows: SheetCell[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: SheetCell[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cells.push(convert(cell.value, cell.numFmt));
    }
    rows.push(cells);
  }
  return { name: sheet.name, rows };
}

export interface SheetSpec {
  name: string;
  /** Header texts. */
  header: string[];
  /** Rows of text or numbers (numbers get NUMBER_FORMAT); null leaves a cell empty. */
  rows: (string | number | null)[][];
  /** Column widths in characters. */
  widths?: number[];
  /** Lines above the header (a title, a subtitle), bold, each merged across the header's columns. */
  preamble?: string[];
  /** Horizontal alignment per column (default: Excel's). */
  align?: ('left' | 'right' | 'center')[];
}

/** A workbook of the given sheets, bold header, frozen first row, numbers as numbers with format 0.00. */
export async function writeXlsx(sheets: readonly SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'grdp-scenario';
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  for (const spec of sheets) {
    const preamble = spec.preamble ?? [];
    const ws = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: preamble.length + 1 }] });
    preamble.forEach((line, i) => {
      ws.addRow([spreadsheetSafe(line)]).font = { bold: i === 0 };
      if (spec.header.length > 1) ws.mergeCells(i + 1, 1, i + 1, spec.header.length);
    });
    ws.addRow(spec.header.map((h) => spreadsheetSafe(h))).font = { bold: true };
    for (const row of spec.rows) {
      const added = ws.addRow(row.map((v) => (v === null ? null : typeof v === 'string' ? spreadsheetSafe(v) : v)));
      row.forEach((v, i) => {
        if (typeof v === 'number') added.getCell(i + 1).numFmt = NUMBER_FORMAT;
      });
    }
    spec.header.forEach((h, i) => {
      const column = ws.getColumn(i + 1);
      column.width = spec.widths?.[i] ?? Math.max(10, h.length + 2);
      const horizontal = spec.align?.[i];
      if (horizontal)
        column.eachCell((cell, row) => {
          if (row > preamble.length) cell.alignment = { horizontal };
        });
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
