import { type Kysely, sql } from 'kysely';

/**
 * Versions of a scenario (initial, adjusted in June, adjusted in August…): every stored content of a scenario, with
 * its number, author, time, note and the version it adjusts (`parent`). The `scenarios` row keeps the current
 * version's content, so tracking and every computation read what they read before. Every scenario already stored
 * becomes its own version 1. The same DDL for SQLite and PostgreSQL. Numbered 0002 but added after 0003: the
 * migrator allows that order (a database at 0001 and 0003 runs this one next).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scenario_versions')
    .addColumn('scenario_id', 'text', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('yaml', 'text', (c) => c.notNull())
    .addColumn('json', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('issued', 'text')
    .addColumn('note', 'text')
    .addColumn('parent', 'integer')
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scenario_versions_pk', ['scenario_id', 'number'])
    .execute();
  await sql`INSERT INTO scenario_versions (scenario_id, number, yaml, json, author, created_at)
    SELECT id, 1, yaml, json, updated_by, updated_at FROM scenarios`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('scenario_versions').execute();
}
