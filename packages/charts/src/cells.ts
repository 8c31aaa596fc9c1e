/**
 * A chart's data table as text: the cells shown under a chart, and the CSV download. Both round for display
 * (2 decimals, half away from zero, as the engine's `formatNumber`), in the table's language.
 */
import { formatNumber, type Lang, spreadsheetSafe } from '@grdp/engine';
import { t } from './i18n.ts';
import type { DataRow, DataTable } from './tables.ts';

export interface TableCells {
  head: string[];
  rows: string[][];
}

const hasVintage = (table: DataTable) => table.rows.some((r) => r.vintage !== undefined);

function vintageText(row: DataRow, lang: Lang): string {
  if (!row.vintage) return '';
  return `${t(row.vintage, lang)}${row.derived ? ` (${t('derived', lang)})` : ''}`;
}

/** The table as displayed: "7,36" (vi) or "7.36" (en), "–" where there is no figure; band tables add the vintage. */
export function tableCells(table: DataTable, lang: Lang, digits = 2): TableCells {
  const vintage = hasVintage(table);
  return {
    head: [t('period', lang), ...table.columns.map((c) => c.label), ...(vintage ? [t('vintage', lang)] : [])],
    rows: table.rows.map((r) => [
      r.label,
      ...table.columns.map((c) => formatNumber(r.values[c.key], lang, digits)),
      ...(vintage ? [vintageText(r, lang)] : []),
    ]),
  };
}

/** The CSV field separator of a language: Excel set to Vietnamese reads `;` (its list separator; `,` is decimal). */
export function csvSeparator(lang: Lang): ';' | ',' {
  return lang === 'vi' ? ';' : ',';
}

/** A number for CSV: 2 decimals, vi "7,36", en "7.36", without digit grouping; empty for none. */
export function csvNumber(value: number | null | undefined, lang: Lang, digits = 2): string {
  const text = formatNumber(value, lang, digits);
  if (text === '–') return '';
  return lang === 'vi' ? text.replace(/\./g, '') : text.replace(/,/g, '');
}

function quote(raw: string, separator: string): string {
  const cell = spreadsheetSafe(raw);
  return cell.includes(separator) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * The table as CSV in `lang`: vi with `;` and decimal commas, en with `,` and decimal points; labels in the
 * language; a UTF-8 byte order mark (so Excel reads the Vietnamese letters) and CRLF line ends; the table's
 * notes as last lines.
 */
export function tableCsv(table: DataTable, lang: Lang, digits = 2): string {
  const sep = csvSeparator(lang);
  const vintage = hasVintage(table);
  const lines: string[][] = [
    [t('period', lang), ...table.columns.map((c) => c.label), ...(vintage ? [t('vintage', lang)] : [])],
    ...table.rows.map((r) => [
      r.label,
      ...table.columns.map((c) => csvNumber(r.values[c.key], lang, digits)),
      ...(vintage ? [vintageText(r, lang)] : []),
    ]),
    ...(table.notes ?? []).map((n) => [n]),
  ];
  return `\uFEFF${lines.map((l) => l.map((c) => quote(c, sep)).join(sep)).join('\r\n')}\r\n`;
}
