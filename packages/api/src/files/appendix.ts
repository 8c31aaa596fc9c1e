/**
 * The plan's appendix as XLSX: the engine's `appendixTable` (periods as columns, the total and the sectors as rows,
 * "7,0 – 7,5%" bands) on one sheet under its title, subtitle and unit lines. Cells are the builder's strings as
 * they are: the workbook prints the table, it does not recompute or reformat it.
 */
import { APPENDIX_PERIODS, appendixGrid, appendixTable, type Lang, type Scenario } from '@grdp/engine';
import { writeXlsx } from './xlsx.ts';

/** The sheet's name: "Phụ lục" / "Appendix". */
export const appendixSheetName = (lang: Lang) => (lang === 'vi' ? 'Phụ lục' : 'Appendix');

/** `an-giang-2023-appendix-vi.xlsx` */
export const appendixFileName = (id: string, lang: Lang) => `${id}-appendix-${lang}.xlsx`;

/** Rows above the table's header: title, subtitle (the scenario's name), unit. */
export const APPENDIX_PREAMBLE_ROWS = 3;

export async function appendixXlsx(scenario: Scenario, lang: Lang): Promise<Buffer> {
  const table = appendixTable(scenario, lang);
  const [header, ...rows] = appendixGrid(table);
  return writeXlsx([
    {
      name: appendixSheetName(lang),
      preamble: [table.title, table.subtitle, table.unit],
      header: header!,
      rows,
      widths: [38, ...APPENDIX_PERIODS.map(() => 16)],
      align: ['left', ...APPENDIX_PERIODS.map(() => 'right' as const)],
    },
  ]);
}
