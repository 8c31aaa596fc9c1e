/**
 * Files for tests: zip archives written by hand (stored or deflated entries, optionally lying about sizes),
 * minimal XLSX workbooks and a zip bomb disguised as one, workbooks built and read back with exceljs, multipart
 * bodies, and Windows-1258 / UTF-16 text.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Deflate (default) or store. */
  store?: boolean;
  /** Write this uncompressed size in the headers instead of the true one (a lying entry). */
  declaredSize?: number;
}

/** A zip archive written by hand: local headers, data, central directory, end record (no ZIP64). */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.store ? e.data : deflateRawSync(e.data, { level: 9 });
    const crc = crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const method = e.store ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`, 'utf8');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A cell: a string (inline), a number, or a formula `{ f: 'SUM(B2:B3)' }` with a cached number, error or text. */
export type Cell = string | number | null | { f: string; v?: number; e?: string; s?: string };

function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The parts every workbook needs around its one sheet. */
function workbookParts(sheetXml: Buffer): ZipEntry[] {
  return [
    {
      name: '[Content_Types].xml',
      data: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          '</Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
          '</Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: xml(
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
          '<sheets><sheet name="Actuals" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
          '</Relationships>',
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml },
  ];
}

/** A minimal valid XLSX workbook with one sheet of rows. */
export function xlsx(rows: Cell[][]): Buffer {
  const body = rows
    .map((row, r) => {
      const cells = row
        .map((c, i) => {
          const ref = `${colName(i)}${r + 1}`;
          if (c === null) return '';
          if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
          if (typeof c === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`;
          if (c.e !== undefined) return `<c r="${ref}" t="e"><f>${esc(c.f)}</f><v>${esc(c.e)}</v></c>`;
          if (c.s !== undefined) return `<c r="${ref}" t="str"><f>${esc(c.f)}</f><v>${esc(c.s)}</v></c>`;
          return `<c r="${ref}"><f>${esc(c.f)}</f>${c.v === undefined ? '' : `<v>${c.v}</v>`}</c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  return zip(
    workbookParts(
      xml(
        `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`,
      ),
    ),
  );
}

/**
 * A zip bomb disguised as an XLSX: the usual parts, and a sheet entry of `megabytes` MiB of one repeated byte
 * (deflates about 1000:1). With `lie`, the headers declare the sheet 1 KiB long.
 */
export function zipBombXlsx(megabytes: number, lie = false): Buffer {
  const huge = Buffer.alloc(megabytes * 1024 * 1024, 0x20);
  const parts = workbookParts(huge);
  const sheet = parts[parts.length - 1]!;
  if (lie) sheet.declaredSize = 1024;
  return zip(parts);
}

/** A multipart/form-data body with one file field. */
export function multipart(
  filename: string,
  data: Buffer,
  contentType: string,
  field = 'file',
  extra: Record<string, string> = {},
): { body: Buffer; contentType: string } {
  const boundary = `----grdpReliability${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(extra))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
        `Content-Type: ${contentType}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The same multipart body as inject() options: `{ payload, headers }`. */
export function injectMultipart(filename: string, data: Buffer, contentType: string, field = 'file') {
  const m = multipart(filename, data, contentType, field);
  return { payload: m.body, headers: { 'content-type': m.contentType } };
}

const CP1258_LETTERS: Record<string, number> = {
  â: 0xe2,
  Â: 0xc2,
  ê: 0xea,
  Ê: 0xca,
  ô: 0xf4,
  Ô: 0xd4,
  ă: 0xe3,
  Ă: 0xc3,
  ơ: 0xf5,
  Ơ: 0xd5,
  ư: 0xfd,
  Ư: 0xdd,
  đ: 0xf0,
  Đ: 0xd0,
};
const CP1258_TONES: Record<string, number> = {
  '\u0300': 0xcc,
  '\u0301': 0xec,
  '\u0303': 0xde,
  '\u0309': 0xd2,
  '\u0323': 0xf2,
};

/** Text in Windows-1258 (Vietnamese letters with combining tone marks), as Excel's "CSV (Comma delimited)" writes. */
export function windows1258(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const d = ch.normalize('NFD');
    const tones = [...d].filter((c) => c in CP1258_TONES);
    const base = [...d]
      .filter((c) => !(c in CP1258_TONES))
      .join('')
      .normalize('NFC');
    const code = base.codePointAt(0) ?? 0x3f;
    out.push(CP1258_LETTERS[base] ?? (code < 0x100 ? code : 0x3f));
    for (const t of tones) out.push(CP1258_TONES[t]!);
  }
  return Buffer.from(out);
}

/** UTF-16 little-endian with its BOM. */
export function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** UTF-16 big-endian with its BOM. */
export function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
}

export const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A workbook with one sheet of the given cell values (exceljs CellValue: formulas as {formula, result}). */
export async function workbook(
  rows: ExcelJS.CellValue[][],
  sheetName = 'Actuals',
  extraSheets = 0,
  numFmt?: { row: number; col: number; fmt: string },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (let i = 0; i < extraSheets; i++) wb.addWorksheet(`Other ${i + 1}`);
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  if (numFmt) ws.getRow(numFmt.row).getCell(numFmt.col).numFmt = numFmt.fmt;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads an XLSX back: sheet name → rows of {value, numFmt}. */
export async function readBack(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const out: Record<string, { value: ExcelJS.CellValue; numFmt: string | undefined }[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: { value: ExcelJS.CellValue; numFmt: string | undefined }[][] = [];
    ws.eachRow((row) => {
      const cells: { value: ExcelJS.CellValue; numFmt: string | undefined }[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const cell = row.getCell(c);
        cells.push({ value: cell.value, numFmt: cell.numFmt });
      }
      rows.push(cells);
    });
    out[ws.name] = rows;
  }
  return out;
}
