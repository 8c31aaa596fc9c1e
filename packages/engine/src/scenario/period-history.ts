/**
 * The history of one period: every figure ever shown for it. The scenario file's own actuals of the period come
 * first (revision 1, and 2… when the file prints several vintages), author `file`; the revisions entered since
 * (the API's, by PUT or import) follow, numbered on. The API's history route answers this and the web's history
 * table shows it: the rule lives here only.
 */
import type { Period } from '../periods.ts';
import type { Actual, Scenario, Vintage } from './types.ts';

/** The author of the scenario file's figures in a history. */
export const FILE_AUTHOR = 'file';

/** A stored (entered) revision as the API keeps it: numbered from 1 among the entered ones. */
export interface StoredRevision {
  scenarioId: string;
  period: Period;
  revision: number;
  values: Record<string, number>;
  vintage: Vintage;
  note: string | null;
  author: string;
  createdAt: string;
  previousValues: Record<string, number> | null;
  etag: string;
}

/** One line of a period's history. */
export interface HistoryRevision {
  scenarioId: string;
  period: Period;
  /** The place in the history: the file's figures are 1 (and on), an entered revision its number plus theirs. */
  revision: number;
  /** `file`: printed in the scenario file; `entered`: an entered revision (its own number is `entered`). */
  origin: 'file' | 'entered';
  /** The entered revision's own number (as GET …/actuals/:period gives it); null for the file's figures. */
  entered: number | null;
  values: Record<string, number>;
  vintage: Vintage;
  note: string | null;
  author: string;
  /** When it was entered (ISO date-time); null for the file's figures. */
  createdAt: string | null;
  /** The file's publication date (YYYY-MM-DD); null for an entered revision. */
  published: string | null;
  /** The file's citation of its source; null for an entered revision. */
  citation: string | null;
  /** The values this line replaced (the line before it); null for the first line. */
  previousValues: Record<string, number> | null;
  /** The entered revision's ETag; null for the file's figures (they cannot be changed in place). */
  etag: string | null;
}

/** The scenario file's actuals of one period, in file order. */
export function fileActualsOf(scenario: Pick<Scenario, 'actuals'>, period: Period): Actual[] {
  return scenario.actuals.filter((a) => a.period === period);
}

/**
 * The number an entered revision has in its period's history (the file's figures count first). Every surface that
 * names a revision to a reader (the history, "saved as revision N", an import's result) numbers it with this.
 */
export function historyNumber(scenario: Pick<Scenario, 'actuals'>, period: Period, entered: number): number {
  return entered + fileActualsOf(scenario, period).length;
}

/** Paging: the entered revisions to read for the history lines after `after` (stored numbers are after this). */
export function enteredAfter(fileActuals: readonly Actual[], after = 0): number {
  return Math.max(0, after - fileActuals.length);
}

/**
 * A period's history, oldest first: the file's figures, then the entered revisions. `entered` are the stored
 * revisions of the period from `enteredAfter(fileActuals, page.after)` on (or all of them), oldest first; `page`
 * keeps the lines after `after`, at most `limit`.
 *
 * @example
 * periodHistory('an-giang-2023', 'FY', fileActualsOf(anGiang, 'FY'), [official614])
 * // revision 1: 7,36 estimate, author file; revision 2: 6,14 official, previousValues {total: 7.36, …}
 */
export function periodHistory(
  scenarioId: string,
  period: Period,
  fileActuals: readonly Actual[],
  entered: readonly StoredRevision[],
  page: { after?: number; limit?: number } = {},
): HistoryRevision[] {
  const lines: HistoryRevision[] = fileActuals.map((a, i) => ({
    scenarioId,
    period,
    revision: i + 1,
    origin: 'file',
    entered: null,
    values: { ...a.values },
    vintage: a.vintage,
    note: a.note ?? null,
    author: FILE_AUTHOR,
    createdAt: null,
    published: a.published ?? null,
    citation: a.source ?? null,
    previousValues: i === 0 ? null : { ...fileActuals[i - 1]!.values },
    etag: null,
  }));
  const lastFile = fileActuals.at(-1);
  for (const r of entered)
    lines.push({
      scenarioId: r.scenarioId,
      period: r.period,
      revision: r.revision + fileActuals.length, // = historyNumber(scenario, period, r.revision)
      origin: 'entered',
      entered: r.revision,
      values: r.values,
      vintage: r.vintage,
      note: r.note,
      author: r.author,
      createdAt: r.createdAt,
      published: null,
      citation: null,
      // The first entered revision replaced the file's figures.
      previousValues: r.previousValues ?? (r.revision === 1 && lastFile ? { ...lastFile.values } : null),
      etag: r.etag,
    });
  const after = page.after ?? 0;
  const kept = lines.filter((l) => l.revision > after);
  return page.limit === undefined ? kept : kept.slice(0, page.limit);
}
