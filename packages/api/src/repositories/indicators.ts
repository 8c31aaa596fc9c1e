/**
 * Entered actuals of the main indicators: every change of (scenario, indicator, year) is a new revision (who,
 * when, value, previous value, vintage, publication date, source, note), never an overwrite. The same conflict
 * rules as GRDP actuals: changing an existing year needs its ETag (If-Match); an import is one transaction.
 */
import {
  type Indicator,
  type IndicatorActual,
  indicatorActualProblem,
  type Period,
  type Scenario,
  type Vintage,
} from '@grdp/engine';
import type { Db } from '../db/database.ts';
import type { IndicatorActualRevisionTable } from '../db/types.ts';
import { ApiError, ifMatchMatches } from '../errors.ts';
import { etagOf, isUniqueViolation, now } from './util.ts';

export interface IndicatorActualInput {
  value: number;
  vintage: Vintage;
  published?: string | undefined;
  source?: string | undefined;
  note?: string | undefined;
}

export interface IndicatorActualRevision {
  scenarioId: string;
  indicatorId: string;
  year: number;
  /** Q1..Q4 (the quarter), H1 and 9M (cumulative), FY (the year). */
  period: Period;
  revision: number;
  value: number;
  vintage: Vintage;
  published: string | null;
  source: string | null;
  note: string | null;
  author: string;
  createdAt: string;
  previousValue: number | null;
  etag: string;
}

function toRevision(r: IndicatorActualRevisionTable): IndicatorActualRevision {
  return {
    scenarioId: r.scenario_id,
    indicatorId: r.indicator_id,
    year: Number(r.year),
    period: r.period as Period,
    revision: Number(r.revision),
    value: Number(r.value),
    vintage: r.vintage as Vintage,
    published: r.published,
    source: r.source,
    note: r.note,
    author: r.author,
    createdAt: r.created_at,
    previousValue: r.previous_value === null ? null : Number(r.previous_value),
    etag:
      r.period === 'FY'
        ? etagOf(r.scenario_id, r.indicator_id, String(r.year), r.revision, r.created_at)
        : etagOf(r.scenario_id, r.indicator_id, String(r.year), r.period, r.revision, r.created_at),
  };
}

/** The revision as the engine reads an entered figure. */
export function toIndicatorActual(r: IndicatorActualRevision): IndicatorActual {
  return {
    year: r.year,
    value: r.value,
    vintage: r.vintage,
    ...(r.published === null ? {} : { published: r.published }),
    ...(r.source === null ? {} : { source: r.source }),
    ...(r.note === null ? {} : { note: r.note }),
  };
}

function latest(trx: Db, scenarioId: string, indicatorId: string, year: number, period: Period) {
  return trx
    .selectFrom('indicator_actual_revisions')
    .selectAll()
    .where('scenario_id', '=', scenarioId)
    .where('indicator_id', '=', indicatorId)
    .where('year', '=', year)
    .where('period', '=', period)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Refuses an indicator the stored scenario does not define, and a value its target cannot take (a rank); answers
 * the scenario's indicators.
 */
async function checkEntries(
  trx: Db,
  scenarioId: string,
  entries: readonly { indicatorId: string; input: IndicatorActualInput }[],
): Promise<Indicator[]> {
  const row = await trx.selectFrom('scenarios').select('json').where('id', '=', scenarioId).executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `no scenario ${scenarioId}`);
  const indicators = (JSON.parse(row.json) as Scenario).indicators?.indicators ?? [];
  for (const { indicatorId, input } of entries) {
    const indicator = indicators.find((i) => i.id === indicatorId);
    if (!indicator) throw new ApiError('NOT_FOUND', `no indicator ${indicatorId} in ${scenarioId}`, 'indicator');
    const problem = indicatorActualProblem(
      input.value,
      indicator.target.kind === 'rank' ? indicator.target.of : undefined,
    );
    if (problem) throw new ApiError('VALIDATION', `${indicatorId}: ${problem}`, 'body.value');
  }
  return indicators;
}

/** One (indicator, year) of an import: its value before and after, and the revision written. */
export interface ImportedIndicatorActual {
  indicatorId: string;
  year: number;
  period: Period;
  /** The figure before the import: the current revision, else the scenario file's actual; null when none. */
  before: number | null;
  after: number;
  previousVintage: Vintage | null;
  vintage: Vintage;
  /** The file leaves the figure as it is (value, vintage, and any publication date, source or note it gives). */
  unchanged: boolean;
  /** The revision written (null in a dry run, or when unchanged). */
  revision: IndicatorActualRevision | null;
}

async function writeRevision(
  trx: Db,
  scenarioId: string,
  indicatorId: string,
  year: number,
  period: Period,
  input: IndicatorActualInput,
  author: string,
  current: IndicatorActualRevisionTable | undefined,
): Promise<IndicatorActualRevision> {
  const row: IndicatorActualRevisionTable = {
    scenario_id: scenarioId,
    indicator_id: indicatorId,
    year,
    period,
    revision: current ? Number(current.revision) + 1 : 1,
    value: String(input.value),
    vintage: input.vintage,
    published: input.published ?? null,
    source: input.source ?? null,
    note: input.note ?? null,
    author,
    created_at: now(),
    previous_value: current ? current.value : null,
  };
  await trx.insertInto('indicator_actual_revisions').values(row).execute();
  return toRevision(row);
}

async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(work);
  } catch (e) {
    if (isUniqueViolation(e)) throw new ApiError('STALE_ETAG', 'another revision was saved at the same time');
    throw e;
  }
}

export function createIndicatorsRepository(db: Db) {
  return {
    async get(
      scenarioId: string,
      indicatorId: string,
      year: number,
      period: Period = 'FY',
    ): Promise<IndicatorActualRevision | undefined> {
      const row = await latest(db, scenarioId, indicatorId, year, period);
      return row && toRevision(row);
    },

    /** Every revision of one indicator's year and period, oldest first. */
    async history(
      scenarioId: string,
      indicatorId: string,
      year: number,
      period: Period = 'FY',
    ): Promise<IndicatorActualRevision[]> {
      const rows = await db
        .selectFrom('indicator_actual_revisions')
        .selectAll()
        .where('scenario_id', '=', scenarioId)
        .where('indicator_id', '=', indicatorId)
        .where('year', '=', year)
        .where('period', '=', period)
        .orderBy('revision', 'asc')
        .execute();
      return rows.map(toRevision);
    },

    /** The current revision of every (indicator, year, period) of a scenario. */
    async current(scenarioId: string): Promise<IndicatorActualRevision[]> {
      const rows = await db
        .selectFrom('indicator_actual_revisions')
        .selectAll()
        .where('scenario_id', '=', scenarioId)
        .orderBy('indicator_id')
        .orderBy('year')
        .orderBy('period')
        .orderBy('revision')
        .execute();
      const last = new Map<string, IndicatorActualRevisionTable>();
      for (const r of rows) last.set(`${r.indicator_id}\u0000${r.year}\u0000${r.period}`, r);
      return [...last.values()].map(toRevision);
    },

    /** Records a new revision; an existing year needs `ifMatch` (missing → 428, stale → 409, nothing changes). */
    async put(
      scenarioId: string,
      indicatorId: string,
      year: number,
      input: IndicatorActualInput,
      author: string,
      ifMatch: '*' | string[] | undefined,
      period: Period = 'FY',
    ): Promise<{ revision: IndicatorActualRevision; created: boolean }> {
      return inTransaction(db, async (trx) => {
        await checkEntries(trx, scenarioId, [{ indicatorId, input }]);
        const current = await latest(trx, scenarioId, indicatorId, year, period);
        const currentEtag = current && toRevision(current).etag;
        if (current && ifMatch === undefined) throw new ApiError('IF_MATCH_REQUIRED');
        if (ifMatch !== undefined && !ifMatchMatches(ifMatch, currentEtag)) throw new ApiError('STALE_ETAG');
        const revision = await writeRevision(trx, scenarioId, indicatorId, year, period, input, author, current);
        return { revision, created: !current };
      });
    },

    /**
     * Imports many (indicator, year) figures at once, in one transaction, each a new revision on top of its current
     * one (no If-Match: an import is a deliberate overwrite). A figure the file leaves as it is gets no revision, so
     * importing the same file again writes nothing. With `dryRun` nothing is written and the same plan is returned.
     * Any problem rolls back every entry.
     */
    async importRevisions(
      scenarioId: string,
      entries: readonly { indicatorId: string; year: number; period?: Period; input: IndicatorActualInput }[],
      author: string,
      options: { dryRun?: boolean } = {},
    ): Promise<ImportedIndicatorActual[]> {
      const keys = new Set(entries.map((e) => `${e.indicatorId}\u0000${e.year}\u0000${e.period ?? 'FY'}`));
      if (keys.size !== entries.length) throw new ApiError('BAD_REQUEST', 'one entry per indicator, year and period');
      return inTransaction(db, async (trx) => {
        const indicators = await checkEntries(trx, scenarioId, entries);
        const out: ImportedIndicatorActual[] = [];
        for (const { indicatorId, year, period = 'FY', input } of entries) {
          const current = await latest(trx, scenarioId, indicatorId, year, period);
          // The scenario file's actuals are year figures.
          const fromFile =
            current || period !== 'FY'
              ? undefined
              : [...(indicators.find((i) => i.id === indicatorId)?.actuals ?? [])]
                  .reverse()
                  .find((a) => a.year === year);
          const before = current ? Number(current.value) : (fromFile?.value ?? null);
          const previousVintage = (current?.vintage as Vintage | undefined) ?? fromFile?.vintage ?? null;
          const same = (given: string | undefined, stored: string | null | undefined) =>
            given === undefined || given === (stored ?? undefined);
          const unchanged =
            before === input.value &&
            previousVintage === input.vintage &&
            same(input.published, current ? current.published : fromFile?.published) &&
            same(input.source, current ? current.source : fromFile?.source) &&
            same(input.note, current ? current.note : fromFile?.note);
          const revision =
            unchanged || options.dryRun
              ? null
              : await writeRevision(trx, scenarioId, indicatorId, year, period, input, author, current);
          out.push({
            indicatorId,
            year,
            period,
            before,
            after: input.value,
            previousVintage,
            vintage: input.vintage,
            unchanged,
            revision,
          });
        }
        return out;
      });
    },
  };
}

export type IndicatorsRepository = ReturnType<typeof createIndicatorsRepository>;
