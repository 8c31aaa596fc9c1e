/**
 * The plan's appendix: a scenario's table the way provinces publish it, as display strings — periods as columns
 * (Quý I–IV, Lũy kế 6 tháng, Lũy kế 9 tháng, Cả năm), the total and the sectors as rows, every cell a band
 * "7,0 – 7,5%" or a single figure "3,09%". The XLSX, the printable web page and the CLI all print this table
 * (one figure, one function); none of them formats a band itself.
 *
 * A figure keeps the decimals it was printed with ("9,5 - 10,19%" stays "9,5 – 10,19%", "11%" stays "11%"), so
 * a published table comes back as published; a figure without printed text (or one whose text does not match
 * it) gets two decimals, as drafted tables print. Negative figures take the minus sign (−1,50). Bands print
 * low first: the misprinted "3,54 - 3,49%" is "3,49 – 3,54%" here.
 *
 * @example
 * appendixTable(anGiang2023, 'vi').rows[0].cells[6] // → "7,0 – 7,5%" (GRDP, Cả năm)
 */
import { type Lang, type Period, periodLabel } from '../periods.ts';
import { PRINTED_PATTERN } from '../scenario/schema.ts';
import { type Band, type Scenario, TOTAL } from '../scenario/types.ts';
import { formatNumber, keyLabel } from './index.ts';

/** The appendix's columns: the quarters, then the cumulative periods. */
export const APPENDIX_PERIODS: readonly Period[] = ['Q1', 'Q2', 'Q3', 'Q4', 'H1', '9M', 'FY'];

/** Between the two figures of a band: an en dash with spaces. */
export const APPENDIX_DASH = ' – ';

export interface AppendixRow {
  /** `total` or a sector id. */
  key: string;
  label: string;
  /** 0 the total, 1 a sector that adds up to it, 2 a part of a sector. */
  level: 0 | 1 | 2;
  /** One display string per column of `APPENDIX_PERIODS`; "–" where the scenario has no band. */
  cells: string[];
}

export interface AppendixTable {
  title: string;
  /** The scenario's title (and version label, when it has one). */
  subtitle: string;
  /** What the figures are: growth against the same period of the previous year, %. */
  unit: string;
  /** The header of the label column. */
  corner: string;
  columns: { period: Period; label: string }[];
  rows: AppendixRow[];
}

const PRINTED_RE = new RegExp(PRINTED_PATTERN);
const DEFAULT_DIGITS = 2;

/** Decimals of the printed token whose value is `value`, else two. */
function digitsOf(value: number, tokens: readonly string[]): number {
  for (const token of tokens) {
    if (Number(token.replace('−', '-').replace(',', '.')) === value) {
      const dot = token.search(/[.,]/);
      return dot < 0 ? 0 : token.length - dot - 1;
    }
  }
  return DEFAULT_DIGITS;
}

/** A figure with the minus sign a printed table uses (−1,50), which no spreadsheet reads as a formula. */
const figure = (value: number, lang: Lang, digits: number) => formatNumber(value, lang, digits).replace(/^-/, '−');

/**
 * One cell: "7,0 – 7,5%" for a band, "3,09%" for a single figure, in vi-VN or en-US decimals, each figure with
 * the decimals it was printed with (two when it has no printed text).
 */
export function appendixCell(band: Band | undefined, lang: Lang): string {
  if (!band) return '–';
  const m = band.printed === undefined ? null : PRINTED_RE.exec(band.printed);
  const tokens = m ? [m[1], m[2]].filter((t): t is string => t !== undefined) : [];
  const low = figure(band.low, lang, digitsOf(band.low, tokens));
  if (band.low === band.high) return `${low}%`;
  return `${low}${APPENDIX_DASH}${figure(band.high, lang, digitsOf(band.high, tokens))}%`;
}

const TEXT = {
  title: {
    vi: (year: number) => `Phụ lục: Kịch bản tăng trưởng GRDP theo quý năm ${year}`,
    en: (year: number) => `Appendix: quarterly GRDP growth scenario for ${year}`,
  },
  unit: {
    vi: (year: number) => `Tốc độ tăng so với cùng kỳ năm ${year - 1} (%)`,
    en: (year: number) => `Growth on the same period of ${year - 1} (%)`,
  },
  version: { vi: 'phiên bản', en: 'version' },
  corner: { vi: 'Chỉ tiêu', en: 'Item' },
} as const;

/** The appendix table of a scenario's targets (a drafted, adjusted or published table), in `lang`. */
export function appendixTable(
  scenario: Pick<Scenario, 'title' | 'year' | 'sectors' | 'targets' | 'version'>,
  lang: Lang,
): AppendixTable {
  const names = Object.fromEntries(scenario.sectors.map((s) => [s.id, s.name]));
  const row = (key: string, level: AppendixRow['level']): AppendixRow => ({
    key,
    label: keyLabel(key, lang, names),
    level,
    cells: APPENDIX_PERIODS.map((p) => appendixCell(scenario.targets[p]?.[key], lang)),
  });
  const version = scenario.version?.label;
  return {
    title: TEXT.title[lang](scenario.year),
    subtitle: `${scenario.title[lang]}${version ? ` (${TEXT.version[lang]} ${version})` : ''}`,
    unit: TEXT.unit[lang](scenario.year),
    corner: TEXT.corner[lang],
    columns: APPENDIX_PERIODS.map((period) => ({ period, label: periodLabel(period, lang) })),
    rows: [row(TOTAL, 0), ...scenario.sectors.map((s) => row(s.id, s.parent === undefined ? 1 : 2))],
  };
}

/** The table as a grid of strings: the header row (corner and period labels), then one row per key. */
export function appendixGrid(table: AppendixTable): string[][] {
  return [[table.corner, ...table.columns.map((c) => c.label)], ...table.rows.map((r) => [r.label, ...r.cells])];
}
