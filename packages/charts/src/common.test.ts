import { describe, expect, it } from 'vitest';
import { alignToPeriods, formatTick, viewLabels } from './common.ts';
import { t } from './i18n.ts';
import { OKABE_ITO, registerCharts, withAlpha } from './index.ts';

describe('chart helpers', () => {
  it('formats ticks with the fewest decimals up to 2, in vi-VN or en', () => {
    expect(formatTick(7.36, 'vi')).toBe('7,36');
    expect(formatTick(1234.5, 'vi')).toBe('1.234,5');
    expect(formatTick(-0.25, 'en')).toBe('-0.25');
    expect(formatTick(0.30000000000000004, 'en')).toBe('0.3');
    expect(formatTick('8', 'vi')).toBe('8');
  });

  it('labels views and messages in both languages', () => {
    expect(viewLabels('quarterly', 'vi')).toEqual(['Quý I', 'Quý II', 'Quý III', 'Quý IV']);
    expect(viewLabels('cumulative', 'en')).toEqual(['Q1', 'First 6 months', 'First 9 months', 'Full year']);
    expect(t('growthAxis', 'vi')).toBe('Tăng trưởng (%)');
    expect(t('growthAxis', 'en')).toBe('Growth (%)');
    expect(t('official', 'vi')).toBe('Chính thức');
    expect(t('estimate', 'vi')).toBe('Ước tính');
  });

  it('aligns values to periods, the last item winning, non-finite as gaps', () => {
    const items = [
      { period: 'Q2' as const, v: 1 },
      { period: 'Q2' as const, v: 2 },
      { period: 'Q3' as const, v: Number.NaN },
    ];
    expect(alignToPeriods(['Q1', 'Q2', 'Q3'], items, (i) => i.v)).toEqual([null, 2, null]);
  });

  it('palette colours turn into rgba; registerCharts registers the parts used', () => {
    expect(withAlpha(OKABE_ITO.skyBlue, 0.35)).toBe('rgba(86, 180, 233, 0.35)');
    expect(() => withAlpha('blue', 1)).toThrow(RangeError);
    const registered: unknown[] = [];
    registerCharts({ register: (...items: unknown[]) => registered.push(...items) } as never);
    const ids = registered.map((p) => (p as { id: string }).id);
    expect(ids).toEqual(
      expect.arrayContaining(['line', 'bar', 'category', 'linear', 'filler', 'legend', 'title', 'tooltip', 'point']),
    );
    expect(ids).not.toContain('annotation');
  });
});
