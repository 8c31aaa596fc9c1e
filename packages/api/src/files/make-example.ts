#!/usr/bin/env -S npx tsx
/**
 * Writes scenarios/examples/actuals-an-giang-2023.xlsx from the committed CSV of the same name: the same rows on a
 * sheet "Thực hiện", growth as real numbers (format 0.00). Run after editing the CSV:
 * `npx tsx packages/api/src/files/make-example.ts`. A test checks the committed XLSX has the CSV's content.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../config.ts';
import { decodeUtf8, parseCsv } from './csv.ts';
import { parseNumber } from './numbers.ts';
import { type SheetSpec, writeXlsx } from './xlsx.ts';

export const EXAMPLE_CSV = join(REPO_ROOT, 'scenarios', 'examples', 'actuals-an-giang-2023.csv');
export const EXAMPLE_XLSX = EXAMPLE_CSV.replace(/\.csv$/, '.xlsx');

/** The example's sheet: the CSV's header and rows, the growth column (3rd) as numbers read the vi-VN way. */
export function exampleSheet(csv: Buffer = readFileSync(EXAMPLE_CSV)): SheetSpec {
  const [header, ...rows] = parseCsv(decodeUtf8(csv)).filter((r) => r.some((c) => c.trim() !== ''));
  return {
    name: 'Thực hiện',
    header: header!,
    rows: rows.map((r) =>
      r.map((cell, i) => {
        if (i !== 2) return cell === '' ? null : cell;
        const n = parseNumber(cell, 'vi');
        if (!n.ok) throw new Error(`${EXAMPLE_CSV}: ${n.reason}`);
        return n.value;
      }),
    ),
    widths: [10, 24, 16, 16, 40],
  };
}

export async function makeExample(): Promise<Buffer> {
  return writeXlsx([exampleSheet()]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(EXAMPLE_XLSX, await makeExample());
  process.stdout.write(`wrote ${EXAMPLE_XLSX}\n`);
}
