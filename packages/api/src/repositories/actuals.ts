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

export function createActualsRepository(db: Db) {
  const latest = (trx: Db, scenarioId: string, period: string) =>
    trx
      .selectFrom('actual_revisions')
      .selectAll()
      .where('scenario_id', '=', scenarioId)
      .where('period', '=', period)
      .orderBy('revision', 'desc')
      .limit(1)
      .executeTakeFirst();

  return {
    /** The current revision of a period, or undefined. */
    async get(scenarioId: string, period: Period): Promise<ActualRevision | undefined> {
      const row = await latest(db, scenarioId, period);
      return row && toRevision(row);
    },

    /** Every revision of a period, oldest first. */
    async history(scenarioId: string, period: Period): Promise<ActualRevision[]> {
      const rows = await db
        .selectFrom('actual_revisions')
        .selectAll()
        .where('scenario_id', '=', scenarioId)
        .where('period', '=', period)
        .orderBy('revision', 'asc')
        .execute();
      return rows.map(toRevision);
    },

    /** The current revision of every period that has one. */
    async current(scenarioId: string): Promise<ActualRevision[]> {
      const rows = await db
        .selectFrom('actual_revisions as a')
        .selectAll('a')
        .where('a.scenario_id', '=', scenarioId)
        .where(({ eb, selectFrom }) =>
          eb(
            'a.revision',
            '=',
            selectFrom('actual_revisions as b')
              .select(({ fn }) => fn.max('b.revision').as('m'))
              .whereRef('b.scenario_id', '=', 'a.scenario_id')
              .whereRef('b.period', '=', 'a.period'),
          ),
        )
        .execute();
      return rows.map(toRevision).sort((x, y) => PERIODS.indexOf(x.period) - PERIODS.indexOf(y.period));
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
      if (!isPeriod(period)) throw new ApiError('INPUT_UNKNOWN_PERIOD', `unknown period ${period}`, 'period', 400);
      try {
        return await db.transaction().execute(async (trx) => {
          const scenario = await trx
            .selectFrom('scenarios')
            .select('json')
            .where('id', '=', scenarioId)
            .executeTakeFirst();
          if (!scenario) throw new ApiError('NOT_FOUND', `no scenario ${scenarioId}`);
          const known = new Set([TOTAL, ...(JSON.parse(scenario.json) as Scenario).sectors.map((s) => s.id)]);
          for (const key of Object.keys(input.values))
            if (!known.has(key))
              throw new ApiError(
                'INPUT_UNKNOWN_SECTOR',
                `"${key}" is not total or a sector of ${scenarioId}`,
                `values.${key}`,
                400,
              );
          const current = await latest(trx, scenarioId, period);
          const currentEtag = current && toRevision(current).etag;
          if (current && ifMatch === undefined) throw new ApiError('IF_MATCH_REQUIRED');
          if (ifMatch !== undefined && !ifMatchMatches(ifMatch, currentEtag)) throw new ApiError('STALE_ETAG');
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
          return { revision: toRevision(row), created: !current };
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new ApiError('STALE_ETAG', 'another revision was saved at the same time');
        throw e;
      }
    },
  };
}

export type ActualsRepository = ReturnType<typeof createActualsRepository>;
