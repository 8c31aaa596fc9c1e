import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actualTable } from '../actuals/index.ts';
import type { BaseTable } from '../base/index.ts';
import { CUMULATIVE_ENDING, QUARTERS, type Quarter } from '../periods.ts';
import type { Actual, Band, QuarterValues, Scenario, Sector, Targets } from '../scenario/types.ts';
import { requiredGrowth } from './index.ts';
import { requiredGrowthScaled } from './scaled.ts';

const printed = (digits: number, decimals: number, min = 0) =>
  fc
    .tuple(fc.integer({ min: 0, max: decimals }), fc.double({ min, max: 10 ** digits, noNaN: true }))
    .map(([d, v]) => Number(v.toFixed(d)) + 0); // + 0: no −0 (a band printed −0 takes the decimal path)
const growth = printed(2, 2, -20);
const band: fc.Arbitrary<Band | undefined> = fc
  .option(
    fc
      .tuple(growth, fc.double({ min: 0, max: 5, noNaN: true }))
      .map(([low, w]) => ({ low, high: Number((low + w).toFixed(2)) })),
    { freq: 8 },
  )
  .map((b) => b ?? undefined);

/** Random tables: 1..5 sectors (sometimes a part), bands that may be missing, actuals up to a random quarter. */
const tables = fc
  .record({
    n: fc.integer({ min: 1, max: 5 }),
    part: fc.boolean(),
    levels: fc.array(fc.tuple(printed(3, 6), printed(3, 6), printed(3, 6), printed(3, 6)), {
      minLength: 6,
      maxLength: 6,
    }),
    bands: fc.array(band, { minLength: 6 * 5, maxLength: 6 * 5 }),
    actuals: fc.array(fc.option(growth, { freq: 4 }), { minLength: 6 * 4, maxLength: 6 * 4 }),
    asOf: fc.constantFrom<Quarter | null | undefined>(null, undefined, 'Q1', 'Q2', 'Q3', 'Q4'),
  })
  .map(({ n, part, levels, bands, actuals, asOf }) => {
    const sectors: Sector[] = Array.from({ length: n }, (_, i) => ({
      id: `s${i}`,
      name: { vi: `s${i}`, en: `s${i}` },
    }));
    if (part) sectors.push({ id: 'p', name: { vi: 'p', en: 'p' }, parent: 's0' });
    const keys = ['total', ...sectors.map((s) => s.id)];
    const base: BaseTable = {};
    sectors.forEach((s, i) => {
      base[s.id] = levels[i] as QuarterValues;
    });
    const targets: Targets = {};
    (['Q1', 'Q2', 'Q3', 'Q4', 'FY'] as const).forEach((period, j) => {
      const row: Record<string, Band> = {};
      keys.forEach((key, k) => {
        const b = bands[k * 5 + j];
        if (b) row[key] = b;
      });
      targets[period] = row;
    });
    const list: Actual[] = CUMULATIVE_ENDING.map((period, j) => {
      const values: Record<string, number> = {};
      keys.forEach((key, k) => {
        const v = actuals[k * 4 + j];
        if (v !== null && v !== undefined) values[key] = v;
      });
      return { period, vintage: 'estimate' as const, values };
    }).filter((a) => Object.keys(a.values).length > 0);
    const scenario = { sectors, targets, actuals: list } as Pick<Scenario, 'sectors' | 'targets' | 'actuals'>;
    return { scenario, base, asOf };
  });

describe('requiredGrowth on scaled integers equals decimal.js', () => {
  it('on random partial tables with parts, missing bands and actuals', () => {
    let scaled = 0;
    fc.assert(
      fc.property(tables, ({ scenario, base, asOf }) => {
        const options = asOf === undefined ? {} : { asOf };
        const table = actualTable(scenario, base);
        const m = asOf === undefined ? undefined : asOf;
        const auto = requiredGrowth(scenario, base, options);
        const oracle = requiredGrowth(scenario, base, { ...options, arithmetic: 'decimal' });
        const q = m === undefined ? (auto.asOf as Quarter | null) : m;
        if (requiredGrowthScaled(scenario, base, table, q)) scaled++;
        // JSON keeps every digit; −0 is compared by Object.is through the replacer
        const text = (r: unknown) => JSON.stringify(r, (_, v) => (Object.is(v, -0) ? '-0' : v));
        expect(text(auto)).toBe(text(oracle));
      }),
      { numRuns: 300 },
    );
    expect(scaled).toBeGreaterThan(150);
  });

  it('keeps QUARTERS in order (sanity of the generator)', () => {
    expect(QUARTERS).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
  });
});
