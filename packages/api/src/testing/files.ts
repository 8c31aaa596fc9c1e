/** Test helpers for file uploads: a multipart body, XLSX workbooks built with exceljs, and raw zip archives. */
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

/** A multipart/form-data body with one file field. */
export function multipartBody(file: Buffer, filename: string, type: string, field = 'file') {
  const boundary = '----grdp-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

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

/**
 * A zip archive of deflated entries; `declared` overrides an entry's uncompressed size in both headers (a liar),
 * so tests can build archives that claim too much or expand beyond what they claim.
 */
export function zipArchive(entries: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const data = deflateRawSync(e.data);
    const size = e.declared ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
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
