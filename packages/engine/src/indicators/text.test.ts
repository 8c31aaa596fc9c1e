import { describe, expect, it } from 'vitest';
import { indicatorNeededText, indicatorStatusText, indicatorTargetText } from './text.ts';
import type { Indicator, IndicatorTarget } from './types.ts';

const ind = (
  target: IndicatorTarget,
  unit = { vi: 'triệu đồng/người/năm', en: 'million VND per person' },
): Indicator => ({
  id: 'x',
  no: 2,
  main: true,
  category: 'economic',
  name: { vi: 'x', en: 'x' },
  unit,
  period: { kind: 'year', year: 2023 },
  target,
  better: 'higher',
  printed: 'x',
  source: 'x',
  cooperating: [],
  actuals: [],
});

describe('indicator texts', () => {
  it('print targets with their qualifier, Vietnamese separators in vi', () => {
    expect(indicatorTargetText(ind({ kind: 'band', low: 60.52, high: 62.03 }), 'vi')).toBe(
      '60,52–62,03 triệu đồng/người/năm',
    );
    expect(
      indicatorTargetText(ind({ kind: 'reach', value: 616565.83 }, { vi: 'tỷ đồng', en: 'billion VND' }), 'vi'),
    ).toBe('đạt 616.565,83 tỷ đồng');
    expect(
      indicatorTargetText(ind({ kind: 'reach', value: 616565.83 }, { vi: 'tỷ đồng', en: 'billion VND' }), 'en'),
    ).toBe('reach 616,565.83 billion VND');
    expect(indicatorTargetText(ind({ kind: 'rank', rank: 11, of: 34 }), 'vi')).toBe('hạng 11/34');
    expect(
      indicatorTargetText(
        ind({ kind: 'averageAnnualChange', low: 1, high: 1.2, direction: 'decrease', unit: 'pp' }),
        'vi',
      ),
    ).toBe('giảm bình quân 1–1,2 điểm %/năm');
    expect(
      indicatorTargetText(ind({ kind: 'about', value: 8, tolerancePercent: 5 }, { vi: 'triệu lượt', en: 'm' }), 'en'),
    ).toBe('≈ 8 (±5%) m');
  });

  it('tell the status in words, provisional when the period is not over', () => {
    expect(indicatorStatusText({ status: 'not-met', provisional: true }, 'vi')).toBe('Chưa đạt (tạm tính)');
    expect(indicatorStatusText({ status: 'no-data', provisional: false, reason: 'no-base' }, 'en')).toBe(
      'No data yet (no base year)',
    );
    expect(
      indicatorNeededText(
        { status: 'not-met', provisional: true, needed: { low: 1.1 / 3, high: 0.7, years: 3 } },
        'vi',
      ),
    ).toBe('cần 0,37–0,7/năm trong 3 năm còn lại');
  });
});
