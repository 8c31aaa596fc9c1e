import { describe, expect, it } from 'vitest';
import { formatBand, formatDate, formatDateTime, formatNumber, formatPercent, keyLabel } from './index.ts';

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

describe('dates, one format per language', () => {
  it('prints a calendar day as dd/mm/yyyy in vi and d Mon yyyy in en, whatever the time zone', () => {
    expect(formatDate('2023-12-31', 'vi')).toBe('31/12/2023');
    expect(formatDate('2023-03-05', 'en')).toBe('5 Mar 2023');
    expect(formatDate('not a date', 'vi')).toBe('not a date');
  });

  it('prints a moment in local time with hours and minutes', () => {
    const local = new Date(2026, 11, 1, 9, 7).toISOString();
    expect(formatDateTime(local, 'vi')).toBe('01/12/2026 09:07');
    expect(formatDateTime(local, 'en')).toBe('1 Dec 2026, 09:07');
    expect(formatDateTime('garbage', 'en')).toBe('garbage');
  });
});
