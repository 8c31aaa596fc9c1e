import { describe, expect, it } from 'vitest';
import { ACTUAL_GROWTH_RANGE, actualValueProblem, isActualValue } from './value.ts';

describe('the range of an actual growth figure', () => {
  it('is more than −100 and at most 1000', () => {
    expect(isActualValue(-99.99)).toBe(true);
    expect(isActualValue(0)).toBe(true);
    expect(isActualValue(1000)).toBe(true);
    expect(isActualValue(-100)).toBe(false);
    expect(isActualValue(-150)).toBe(false);
    expect(isActualValue(1000.01)).toBe(false);
    expect(isActualValue(Number.NaN)).toBe(false);
    expect(isActualValue(Number.POSITIVE_INFINITY)).toBe(false);
  });

  it('says why a figure is refused', () => {
    expect(actualValueProblem(-100)).toBe('-100 is not a growth rate in % (more than −100, at most 1000)');
    expect(actualValueProblem(7.5)).toBeNull();
    expect(ACTUAL_GROWTH_RANGE).toEqual({ exclusiveMinimum: -100, maximum: 1000 });
  });
});
