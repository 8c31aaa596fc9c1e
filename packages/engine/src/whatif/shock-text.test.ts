import { describe, expect, it } from 'vitest';
import { parseShock } from './index.ts';
import { formatShock, legacyWebShocks } from './shock-text.ts';

describe('the written form of a shock', () => {
  it('formatShock writes what parseShock reads back', () => {
    for (const text of [
      'agriculture:Q3:-2pp',
      'services:Q4:+1.5pp',
      'industry_construction:Q3,Q4:=10',
      'services:H1:-3%',
    ]) {
      expect(formatShock(parseShock(text)), text).toBe(text);
    }
    expect(formatShock({ sector: 'agriculture', periods: ['Q3'], deltaPp: 2 })).toBe('agriculture:Q3:+2pp');
  });

  it('reads the old web URL form into the one syntax', () => {
    expect(legacyWebShocks('agriculture.Q3:-2,services.Q4:1.5')).toEqual(['agriculture:Q3:-2pp', 'services:Q4:1.5pp']);
    expect(legacyWebShocks(' , ')).toEqual([]);
    expect(legacyWebShocks('agriculture:Q3:-2pp')).toEqual(['agriculture:Q3:-2pp']);
    expect(parseShock(legacyWebShocks('agriculture.Q3:-2')[0]!)).toEqual({
      sector: 'agriculture',
      periods: ['Q3'],
      deltaPp: -2,
    });
  });
});
