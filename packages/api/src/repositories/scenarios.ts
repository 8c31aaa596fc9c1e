/** Stored scenarios: the YAML as sent (comments kept), the validated Scenario as JSON, and an ETag per version. */
import { effectiveScenario, type Scenario } from '@grdp/engine';
import type { Db } from '../db/database.ts';
import type { ScenarioTable } from '../db/types.ts';
import { ApiError, ifMatchMatches, OrphanedActualsError } from '../errors.ts';
import type { ActualsRepository } from './actuals.ts';
import { etagOf, isUniqueViolation, now } from './util.ts';

export interface StoredScenario {
  id: string;
  yaml: string;
  scenario: Scenario;
  updatedAt: string;
  updatedBy: string;
  etag: string;
}

export interface ScenarioSummary {
  id: string;
  title: Scenario['title'];
  region: string;
  year: number;
  updatedAt: string;
  updatedBy: string;
  etag: string;
}

function toStored(r: ScenarioTable): StoredScenario {
  return {
    id: r.id,
    yaml: r.yaml,
    scenario: JSON.parse(r.json),
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    etag: r.etag,
  };
}

export function createScenariosRepository(db: Db, actuals: ActualsRepository) {
  const repo = {
    async list(): Promise<ScenarioSummary[]> {
      const rows = await db.selectFrom('scenarios').selectAll().orderBy('id').execute();
      return rows.map((r) => {
        const s = toStored(r);
        const { title, region, year } = s.scenario;
        return { id: s.id, title, region, year, updatedAt: s.updatedAt, updatedBy: s.updatedBy, etag: s.etag };
      });
    },

    async get(id: string): Promise<StoredScenario | undefined> {
      const row = await db.selectFrom('scenarios').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toStored(row);
    },

    async count(): Promise<number> {
      const rows = await db.selectFrom('scenarios').select('id').execute();
      return rows.length;
    },

    /**
     * Creates or replaces a scenario (already validated by the engine loader). With `ifMatch`, an existing scenario
     * must still have that ETag (else STALE_ETAG and nothing changes). A replacement that drops a sector with
     * entered actuals is refused (ACTUALS_ORPHANED, listing them) unless `orphanedActuals` is 'delete': then those
     * figures leave the current values in the same transaction (a new revision per period; the history keeps them).
     */
    async put(
      scenario: Scenario,
      yaml: string,
      author: string,
      ifMatch?: '*' | string[],
      orphanedActuals: 'refuse' | 'delete' = 'refuse',
    ): Promise<{ stored: StoredScenario; created: boolean }> {
      try {
        return await db.transaction().execute(async (trx) => {
          const existing = await trx
            .selectFrom('scenarios')
            .select('etag')
            .where('id', '=', scenario.id)
            .executeTakeFirst();
          if (ifMatch !== undefined && !ifMatchMatches(ifMatch, existing?.etag)) throw new ApiError('STALE_ETAG');
          const json = JSON.stringify(scenario);
          const updatedAt = now();
          const row: ScenarioTable = {
            id: scenario.id,
            yaml,
            json,
            updated_at: updatedAt,
            updated_by: author,
            etag: etagOf(scenario.id, json, yaml, updatedAt),
          };
          if (existing) {
            const sectorIds = scenario.sectors.map((s) => s.id);
            const remove = orphanedActuals === 'delete' ? { author } : undefined;
            const orphaned = await actuals.orphans(trx, scenario.id, sectorIds, remove);
            if (orphaned.length > 0 && !remove) throw new OrphanedActualsError(orphaned);
            const { id: _id, ...rest } = row;
            // Conditional on the ETag read above: a concurrent writer that replaced the row in between (PostgreSQL,
            // READ COMMITTED) makes this update match nothing, instead of silently overwriting its version.
            const r = await trx
              .updateTable('scenarios')
              .set(rest)
              .where('id', '=', scenario.id)
              .where('etag', '=', existing.etag)
              .executeTakeFirst();
            if (Number(r.numUpdatedRows) !== 1)
              throw new ApiError('STALE_ETAG', 'the scenario was replaced at the same time');
          } else {
            await trx.insertInto('scenarios').values(row).execute();
          }
          return { stored: toStored(row), created: !existing };
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new ApiError('STALE_ETAG', 'the scenario was created at the same time');
        throw e;
      }
    },

    /** Deletes a scenario with its actual revisions and what-ifs. False when there was none. */
    async delete(id: string, ifMatch?: '*' | string[]): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const existing = await trx.selectFrom('scenarios').select('etag').where('id', '=', id).executeTakeFirst();
        if (!existing) return false;
        if (ifMatch !== undefined && !ifMatchMatches(ifMatch, existing.etag)) throw new ApiError('STALE_ETAG');
        await trx.deleteFrom('whatifs').where('scenario_id', '=', id).execute();
        await trx.deleteFrom('actual_revisions').where('scenario_id', '=', id).execute();
        await trx.deleteFrom('indicator_actual_revisions').where('scenario_id', '=', id).execute();
        const r = await trx
          .deleteFrom('scenarios')
          .where('id', '=', id)
          .where('etag', '=', existing.etag)
          .executeTakeFirst();
        if (Number(r.numDeletedRows) !== 1)
          throw new ApiError('STALE_ETAG', 'the scenario was replaced at the same time');
        return true;
      });
    },

    /** The scenario as computations should see it: the engine's `effectiveScenario` of the file and the entered revisions. */
    async effectiveScenario(id: string): Promise<Scenario | undefined> {
      const stored = await repo.get(id);
      if (!stored) return undefined;
      return effectiveScenario(stored.scenario, await actuals.current(id));
    },
  };
  return repo;
}

export type ScenariosRepository = ReturnType<typeof createScenariosRepository>;
