import { describe, expect, it } from 'vitest';
import { textProblem } from './index.ts';

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
