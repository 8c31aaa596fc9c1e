import { describe, expect, it } from 'vitest';
import type { HistoryRecord } from '../history/schema.ts';
import { backtest, replayInput, scorePredictions, trackRecordOf, trackRecordTable } from './index.ts';

const src = { url: 'https://example.org/a', date: '2020-01-01' };
/** A made-up year: a flat scenario at `mid`, outcomes `q` by quarter and `fy` for the year. */
function year(id: string, y: number, mid: number, q: number[], fy: number, target = 6): HistoryRecord {
  return {
    id,
    region: 'Test',
    level: 'province',
    year: y,
    target: { low: target, high: target, source: src },
    scenarios: [
      {
        label: 'initial',
        published: `${y}-01-05`,
        basedOn: null,
        source: src,
        quarters: {
          Q1: [mid - 0.2, mid + 0.2],
          Q2: [mid - 0.2, mid + 0.2],
          Q3: [mid - 0.2, mid + 0.2],
          Q4: [mid - 0.2, mid + 0.2],
        },
      },
    ],
    outcomes: [
      ...q.map((v, i) => ({ period: `Q${i + 1}` as 'Q1', vintage: 'estimate' as const, value: v, source: src })),
      { period: 'FY', vintage: 'estimate', value: fy, source: src },
    ],
  };
}

const RECORDS = [
  year('a-2019', 2019, 7, [5, 5.5, 6, 6.5], 5.8),
  year('a-2020', 2020, 7, [7.5, 8, 8.2, 8.4], 8),
  year('a-2021', 2021, 7, [6, 6.2, 5.9, 6.1], 6.05),
  year('a-2022', 2022, 7, [7, 7.1, 6.9, 7], 7),
];

describe('backtest', () => {
  it('replays each year as of Q1, H1 and 9M from the growth to date and the scenario’s later quarters', () => {
    const r = replayInput(RECORDS[0]!, 2);
    expect(typeof r).not.toBe('string');
    if (typeof r === 'string') return;
    expect(r.toDate).toBe(5.25);
    expect(r.input.actual!.grdp).toEqual([5.25, 5.25, null, null]);
    expect(r.input.low.grdp![2]).toBeCloseTo(6.8, 12);
  });

  it('scores both models on every point, leaving the scored year out of the fit', () => {
    const report = backtest(RECORDS);
    expect(report.scenarioYears).toBe(4);
    expect(report.models.learned.predictions).toBe(12);
    expect(report.models.band.predictions).toBe(12);
    // the band model is near-certain everywhere; the learned one spreads its bets
    expect(report.models.band.brier).toBeGreaterThan(report.models.learned.brier);
    expect(report.misses.filter((m) => m.model === 'band')[0]!.miss).toBeGreaterThan(0.9);
    const all = backtest(RECORDS, { crossValidate: false });
    expect(all.models.learned.brier).not.toBe(report.models.learned.brier);
  });

  it('computes the Brier score, the log score and the reliability table as defined', () => {
    const p = (probability: number, hit: boolean) =>
      ({
        record: 'x',
        region: 'x',
        year: 2020,
        asOf: 'Q1',
        target: 6,
        outcome: 0,
        hit,
        toDate: 0,
        probability,
      }) as const;
    const s = scorePredictions([p(0.9, true), p(0.2, true), p(1, false)]);
    expect(s.brier).toBeCloseTo((0.01 + 0.64 + 1) / 3, 12);
    expect(s.logScore).toBeCloseTo((-Math.log(0.9) - Math.log(0.2) - Math.log(0.01)) / 3, 12);
    expect(s.reliability[9]).toMatchObject({ predictions: 2, meanProbability: 0.95, observedFrequency: 0.5 });
    expect(s.reliability[2]).toMatchObject({ predictions: 1, observedFrequency: 1 });
    expect(s.reliability[5]).toMatchObject({ predictions: 0, observedFrequency: null });
  });

  it('states a track record from the bin of a probability', () => {
    const report = backtest(RECORDS);
    const table = trackRecordTable(report);
    const tr = trackRecordOf(0.95, 'band', table);
    expect(tr.from).toBe(0.9);
    expect(tr.text.en).toMatch(/^Over 4 past scenario-years, probabilities like this/);
    expect(tr.text.vi).toMatch(/^Trong 4 kịch bản-năm đã qua/);
  });
});
