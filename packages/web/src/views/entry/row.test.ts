import { ACTUAL_GROWTH_RANGE, isActualValue } from '@grdp/engine';
import { describe, expect, it } from 'vitest';
import { outOfRangeText } from './row.ts';

describe('the entry grid’s out-of-range message', () => {
  it('states the bounds of the engine’s one actual-value rule, written the reader’s way', () => {
    expect(outOfRangeText('vi')).toBe('Ngoài khoảng: phải lớn hơn -100 và tối đa 1.000');
    expect(outOfRangeText('en')).toBe('Out of range: must be more than -100 and at most 1,000');
  });

  it('names the same bounds the rule applies', () => {
    const { exclusiveMinimum: min, maximum: max } = ACTUAL_GROWTH_RANGE;
    expect(isActualValue(min)).toBe(false);
    expect(isActualValue(max)).toBe(true);
    expect(isActualValue(max + 0.01)).toBe(false);
    expect(outOfRangeText('vi')).not.toMatch(/\{min\}|\{max\}/);
  });
});
