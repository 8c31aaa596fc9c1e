import type { Kysely } from 'kysely';

/**
 * Entered actuals of the plan's main indicators: one revision per change of (scenario, indicator, year), never an
 * overwrite, like `actual_revisions`. The same DDL for SQLite and PostgreSQL; the value is kept as the decimal
 * text that was entered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('indicator_actual_revisions')
    .addColumn('scenario_id', 'text', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('vintage', 'text', (c) => c.notNull())
    .addColumn('published', 'text')
    .addColumn('source', 'text')
    .addColumn('note', 'text')
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('previous_value', 'text')
    .addPrimaryKeyConstraint('indicator_actual_revisions_pk', ['scenario_id', 'indicator_id', 'year', 'revision'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('indicator_actual_revisions').execute();
}
