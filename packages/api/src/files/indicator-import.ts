/**
 * Indicator actuals in and out of a spreadsheet: the per-scenario template (CSV or XLSX, one row per indicator
 * with its id, name, unit, target and the scenario's year, the value left blank) and its importer. The importer
 * reads files through the same `readGrid` as the GRDP actuals import, accepts headers in Vietnamese or English
 * (without case and diacritics), and collects every problem of every row, told in the user's language, with its
 * row and column: any problem rejects the whole file (ImportError, nothing is written). A template row whose
 * value and vintage are blank is not reported yet and is skipped.
 */
import {
  type Indicator,
  type IndicatorSet,
  indicatorActualProblem,
  indicatorTargetText,
  type Lang,
  PERIODS,
  type Period,
  periodLabel,
  textProblem,
  type Vintage,
} from '@grdp/engine';
import { ApiError, ImportError, type ImportRowError } from '../errors.ts';
import type { IndicatorActualInput } from '../repositories/indicators.ts';
import { periodOf, vintageOf } from './columns.ts';
import { writeCsv } from './csv.ts';
import { VINTAGE_LABELS } from './export.ts';
import { columnLetter, readGrid } from './import.ts';
import { detectLocale, type NumberLocale, parseNumber } from './numbers.ts';
import { fold, type SheetCell, writeXlsx } from './xlsx.ts';

export const INDICATOR_COLUMNS = [
  'indicator',
  'name',
  'unit',
  'target',
  'year',
  'period',
  'value',
  'vintage',
  'published',
  'source',
  'note',
] as const;
export type IndicatorColumn = (typeof INDICATOR_COLUMNS)[number];
/** Name, unit and target only help the clerk: the importer accepts and ignores them. */
const REQUIRED: readonly IndicatorColumn[] = ['indicator', 'year', 'value', 'vintage'];

export const INDICATOR_HEADERS: Record<IndicatorColumn, Record<Lang, string>> = {
  indicator: { vi: 'Mã chỉ tiêu', en: 'indicator' },
  name: { vi: 'Tên chỉ tiêu', en: 'name' },
  unit: { vi: 'Đơn vị', en: 'unit' },
  target: { vi: 'Mục tiêu', en: 'target' },
  year: { vi: 'Năm', en: 'year' },
  period: { vi: 'Kỳ', en: 'period' },
  value: { vi: 'Giá trị', en: 'value' },
  vintage: { vi: 'Loại số liệu', en: 'vintage' },
  published: { vi: 'Ngày công bố', en: 'published' },
  source: { vi: 'Nguồn', en: 'source' },
  note: { vi: 'Ghi chú', en: 'note' },
};

const HEADER_WORDS: Record<IndicatorColumn, string[]> = {
  indicator: ['indicator', 'indicator id', 'id', 'ma chi tieu', 'ma'],
  name: ['name', 'ten chi tieu', 'chi tieu', 'ten'],
  unit: ['unit', 'don vi', 'don vi tinh', 'dvt'],
  target: ['target', 'muc tieu', 'ke hoach'],
  year: ['year', 'nam'],
  period: ['period', 'ky', 'ky bao cao'],
  value: ['value', 'gia tri', 'thuc hien', 'so thuc hien', 'actual'],
  vintage: ['vintage', 'loai so lieu'],
  published: ['published', 'ngay cong bo'],
  source: ['source', 'nguon'],
  note: ['note', 'ghi chu'],
};

const columnOf = (header: string): IndicatorColumn | undefined => {
  const f = fold(header);
  return INDICATOR_COLUMNS.find((c) => HEADER_WORDS[c].includes(f));
};

const MAX_NOTE = 2000;
const MAX_SOURCE = 500;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The template's header row in one language. */
export const indicatorTemplateHeader = (lang: Lang) => INDICATOR_COLUMNS.map((c) => INDICATOR_HEADERS[c][lang]);

/** One template row per indicator: id, name, unit, target as the app words it, the year; the rest blank. */
function templateRows(set: IndicatorSet, year: number, lang: Lang): string[][] {
  return set.indicators.map((i) => [
    i.id,
    i.name[lang],
    i.unit[lang],
    indicatorTargetText(i, lang),
    String(year),
    periodLabel('FY', lang),
    '',
    '',
    '',
    '',
    '',
  ]);
}

export function indicatorTemplateCsv(set: IndicatorSet, year: number, lang: Lang): string {
  return writeCsv([indicatorTemplateHeader(lang), ...templateRows(set, year, lang)], lang === 'vi' ? ';' : ',');
}

export function indicatorTemplateXlsx(set: IndicatorSet, year: number, lang: Lang): Promise<Buffer> {
  const vi = lang === 'vi';
  const H = (c: IndicatorColumn) => INDICATOR_HEADERS[c][lang];
  const guide: (string | null)[][] = [
    [H('indicator'), vi ? 'Mã chỉ tiêu của kịch bản (hoặc tên chỉ tiêu)' : 'The indicator id (or its name)'],
    [
      `${H('name')}, ${H('unit')}, ${H('target')}`,
      vi ? 'Để tham khảo; khi nhập không đọc các cột này' : 'For reference; the import ignores them',
    ],
    [H('year'), vi ? 'Năm của số liệu, ví dụ 2025' : 'The year of the figure, e.g. 2025'],
    [
      H('period'),
      `${PERIODS.map((p) => `${p} (${periodLabel(p, lang)})`).join(', ')}. ${
        vi
          ? 'Để trống là cả năm. Q1–Q4 là số của quý; 6 tháng, 9 tháng là số lũy kế.'
          : 'Blank is the full year. Q1–Q4 are the quarter’s figures; H1 and 9M are cumulative.'
      }`,
    ],
    [
      H('value'),
      vi
        ? 'Số thực hiện theo đơn vị của chỉ tiêu: 42,3 hoặc 42.3; để trống dòng chưa có số liệu'
        : 'The figure in the indicator’s unit: 42.3 or 42,3; leave a row without a figure blank',
    ],
    [
      H('vintage'),
      Object.entries(VINTAGE_LABELS)
        .map(([code, l]) => `${code} (${l.vi})`)
        .join(', '),
    ],
    [H('published'), vi ? 'Không bắt buộc, YYYY-MM-DD' : 'Optional, YYYY-MM-DD'],
    [`${H('source')}, ${H('note')}`, vi ? 'Không bắt buộc' : 'Optional'],
  ];
  return writeXlsx([
    {
      name: vi ? 'Chỉ tiêu' : 'Indicators',
      header: indicatorTemplateHeader(lang),
      rows: templateRows(set, year, lang),
      widths: [26, 50, 16, 24, 8, 14, 12, 14, 14, 24, 30],
    },
    {
      name: vi ? 'Hướng dẫn' : 'Guide',
      header: vi ? ['Cột', 'Giá trị'] : ['Column', 'Values'],
      rows: guide,
      widths: [30, 90],
    },
  ]);
}

export interface IndicatorImportEntry {
  indicatorId: string;
  year: number;
  period: Period;
  input: IndicatorActualInput;
}

export interface IndicatorImportPlan {
  format: 'csv' | 'xlsx';
  /** Data rows read (blank rows not counted). */
  rows: number;
  /** Rows with no value and no vintage: not reported yet, skipped. */
  skipped: number;
  locale: NumberLocale | undefined;
  entries: IndicatorImportEntry[];
}

export interface IndicatorImportOptions {
  locale?: NumberLocale | undefined;
  maxRows: number;
  lang: Lang;
}

const isBlank = (c: SheetCell | undefined) => c == null || (typeof c === 'string' && c.trim() === '');

/** An indicator reader: its id, or its name in vi or en (without case and diacritics). */
function indicatorReader(indicators: readonly Indicator[]): (text: string) => Indicator | undefined {
  const byWord = new Map<string, Indicator>();
  for (const i of indicators) {
    byWord.set(fold(i.name.vi), i);
    byWord.set(fold(i.name.en), i);
  }
  for (const i of indicators) byWord.set(fold(i.id), i);
  return (text) => indicators.find((i) => i.id === text) ?? byWord.get(fold(text));
}

/** Reads a file and checks every row against the scenario's indicators; throws ImportError listing every problem. */
export async function planIndicatorImport(
  bytes: Buffer,
  set: IndicatorSet,
  options: IndicatorImportOptions,
): Promise<IndicatorImportPlan> {
  const { lang } = options;
  const L = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  const { format, grid } = await readGrid(bytes, options.maxRows);
  const headerIndex = grid.findIndex((r) => !r.every(isBlank));
  if (headerIndex < 0)
    throw new ApiError('IMPORT_UNREADABLE', L('Tệp không có dòng tiêu đề', 'The file has no header row'));
  const errors: ImportRowError[] = [];
  const headerRow = headerIndex + 1;
  const fail = (): never => {
    const sorted = errors.sort((a, b) => a.row - b.row);
    throw new ImportError(
      sorted,
      L(
        `Tệp có ${sorted.length} lỗi; chưa nhập gì`,
        `${sorted.length} problem${sorted.length === 1 ? '' : 's'} in the file; nothing was imported`,
      ),
      lang,
    );
  };

  const at: Partial<Record<IndicatorColumn, number>> = {};
  const names: Partial<Record<IndicatorColumn, string>> = {};
  grid[headerIndex]!.forEach((cell, i) => {
    if (isBlank(cell)) return;
    const text = typeof cell === 'string' ? cell.trim() : String(typeof cell === 'number' ? cell : cell?.error);
    const column = columnOf(text);
    if (!column)
      errors.push({
        row: headerRow,
        column: text,
        reason: L(
          'cột không có trong mẫu (Mã chỉ tiêu, Năm, Giá trị, Loại số liệu, …)',
          'unknown column (see the template: indicator, year, value, vintage, …)',
        ),
      });
    else if (at[column] !== undefined)
      errors.push({ row: headerRow, column: text, reason: L('cột bị lặp lại', 'the column appears twice') });
    else {
      at[column] = i;
      names[column] = text;
    }
  });
  for (const c of REQUIRED)
    if (at[c] === undefined)
      errors.push({
        row: headerRow,
        column: `${INDICATOR_HEADERS[c].vi} / ${INDICATOR_HEADERS[c].en}`,
        reason: L('thiếu cột này', 'the column is missing'),
      });
  if (errors.length > 0) fail();

  const data = grid
    .map((cells, i) => ({ row: i + 1, cells }))
    .slice(headerIndex + 1)
    .filter((r) => !r.cells.every(isBlank));
  if (data.length > options.maxRows)
    throw new ApiError(
      'IMPORT_UNREADABLE',
      L(`Tệp có hơn ${options.maxRows} dòng số liệu`, `The file has more than ${options.maxRows} data rows`),
    );

  const headed = new Set(Object.values(at) as number[]);
  const headerOf = (i: number) => {
    const c = INDICATOR_COLUMNS.find((k) => at[k] === i);
    return c === undefined ? columnLetter(i) : (names[c] ?? c);
  };
  const cell = (cells: SheetCell[], c: IndicatorColumn): SheetCell => {
    const i = at[c];
    return i === undefined ? null : (cells[i] ?? null);
  };
  const valueTexts = data.map((r) => cell(r.cells, 'value')).filter((c): c is string => typeof c === 'string');
  const locale = options.locale ?? detectLocale(valueTexts);
  const readIndicator = indicatorReader(set.indicators);

  const entries: IndicatorImportEntry[] = [];
  const seen = new Map<string, number>();
  let skipped = 0;
  for (const { row, cells } of data) {
    const bad = (c: IndicatorColumn, reason: string) =>
      errors.push({ row, column: names[c] ?? INDICATOR_HEADERS[c][lang], reason });
    const text = (c: IndicatorColumn): string | undefined => {
      const v = cell(cells, c);
      if (v !== null && typeof v === 'object') {
        bad(c, v.error);
        return undefined;
      }
      return v === null ? '' : String(v).trim();
    };
    if (isBlank(cell(cells, 'value')) && isBlank(cell(cells, 'vintage'))) {
      skipped += 1;
      continue;
    }
    const before = errors.length;
    cells.forEach((c, i) => {
      if (!isBlank(c) && !headed.has(i))
        errors.push({
          row,
          column: columnLetter(i),
          reason: L('có giá trị ở cột không có tiêu đề', 'a value in a column without a header'),
        });
      const problem = typeof c === 'string' ? textProblem(c) : null;
      if (problem) errors.push({ row, column: headerOf(i), reason: problem.message });
    });

    const idText = text('indicator');
    const indicator = idText ? readIndicator(idText) : undefined;
    if (idText === '') bad('indicator', L('chưa ghi mã chỉ tiêu', 'the indicator is empty'));
    else if (idText !== undefined && !indicator)
      bad('indicator', L(`"${idText}" không phải chỉ tiêu của kịch bản này`, `"${idText}" is not an indicator here`));

    const yearCell = cell(cells, 'year');
    const yearText = typeof yearCell === 'number' ? String(yearCell) : text('year');
    const year = yearText !== undefined && /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
    if (yearText === '') bad('year', L('chưa ghi năm', 'the year is empty'));
    else if (yearText !== undefined && (year === undefined || year < 1900 || year > 2200))
      bad('year', L(`"${yearText}" không phải là năm (1900–2200)`, `"${yearText}" is not a year (1900–2200)`));

    const periodText = text('period');
    const period: Period | undefined = periodText === '' ? 'FY' : periodText ? periodOf(periodText) : undefined;
    if (periodText && !period)
      bad(
        'period',
        L(
          `"${periodText}" không phải kỳ báo cáo (Q1, Q2, Q3, Q4, 6 tháng, 9 tháng, cả năm)`,
          `"${periodText}" is not a period (Q1, Q2, Q3, Q4, H1, 9M, FY)`,
        ),
      );

    const value = readValue(cell(cells, 'value'), locale, indicator, lang, (reason) => bad('value', reason));

    const vintageText = text('vintage');
    const vintage: Vintage | undefined = vintageText ? vintageOf(vintageText) : undefined;
    if (vintageText === '')
      bad('vintage', L('chưa ghi loại số liệu (ước tính, điều chỉnh, chính thức)', 'the vintage is empty'));
    else if (vintageText !== undefined && !vintage)
      bad(
        'vintage',
        L(
          `"${vintageText}" không phải ước tính, ước tính điều chỉnh hay chính thức`,
          `"${vintageText}" is not estimate, revised or official`,
        ),
      );

    const publishedCell = cell(cells, 'published');
    const published =
      typeof publishedCell === 'number' ? excelDate(publishedCell) : (text('published') ?? '').slice(0, 10);
    if (published !== '' && !DATE_RE.test(published))
      bad('published', L(`"${published}" không phải ngày dạng YYYY-MM-DD`, `"${published}" is not a YYYY-MM-DD date`));
    const source = text('source') ?? '';
    if (source.length > MAX_SOURCE)
      bad('source', L(`nguồn dài quá ${MAX_SOURCE} ký tự`, `the source is longer than ${MAX_SOURCE} characters`));
    const note = text('note') ?? '';
    if (note.length > MAX_NOTE)
      bad('note', L(`ghi chú dài quá ${MAX_NOTE} ký tự`, `the note is longer than ${MAX_NOTE} characters`));

    if (indicator && year !== undefined && period) {
      const k = `${indicator.id}\u0000${year}\u0000${period}`;
      const first = seen.get(k);
      const when = period === 'FY' ? String(year) : `${period} ${year}`;
      if (first !== undefined)
        bad(
          'indicator',
          L(
            `${indicator.id} ${period === 'FY' ? `năm ${year}` : `${periodLabel(period, 'vi')} ${year}`} đã có ở dòng ${first}`,
            `${indicator.id} ${when} is already given in row ${first}`,
          ),
        );
      else seen.set(k, row);
    }
    if (errors.length === before && indicator && year !== undefined && period && value !== undefined && vintage) {
      const input: IndicatorActualInput = { value, vintage };
      if (published !== '') input.published = published;
      if (source !== '') input.source = source;
      if (note !== '') input.note = note;
      entries.push({ indicatorId: indicator.id, year, period, input });
    }
  }
  if (errors.length > 0) fail();
  if (entries.length === 0) {
    errors.push({
      row: headerRow + 1,
      column: INDICATOR_HEADERS.value[lang],
      reason: L('tệp không có dòng nào có số liệu', 'the file has no row with a value'),
    });
    fail();
  }
  return { format, rows: data.length, skipped, locale, entries };
}

/** An XLSX date cell (days since 1899-12-30) as YYYY-MM-DD. */
function excelDate(serial: number): string {
  const d = new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000);
  return Number.isNaN(d.getTime()) ? String(serial) : d.toISOString().slice(0, 10);
}

function readValue(
  c: SheetCell,
  locale: NumberLocale | undefined,
  indicator: Indicator | undefined,
  lang: Lang,
  bad: (reason: string) => void,
): number | undefined {
  const L = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  let value: number;
  if (isBlank(c)) return void bad(L('chưa ghi giá trị', 'the value is empty'));
  if (typeof c === 'object') return void bad(c!.error);
  if (typeof c === 'number') value = c;
  else {
    const r = parseNumber(c as string, locale);
    if (!r.ok)
      return void bad(
        L(
          r.ambiguous
            ? `"${String(c).trim()}" đọc được hai cách; ghi rõ dấu thập phân (42,3) hoặc chọn kiểu số`
            : `"${String(c).trim()}" không đọc được thành số`,
          r.reason,
        ),
      );
    value = r.value;
  }
  const rankOf = indicator?.target.kind === 'rank' ? indicator.target.of : undefined;
  const problem = indicatorActualProblem(value, rankOf);
  if (problem)
    return void bad(
      rankOf === undefined
        ? L('giá trị phải là một số hữu hạn', problem)
        : L(`thứ hạng là số nguyên từ 1 đến ${rankOf}; ô này là ${value}`, problem),
    );
  return value;
}
