/**
 * The words of the indicators table in both languages: status, target with its qualifier, period, category, the
 * rate still needed. Every surface (CLI, CSV/XLSX export, web) prints these, so a status reads the same
 * everywhere and is never told by colour alone.
 */
import type { Lang } from '../periods.ts';
import type { LocalizedText } from '../scenario/types.ts';
import type { IndicatorStatus, IndicatorStatusKind } from './status.ts';
import type { Indicator, IndicatorCategory, IndicatorPeriod } from './types.ts';

export const INDICATOR_STATUS_TEXT: Record<IndicatorStatusKind, LocalizedText> = {
  met: { vi: 'Đạt', en: 'Met' },
  'not-met': { vi: 'Chưa đạt', en: 'Not met' },
  exceeded: { vi: 'Vượt', en: 'Exceeded' },
  'no-data': { vi: 'Chưa có số liệu', en: 'No data yet' },
};

export const INDICATOR_CATEGORY_TEXT: Record<IndicatorCategory, LocalizedText> = {
  economic: { vi: 'Kinh tế', en: 'Economic' },
  social: { vi: 'Xã hội', en: 'Social' },
  environment: { vi: 'Môi trường', en: 'Environment' },
};

const formatters = new Map<string, Intl.NumberFormat>();

/** An indicator figure with at most `digits` decimals, Vietnamese or English separators: 616.565,83 / 616,565.83. */
export function formatIndicatorValue(value: number | undefined, lang: Lang, digits = 2): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  const key = `${lang}:${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: digits });
    formatters.set(key, f);
  }
  return f.format(value).replace(/^-(0)$/, '$1');
}

/** "Đạt", "Chưa đạt (tạm tính)", "No data yet (no base year)". */
export function indicatorStatusText(status: IndicatorStatus, lang: Lang): string {
  let text = INDICATOR_STATUS_TEXT[status.status][lang];
  if (status.provisional) text += lang === 'vi' ? ' (tạm tính)' : ' (provisional)';
  if (status.reason === 'no-base') text += lang === 'vi' ? ' (thiếu số năm gốc)' : ' (no base year)';
  return text;
}

export function indicatorPeriodText(period: IndicatorPeriod, lang: Lang): string {
  switch (period.kind) {
    case 'year':
      return String(period.year);
    case 'final':
      return lang === 'vi' ? `đến ${period.year}` : `by ${period.year}`;
    case 'average':
      return lang === 'vi' ? `bình quân ${period.from}–${period.to}` : `average ${period.from}–${period.to}`;
    case 'total':
      return lang === 'vi' ? `tổng ${period.from}–${period.to}` : `total ${period.from}–${period.to}`;
  }
}

/** The target with its qualifier and unit: "≥ 11 %/năm", "60,52–62,03 triệu đồng/người/năm", "hạng 11/34". */
export function indicatorTargetText(indicator: Pick<Indicator, 'target' | 'unit'>, lang: Lang): string {
  const t = indicator.target;
  const n = (v: number) => formatIndicatorValue(v, lang, 4);
  const unit = indicator.unit[lang];
  const u = (text: string) => `${text} ${unit}`;
  switch (t.kind) {
    case 'band':
      return u(`${n(t.low)}–${n(t.high)}`);
    case 'atLeast':
      return u(`≥ ${n(t.value)}`);
    case 'above':
      return u(`> ${n(t.value)}`);
    case 'atMost':
      return u(`≤ ${n(t.value)}`);
    case 'below':
      return u(`< ${n(t.value)}`);
    case 'about':
      return u(`≈ ${n(t.value)} (±${n(t.tolerancePercent)}%)`);
    case 'reach':
      return u(lang === 'vi' ? `đạt ${n(t.value)}` : `reach ${n(t.value)}`);
    case 'maintain':
      return u(lang === 'vi' ? `duy trì ${n(t.value)}` : `maintain ${n(t.value)}`);
    case 'averageAnnualChange': {
      const size = t.low === t.high ? n(t.low) : `${n(t.low)}–${n(t.high)}`;
      const per = t.unit === 'pp' ? (lang === 'vi' ? 'điểm %' : 'pp') : '%';
      if (lang === 'vi') return `${t.direction === 'decrease' ? 'giảm' : 'tăng'} bình quân ${size} ${per}/năm`;
      return `${t.direction === 'decrease' ? 'fall' : 'rise'} ${size} ${per} a year on average`;
    }
    case 'rank':
      return lang === 'vi' ? `hạng ${t.rank}/${t.of}` : `rank ${t.rank} of ${t.of}`;
  }
}

/** "cần 0,37–0,7/năm trong 3 năm còn lại", or '' without a rate still needed. */
export function indicatorNeededText(status: IndicatorStatus, lang: Lang): string {
  const need = status.needed;
  if (!need) return '';
  const n = (v: number) => formatIndicatorValue(v, lang, 2);
  const size = n(need.low) === n(need.high) ? n(need.low) : `${n(need.low)}–${n(need.high)}`;
  return lang === 'vi'
    ? `cần ${size}/năm trong ${need.years} năm còn lại`
    : `needs ${size} a year over the ${need.years} remaining years`;
}

/** "(2)", "(12a)": the number as printed in the plan. */
export function indicatorNumberText(indicator: Pick<Indicator, 'no' | 'part'>): string {
  return `(${indicator.no}${indicator.part ?? ''})`;
}
