import type { Band, Scenario, TargetRow } from '../scenario/types.ts';

/**
 * Test fixtures: the An Giang 2023 growth scenario (low–high bands, %), built here so the calibration tests do not
 * depend on the loader. Q4 product taxes were printed "3,54 - 3,49" (inverted).
 */
const b = (low: number, high: number): Band => ({ low, high });

const row = (total: Band, agriculture: Band, industry: Band, services: Band, taxes: Band): TargetRow => ({
  total,
  agriculture,
  industry_construction: industry,
  services,
  product_taxes: taxes,
});

export function anGiang2023(): Scenario {
  return {
    id: 'an-giang-2023',
    title: { vi: 'Kịch bản tăng trưởng GRDP An Giang 2023', en: 'An Giang 2023 GRDP growth scenario' },
    region: 'An Giang',
    year: 2023,
    source: 'An Giang provincial growth scenario 2023 (test fixture)',
    priceBasis: 'constant 2010 prices',
    sectors: [
      { id: 'agriculture', name: { vi: 'Nông, lâm nghiệp và thủy sản', en: 'Agriculture, forestry and fishery' } },
      { id: 'industry_construction', name: { vi: 'Công nghiệp và xây dựng', en: 'Industry and construction' } },
      { id: 'services', name: { vi: 'Dịch vụ', en: 'Services' } },
      { id: 'product_taxes', name: { vi: 'Thuế sản phẩm trừ trợ cấp', en: 'Product taxes less subsidies' } },
    ],
    targets: {
      Q1: row(b(6.15, 6.54), b(2.07, 2.15), b(10.69, 11.07), b(9.5, 10.19), b(4.48, 5.4)),
      Q2: row(b(8.14, 8.7), b(6.67, 6.77), b(10.43, 10.93), b(8.06, 8.76), b(4.61, 5.34)),
      H1: row(b(6.94, 7.4), b(2.99, 3.07), b(10.56, 11), b(8.79, 9.48), b(4.54, 5.37)),
      Q3: row(b(7.02, 7.45), b(4.17, 4.2), b(13.25, 13.59), b(7.65, 8.45), b(4.6, 5.73)),
      '9M': row(b(6.97, 7.42), b(3.46, 3.52), b(11.52, 11.93), b(8.41, 9.14), b(4.56, 5.48)),
      Q4: row(b(7.08, 7.73), b(2.46, 3.43), b(12.37, 12.57), b(9.17, 9.77), {
        low: 3.49,
        high: 3.54,
        printed: '3,54 - 3,49',
        inverted: true,
      }),
      FY: row(b(7.0, 7.5), b(3.2, 3.5), b(11.75, 12.1), b(8.6, 9.3), b(4.35, 5.1)),
    },
    actuals: [],
  };
}

/** A scenario shell with the given sectors (ids) and targets. */
export function tableOf(
  sectorIds: readonly string[],
  targets: Scenario['targets'],
  parents: Record<string, string> = {},
): Scenario {
  return {
    id: 'test',
    title: { vi: 'Thử', en: 'Test' },
    region: 'Test',
    year: 2023,
    source: 'test',
    priceBasis: 'test',
    sectors: sectorIds.map((id) => ({
      id,
      name: { vi: id, en: id },
      ...(parents[id] ? { parent: parents[id] } : {}),
    })),
    targets,
    actuals: [],
  };
}
