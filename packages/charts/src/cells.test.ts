import { describe, expect, it } from 'vitest';
import { csvNumber, tableCells, tableCsv } from './cells.ts';
import { bandTable, contributionsTable } from './tables.ts';
import type { BandChartInput, ContributionsChartInput } from './types.ts';

const band: BandChartInput = {
  key: 'total',
  bands: [
    { period: 'Q1', low: 6.15, high: 6.54 },
    { period: 'FY', low: 7, high: 7.5 },
  ],
  actuals: [
    { period: 'Q1', value: 6.3, vintage: 'estimate' },
    { period: 'Q2', value: 6.6849999, vintage: 'estimate', derived: true },
  ],
};

describe('data tables', () => {
  it('band table: {title, columns, rows} with low, high, actual and the vintage; null where nothing', () => {
    const table = bandTable(band, 'quarterly', 'en', 'GRDP total — quarterly');
    expect(table.columns.map((c) => c.key)).toEqual(['low', 'high', 'actual']);
    expect(table.rows[0]).toEqual({
      period: 'Q1',
      label: 'Q1',
      values: { low: 6.15, high: 6.54, actual: 6.3 },
      vintage: 'estimate',
      derived: false,
    });
    expect(table.rows[1]).toMatchObject({ values: { low: null, high: null, actual: 6.6849999 }, derived: true });
    expect(table.rows[3]!.values).toEqual({ low: null, high: null, actual: null });
  });

  it("band table with an earlier version's band: two more columns named after it", () => {
    const table = bandTable(
      { ...band, earlier: { label: 'Phiên bản 1', bands: [{ period: 'Q1', low: 5.9, high: 6.2 }] } },
      'quarterly',
      'vi',
      't',
    );
    expect(table.columns.slice(3)).toEqual([
      { key: 'earlierLow', label: 'Phiên bản 1: Thấp (%)' },
      { key: 'earlierHigh', label: 'Phiên bản 1: Cao (%)' },
    ]);
    expect(table.rows[0]!.values).toMatchObject({ earlierLow: 5.9, earlierHigh: 6.2 });
    expect(table.rows[1]!.values).toMatchObject({ earlierLow: null, earlierHigh: null });
  });

  it('cells: vi-VN numbers at 2 decimals, "–" where none, the vintage (derived marked)', () => {
    const cells = tableCells(bandTable(band, 'quarterly', 'vi', 't'), 'vi');
    expect(cells.head).toEqual(['Kỳ', 'Thấp (%)', 'Cao (%)', 'Thực hiện (%)', 'Loại số liệu']);
    expect(cells.rows[0]).toEqual(['Quý I', '6,15', '6,54', '6,30', 'Ước tính']);
    expect(cells.rows[1]).toEqual(['Quý II', '–', '–', '6,68', 'Ước tính (suy ra)']);
  });

  it('CSV: vi with ; and decimal commas, en with , and points; BOM, CRLF, quoted where needed', () => {
    const vi = tableCsv(bandTable(band, 'quarterly', 'vi', 't'), 'vi');
    expect(vi.startsWith('\uFEFFKỳ;Thấp (%);Cao (%);Thực hiện (%);Loại số liệu\r\n')).toBe(true);
    expect(vi).toContain('\r\nQuý I;6,15;6,54;6,30;Ước tính\r\n');
    expect(vi).toContain('\r\nQuý IV;;;;\r\n');
    const en = tableCsv(bandTable(band, 'cumulative', 'en', 't'), 'en');
    expect(en).toContain('\r\nFull year,7.00,7.50,,\r\n');
    expect(csvNumber(1234.567, 'vi')).toBe('1234,57');
    expect(csvNumber(1234.567, 'en')).toBe('1234.57');
    expect(csvNumber(null, 'en')).toBe('');
  });

  it('contributions table: sector columns and total; a note where the contributions miss the total', () => {
    const input: ContributionsChartInput = {
      sectors: [{ key: 'agriculture' }, { key: 'services' }],
      rows: [
        { period: 'Q1', contributions: { agriculture: 1, services: 5.3 }, total: 6.3, sum: 6.3 },
        { period: 'FY', contributions: { agriculture: 1.2, services: 6.17 }, total: 7.36, sum: 7.37 },
      ],
    };
    const table = contributionsTable(input, 'cumulative', 'en', 'Contributions');
    expect(table.columns.map((c) => c.key)).toEqual(['agriculture', 'services', 'total']);
    expect(table.rows[1]!.values).toEqual({ agriculture: null, services: null, total: null });
    expect(table.rows[3]!.values).toEqual({ agriculture: 1.2, services: 6.17, total: 7.36 });
    expect(table.notes).toEqual([expect.stringMatching(/^Full year: .*7\.37%.*7\.36%/)]);
    const csv = tableCsv(table, 'en');
    expect(csv.trimEnd().split('\r\n').at(-1)).toMatch(/^Full year: .*7\.37%/);
    // A cell with the separator in it is quoted.
    expect(
      tableCsv({ ...table, notes: ['a, b'] }, 'en')
        .trimEnd()
        .split('\r\n')
        .at(-1),
    ).toBe('"a, b"');
  });
});
