import { describe, expect, it } from 'vitest';
import {
  enteredAfter,
  FILE_AUTHOR,
  fileActualsOf,
  historyNumber,
  periodHistory,
  type StoredRevision,
} from './period-history.ts';
import type { Actual } from './types.ts';

const file: { actuals: Actual[] } = {
  actuals: [
    { period: 'FY', vintage: 'estimate', published: '2023-12-31', source: 'Báo cáo năm', values: { total: 7.36 } },
    { period: 'Q1', vintage: 'estimate', values: { total: 6.3 } },
  ],
};

const official = (revision: number, total: number, previous: number | null): StoredRevision => ({
  scenarioId: 'an-giang-2023',
  period: 'FY',
  revision,
  values: { total },
  vintage: 'official',
  note: null,
  author: 'Phòng Tổng hợp',
  createdAt: '2024-03-01T02:00:00.000Z',
  previousValues: previous === null ? null : { total: previous },
  etag: `"e${revision}"`,
});

describe('periodHistory', () => {
  it('reads 7,36 from the file (revision 1, author file), then 6,14 entered (revision 2)', () => {
    const h = periodHistory('an-giang-2023', 'FY', fileActualsOf(file, 'FY'), [official(1, 6.14, null)]);
    expect(h.map((r) => [r.revision, r.origin, r.entered, r.author, r.values.total])).toEqual([
      [1, 'file', null, FILE_AUTHOR, 7.36],
      [2, 'entered', 1, 'Phòng Tổng hợp', 6.14],
    ]);
    expect(h[0]).toMatchObject({ published: '2023-12-31', citation: 'Báo cáo năm', createdAt: null, etag: null });
    expect(historyNumber(file, 'FY', 1)).toBe(h[1]!.revision);
    expect(historyNumber(file, 'Q3', 1)).toBe(1);
    // The entered figure replaced the file's: the history shows what it was.
    expect(h[1]!.previousValues).toEqual({ total: 7.36 });
  });

  it('is the file alone before anything is entered, and the entered revisions alone without file figures', () => {
    expect(periodHistory('x', 'Q1', fileActualsOf(file, 'Q1'), []).map((r) => r.values.total)).toEqual([6.3]);
    const h = periodHistory('x', 'Q3', fileActualsOf(file, 'Q3'), [official(1, 7, null), official(2, 7.1, 7)]);
    expect(h.map((r) => [r.revision, r.entered, r.previousValues])).toEqual([
      [1, 1, null],
      [2, 2, { total: 7 }],
    ]);
  });

  it('pages on the history numbers: after and limit, with the stored page read from enteredAfter', () => {
    const fy = fileActualsOf(file, 'FY');
    const stored = [official(1, 6.14, null), official(2, 6.2, 6.14), official(3, 6.25, 6.2)];
    expect(enteredAfter(fy, 0)).toBe(0);
    expect(enteredAfter(fy, 2)).toBe(1);
    const page = (after: number, limit?: number) =>
      periodHistory('x', 'FY', fy, stored.slice(enteredAfter(fy, after)), {
        after,
        ...(limit !== undefined && { limit }),
      }).map((r) => r.revision);
    expect(page(0, 2)).toEqual([1, 2]);
    expect(page(2, 1)).toEqual([3]);
    expect(page(1)).toEqual([2, 3, 4]);
    expect(page(4)).toEqual([]);
  });
});
