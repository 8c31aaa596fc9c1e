/** Entered actuals: every change is a new revision (who, when, values, previous values, note), never an overwrite. */
import { isPeriod, PERIODS, type Period, type Scenario, TOTAL, type Vintage } from '@grdp/engine';
import type { Db } from '../db/database.ts';
import type { ActualRevisionTable } from '../db/types.ts';
import { ApiError, ifMatchMatches } from '../errors.ts';
import { etagOf, isUniqueViolation, now } from './util.ts';

export interface ActualInput {
  values: Record<string, number>;
  vintage: Vintage;
  note?: string | undefined;
}

export interface ActualRevision {
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

function toRevision(r: ActualRevisionTable): ActualRevision {
  return {
    scenarioId: r.scenario_id,
    period: r.period as Period,
    revision: Number(r.revision),
    values: JSON.parse(r.values_json),
    vintage: r.vintage as Vintage,
    note: r.note,
    author: r.author,
    createdAt: r.created_at,
    previousValues: r.previous_values_json === null ? null : JSON.parse(r.previous_values_json),
    etag: etagOf(r.scenario_id, r.period, r.revision, r.created_at),
  };
}

/** The newest revision row of a period, or undefined. */
function latest(trx: Db, scenarioId: string, period: string) {
  return trx
    .selectFrom('actual_revisions')
    .selectAll()
    .where('scenario_id', '=', scenarioId)
    .where('period', '=', period)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Refuses keys that are not `total` or a sector of the stored scenario (NOT_FOUND without the scenario). */
async function checkKeys(trx: Db, scenarioId: string, inputs: readonly ActualInput[]): Promise<void> {
  const scenario = await trx.selectFrom('scenarios').select('json').where('id', '=', scenarioId).executeTakeFirst();
  if (!scenario) throw new ApiError('NOT_FOUND', `no scenario ${scenarioId}`);
  const known = new Set([TOTAL, ...(JSON.parse(scenario.json) as Scenario).sectors.map((s) => s.id)]);
  for (const input of inputs)
    for (const key of Object.keys(input.values))
      if (!known.has(key))
        throw new ApiError(
          'INPUT_UNKNOWN_SECTOR',
          `"${key}" is not total or a sector of ${scenarioId}`,
          `values.${key}`,
        );
}

/** Inserts the revision after `current` (or the first one) and returns it. */
async function writeRevision(
  trx: Db,
  scenarioId: string,
  period: Period,
  input: ActualInput,
  author: string,
  current: ActualRevisionTable | undefined,
): Promise<ActualRevision> {
  const row: ActualRevisionTable = {
    scenario_id: scenarioId,
    period,
    revision: current ? Number(current.revision) + 1 : 1,
    values_json: JSON.stringify(input.values),
    vintage: input.vintage,
    note: input.note ?? null,
    author,
    created_at: now(),
    previous_values_json: current ? current.values_json : null,
  };
  await trx.insertInto('actual_revisions').values(row).execute();
  return toRevision(row);
}

/** Runs `work` in a transaction; a concurrent writer's revision (unique violation) becomes STALE_ETAG. */
async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(work);
  } catch (e) {
    if (isUniqueViolation(e)) throw new ApiError('STALE_ETAG', 'another revision was saved at the same time');
    throw e;
  }
}

export function createActualsRepository(db: Db) {
  return {
    /** The current revision of a period, or undefined. */
    async get(scenarioId: string, period: Period): Promise<ActualRevision | undefined> {
      const row = await latest(db, scenarioId, period);
      return row && toRevision(row);
    },

    /** Every revision of a period, oldest first; `after` and `limit` page through a long history. */
    async history(
      scenarioId: string,
      period: Period,
      page: { after?: number; limit?: number } = {},
    ): Promise<ActualRevision[]> {
      let query = db
        .selectFrom('actual_revisions')
        .selectAll()
        .where('scenario_id', '=', scenarioId)
        .where('period', '=', period)
        .where('revision', '>', page.after ?? 0)
        .orderBy('revision', 'asc');
      if (page.limit !== undefined) query = query.limit(page.limit);
      const rows = await query.execute();
      return rows.map(toRevision);
    },

    /**
     * The current revision of every period that has one: one primary-key seek per period (there are seven),
     * in one read transaction, so the cost does not grow with the length of the history.
     */
    async current(scenarioId: string): Promise<ActualRevision[]> {
      const rows = await db
        .transaction()
        .execute((trx) => Promise.all(PERIODS.map((period) => latest(trx, scenarioId, period))));
      return rows.filter((r) => r !== undefined).map(toRevision);
    },

    /**
     * Records a new revision. An existing period needs `ifMatch` (its current ETag): missing → IF_MATCH_REQUIRED,
     * different → STALE_ETAG, and nothing changes. Keys must be `total` or a sector of the scenario.
     */
    async put(
      scenarioId: string,
      period: Period,
      input: ActualInput,
      author: string,
      ifMatch: '*' | string[] | undefined,
    ): Promise<{ revision: ActualRevision; created: boolean }> {
      if (!isPeriod(period)) throw new ApiError('INPUT_UNKNOWN_PERIOD', `unknown period ${period}`, 'period');
      return inTransaction(db, async (trx) => {
        await checkKeys(trx, scenarioId, [input]);
        const current = await latest(trx, scenarioId, period);
        const currentEtag = current && toRevision(current).etag;
        if (current && ifMatch === undefined) throw new ApiError('IF_MATCH_REQUIRED');
        if (ifMatch !== undefined && !ifMatchMatches(ifMatch, currentEtag)) throw new ApiError('STALE_ETAG');
        return { revision: await writeRevision(trx, scenarioId, period, input, author, current), created: !current };
      });
    },

    /**
     * Imports many periods at once, in one transaction: each period gets a new revision on top of its current
     * one (no If-Match: an import is a deliberate overwrite, attributed to `author`). Any problem (unknown
     * scenario, period or key; a concurrent writer) rolls back every period.
     */
    async importRevisions(
      scenarioId: string,
      entries: readonly { period: Period; input: ActualInput }[],
      author: string,
    ): Promise<ActualRevision[]> {
      for (const { period } of entries)
        if (!isPeriod(period)) throw new ApiError('INPUT_UNKNOWN_PERIOD', `unknown period ${period}`, 'period');
      if (new Set(entries.map((e) => e.period)).size !== entries.length)
        throw new ApiError('BAD_REQUEST', 'one entry per period');
      return inTransaction(db, async (trx) => {
        await checkKeys(
          trx,
          scenarioId,
          entries.map((e) => e.input),
        );
        const out: ActualRevision[] = [];
        for (const { period, input } of entries)
          out.push(await writeRevision(trx, scenarioId, period, input, author, await latest(trx, scenarioId, period)));
        return out;
      });
    },
  };
}

export type ActualsRepository = ReturnType<typeof createActualsRepository>;
