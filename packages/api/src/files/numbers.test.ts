import { describe, expect, it } from 'vitest';
import { csvNumber, detectLocale, parseNumber } from './numbers.ts';

const value = (raw: string, locale?: 'vi' | 'en') => {
  const r = parseNumber(raw, locale);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe('parseNumber', () => {
  it.each([
    ['7,36', 7.36],
    ['7.36', 7.36],
    ['7,36%', 7.36],
    [' 7,36 % ', 7.36],
    ['-0,5', -0.5],
    ['−2,1', -2.1],
    ['+3', 3],
    ['0,125', 0.125],
    ['12.3456', 12.3456],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
  ])('reads %s as %d whatever the locale', (raw, expected) => {
    expect(value(raw)).toBe(expected);
  });

  it('refuses "1,234" and "1.234" without a locale, marked ambiguous, and reads them with one', () => {
    for (const raw of ['1,234', '1.234', '-2.500']) {
      const r = parseNumber(raw);
      expect(r.ok).toBe(false);
      expect(r.ok === false && r.ambiguous).toBe(true);
    }
    expect(value('1,234', 'vi')).toBe(1.234);
    expect(value('1,234', 'en')).toBe(1234);
    expect(value('1.234', 'vi')).toBe(1234);
    expect(value('1.234', 'en')).toBe(1.234);
  });

  it('refuses a form of the other locale and text that is not a number', () => {
    expect(parseNumber('1,234.5', 'vi').ok).toBe(false);
    expect(parseNumber('1.234,5', 'en').ok).toBe(false);
    for (const raw of ['', '%', 'abc', '7,3,6', '1.23,4', '7..3', ',5', '5,', '7 36x', '1,2.3'])
      expect(parseNumber(raw).ok, raw).toBe(false);
  });

  it('says which locale a cell implies', () => {
    expect(parseNumber('7,36')).toMatchObject({ evidence: 'vi' });
    expect(parseNumber('7.36')).toMatchObject({ evidence: 'en' });
    expect(parseNumber('736')).toMatchObject({ evidence: null });
  });
});

describe('detectLocale', () => {
  it('finds the locale from unambiguous cells, and none when they disagree or say nothing', () => {
    expect(detectLocale(['1,234', '7,36'])).toBe('vi');
    expect(detectLocale(['1,234', '1,234.5'])).toBe('en');
    expect(detectLocale(['7,36', '7.36'])).toBeUndefined();
    expect(detectLocale(['1,234', '5'])).toBeUndefined();
  });
});

describe('csvNumber', () => {
  it('writes a decimal comma in vi and a point in en, without grouping', () => {
    expect(csvNumber(1234.5, 'vi')).toBe('1234,5');
    expect(csvNumber(7.3649, 'en', 2)).toBe('7.36');
    expect(csvNumber(6.15, 'vi', 2)).toBe('6,15');
  });
});
