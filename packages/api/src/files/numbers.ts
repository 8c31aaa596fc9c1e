/**
 * Numbers typed by people: "7,36", "7.36", "7,36%", "-0,5", "1.234,5" (vi-VN) and "1,234.5" (en). A cell is read
 * without guessing: a separator that cannot group thousands ("7,36", "0,125", "12.3456") is the decimal mark
 * whatever the locale; a form that only one locale writes ("1.234,5", "1,234,567") fixes the locale; a cell
 * that reads differently by locale ("1,234", "1.234") needs the file's locale, declared or detected.
 */

export type NumberLocale = 'vi' | 'en';

/** What a cell says about the file's locale: `null` when it says nothing (fits both). */
export type LocaleEvidence = NumberLocale | null;

export type ParsedNumber =
  | { ok: true; value: number; evidence: LocaleEvidence }
  | { ok: false; ambiguous: boolean; reason: string };

/** Decimal and grouping marks of each locale. */
const MARKS: Record<NumberLocale, { decimal: string; group: string }> = {
  vi: { decimal: ',', group: '.' },
  en: { decimal: '.', group: ',' },
};

/** "1.234.567" with `.`: groups of exactly three after a 1–3 digit lead that is not 0. */
function validGrouping(integer: string, group: string): boolean {
  const parts = integer.split(group);
  if (parts.length < 2) return false;
  const [lead, ...rest] = parts;
  return /^[1-9]\d{0,2}$/.test(lead!) && rest.every((p) => /^\d{3}$/.test(p));
}

function finish(sign: number, integer: string, fraction: string, evidence: LocaleEvidence): ParsedNumber {
  const text = fraction === '' ? integer : `${integer}.${fraction}`;
  const value = sign * Number(text);
  if (!Number.isFinite(value)) return { ok: false, ambiguous: false, reason: `"${text}" is too large` };
  return { ok: true, value: value === 0 ? 0 : value, evidence };
}

/**
 * Reads a number from text. `locale` (declared or detected) settles "1,234"; without it such a cell is an error
 * marked `ambiguous`. A trailing % is allowed (the value is the number before it: "7,36%" → 7.36).
 */
export function parseNumber(raw: string, locale?: NumberLocale): ParsedNumber {
  let s = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (s.endsWith('%')) s = s.slice(0, -1);
  let sign = 1;
  if (/^[-−+]/.test(s)) {
    if (s[0] !== '+') sign = -1;
    s = s.slice(1);
  }
  const bad = (reason: string): ParsedNumber => ({ ok: false, ambiguous: false, reason });
  if (s === '') return bad(`"${raw}" is not a number`);
  if (!/^[\d.,]+$/.test(s) || !/^\d/.test(s) || !/\d$/.test(s)) return bad(`"${raw}" is not a number`);
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;

  if (dots === 0 && commas === 0) return finish(sign, s, '', null);

  if (dots > 0 && commas > 0) {
    // Both marks: the last one is the decimal mark, the other groups thousands.
    const decimal = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    const at = s.lastIndexOf(decimal);
    const integer = s.slice(0, at);
    const fraction = s.slice(at + 1);
    const implied: NumberLocale = decimal === ',' ? 'vi' : 'en';
    if (s.split(decimal).length - 1 !== 1 || !validGrouping(integer, group))
      return bad(`"${raw}" is not a number (mixed "." and "," that are not thousands and decimals)`);
    if (locale !== undefined && locale !== implied)
      return bad(
        `"${raw}" is written the ${implied === 'vi' ? 'vi-VN' : 'en'} way, but the file's locale is ${locale}`,
      );
    return finish(sign, integer.split(group).join(''), fraction, implied);
  }

  // One kind of mark.
  const mark = dots > 0 ? '.' : ',';
  const count = dots + commas;
  if (count > 1) {
    // Only grouping can repeat: "1.234.567" (vi) or "1,234,567" (en).
    const implied: NumberLocale = mark === '.' ? 'vi' : 'en';
    if (!validGrouping(s, mark)) return bad(`"${raw}" is not a number`);
    if (locale !== undefined && locale !== implied)
      return bad(
        `"${raw}" is written the ${implied === 'vi' ? 'vi-VN' : 'en'} way, but the file's locale is ${locale}`,
      );
    return finish(sign, s.split(mark).join(''), '', implied);
  }
  const [integer, fraction] = s.split(mark) as [string, string];
  const decimalEvidence: NumberLocale = mark === ',' ? 'vi' : 'en';
  if (!validGrouping(s, mark)) return finish(sign, integer, fraction, decimalEvidence); // "7,36", "0,125"
  // "1,234" or "1.234": thousands or decimals, by locale only.
  if (locale === undefined)
    return {
      ok: false,
      ambiguous: true,
      reason: `"${raw}" reads as ${integer}${fraction} or ${integer}.${fraction}: declare the file's locale (vi or en)`,
    };
  return MARKS[locale].decimal === mark
    ? finish(sign, integer, fraction, locale)
    : finish(sign, `${integer}${fraction}`, '', locale);
}

/**
 * The locale a set of cells implies: decimal commas and vi-VN grouping say vi, decimal points and en grouping
 * say en. Undefined when the cells say nothing or disagree.
 */
export function detectLocale(cells: Iterable<string>): NumberLocale | undefined {
  const seen = new Set<NumberLocale>();
  for (const cell of cells) {
    const r = parseNumber(cell);
    if (r.ok && r.evidence) seen.add(r.evidence);
  }
  return seen.size === 1 ? [...seen][0] : undefined;
}

/** A number for a CSV cell: vi uses a decimal comma, en a point; no grouping (machines read it back). */
export function csvNumber(value: number, lang: NumberLocale, digits?: number): string {
  const text = digits === undefined ? String(value) : value.toFixed(digits);
  return lang === 'vi' ? text.replace('.', ',') : text;
}
