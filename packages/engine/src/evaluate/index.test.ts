import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GrdpError } from '../errors.ts';
import { decimalOps, floatOps } from '../numeric/index.ts';
import { PERIODS } from '../periods.ts';
import type { QuarterValues } from '../scenario/types.ts';
import { evaluate, evaluateUnchecked, growthsUnchecked } from './index.ts';

const two = [{ id: 'a' }, { id: 'b' }];

describe('evaluate on a hand-checked two-sector economy', () => {
  // a: levels 60, 40, 60, 40 growing 10 % every quarter; b: 40 every quarter growing 0 %, 5 %, 0 %, 5 %.
  const base = { a: [60, 40, 60, 40] as QuarterValues, b: [40, 40, 40, 40] as QuarterValues };
  const growth = { a: [10, 10, 10, 10] as QuarterValues, b: [0, 5, 0, 5] as QuarterValues };
  const r = evaluate({ sectors: two, base, growth });

  it('gives quarterly total growth as the base-weighted mean of sector growth', () => {
    // Q1: (60·10 + 40·0) / 100 = 6 %; Q2: (40·10 + 40·5) / 80 = 7.5 %
    expect(r.periods.Q1.total.growth).toBe(6);
    expect(r.periods.Q2.total.growth).toBe(7.5);
  });

  it('gives cumulative growth as Σ current levels / Σ base levels − 1', () => {
    // H1: base 180, current 66 + 40 + 44 + 42 = 192 → 6.666… %
    expect(r.periods.H1.total.baseLevel).toBe(180);
    expect(r.periods.H1.total.level).toBe(192);
    expect(r.periods.H1.total.growth).toBeCloseTo(20 / 3, 12);
    // sector b over the year: base 160, current 40 + 42 + 40 + 42 = 164 → 2.5 %
    expect(r.periods.FY.sectors.b!.growth).toBe(2.5);
  });

  it('gives contributions in pp and as shares of growth', () => {
    // Q2: a adds 4 on a base of 80 → 5 pp; b adds 2 → 2.5 pp
    expect(r.periods.Q2.sectors.a!.contributionPp).toBe(5);
    expect(r.periods.Q2.sectors.b!.contributionPp).toBe(2.5);
    expect(r.periods.Q2.sectors.a!.contributionShare).toBeCloseTo(2 / 3, 12);
    expect(r.periods.Q1.sectors.a!.baseShare).toBe(0.6);
    expect(r.periods.Q1.sectors.a!.share).toBeCloseTo(66 / 106, 12);
  });

  it('keeps parts out of the total', () => {
    const withPart = evaluate({
      sectors: [...two, { id: 'a1', parent: 'a' }],
      base: { ...base, a1: [30, 20, 30, 20] },
      growth: { ...growth, a1: [50, 50, 50, 50] },
    });
    expect(withPart.periods.FY.total.growth).toBe(r.periods.FY.total.growth);
    expect(withPart.periods.FY.sectors.a1!.growth).toBe(50);
  });

  it('returns plain numbers, never Decimal instances', () => {
    expect(typeof r.periods.FY.total.growth).toBe('number');
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('evaluate input checks', () => {
  it('names the sector without base levels', () => {
    expect(() => evaluate({ sectors: two, base: { a: [1, 1, 1, 1] }, growth: { a: [0, 0, 0, 0] } })).toThrowError(
      /base\.b/,
    );
  });
  it('rejects negative levels with their path', () => {
    try {
      evaluate({ sectors: [{ id: 'a' }], base: { a: [1, -1, 1, 1] }, growth: { a: [0, 0, 0, 0] } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GrdpError);
      expect((e as GrdpError).issues[0]!.path).toBe('base.a[1]');
    }
  });
});

const quad = (min: number, max: number) =>
  fc.tuple(...[0, 1, 2, 3].map(() => fc.double({ min, max, noNaN: true }))) as fc.Arbitrary<QuarterValues>;
const economy = fc
  .integer({ min: 1, max: 5 })
  .chain((n) =>
    fc.record({
      base: fc.array(quad(1, 1000), { minLength: n, maxLength: n }),
      growth: fc.array(quad(-30, 40), { minLength: n, maxLength: n }),
    }),
  )
  .map(({ base, growth }) => ({
    sectors: base.map((_, i) => ({ id: `s${i}` })),
    base: Object.fromEntries(base.map((b, i) => [`s${i}`, b])),
    growth: Object.fromEntries(growth.map((g, i) => [`s${i}`, g])),
  }));

describe('laws', () => {
  it('contributions sum to the total growth in every period', () => {
    fc.assert(
      fc.property(economy, (input) => {
        const r = evaluate(input);
        for (const p of PERIODS) {
          const sum = Object.values(r.periods[p].sectors).reduce((acc, c) => acc + c.contributionPp, 0);
          expect(sum).toBeCloseTo(r.periods[p].total.growth, 9);
        }
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('one growth rate in every quarter and sector gives that rate in every period', () => {
    fc.assert(
      fc.property(economy, fc.double({ min: -20, max: 30, noNaN: true }), (input, g) => {
        const flat = Object.fromEntries(Object.keys(input.growth).map((k) => [k, [g, g, g, g] as QuarterValues]));
        const r = evaluate({ ...input, growth: flat });
        for (const p of PERIODS) expect(r.periods[p].total.growth).toBeCloseTo(g, 9);
      }),
      { seed: 7, numRuns: 40 },
    );
  });

  it('decimal and float64 paths agree to 1e-9', () => {
    fc.assert(
      fc.property(economy, (input) => {
        const exact = evaluate(input, { ops: decimalOps });
        const fast = evaluate(input, { ops: floatOps });
        for (const p of PERIODS) {
          expect(Math.abs(exact.periods[p].total.growth - fast.periods[p].total.growth)).toBeLessThan(1e-9);
          for (const id of Object.keys(input.base))
            expect(
              Math.abs(exact.periods[p].sectors[id]!.contributionPp - fast.periods[p].sectors[id]!.contributionPp),
            ).toBeLessThan(1e-9);
        }
      }),
      { seed: 3, numRuns: 60 },
    );
  });

  it('the cumulative growth is the level-weighted chain of its quarters', () => {
    fc.assert(
      fc.property(economy, (input) => {
        const r = evaluate(input);
        const q = ['Q1', 'Q2', 'Q3', 'Q4'] as const;
        const base = q.map((p) => r.periods[p].total.baseLevel);
        const weighted = q.reduce((acc, p, i) => acc + base[i]! * r.periods[p].total.growth, 0);
        expect(r.periods.FY.total.growth).toBeCloseTo(weighted / base.reduce((a, b) => a + b, 0), 9);
      }),
      { seed: 11, numRuns: 40 },
    );
  });

  it("growthsUnchecked gives the bits of evaluateUnchecked's growths (decimal), parts and zero levels included", () => {
    fc.assert(
      fc.property(economy, fc.integer({ min: 0, max: 3 }), (input, zeroQ) => {
        // a part of s0 at 0.4 of it, and one quarter of s0 at zero
        const base: Record<string, QuarterValues> = {
          ...input.base,
          s0: input.base.s0!.map((v, q) => (q === zeroQ ? 0 : v)) as QuarterValues,
        };
        base.p = base.s0!.map((v) => v * 0.4) as QuarterValues;
        const withPart = {
          sectors: [...input.sectors, { id: 'p', parent: 's0' }],
          base,
          growth: { ...input.growth, p: input.growth.s0! },
        };
        const full = evaluateUnchecked(withPart, decimalOps).periods;
        const g = growthsUnchecked(withPart, decimalOps);
        for (const p of PERIODS) {
          expect(g.total(p)).toBe(full[p].total.growth);
          for (const s of withPart.sectors) expect(g.sector(p, s.id)).toBe(full[p].sectors[s.id]!.growth);
        }
      }),
      { seed: 7, numRuns: 60 },
    );
  });
});
