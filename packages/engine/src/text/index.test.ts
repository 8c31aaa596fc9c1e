import { describe, expect, it } from 'vitest';
import { spreadsheetSafe, textProblem } from './index.ts';

describe('textProblem', () => {
  it('accepts Vietnamese text, emoji and empty text', () => {
    expect(textProblem('Nông, lâm nghiệp và thủy sản')).toBeNull();
    expect(textProblem('📈 tăng trưởng')).toBeNull();
    expect(textProblem('')).toBeNull();
  });
  it('refuses NUL with its place', () => {
    expect(textProblem('ab\u0000c')).toEqual({
      index: 2,
      kind: 'nul',
      message: 'a NUL character (U+0000) at character 3',
    });
  });
  it('refuses lone high and low surrogates but not a pair', () => {
    expect(textProblem('x\ud800')?.kind).toBe('lone-surrogate');
    expect(textProblem('\udc00x')?.message).toContain('U+DC00');
    expect(textProblem('\ud83d\udcc8')).toBeNull();
  });
});

describe('spreadsheetSafe', () => {
  it.each([
    ['=HYPERLINK("http://evil","bấm")', `'=HYPERLINK("http://evil","bấm")`],
    ['+1+2', `'+1+2`],
    ['-2+3+cmd|" /C calc"!A0', `'-2+3+cmd|" /C calc"!A0`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
  ])('neutralises %j', (cell, safe) => {
    expect(spreadsheetSafe(cell)).toBe(safe);
  });
  it.each(['-3,5', '-3.5', '+7', '-1e3', 'Quý I', '', 'a=b', '7,5%'])('leaves %j alone', (cell) => {
    expect(spreadsheetSafe(cell)).toBe(cell);
  });
});
