/**
 * The actuals template: its columns in Vietnamese and English, and the words the importer accepts for periods,
 * keys and vintages (compared without case and diacritics, so "Ky", "KỲ" and "Kỳ" are the same header).
 */
import {
  KEY_LABELS,
  type Lang,
  PERIODS,
  type Period,
  periodLabel,
  type Scenario,
  TOTAL,
  type Vintage,
} from '@grdp/engine';
import { fold } from './xlsx.ts';

export const TEMPLATE_COLUMNS = ['period', 'key', 'growth_pct', 'vintage', 'note'] as const;
export type TemplateColumn = (typeof TEMPLATE_COLUMNS)[number];
/** Columns an exported Actuals sheet adds; the importer accepts and ignores them. */
export const INFO_COLUMNS = ['published', 'source'] as const;
export type InfoColumn = (typeof INFO_COLUMNS)[number];

export const COLUMN_HEADERS: Record<TemplateColumn | InfoColumn, Record<Lang, string>> = {
  period: { vi: 'Kỳ', en: 'period' },
  key: { vi: 'Chỉ tiêu', en: 'key' },
  growth_pct: { vi: 'Tăng trưởng (%)', en: 'growth_pct' },
  vintage: { vi: 'Loại số liệu', en: 'vintage' },
  note: { vi: 'Ghi chú', en: 'note' },
  published: { vi: 'Ngày công bố', en: 'published' },
  source: { vi: 'Nguồn', en: 'source' },
};

export const REQUIRED_COLUMNS: readonly TemplateColumn[] = ['period', 'key', 'growth_pct', 'vintage'];

const HEADER_WORDS: Record<TemplateColumn | InfoColumn, string[]> = {
  period: ['period', 'ky'],
  key: ['key', 'chi tieu'],
  growth_pct: ['growth pct', 'growth', 'growth %', 'tang truong', 'tang truong %'],
  vintage: ['vintage', 'loai so lieu'],
  note: ['note', 'ghi chu'],
  published: ['published', 'ngay cong bo'],
  source: ['source', 'nguon'],
};

/** The column a header names, or undefined. */
export function columnOf(header: string): TemplateColumn | InfoColumn | undefined {
  const f = fold(header);
  return (Object.keys(HEADER_WORDS) as (TemplateColumn | InfoColumn)[]).find((c) => HEADER_WORDS[c].includes(f));
}

const PERIOD_WORDS: Record<Period, string[]> = {
  Q1: ['quy 1', 'quy i'],
  Q2: ['quy 2', 'quy ii'],
  Q3: ['quy 3', 'quy iii'],
  Q4: ['quy 4', 'quy iv'],
  H1: ['6 thang', '6 thang dau nam', 'first 6 months'],
  '9M': ['9 thang', '9 thang dau nam', 'first 9 months'],
  FY: ['ca nam', 'nam', 'full year'],
};

/** Q1..Q4, H1, 9M, FY, or their Vietnamese and English labels ("Quý I", "Lũy kế 6 tháng", "Cả năm"). */
export function periodOf(text: string): Period | undefined {
  const f = fold(text);
  return PERIODS.find(
    (p) =>
      fold(p) === f ||
      fold(periodLabel(p, 'vi')) === f ||
      fold(periodLabel(p, 'en')) === f ||
      PERIOD_WORDS[p].includes(f),
  );
}

const VINTAGE_WORDS: Record<Vintage, string[]> = {
  estimate: ['estimate', 'uoc tinh', 'uoc'],
  revised: ['revised', 'uoc tinh dieu chinh', 'dieu chinh'],
  official: ['official', 'chinh thuc'],
};

export function vintageOf(text: string): Vintage | undefined {
  const f = fold(text);
  return (Object.keys(VINTAGE_WORDS) as Vintage[]).find((v) => VINTAGE_WORDS[v].includes(f));
}

/** A key reader for one scenario: `total`, a sector id, or a sector's or standard key's name in vi or en. */
export function keyReader(scenario: Pick<Scenario, 'sectors'>): (text: string) => string | undefined {
  const words = new Map<string, string>();
  const add = (word: string, key: string) => words.set(fold(word), key);
  for (const w of ['total', 'grdp', 'tong', 'tong grdp', 'grdp total', 'tong so']) add(w, TOTAL);
  for (const [key, labels] of Object.entries(KEY_LABELS)) {
    if (key !== TOTAL && !scenario.sectors.some((s) => s.id === key)) continue;
    add(labels.vi, key);
    add(labels.en, key);
  }
  for (const s of scenario.sectors) {
    add(s.name.vi, s.id);
    add(s.name.en, s.id);
  }
  const ids = new Set([TOTAL, ...scenario.sectors.map((s) => s.id)]);
  return (text) => (ids.has(text.trim()) ? text.trim() : words.get(fold(text)));
}
