/**
 * Numbered migrations, in order. Add a file `NNNN_name.ts` and list it here; never edit a published one.
 * A number may be filled in later (0002 came after 0003): the migrator runs it on databases that already have
 * the later ones (`allowUnorderedMigrations`).
 */
import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_scenario_versions.ts';
import * as m0003 from './0003_indicator_actuals.ts';
import * as m0004 from './0004_indicator_periods.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_scenario_versions': m0002,
  '0003_indicator_actuals': m0003,
  '0004_indicator_periods': m0004,
};
