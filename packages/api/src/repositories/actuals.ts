/** Entered actuals: every change is a new revision (who, when, values, previous values, note), never an overwrite. */
import { isPeriod, PERIODS, type Period, type Scenario, TOTAL, type Vintage } from '@grdp/engine';
import { CompiledQuery } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ActualRevisionTable } from '../db/types.ts';
import { ApiError, ifMatchMatches, scenarioNotFound } from '../errors.ts';
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

/** An entered figure whose key is no longer a sector of the scenario (after a replacement drops it). */
export interface OrphanedActual {
  period: Period;
  sector: string;
  value: number;
  /** The current revision of the period that holds it. */
  revision: number;
}

/** One period of an import: the cells the file changes, the values of the new revision, and that revision. */
export interface ImportedPeriod {
  period: Period;
  vintage: Vintage;
  /** The vintage before the import (null: the period had no figures). */
  previousVintage: Vintage | null;
  /** The cells whose value the file changes or adds; `before` null when the cell was empty. */
  changes: { key: string; before: number | null; after: number }[];
  /** Every cell of the period after the import (the file's cells over the current ones). */
  values: Record<string, number>;
  /** The file leaves the period as it is: no revision. */
  unchanged: boolean;
  /** The revision written (null in a dry run, or when unchanged). */
  revision: ActualRevision | null;
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

/** The newest revision row of a period: a primary-key seek. */
function latestQuery(trx: Db, scenarioId: string, period: string) {
  return trx
    .selectFrom('actual_revisions')
    .selectAll()
    .where('scenario_id', '=', scenarioId)
    .where('period', '=', period)
    .orderBy('revision', 'desc')
    .limit(1);
}

/** The newest revision row of a period, or undefined. */
function latest(trx: Db, scenarioId: string, period: string) {
  return latestQuery(trx, scenarioId, period).executeTakeFirst();
}

/**
 * Refuses keys that are not `total` or a sector of the stored scenario (NOT_FOUND without the scenario);
 * returns the stored scenario.
 */
async function checkKeys(trx: Db, scenarioId: string, inputs: readonly ActualInput[]): Promise<Scenario> {
  const scenario = await trx.selectFrom('scenarios').select('json').where('id', '=', scenarioId).executeTakeFirst();
  if (!scenario) throw scenarioNotFound(scenarioId);
  const stored = JSON.parse(scenario.json) as Scenario;
  const known = new Set([TOTAL, ...stored.sectors.map((s) => s.id)]);
  for (const input of inputs)
    for (const key of Object.keys(input.values))
      if (!known.has(key))
        throw new ApiError(
          'INPUT_UNKNOWN_SECTOR',
          `"${key}" is not total or a sector of ${scenarioId}`,
          `values.${key}`,
        );
  return stored;
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

/** Stands for the scenario id in the compiled `current` query; replaced by the real id on every call. */
const SCENARIO_SLOT = '\u0000scenario';

/** The current revision of every period: seven `latest` seeks in one statement. */
function currentRevisionsQuery(db: Db) {
  const seek = (period: Period) => db.selectFrom(latestQuery(db, SCENARIO_SLOT, period).as(`p_${period}`)).selectAll();
  const [first, ...rest] = PERIODS.map(seek);
  return rest.reduce((query, next) => query.unionAll(next), first!).compile();
}

export function createActualsRepository(db: Db) {
  const currentQuery = currentRevisionsQuery(db);
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
     * The current revision of every period that has one, in one statement (one consistent snapshot, no
     * transaction): seven primary-key seeks joined by UNION ALL, so the cost does not grow with the length of the
     * history. The SQL is compiled once per repository; SQLite reuses its prepared statement (see `openDatabase`).
     */
    async current(scenarioId: string, trx: Db = db): Promise<ActualRevision[]> {
      const { rows } = await trx.executeQuery<ActualRevisionTable>(
        CompiledQuery.raw(
          currentQuery.sql,
          currentQuery.parameters.map((p) => (p === SCENARIO_SLOT ? scenarioId : p)),
        ),
      );
      return rows
        .sort((a, b) => PERIODS.indexOf(a.period as Period) - PERIODS.indexOf(b.period as Period))
        .map(toRevision);
    },

    /**
     * The entered figures a replacement of the scenario with these sectors would orphan: each key of a period's
     * current revision that is neither `total` nor in `sectorIds` (tracking and exports would refuse them). With
     * `remove` (in the replacement's transaction `trx`), each such period gets a new revision without those keys,
     * attributed to `remove.author`: the history keeps the figures, the current values drop them.
     */
    async orphans(
      trx: Db,
      scenarioId: string,
      sectorIds: readonly string[],
      remove?: { author: string },
    ): Promise<OrphanedActual[]> {
      const known = new Set([TOTAL, ...sectorIds]);
      const out: OrphanedActual[] = [];
      for (const r of await this.current(scenarioId, trx)) {
        const lost = Object.keys(r.values).filter((k) => !known.has(k));
        if (lost.length === 0) continue;
        for (const sector of lost)
          out.push({ period: r.period, sector, value: r.values[sector]!, revision: r.revision });
        if (remove) {
          const values = Object.fromEntries(Object.entries(r.values).filter(([k]) => known.has(k)));
          const note = `${lost.join(', ')} removed with the sector${lost.length === 1 ? '' : 's'} when the scenario was replaced`;
          await writeRevision(
            trx,
            scenarioId,
            r.period,
            { values, vintage: r.vintage, note },
            remove.author,
            await latest(trx, scenarioId, r.period),
          );
        }
      }
      return out;
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
     * Imports many periods at once, in one transaction. The file names some cells of each period; the new
     * revision holds those and keeps every other cell of the period at its current value (the current revision,
     * or else the scenario file's actual of that period), so the history shows exactly what the file changed.
     * A period whose cells, vintage and note the file leaves as they are gets no revision (importing the same
     * file again writes nothing). No If-Match: an import is a deliberate change, attributed to `author`. With
     * `dryRun` nothing is written and the same plan is returned. Any problem (unknown scenario, period or key;
     * a concurrent writer) rolls back every period.
     */
    async importRevisions(
      scenarioId: string,
      entries: readonly { period: Period; input: ActualInput }[],
      author: string,
      options: { dryRun?: boolean } = {},
    ): Promise<ImportedPeriod[]> {
      for (const { period } of entries)
        if (!isPeriod(period)) throw new ApiError('INPUT_UNKNOWN_PERIOD', `unknown period ${period}`, 'period');
      if (new Set(entries.map((e) => e.period)).size !== entries.length)
        throw new ApiError('BAD_REQUEST', 'one entry per period');
      return inTransaction(db, async (trx) => {
        const scenario = await checkKeys(
          trx,
          scenarioId,
          entries.map((e) => e.input),
        );
        const out: ImportedPeriod[] = [];
        for (const { period, input } of entries) {
          const current = await latest(trx, scenarioId, period);
          const fromFile = [...scenario.actuals].reverse().find((a) => a.period === period);
          const before: Record<string, number> = current
            ? JSON.parse(current.values_json)
            : { ...(fromFile?.values ?? {}) };
          const previousVintage = (current?.vintage as Vintage | undefined) ?? fromFile?.vintage ?? null;
          const changes = Object.entries(input.values)
            .filter(([key, v]) => before[key] !== v)
            .map(([key, after]) => ({ key, before: before[key] ?? null, after }));
          const values = { ...before, ...input.values };
          // A new note on a stored revision is a change too; the scenario file's figures carry no note.
          const noteChanged = current !== undefined && input.note !== undefined && input.note !== current.note;
          const unchanged = changes.length === 0 && previousVintage === input.vintage && !noteChanged;
          const revision =
            unchanged || options.dryRun
              ? null
              : await writeRevision(trx, scenarioId, period, { ...input, values }, author, current);
          out.push({ period, vintage: input.vintage, previousVintage, changes, values, unchanged, revision });
        }
        return out;
      });
    },
  };
}

export type ActualsRepository = ReturnType<typeof createActualsRepository>;
