import type { Lang } from '@grdp/engine';

const MESSAGES = {
  growthAxis: { vi: 'Tăng trưởng (%)', en: 'Growth (%)' },
  contributionAxis: { vi: 'Đóng góp (điểm %)', en: 'Contribution (pp)' },
  targetBand: { vi: 'Mục tiêu', en: 'Target band' },
  targetLow: { vi: 'Mục tiêu (thấp)', en: 'Target (low)' },
  targetHigh: { vi: 'Mục tiêu (cao)', en: 'Target (high)' },
  estimate: { vi: 'Ước tính', en: 'Estimate' },
  revised: { vi: 'Ước tính điều chỉnh', en: 'Revised' },
  official: { vi: 'Chính thức', en: 'Official' },
  derived: { vi: 'suy ra', en: 'derived' },
  totalGrowth: { vi: 'Tăng trưởng GRDP', en: 'GRDP growth' },
  quarterly: { vi: 'theo quý', en: 'quarterly' },
  cumulative: { vi: 'lũy kế', en: 'cumulative' },
  contributions: { vi: 'Đóng góp vào tăng trưởng', en: 'Contributions to growth' },
  median: { vi: 'Trung vị', en: 'Median' },
  interval90: { vi: 'Khoảng 90%', en: '90% interval' },
  interval80: { vi: 'Khoảng 80%', en: '80% interval' },
  interval50: { vi: 'Khoảng 50%', en: '50% interval' },
  fan: { vi: 'Phân phối tăng trưởng', en: 'Growth distribution' },
  period: { vi: 'Kỳ', en: 'Period' },
  low: { vi: 'Thấp', en: 'Low' },
  high: { vi: 'Cao', en: 'High' },
  actual: { vi: 'Thực hiện', en: 'Actual' },
  vintage: { vi: 'Loại số liệu', en: 'Vintage' },
  pp: { vi: 'điểm %', en: 'pp' },
  fromActuals: { vi: 'số thực hiện', en: 'actuals' },
  fromMid: { vi: 'kịch bản (giữa khoảng)', en: 'scenario (band midpoint)' },
  sumDiffers: {
    vi: 'Đóng góp của các ngành cộng lại {sum}; tăng trưởng GRDP công bố {total}. Chênh lệch do số liệu công bố đã làm tròn (hoặc không khớp nhau).',
    en: 'The sector contributions add up to {sum}; published GRDP growth is {total}. They differ because the published figures are rounded (or disagree).',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;

/** A chart label in `lang`: `t('growthAxis', 'vi')` → "Tăng trưởng (%)". */
export function t(key: MessageKey, lang: Lang): string {
  return MESSAGES[key][lang];
}
