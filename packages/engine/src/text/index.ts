/**
 * The one text rule for everything stored: no NUL character (U+0000, which PostgreSQL cannot keep in `text` and
 * which no editor shows) and no lone UTF-16 surrogate (half of a character, not Unicode text). The scenario
 * reader, the API's JSON and YAML bodies, the CSV and XLSX imports and the backup restore all call
 * `textProblem`, so every door refuses the same characters with the same words.
 *
 * @example textProblem('Nông nghiệp') // null
 * @example textProblem('a\u0000b')?.message // 'a NUL character (U+0000) at character 2'
 */

export interface TextProblem {
  /** Index (UTF-16 code units) of the bad character. */
  index: number;
  kind: 'nul' | 'lone-surrogate';
  /** English, fit for an error message after a place: "`note`: a NUL character (U+0000) at character 2". */
  message: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding U+0000 is the point
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/**
 * Any NUL or surrogate at all: a plain character class, about 4× faster to rule out than BAD_TEXT with its
 * lookarounds (a 10 KB scenario file: ~27 against ~107 µs), and nearly every text has neither.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding U+0000 is the point
const MAYBE_BAD = /[\u0000\ud800-\udfff]/;

/** The first character of `text` that may not be stored, or null when the text is fine. */
export function textProblem(text: string): TextProblem | null {
  if (!MAYBE_BAD.test(text)) return null;
  const m = BAD_TEXT.exec(text);
  if (!m) return null;
  const at = `at character ${m.index + 1}`;
  if (m[0] === '\u0000') return { index: m.index, kind: 'nul', message: `a NUL character (U+0000) ${at}` };
  const hex = m[0].charCodeAt(0).toString(16).toUpperCase();
  return {
    index: m.index,
    kind: 'lone-surrogate',
    message: `half of a character (lone surrogate U+${hex}) ${at}: the text is not valid Unicode`,
  };
}

/** A number as written in a CSV cell (vi "−3,5", en "-3.5", "1e3"): left alone by `spreadsheetSafe`. */
const NUMBER_CELL = /^[-+]?(\d[\d.,]*|[.,]\d+)([eE][-+]?\d+)?%?$/;

/**
 * The one rule against formula injection, used by every CSV and XLSX export: a text cell that begins with `=`,
 * `+`, `-`, `@`, a tab or a carriage return would be run as a formula by Excel or LibreOffice (`=HYPERLINK(…)`
 * in an editor's note), so it gets a leading `'`, as OWASP recommends. A genuine number (`-3,5`) stays as it is.
 *
 * @example spreadsheetSafe('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 * @example spreadsheetSafe('-3,5') // '-3,5'
 */
export function spreadsheetSafe(cell: string): string {
  if (cell === '' || !/^[=+\-@\t\r]/.test(cell)) return cell;
  return NUMBER_CELL.test(cell) ? cell : `'${cell}`;
}
