import { describe, expect, it } from 'vitest';
import { effectiveScenario } from './effective.ts';
import type { Actual } from './types.ts';

const file: { actuals: Actual[] } = {
  actuals: [
    { period: 'Q1', vintage: 'estimate', values: { total: 6.3 } },
    { period: 'Q1', vintage: 'official', values: { total: 6.35 } },
    { period: 'H1', vintage: 'estimate', values: { total: 6.5 } },
  ],
};

describe('effectiveScenario', () => {
  it('keeps the file when nothing was entered', () => {
    expect(effectiveScenario(file, [])).toBe(file);
  });

  it('an entered period replaces every actual the file has for it, other periods stay', () => {
    const s = effectiveScenario(file, [
      { period: 'Q1', vintage: 'revised', values: { total: 6.1 }, author: 'Phòng Tổng hợp', note: null },
      { period: 'Q3', vintage: 'estimate', values: { total: 7.1 }, author: 'An', note: 'ước tính' },
    ]);
    expect(s.actuals).toEqual([
      { period: 'H1', vintage: 'estimate', values: { total: 6.5 } },
      { period: 'Q1', vintage: 'revised', values: { total: 6.1 }, source: 'entered by Phòng Tổng hợp' },
      { period: 'Q3', vintage: 'estimate', values: { total: 7.1 }, source: 'entered by An', note: 'ước tính' },
    ]);
    expect(file.actuals).toHaveLength(3);
  });
});
