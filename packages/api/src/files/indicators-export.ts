/**
 * The indicators table as CSV and XLSX: one row per indicator with its target and qualifier, period, department,
 * latest figure, status in words, the rate still needed and the "so far" figure of a year without a year figure. The texts come from the engine (indicators/text.ts),
 * the rows from `indicatorsOf`, so the file says what the CLI and the web say.
 */
import {
  INDICATOR_CATEGORY_TEXT,
  indicatorNeededText,
  indicatorNumberText,
  indicatorPeriodText,
  indicatorStatusText,
  indicatorTargetText,
  type Lang,
  periodLabel,
} from '@grdp/engine';
import type { IndicatorsAnswer } from '../compute/indicators.ts';
import { writeCsv } from './csv.ts';
import { csvNumber } from './numbers.ts';
import { type SheetSpec, writeXlsx } from './xlsx.ts';

const L = (lang: Lang, vi: string, en: string) => (lang === 'vi' ? vi : en);

function table(answer: IndicatorsAnswer, lang: Lang): SheetSpec {
  const dept = new Map(answer.departments.map((d) => [d.id, d.name[lang]]));
  const none = L(lang, 'chưa giao', 'not assigned');
  return {
    name: L(lang, 'Chỉ tiêu', 'Indicators'),
    header: [
      L(lang, 'Số', 'no'),
      L(lang, 'Mã', 'id'),
      L(lang, 'Chỉ tiêu', 'indicator'),
      L(lang, 'Nhóm', 'category'),
      L(lang, 'Cơ quan chủ trì', 'responsible'),
      L(lang, 'Cơ quan phối hợp', 'cooperating'),
      L(lang, 'Mục tiêu', 'target'),
      L(lang, 'Kỳ', 'period'),
      L(lang, 'Năm thực hiện', 'actual_year'),
      L(lang, 'Thực hiện', 'actual'),
      L(lang, 'Tình trạng', 'status'),
      L(lang, 'Cần thêm', 'still_needed'),
      L(lang, 'Kỳ đến nay', 'so_far_period'),
      L(lang, 'Đến nay', 'so_far'),
      L(lang, 'Số in', 'printed'),
      L(lang, 'Nguồn', 'source'),
    ],
    rows: answer.indicators.map((i) => [
      indicatorNumberText(i),
      i.id,
      i.name[lang],
      INDICATOR_CATEGORY_TEXT[i.category][lang],
      i.department ? (dept.get(i.department) ?? i.department) : none,
      i.cooperating.map((c) => dept.get(c) ?? c).join('; '),
      indicatorTargetText(i, lang),
      indicatorPeriodText(i.period, lang),
      i.status.latest?.year ?? null,
      i.status.latest?.value ?? null,
      indicatorStatusText(i.status, lang),
      indicatorNeededText(i.status, lang),
      i.soFar ? `${periodLabel(i.soFar.period, lang)} ${i.soFar.year}` : null,
      i.soFar?.value ?? null,
      i.printed,
      i.source,
    ]),
    widths: [7, 24, 50, 12, 36, 36, 36, 20, 12, 14, 24, 36, 22, 14, 60, 30],
  };
}

export async function indicatorsXlsx(answer: IndicatorsAnswer, lang: Lang): Promise<Buffer> {
  return writeXlsx([table(answer, lang)]);
}

/** vi: `;` separator and decimal comma; en: `,` and a point. Figures are written in full. */
export function indicatorsCsv(answer: IndicatorsAnswer, lang: Lang): string {
  const t = table(answer, lang);
  const cell = (v: string | number | null) => (typeof v === 'number' ? csvNumber(v, lang) : (v ?? ''));
  return writeCsv([t.header, ...t.rows.map((r) => r.map(cell))], lang === 'vi' ? ';' : ',');
}
