import { readFileSync } from 'node:fs';
import { actualTable, evaluate, loadScenario, type Scenario } from '@grdp/engine';
import { describe, expect, it } from 'vitest';
import { bandInput } from './band.ts';
import { contributionsFromActuals, contributionsFromMid } from './contributions.ts';
import { fanInput } from './fan.ts';

const yaml = readFileSync(new URL('../../../../scenarios/an-giang-2023.yaml', import.meta.url), 'utf8');
const scenario: Scenario = loadScenario(yaml, { file: 'an-giang-2023.yaml' }).scenario;
const base = scenario.base!.levels;
const table = actualTable(scenario, base);

describe('chart inputs', () => {
  it('band: the targets and the actual table (published and derived) of one key', () => {
    const input = bandInput(scenario, table, 'total');
    expect(input.bands.find((b) => b.period === 'FY')).toEqual({ period: 'FY', low: 7, high: 7.5 });
    expect(input.actuals.find((a) => a.period === 'FY')).toMatchObject({
      value: 7.36,
      vintage: 'estimate',
      derived: false,
    });
    // Q2 is derived from H1 and Q1.
    expect(input.actuals.find((a) => a.period === 'Q2')?.derived).toBe(true);
  });

  it("band with an earlier version: that version's bands of the same key, under the legend's name", () => {
    const earlier = { ...scenario, targets: { Q3: { total: { low: 7.1, high: 7.6 } } } } as unknown as Scenario;
    const input = bandInput(scenario, table, 'total', { label: 'Phiên bản 1', scenario: earlier });
    expect(input.bands).toEqual(bandInput(scenario, table, 'total').bands);
    expect(input.earlier).toEqual({ label: 'Phiên bản 1', bands: [{ period: 'Q3', low: 7.1, high: 7.6 }] });
    expect(bandInput(scenario, table, 'total').earlier).toBeUndefined();
  });

  it('contributions from actuals: only periods with every sector, the total chart figure as total', () => {
    const input = contributionsFromActuals(scenario, base, table);
    expect(input.rows.map((r) => r.period)).toEqual(['Q1', 'Q2', 'H1', 'FY']);
    const fy = input.rows.find((r) => r.period === 'FY')!;
    expect(fy.total).toBe(7.36);
    const sum = Object.values(fy.contributions).reduce((a, b) => a + b, 0);
    expect(fy.sum).toBeCloseTo(sum, 9);
    expect(fy.sum!.toFixed(3)).toBe('7.369');
  });

  it('contributions from the mid path: every period, contributions adding up to the total', () => {
    const input = contributionsFromMid(scenario, base);
    expect(input.rows).toHaveLength(7);
    for (const row of input.rows) {
      const sum = Object.values(row.contributions).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(row.total, 9);
    }
    expect(evaluate).toBeTypeOf('function');
  });

  it('fan: quantiles only for the periods actuals do not fix, and the total bands', () => {
    const input = fanInput(scenario, base);
    expect(input.quantiles.map((q) => q.period)).toEqual(['Q3', '9M', 'Q4', 'FY']);
    expect(input.bands).toHaveLength(7);
  });
});
