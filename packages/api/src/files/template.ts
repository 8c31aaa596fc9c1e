/**
 * The blank actuals template (docs/import-template.md): a CSV with the header row (vi: `;` separator, en: `,`)
 * or an XLSX with an empty "Thực hiện"/"Actuals" sheet and a guide sheet listing the accepted values.
 */
import { type Lang, PERIODS, periodLabel } from '@grdp/engine';
import { COLUMN_HEADERS, TEMPLATE_COLUMNS } from './columns.ts';
import { writeCsv } from './csv.ts';
import { VINTAGE_LABELS } from './export.ts';
import { writeXlsx } from './xlsx.ts';

export const templateHeader = (lang: Lang) => TEMPLATE_COLUMNS.map((c) => COLUMN_HEADERS[c][lang]);

export function templateCsv(lang: Lang): string {
  return writeCsv([templateHeader(lang)], lang === 'vi' ? ';' : ',');
}

export function templateXlsx(lang: Lang): Promise<Buffer> {
  const vi = lang === 'vi';
  const guide: (string | null)[][] = [
    [COLUMN_HEADERS.period[lang], PERIODS.map((p) => `${p} (${periodLabel(p, 'vi')})`).join(', ')],
    [
      COLUMN_HEADERS.key[lang],
      vi ? 'total, hoặc mã/tên khu vực của kịch bản (agriculture, …)' : 'total, or a sector id/name of the scenario',
    ],
    [
      COLUMN_HEADERS.growth_pct[lang],
      vi
        ? 'Tăng trưởng so với cùng kỳ, %: 7,36 hoặc 7.36 hoặc 7,36% (ô định dạng % cũng được)'
        : 'Growth against the same period of the base year, %: 7.36, 7,36 or 7.36% (a %-formatted cell also works)',
    ],
    [
      COLUMN_HEADERS.vintage[lang],
      Object.entries(VINTAGE_LABELS)
        .map(([code, l]) => `${code} (${l.vi})`)
        .join(', '),
    ],
    [COLUMN_HEADERS.note[lang], vi ? 'Không bắt buộc' : 'Optional'],
  ];
  return writeXlsx([
    { name: vi ? 'Thực hiện' : 'Actuals', header: templateHeader(lang), rows: [], widths: [16, 24, 16, 20, 40] },
    {
      name: vi ? 'Hướng dẫn' : 'Guide',
      header: vi ? ['Cột', 'Giá trị'] : ['Column', 'Values'],
      rows: guide,
      widths: [18, 90],
    },
  ]);
}
