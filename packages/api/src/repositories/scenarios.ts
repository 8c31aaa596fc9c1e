/** Stored scenarios: the YAML as sent (comments kept), the validated Scenario as JSON, and an ETag per version. */
import { effectiveScenario, PERIODS, type Scenario } from '@grdp/engine';
import { CompiledQuery, sql } from 'kysely';
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

/** Stands for the scenario id in the compiled `stateQuery`; replaced by the real id on every call. */
const ID_SLOT = '\u0000scenario-id';

/**
 * What the effective scenario is made of, in one row: the scenario's ETag (a hash of its id, JSON, YAML and
 * update time: it changes with every write of the scenario) and, for each period in PERIODS order, the current
 * actual revision as `created_at || revision` (null without one). Revisions are never updated, only added (and
 * removed with their scenario), so this changes with every write that can change the effective scenario. One
 * statement (one snapshot) of eight primary-key seeks, compiled once.
 */
function stateQuery(db: Db): CompiledQuery {
  return db
    .selectFrom('scenarios as s')
    .select('s.etag')
    .select((eb) =>
      PERIODS.map((period, i) =>
        eb
          .selectFrom('actual_revisions as a')
          .select(sql<string>`a.created_at || a.revision`.as('k'))
          .whereRef('a.scenario_id', '=', 's.id')
          .where('a.period', '=', period)
          .orderBy('a.revision', 'desc')
          .limit(1)
          .as(`p${i}`),
      ),
    )
    .where('s.id', '=', ID_SLOT)
    .compile();
}

/** The `stateQuery` key of a row: the ETag and the current revision of every period. */
const stateKey = (row: Record<string, unknown>) =>
  [row.etag, ...PERIODS.map((_, i) => row[`p${i}`] ?? '')].join('\u0000');

/** Freezes a parsed scenario and everything in it: the cached one is shared by every request that reads it. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Effective scenarios kept at most (the least recently stored are dropped first). */
const EFFECTIVE_CACHE_SIZE = 64;

export function createScenariosRepository(db: Db, actuals: ActualsRepository) {
  const state = stateQuery(db);
  const idSlot = state.parameters.indexOf(ID_SLOT);
  /**
   * Parsed effective scenarios (the input of a computation, never its result) by id, each with the `stateQuery`
   * key it was read at. Every read checks the key against the database first, so a write by this process or by
   * any other one (several servers on one PostgreSQL, the CLI) is seen by the next request.
   */
  const effectiveCache = new Map<string, { key: string; scenario: Scenario }>();
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

    /**
     * The scenario as computations should see it: the engine's `effectiveScenario` of the file and the entered
     * revisions. The answer is frozen (deeply) and may be shared with other requests: it comes from memory while
     * the scenario's ETag and its current actual revisions in the database are the ones it was read with.
     */
    async effectiveScenario(id: string): Promise<Scenario | undefined> {
      const parameters = state.parameters.slice();
      parameters[idSlot] = id;
      const { rows } = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(state.sql, parameters));
      const now = rows[0];
      if (!now) {
        effectiveCache.delete(id);
        return undefined;
      }
      const cached = effectiveCache.get(id);
      if (cached && cached.key === stateKey(now)) return cached.scenario;
      // Only the parsed form: the YAML text (about 18 KB for An Giang) is not read for a computation.
      const row = await db.selectFrom('scenarios').select(['json', 'etag']).where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const current = await actuals.current(id);
      const scenario = deepFreeze(effectiveScenario(JSON.parse(row.json) as Scenario, current));
      // Keyed by what was read (not by `now`): a write between the statements leaves an entry no later state has.
      const byPeriod = new Map(current.map((r) => [r.period, `${r.createdAt}${r.revision}`]));
      const key = [row.etag, ...PERIODS.map((p) => byPeriod.get(p) ?? '')].join('\u0000');
      effectiveCache.delete(id);
      if (effectiveCache.size >= EFFECTIVE_CACHE_SIZE) effectiveCache.delete(effectiveCache.keys().next().value!);
      effectiveCache.set(id, { key, scenario });
      return scenario;
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
