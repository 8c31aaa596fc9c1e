/**
 * The reasons an imported row is refused (files/import.ts, files/numbers.ts write them in English), in
 * Vietnamese: the API answers them to a vi request and `grdp import --lang vi` prints them. One table, next to
 * the importer; a reason it does not know becomes the generic "giá trị không hợp lệ" (never English on a vi page).
 */
import type { Lang } from '@grdp/engine';

const Q = '("[^"]*")';

const RULES: [RegExp, string][] = [
  [/^unknown column/, 'cột không có trong mẫu (xem mẫu: Kỳ, Chỉ tiêu, Tăng trưởng (%), Loại số liệu, Ghi chú)'],
  [/^the column appears twice$/, 'cột xuất hiện hai lần'],
  [/^the column is missing$/, 'thiếu cột này'],
  [/^the file has no data rows$/, 'tệp không có dòng số liệu nào'],
  [/^a value in a column without a header$/, 'có giá trị trong cột không có tiêu đề'],
  [/^the period is empty$/, 'kỳ để trống'],
  [new RegExp(`^${Q} is not a period`), '$1 không phải là kỳ (Q1, Q2, Q3, Q4, H1, 9M, FY)'],
  [/^the key is empty$/, 'chỉ tiêu để trống'],
  [new RegExp(`^${Q} is not total or a sector of (.+)$`), '$1 không phải tổng hay một ngành của $2'],
  [/^the vintage is empty/, 'loại số liệu để trống (ước tính, điều chỉnh hoặc chính thức)'],
  [new RegExp(`^${Q} is not estimate, revised or official$`), '$1 không phải ước tính, điều chỉnh hay chính thức'],
  [/^the note is longer than (\d+) characters$/, 'ghi chú dài quá $1 ký tự'],
  [/^(\S+) (\S+) is already given in row (\d+)$/, '$1 $2 đã có ở dòng $3'],
  [
    /^(\S+) is (\S+) in row (\d+): one period has one vintage$/,
    'kỳ $1 đã ghi loại khác ở dòng $3: mỗi kỳ chỉ có một loại số liệu',
  ],
  [/^the notes of (\S+) are too long together$/, 'các ghi chú của $1 cộng lại quá dài'],
  [/^the growth is empty$/, 'tăng trưởng để trống'],
  [new RegExp(`^${Q} is too large$`), '$1 quá lớn'],
  [new RegExp(`^${Q} is not a number`), '$1 không phải là số'],
  [
    new RegExp(`^${Q} reads as (\\S+) or (\\S+): declare`),
    '$1 có thể đọc là $2 hoặc $3: hãy khai báo cách viết số của tệp (vi hoặc en)',
  ],
];

/** An import problem's reason in a language (English as the importer wrote it). */
export function importReason(reason: string, lang: Lang): string {
  if (lang === 'en') return reason;
  for (const [re, vi] of RULES) {
    const m = re.exec(reason);
    // Only the Vietnamese sentence with the values it quotes: no English tail.
    if (m) return vi.replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? '');
  }
  return 'giá trị không hợp lệ';
}
