/** Growth figures as published in Vietnamese style ("9,5", "7,0 - 7,5%"). */
import { PRINTED_PATTERN } from './schema.ts';
import type { Band } from './types.ts';

const PRINTED_RE = new RegExp(PRINTED_PATTERN);

/**
 * Reads a growth figure as printed in Vietnamese style: "9,5" → 9.5; "7,0 - 7,5%" → [7, 7.5];
 * "3,54 - 3,49%" → { low: 3.49, high: 3.54, inverted: true }. `printed` keeps the text. Undefined if not a figure.
 */
export function parsePrintedBand(text: string): Band | undefined {
  const m = PRINTED_RE.exec(text);
  if (!m || m[1] === undefined) return undefined;
  const a = printedNumber(m[1]);
  const b = m[2] === undefined ? a : printedNumber(m[2]);
  return a > b ? { low: b, high: a, printed: text, inverted: true } : { low: a, high: b, printed: text };
}

export function printedNumber(text: string): number {
  return Number(text.replace('−', '-').replace(',', '.'));
}
