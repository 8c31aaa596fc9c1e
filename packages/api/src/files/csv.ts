/**
 * CSV in and out (RFC 4180): quoted fields with doubled quotes, commas and line breaks inside quotes, CRLF or LF.
 * The separator is `,`, `;` or a tab, whichever the header line uses most (outside quotes). Input must be UTF-8
 * (a BOM is allowed); UTF-16 and legacy code pages (Windows-1258, TCVN3) are refused with a message that says
 * how to save the file as UTF-8.
 */
import { spreadsheetSafe } from '@grdp/engine';
import { ApiError } from '../errors.ts';

export type CsvSeparator = ',' | ';' | '\t';

const SAVE_AS = 'save it from Excel as "CSV UTF-8 (Comma delimited)" and upload again';

/** Bytes → text: UTF-8 with or without BOM, else IMPORT_UNREADABLE naming the likely encoding. */
export function decodeUtf8(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new ApiError('IMPORT_UNREADABLE', `The file is UTF-16, not UTF-8: ${SAVE_AS}`);
  const sample = bytes.subarray(0, 4096);
  const nuls = sample.filter((b) => b === 0).length;
  if (nuls > 0 && nuls >= sample.length / 8)
    throw new ApiError('IMPORT_UNREADABLE', `The file looks like UTF-16 or a binary file, not UTF-8 text: ${SAVE_AS}`);
  try {
    // ignoreBOM: false strips a leading UTF-8 BOM.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiError(
      'IMPORT_UNREADABLE',
      `The file is not UTF-8 (perhaps Windows-1258, Windows-1252 or TCVN3): ${SAVE_AS}`,
    );
  }
}

/** The separator the first line uses most, outside quotes (`,` when it has none). */
export function detectSeparator(text: string): CsvSeparator {
  const counts: Record<CsvSeparator, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as CsvSeparator]++;
  }
  const best = (Object.keys(counts) as CsvSeparator[]).sort((a, b) => counts[b] - counts[a])[0]!;
  return counts[best] > 0 ? best : ',';
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Parses CSV text into records of fields. A quote may only open a field; inside a quoted field `""` is a quote.
 * An unclosed quote or text after a closing quote throws a CsvSyntaxError with the line number.
 */
export function parseCsv(text: string, separator: CsvSeparator = detectSeparator(text)): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  const n = text.length;
  let atFieldStart = true;
  while (i < n) {
    const ch = text[i]!;
    if (atFieldStart && ch === '"') {
      const startLine = line;
      i++;
      for (;;) {
        if (i >= n) throw new CsvSyntaxError(startLine, 'a quoted field is not closed');
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== separator && next !== '\r' && next !== '\n')
        throw new CsvSyntaxError(line, 'text after a closing quote (write "" for a quote inside a quoted field)');
      atFieldStart = false;
      continue;
    }
    if (ch === separator) {
      record.push(field);
      field = '';
      atFieldStart = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      atFieldStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      field += ch;
      atFieldStart = false;
      i++;
    }
  }
  if (!atFieldStart || field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function quote(raw: string, separator: CsvSeparator): string {
  const value = spreadsheetSafe(raw);
  return value.includes('"') || value.includes(separator) || /[\r\n]/.test(value) || /^\s|\s$/.test(value)
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

/**
 * Records → CSV text with CRLF line ends and a UTF-8 BOM (so that Excel reads Vietnamese letters right). Every
 * cell goes through the engine's `spreadsheetSafe` (no formula injection).
 */
export function writeCsv(records: readonly (readonly string[])[], separator: CsvSeparator = ','): string {
  return `\ufeff${records.map((r) => r.map((v) => quote(v, separator)).join(separator)).join('\r\n')}\r\n`;
}
