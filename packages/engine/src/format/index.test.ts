import { describe, expect, it } from 'vitest';
import { formatBand, formatNumber, formatPercent, keyLabel } from './index.ts';

describe('formatting for readers', () => {
  it('writes vi-VN decimals with a comma and thousands with a dot', () => {
    expect(formatPercent(7.36, 'vi')).toBe('7,36%');
    expect(formatNumber(1234.5, 'vi', 1)).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en', 1)).toBe('1,234.5');
  });
  it('rounds half away from zero only for display', () => {
    expect(formatNumber(7.365, 'en')).toBe('7.37');
    expect(formatNumber(-0.004, 'en')).toBe('0.00');
    expect(formatNumber(null)).toBe('–');
  });
  it('prints bands and single targets', () => {
    expect(formatBand(7, 7.5, 'vi')).toBe('7,00–7,50%');
    expect(formatBand(11, 11, 'en')).toBe('11.00%');
  });
  it('labels keys from the scenario first, then the standard names', () => {
    expect(keyLabel('services', 'vi')).toBe('Dịch vụ');
    expect(keyLabel('x', 'en', { x: { vi: 'X vi', en: 'X en' } })).toBe('X en');
    expect(keyLabel('unknown', 'en')).toBe('unknown');
  });
});
