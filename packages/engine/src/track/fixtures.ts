/**
 * Small scenarios with explicit base levels for the tracking, actuals, required-growth and what-if tests. Every
 * figure below is worked by hand in the comments, so the tests check numbers, not the code against itself.
 *
 * Two sectors, A (agriculture) and I (industry_construction); base levels chosen so that every quarter adds up
 * to 100 and the year to 400:
 *
 *            Q1   Q2   Q3   Q4 | H1   9M   FY
 *   A        40   60   50   50 | 100  150  200
 *   I        60   40   50   50 | 100  150  200
 *   total   100  100  100  100 | 200  300  400
 *
 * Quarterly bands (low–high): A 2–3, 3–4, 3–4, 4–5; I 5–6, 6–7, 7–8, 8–9. The total's bands follow:
 *   Q1 low (40·2 + 60·5)/100 = 3.8, high (40·3 + 60·6)/100 = 4.8
 *   Q2 low (60·3 + 40·6)/100 = 4.2, high (60·4 + 40·7)/100 = 5.2
 *   Q3 low (50·3 + 50·7)/100 = 5.0, high 6.0;  Q4 low (50·4 + 50·8)/100 = 6.0, high 7.0
 *   H1 low (380 + 420)/200 = 4.0, high (480 + 520)/200 = 5.0
 *   9M low 1300/300 = 4.33…, high 1600/300 = 5.33… (printed 4.33, 5.33)
 *   FY low 1900/400 = 4.75, high 2300/400 = 5.75
 *   A: H1 2.6–3.6, FY 610/200 = 3.05 – 810/200 = 4.05;  I: H1 5.4–6.4, FY 1290/200 = 6.45 – 1490/200 = 7.45
 */
import type { Actual, Band, QuarterValues, Scenario } from '../scenario/types.ts';

const band = (low: number, high: number): Band => ({ low, high });

export const twoSectorBase: Record<string, QuarterValues> = {
  agriculture: [40, 60, 50, 50],
  industry_construction: [60, 40, 50, 50],
};

/**
 * Actuals to H1: Q1 official A 2.5, I 4.0, total (40·2.5 + 60·4)/100 = 3.4; H1 estimate A 3.1, I 5.5,
 * total (100·3.1 + 100·5.5)/200 = 4.3. Implied Q2: A (310 − 100)/60 = 3.5, I (550 − 240)/40 = 7.75,
 * total (860 − 340)/100 = 5.2 (= (60·3.5 + 40·7.75)/100).
 */
export const twoSectorActuals: Actual[] = [
  {
    period: 'Q1',
    vintage: 'official',
    published: '2024-04-20',
    values: { total: 3.4, agriculture: 2.5, industry_construction: 4 },
  },
  {
    period: 'H1',
    vintage: 'estimate',
    published: '2024-06-29',
    values: { total: 4.3, agriculture: 3.1, industry_construction: 5.5 },
  },
];

export function twoSectorScenario(actuals: Actual[] = twoSectorActuals): Scenario {
  return {
    id: 'two-sector',
    title: { vi: 'Hai khu vực', en: 'Two sectors' },
    region: 'Test',
    year: 2024,
    source: 'hand-made fixture',
    priceBasis: 'constant 2010 prices',
    sectors: [
      { id: 'agriculture', name: { vi: 'Nông nghiệp', en: 'Agriculture' } },
      { id: 'industry_construction', name: { vi: 'Công nghiệp và xây dựng', en: 'Industry and construction' } },
    ],
    base: { unit: 'index', origin: 'official', levels: twoSectorBase },
    targets: {
      Q1: { total: band(3.8, 4.8), agriculture: band(2, 3), industry_construction: band(5, 6) },
      Q2: { total: band(4.2, 5.2), agriculture: band(3, 4), industry_construction: band(6, 7) },
      H1: { total: band(4, 5), agriculture: band(2.6, 3.6), industry_construction: band(5.4, 6.4) },
      Q3: { total: band(5, 6), agriculture: band(3, 4), industry_construction: band(7, 8) },
      '9M': { total: band(4.33, 5.33) },
      Q4: { total: band(6, 7), agriculture: band(4, 5), industry_construction: band(8, 9) },
      FY: { total: band(4.75, 5.75), agriculture: band(3.05, 4.05), industry_construction: band(6.45, 7.45) },
    },
    actuals,
  };
}

/**
 * The two-sector scenario with a part: crops within agriculture, base [20, 30, 25, 25], bands 1–2 every quarter.
 * Parts are reported, never added into the total.
 */
export function withPartScenario(): Scenario {
  const s = twoSectorScenario([]);
  s.sectors.push({ id: 'crops', name: { vi: 'Trồng trọt', en: 'Crops' }, parent: 'agriculture' });
  s.base = { unit: 'index', origin: 'official', levels: { ...twoSectorBase, crops: [20, 30, 25, 25] } };
  for (const q of ['Q1', 'Q2', 'Q3', 'Q4'] as const) s.targets[q] = { ...s.targets[q], crops: band(1, 2) };
  return s;
}
