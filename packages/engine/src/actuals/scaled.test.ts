import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BaseTable } from '../base/index.ts';
import { PERIODS } from '../periods.ts';
import type { Actual, QuarterValues, Scenario, Sector } from '../scenario/types.ts';
import { VINTAGES } from '../scenario/types.ts';
import { twoSectorBase, twoSectorScenario } from '../track/fixtures.ts';
import { type ActualTable, actualTable } from './index.ts';
import { actualFiguresScaled } from './scaled.ts';

/** A number printed with up to `decimals` decimals. */
const printed = (digits: number, decimals: number, min = 0) =>
  fc
    .tuple(fc.integer({ min: 0, max: decimals }), fc.double({ min, max: 10 ** digits, noNaN: true }))
    .map(([d, v]) => Number(v.toFixed(d)));
const growth = fc.oneof(
  { weight: 8, arbitrary: printed(2, 2, -30) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, -100, 1000, 0.005, 12.345678) },
);
const level = fc.oneof(
  { weight: 8, arbitrary: printed(3, 6, 1) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1e-6, 123456.789, 1e9) },
);

/**
 * Random tables: 1..4 sectors (sometimes a part, sometimes without levels), actuals for random periods and keys in
 * up to three entries of random vintages, so that figures are derived, chained, superseded and sometimes disagree.
 */
const tables = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    part: fc.boolean(),
    partLevels: fc.boolean(),
    levels: fc.array(fc.tuple(level, level, level, level), { minLength: 5, maxLength: 5 }),
    entries: fc.array(
      fc.record({
        period: fc.constantFrom(...PERIODS),
        vintage: fc.constantFrom(...VINTAGES),
        values: fc.array(fc.option(growth, { freq: 2 }), { minLength: 6, maxLength: 6 }),
      }),
      { minLength: 0, maxLength: 8 },
    ),
    consistent: fc.boolean(),
  })
  .map(({ n, part, partLevels, levels, entries, consistent }) => {
    const sectors: Sector[] = Array.from({ length: n }, (_, i) => ({
      id: `s${i}`,
      name: { vi: `s${i}`, en: `s${i}` },
    }));
    if (part) sectors.push({ id: 'p', name: { vi: 'p', en: 'p' }, parent: 's0' });
    const keys = ['total', ...sectors.map((s) => s.id)];
    const base: BaseTable = {};
    sectors.forEach((s, i) => {
      if (s.id !== 'p' || partLevels) base[s.id] = levels[i] as QuarterValues;
    });
    const actuals: Actual[] = entries.map(({ period, vintage, values }) => {
      const row: Record<string, number> = {};
      keys.forEach((key, k) => {
        const v = values[k];
        if (v !== null && v !== undefined) row[key] = v;
      });
      return { period, vintage, values: row };
    });
    // Half the tables: one growth for every key and quarter-sum period, so that the checks pass (no findings).
    if (consistent)
      for (const a of actuals) {
        const v = Object.values(a.values)[0];
        if (v !== undefined) for (const key of Object.keys(a.values)) a.values[key] = v;
      }
    return { scenario: { sectors, actuals } as Pick<Scenario, 'sectors' | 'actuals'>, base };
  });

/** JSON keeps every digit; −0 is told apart through the replacer. */
const text = (t: ActualTable) => JSON.stringify(t, (_, v) => (Object.is(v, -0) ? '-0' : v));

describe('actualTable on scaled integers equals decimal.js', () => {
  it('on random tables with parts, missing levels, vintages, chains and disagreements (property)', () => {
    let scaled = 0;
    let runs = 0;
    fc.assert(
      fc.property(tables, ({ scenario, base }) => {
        let oracle: ActualTable;
        try {
          oracle = actualTable(scenario, base, { arithmetic: 'decimal' });
        } catch (e) {
          expect(() => actualTable(scenario, base)).toThrow((e as Error).message);
          return;
        }
        runs++;
        expect(text(actualTable(scenario, base))).toBe(text(oracle));
        if (actualFiguresScaledOf(scenario, base)) scaled++;
      }),
      { numRuns: 600 },
    );
    console.info(`actualTable property: ${runs} tables, ${scaled} on scaled integers`);
    expect(runs).toBeGreaterThan(300);
    // The others have findings (random figures rarely agree), −0, or chains decimal.js rounds: decimal path.
    expect(scaled).toBeGreaterThan(runs / 8);
  });

  it('takes the scaled path on the hand-checked fixture, with the same table', () => {
    const s = twoSectorScenario();
    expect(actualFiguresScaledOf(s, twoSectorBase)).not.toBeNull();
    expect(text(actualTable(s, twoSectorBase))).toBe(text(actualTable(s, twoSectorBase, { arithmetic: 'decimal' })));
  });
});

/** Whether the scaled path answers (the published figures as actualTable's step 1 gives them). */
function actualFiguresScaledOf(scenario: Pick<Scenario, 'sectors' | 'actuals'>, base: BaseTable) {
  const t = actualTable(scenario, base, { arithmetic: 'decimal' });
  if (t.findings.length > 0) return null;
  const published: Record<string, Record<string, { value: number; figure: object }>> = {};
  for (const f of t.figures) {
    if (f.derived) continue;
    const { value, tolerance: _, ...figure } = f;
    published[f.key] ??= {};
    published[f.key]![f.period] = { value, figure };
  }
  return actualFiguresScaled(scenario, base, published as never, 0.005);
}
