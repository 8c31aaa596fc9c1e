/** Stored scenarios: the YAML as sent (comments kept), the validated Scenario as JSON, and an ETag per version. */
import { effectiveScenario, type Scenario } from '@grdp/engine';
import type { Db } from '../db/database.ts';
import type { ScenarioTable, ScenarioVersionTable } from '../db/types.ts';
import { ApiError, ifMatchMatches, OrphanedActualsError, scenarioNotFound } from '../errors.ts';
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

/** One version of a scenario, without its content. */
export interface ScenarioVersionInfo {
  number: number;
  /** When it was stored (ISO time). */
  createdAt: string;
  author: string;
  /** The file's version label (initial, adjusted-Q2…), or null. */
  label: string | null;
  /** The day the version was issued (the file's version.date), or null. */
  date: string | null;
  note: string | null;
  /** The number of the version it adjusts, or null. */
  parent: number | null;
  /** True for the version tracking and every computation use (the latest). */
  current: boolean;
}

export interface StoredScenarioVersion extends ScenarioVersionInfo {
  yaml: string;
  scenario: Scenario;
}

/** What a new version records besides its content: its note and the version it adjusts. */
export interface VersionOptions {
  note?: string;
  /** The version this one adjusts; it must still be the current one (else STALE_ETAG and nothing changes). */
  parent?: number;
}

/** How a write treats entered actuals of sectors it drops, and what its new version records. */
export interface PutOptions extends VersionOptions {
  /** 'refuse' (default): ACTUALS_ORPHANED; 'delete': those figures leave the current values in the same change. */
  orphanedActuals?: 'refuse' | 'delete';
}

function toVersionInfo(r: ScenarioVersionTable, latest: number): ScenarioVersionInfo {
  return {
    number: Number(r.number),
    createdAt: r.created_at,
    author: r.author,
    label: r.label,
    date: r.issued,
    note: r.note,
    parent: r.parent === null ? null : Number(r.parent),
    current: Number(r.number) === latest,
  };
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

    /** The stored scenario, or NOT_FOUND (`scenarioNotFound`). */
    async require(id: string): Promise<StoredScenario> {
      const stored = await repo.get(id);
      if (!stored) throw scenarioNotFound(id);
      return stored;
    },

    async count(): Promise<number> {
      const rows = await db.selectFrom('scenarios').select('id').execute();
      return rows.length;
    },

    /**
     * Creates or replaces a scenario (already validated by the engine loader). With `ifMatch`, an existing scenario
     * must still have that ETag (else STALE_ETAG and nothing changes). A replacement that drops a sector with
     * entered actuals is refused (ACTUALS_ORPHANED, listing them) unless `options.orphanedActuals` is 'delete': then those
     * figures leave the current values in the same transaction (a new revision per period; the history keeps them).
     */
    async put(
      scenario: Scenario,
      yaml: string,
      author: string,
      ifMatch?: '*' | string[],
      options: PutOptions = {},
    ): Promise<{ stored: StoredScenario; created: boolean; version: number }> {
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
            const remove = options.orphanedActuals === 'delete' ? { author } : undefined;
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
          // Every new content is a version; the same content again (a repeated PUT) is not a new one.
          const last = await trx
            .selectFrom('scenario_versions')
            .select(['number', 'yaml', 'json'])
            .where('scenario_id', '=', scenario.id)
            .orderBy('number', 'desc')
            .limit(1)
            .executeTakeFirst();
          const lastNumber = last ? Number(last.number) : 0;
          if (options.parent !== undefined && options.parent !== lastNumber)
            throw new ApiError('STALE_ETAG', `version ${options.parent} is no longer the current one`);
          let number = lastNumber;
          if (!last || last.yaml !== yaml || last.json !== json || options.parent !== undefined) {
            number = lastNumber + 1;
            await trx
              .insertInto('scenario_versions')
              .values({
                scenario_id: scenario.id,
                number,
                yaml,
                json,
                label: scenario.version?.label ?? null,
                issued: scenario.version?.date ?? null,
                note: options.note ?? scenario.version?.note ?? null,
                parent: options.parent ?? null,
                author,
                created_at: updatedAt,
              })
              .execute();
          }
          return { stored: toStored(row), created: !existing, version: number };
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
        await trx.deleteFrom('scenario_versions').where('scenario_id', '=', id).execute();
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

    /** The versions of a scenario, oldest first; undefined when there is no such scenario. */
    async versions(id: string): Promise<ScenarioVersionInfo[] | undefined> {
      return db.transaction().execute(async (trx) => {
        const exists = await trx.selectFrom('scenarios').select('id').where('id', '=', id).executeTakeFirst();
        if (!exists) return undefined;
        const rows = await trx
          .selectFrom('scenario_versions')
          .selectAll()
          .where('scenario_id', '=', id)
          .orderBy('number')
          .execute();
        const latest = Math.max(0, ...rows.map((r) => Number(r.number)));
        return rows.map((r) => toVersionInfo(r, latest));
      });
    },

    /** One version with its content; undefined when the scenario or the version does not exist. */
    async version(id: string, number: number): Promise<StoredScenarioVersion | undefined> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('scenario_versions')
          .selectAll()
          .where('scenario_id', '=', id)
          .where('number', '=', number)
          .executeTakeFirst();
        if (!row) return undefined;
        const latest = await trx
          .selectFrom('scenario_versions')
          .select((eb) => eb.fn.max('number').as('n'))
          .where('scenario_id', '=', id)
          .executeTakeFirst();
        return {
          ...toVersionInfo(row, Number(latest?.n ?? 0)),
          yaml: row.yaml,
          scenario: JSON.parse(row.json),
        };
      });
    },

    /** The scenario as computations should see it: the engine's `effectiveScenario` of the file and the entered revisions. */
    async effectiveScenario(id: string): Promise<Scenario | undefined> {
      // Only the parsed form: the YAML text (about 18 KB for An Giang) is not read for a computation.
      const row = await db.selectFrom('scenarios').select('json').where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      return effectiveScenario(JSON.parse(row.json) as Scenario, await actuals.current(id));
    },

    /** The effective scenario, or NOT_FOUND (`scenarioNotFound`): what every computation over a stored id starts from. */
    async requireEffective(id: string): Promise<Scenario> {
      const scenario = await repo.effectiveScenario(id);
      if (!scenario) throw scenarioNotFound(id);
      return scenario;
    },
  };
  return repo;
}

export type ScenariosRepository = ReturnType<typeof createScenariosRepository>;
