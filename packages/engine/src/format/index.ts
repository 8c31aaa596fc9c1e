import type { Lang } from '../periods.ts';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * A number the way a reader of `lang` expects it, rounded half away from zero for display only:
 * `formatNumber(7.3649, 'vi')` → "7,36"; `formatNumber(1234.5, 'vi', 1)` → "1.234,5".
 */
export function formatNumber(value: number | null | undefined, lang: Lang = 'en', digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  // Intl rounds half-expand (away from zero) like published tables; -0 prints as 0.
  const text = formatter(lang, digits).format(value);
  return text.replace(/^-(0[.,]?0*)$/, '$1');
}

/** A growth rate: `formatPercent(7.36, 'vi')` → "7,36%". */
export function formatPercent(value: number | null | undefined, lang: Lang = 'en', digits = 2): string {
  const text = formatNumber(value, lang, digits);
  return text === '–' ? text : `${text}%`;
}

/** A band: `formatBand(7, 7.5, 'vi')` → "7,00–7,50%". */
export function formatBand(low: number, high: number, lang: Lang = 'en', digits = 2): string {
  return low === high
    ? formatPercent(low, lang, digits)
    : `${formatNumber(low, lang, digits)}–${formatNumber(high, lang, digits)}%`;
}

/** Labels of the standard keys, for tables and charts. */
export const KEY_LABELS: Record<string, Record<Lang, string>> = {
  total: { vi: 'Tổng GRDP', en: 'GRDP total' },
  agriculture: { vi: 'Nông, lâm nghiệp và thủy sản', en: 'Agriculture, forestry and fishery' },
  industry_construction: { vi: 'Công nghiệp và xây dựng', en: 'Industry and construction' },
  services: { vi: 'Dịch vụ', en: 'Services' },
  product_taxes: { vi: 'Thuế sản phẩm trừ trợ cấp sản phẩm', en: 'Product taxes less subsidies' },
};

/** The label of a key: the scenario's own sector name when given, else the standard label, else the id. */
export function keyLabel(key: string, lang: Lang, names?: Record<string, { vi: string; en: string }>): string {
  return names?.[key]?.[lang] ?? KEY_LABELS[key]?.[lang] ?? key;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A calendar date, one format per language: vi `31/12/2023`, en `31 Dec 2023`. Takes `YYYY-MM-DD` (read as that
 * day, whatever the time zone) or a Date (its local day); anything else is returned as it is.
 */
export function formatDate(date: string | Date, lang: Lang = 'en'): string {
  let y: number;
  let m: number;
  let d: number;
  if (typeof date === 'string') {
    const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!ymd) return date;
    [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  } else {
    if (Number.isNaN(date.getTime())) return String(date);
    [y, m, d] = [date.getFullYear(), date.getMonth() + 1, date.getDate()];
  }
  return lang === 'vi' ? `${pad(d)}/${pad(m)}/${y}` : `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/**
 * A moment (an ISO date-time), in local time, 24 h, one format per language: vi `31/12/2023 14:05`, en
 * `31 Dec 2023, 14:05`. The web, the CLI and the API's messages all print dates with this and `formatDate`.
 */
export function formatDateTime(iso: string, lang: Lang = 'en'): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const time = `${pad(t.getHours())}:${pad(t.getMinutes())}`;
  return lang === 'vi' ? `${formatDate(t, lang)} ${time}` : `${formatDate(t, lang)}, ${time}`;
}
