import { describe, expect, it } from 'vitest';
import { draftScenario } from '../draft/index.ts';
import { loadScenario } from '../scenario/load.ts';
import { appendixCell, appendixGrid, appendixTable } from './appendix.ts';

async function anGiangText(): Promise<string> {
  // Vite's ?raw import: the engine's sources stay free of node: modules.
  const url = '../../../../scenarios/an-giang-2023.yaml?raw';
  return ((await import(/* @vite-ignore */ url)) as { default: string }).default;
}

describe('appendixTable', () => {
  it("prints An Giang 2023's table as the plan publishes it (section II), periods as columns", async () => {
    const { scenario } = loadScenario(await anGiangText());
    const table = appendixTable(scenario, 'vi');
    expect(table.title).toBe('Phụ lục: Kịch bản tăng trưởng GRDP theo quý năm 2023');
    expect(table.subtitle).toBe('Kịch bản tăng trưởng kinh tế năm 2023 tỉnh An Giang');
    expect(table.unit).toBe('Tốc độ tăng so với cùng kỳ năm 2022 (%)');
    // Every band of the plan's section II, typed from the published text: Q1, Q2, Q3, Q4, 6 months, 9 months, year.
    expect(appendixGrid(table)).toEqual([
      ['Chỉ tiêu', 'Quý I', 'Quý II', 'Quý III', 'Quý IV', 'Lũy kế 6 tháng', 'Lũy kế 9 tháng', 'Cả năm'],
      [
        'Tổng GRDP',
        '6,15 – 6,54%',
        '8,14 – 8,70%',
        '7,02 – 7,45%',
        '7,08 – 7,73%',
        '6,94 – 7,40%',
        '6,97 – 7,42%',
        '7,0 – 7,5%',
      ],
      [
        'Nông, lâm nghiệp và thủy sản',
        '2,07 – 2,15%',
        '6,67 – 6,77%',
        '4,17 – 4,20%',
        '2,46 – 3,43%',
        '2,99 – 3,07%',
        '3,46 – 3,52%',
        '3,20 – 3,50%',
      ],
      [
        'Công nghiệp và xây dựng',
        '10,69 – 11,07%',
        '10,43 – 10,93%',
        '13,25 – 13,59%',
        '12,37 – 12,57%',
        '10,56 – 11%',
        '11,52 – 11,93%',
        '11,75 – 12,10%',
      ],
      [
        'Dịch vụ',
        '9,5 – 10,19%',
        '8,06 – 8,76%',
        '7,65 – 8,45%',
        '9,17 – 9,77%',
        '8,79 – 9,48%',
        '8,41 – 9,14%',
        '8,60 – 9,30%',
      ],
      [
        'Thuế sản phẩm trừ trợ cấp sản phẩm',
        '4,48 – 5,40%',
        '4,61 – 5,34%',
        '4,60 – 5,73%',
        // printed "3,54 - 3,49%" (high first): the appendix prints low first
        '3,49 – 3,54%',
        '4,54 – 5,37%',
        '4,56 – 5,48%',
        '4,35 – 5,10%',
      ],
    ]);
    expect(table.rows.map((r) => r.level)).toEqual([0, 1, 1, 1, 1]);
  });

  it('is in English with en-US decimals when lang=en', async () => {
    const { scenario } = loadScenario(await anGiangText());
    const table = appendixTable(scenario, 'en');
    expect(table.title).toBe('Appendix: quarterly GRDP growth scenario for 2023');
    expect(appendixGrid(table)[0]).toEqual([
      'Item',
      'Q1',
      'Q2',
      'Q3',
      'Q4',
      'First 6 months',
      'First 9 months',
      'Full year',
    ]);
    expect(appendixGrid(table)[1]![7]).toBe('7.0 – 7.5%');
    expect(appendixGrid(table)[2]![0]).toBe('Agriculture, forestry and fishery');
  });

  it('prints a drafted table to two decimals, with the version label in the subtitle', async () => {
    const { scenario } = loadScenario(await anGiangText());
    const fy = scenario.targets.FY!;
    const drafted = draftScenario({ ...scenario, targets: { FY: fy }, actuals: [] }, scenario.base!.levels, {
      profile: { kind: 'flat' },
      reconcile: { method: 'shift' },
    }).scenario;
    const table = appendixTable({ ...drafted, version: { label: 'initial' } }, 'vi');
    expect(table.subtitle).toBe('Kịch bản tăng trưởng kinh tế năm 2023 tỉnh An Giang (phiên bản initial)');
    for (const row of table.rows) for (const cell of row.cells) expect(cell).toMatch(/^−?\d+,\d\d( – −?\d+,\d\d)?%$/);
  });
});

describe('appendixCell', () => {
  it('prints points as one figure, a missing band as a dash, and two decimals without printed text', () => {
    expect(appendixCell({ low: 3.09, high: 3.09, printed: '3,09%' }, 'vi')).toBe('3,09%');
    expect(appendixCell({ low: 7, high: 7.5 }, 'vi')).toBe('7,00 – 7,50%');
    expect(appendixCell({ low: -1.5, high: 2 }, 'en')).toBe('−1.50 – 2.00%');
    expect(appendixCell(undefined, 'vi')).toBe('–');
  });
  it('falls back to two decimals when the printed text does not match the figures', () => {
    expect(appendixCell({ low: 7.25, high: 7.5, printed: '7,0 - 7,5%' }, 'vi')).toBe('7,25 – 7,5%');
  });
});
