import { type Kysely, sql } from 'kysely';

/**
 * Indicator actuals per period: the statistics office reports each quarter and each year, so a figure is kept per
 * (scenario, indicator, year, period) with period Q1, Q2, Q3, Q4, H1, 9M or FY (the periods of GRDP actuals).
 * Every row 0003 stored was a year figure and becomes period FY, its revision numbers kept. SQLite cannot change
 * a primary key in place, so the table is rebuilt (the same DDL for SQLite and PostgreSQL): a new table with the
 * period in its key, the rows copied, the old table dropped, the new one renamed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('indicator_actual_revisions_new')
    .addColumn('scenario_id', 'text', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull().defaultTo('FY'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('vintage', 'text', (c) => c.notNull())
    .addColumn('published', 'text')
    .addColumn('source', 'text')
    .addColumn('note', 'text')
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('previous_value', 'text')
    .addPrimaryKeyConstraint('indicator_actual_revisions_period_pk', [
      'scenario_id',
      'indicator_id',
      'year',
      'period',
      'revision',
    ])
    .execute();
  await sql`
    insert into indicator_actual_revisions_new
      (scenario_id, indicator_id, year, period, revision, value, vintage, published, source, note, author,
       created_at, previous_value)
    select scenario_id, indicator_id, year, 'FY', revision, value, vintage, published, source, note, author,
       created_at, previous_value
    from indicator_actual_revisions`.execute(db);
  await db.schema.dropTable('indicator_actual_revisions').execute();
  await db.schema.alterTable('indicator_actual_revisions_new').renameTo('indicator_actual_revisions').execute();
}

/** Back to year figures only: the FY rows are kept, the quarterly and cumulative ones dropped. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db
    .deleteFrom('indicator_actual_revisions' as never)
    .where(sql`period`, '<>', 'FY')
    .execute();
  await db.schema
    .alterTable('indicator_actual_revisions')
    .dropConstraint('indicator_actual_revisions_period_pk')
    .execute();
  await db.schema.alterTable('indicator_actual_revisions').dropColumn('period').execute();
}
