/** Saved what-if variants of a scenario: a name and a JSON body, attributed to the token that saved them. */
import type { Db } from '../db/database.ts';
import type { WhatifTable } from '../db/types.ts';
import { scenarioNotFound } from '../errors.ts';
import { newId, now } from './util.ts';

export interface Whatif {
  id: string;
  scenarioId: string;
  name: string;
  body: Record<string, unknown>;
  createdAt: string;
  author: string;
}

const toWhatif = (r: WhatifTable): Whatif => ({
  id: r.id,
  scenarioId: r.scenario_id,
  name: r.name,
  body: JSON.parse(r.body_json),
  createdAt: r.created_at,
  author: r.author,
});

export function createWhatifsRepository(db: Db) {
  return {
    async create(scenarioId: string, name: string, body: Record<string, unknown>, author: string): Promise<Whatif> {
      return db.transaction().execute(async (trx) => {
        const s = await trx.selectFrom('scenarios').select('id').where('id', '=', scenarioId).executeTakeFirst();
        if (!s) throw scenarioNotFound(scenarioId);
        const row: WhatifTable = {
          id: newId('wi'),
          scenario_id: scenarioId,
          name,
          body_json: JSON.stringify(body),
          created_at: now(),
          author,
        };
        await trx.insertInto('whatifs').values(row).execute();
        return toWhatif(row);
      });
    },

    async list(scenarioId: string): Promise<Whatif[]> {
      const rows = await db
        .selectFrom('whatifs')
        .selectAll()
        .where('scenario_id', '=', scenarioId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toWhatif);
    },

    async get(scenarioId: string, id: string): Promise<Whatif | undefined> {
      const row = await db
        .selectFrom('whatifs')
        .selectAll()
        .where('scenario_id', '=', scenarioId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toWhatif(row);
    },

    async delete(scenarioId: string, id: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .deleteFrom('whatifs')
          .where('scenario_id', '=', scenarioId)
          .where('id', '=', id)
          .executeTakeFirst();
        return Number(r.numDeletedRows) > 0;
      });
    },
  };
}

export type WhatifsRepository = ReturnType<typeof createWhatifsRepository>;
