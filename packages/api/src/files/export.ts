/**
 * A scenario as tables for CSV and XLSX: its targets, its effective actuals (the file's overlaid by the entered
 * revisions), and the computed table — growth of every period and key on the low and high band paths (engine
 * `evaluate` on the resolved base) with the tracking status of each actual (engine `track`).
 */
import {
  type Evaluation,
  type Lang,
  PERIODS,
  type Period,
  periodLabel,
  type Scenario,
  TOTAL,
  type TrackState,
  track,
  type Vintage,
} from '@grdp/engine';
import { evaluateOf } from '../compute/run.ts';
import { COLUMN_HEADERS, TEMPLATE_COLUMNS } from './columns.ts';
import { type CsvSeparator, writeCsv } from './csv.ts';
import { csvNumber } from './numbers.ts';
import { type SheetSpec, writeXlsx } from './xlsx.ts';

type Value = string | number | null;

export interface ExportTables {
  targets: SheetSpec;
  actuals: SheetSpec;
  computed: SheetSpec;
}

const L = (lang: Lang, vi: string, en: string) => (lang === 'vi' ? vi : en);

export const VINTAGE_LABELS: Record<Vintage, Record<Lang, string>> = {
  estimate: { vi: 'Ước tính', en: 'estimate' },
  revised: { vi: 'Ước tính điều chỉnh', en: 'revised' },
  official: { vi: 'Chính thức', en: 'official' },
};

const STATUS_LABELS: Record<TrackState, Record<Lang, string>> = {
  below: { vi: 'dưới', en: 'below' },
  within: { vi: 'trong', en: 'within' },
  above: { vi: 'trên', en: 'above' },
};

/** A period as the file's readers write it: "Quý I" in vi, "Q1" in en (both read back by the importer). */
export const periodText = (p: Period, lang: Lang) => (lang === 'vi' ? periodLabel(p, 'vi') : p);

/**
 * Low and high evaluations on the band paths — the same `evaluateOf` the evaluate route and `grdp evaluate` call,
 * so the export's computed sheet shows the figures every other surface shows — and the tracking status of each
 * actual on that same base.
 */
export async function computeTables(scenario: Scenario) {
  const e = await evaluateOf(scenario);
  return { low: e.low, high: e.high, track: track(scenario, e.base.levels) };
}

export async function exportTables(scenario: Scenario, lang: Lang): Promise<ExportTables> {
  const keys = [TOTAL, ...scenario.sectors.map((s) => s.id)];
  const targets: Value[][] = [];
  for (const p of PERIODS)
    for (const key of keys) {
      const band = scenario.targets[p]?.[key];
      if (band) targets.push([periodText(p, lang), key, band.low, band.high, band.printed ?? null]);
    }
  const actuals: Value[][] = [];
  for (const a of scenario.actuals)
    for (const [key, value] of Object.entries(a.values))
      actuals.push([
        periodText(a.period, lang),
        key,
        value,
        VINTAGE_LABELS[a.vintage][lang],
        a.note ?? null,
        a.published ?? null,
        a.source ?? null,
      ]);
  const c = await computeTables(scenario);
  const computed: Value[][] = [];
  for (const p of PERIODS)
    for (const key of keys) {
      const cell = (e: Evaluation) => (key === TOTAL ? e.periods[p].total : e.periods[p].sectors[key]);
      const lo = cell(c.low);
      const hi = cell(c.high);
      if (!lo || !hi) continue;
      const st = c.track.status.find((s) => s.period === p && s.key === key);
      computed.push([
        periodText(p, lang),
        key,
        lo.growth,
        hi.growth,
        st?.actual ?? null,
        st ? STATUS_LABELS[st.status][lang] : null,
        st?.gapPp ?? null,
      ]);
    }
  const h = (vi: string, en: string) => L(lang, vi, en);
  return {
    targets: {
      name: h('Mục tiêu', 'Targets'),
      header: [
        h('Kỳ', 'period'),
        h('Chỉ tiêu', 'key'),
        h('Thấp (%)', 'low'),
        h('Cao (%)', 'high'),
        h('Số in', 'printed'),
      ],
      rows: targets,
      widths: [16, 24, 10, 10, 18],
    },
    actuals: {
      name: h('Thực hiện', 'Actuals'),
      header: [...TEMPLATE_COLUMNS, 'published', 'source'].map((col) => COLUMN_HEADERS[col as 'period'][lang]),
      rows: actuals,
      widths: [16, 24, 16, 20, 30, 14, 40],
    },
    computed: {
      name: h('Bảng tính', 'Computed'),
      header: [
        h('Kỳ', 'period'),
        h('Chỉ tiêu', 'key'),
        h('Tăng trưởng thấp (%)', 'growth_low'),
        h('Tăng trưởng cao (%)', 'growth_high'),
        h('Thực hiện (%)', 'actual'),
        h('Tình trạng', 'status'),
        h('Chênh lệch (điểm %)', 'gap_pp'),
      ],
      rows: computed,
      widths: [16, 24, 20, 20, 14, 12, 20],
    },
  };
}

export const exportXlsx = async (scenario: Scenario, lang: Lang) => {
  const t = await exportTables(scenario, lang);
  return writeXlsx([t.targets, t.actuals, t.computed]);
};

/**
 * One CSV table with a section column (targets, actuals, computed) and the union of the columns. vi: `;`
 * separator and decimal comma; en: `,` and decimal point. Inputs are written in full, computed growth to 2 decimals.
 */
export async function exportCsv(scenario: Scenario, lang: Lang): Promise<string> {
  const t = await exportTables(scenario, lang);
  const num = (v: Value | undefined, digits?: number) =>
    typeof v === 'number' ? csvNumber(v, lang, digits) : (v ?? '');
  const h = (vi: string, en: string) => L(lang, vi, en);
  const header = [
    h('Phần', 'section'),
    h('Kỳ', 'period'),
    h('Chỉ tiêu', 'key'),
    h('Thấp (%)', 'low'),
    h('Cao (%)', 'high'),
    h('Giá trị (%)', 'value'),
    h('Loại số liệu', 'vintage'),
    h('Tình trạng', 'status'),
    h('Chênh lệch (điểm %)', 'gap_pp'),
    h('Ghi chú', 'note'),
  ];
  const rows: string[][] = [header];
  for (const [p, k, lo, hi, printed] of t.targets.rows)
    rows.push([t.targets.name, num(p), num(k), num(lo), num(hi), '', '', '', '', num(printed)]);
  for (const [p, k, v, vin, note] of t.actuals.rows)
    rows.push([t.actuals.name, num(p), num(k), '', '', num(v), num(vin), '', '', num(note)]);
  for (const [p, k, lo, hi, act, st, gap] of t.computed.rows)
    rows.push([t.computed.name, num(p), num(k), num(lo, 2), num(hi, 2), num(act), '', num(st), num(gap, 2), '']);
  const separator: CsvSeparator = lang === 'vi' ? ';' : ',';
  return writeCsv(rows, separator);
}
