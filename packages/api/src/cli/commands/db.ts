/** The database the server would use (DATABASE_URL or SQLite under DATA_DIR), opened and migrated, for a CLI command. */
import type { Lang } from '@grdp/engine';
import { ConfigError, loadConfig } from '../../config.ts';
import { type DatabaseHandle, migrate, openDatabase } from '../../db/database.ts';
import { CliError } from '../io.ts';

export async function withDatabase<T>(
  fn: (handle: DatabaseHandle) => Promise<T>,
  env: Record<string, string | undefined> = process.env,
): Promise<T> {
  let handle: DatabaseHandle;
  try {
    const config = loadConfig(env);
    // A missing or read-only DATA_DIR is a ConfigError too, naming the path.
    handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(`bad setting ${e.message}`);
    throw e;
  }
  try {
    await migrate(handle);
    return await fn(handle);
  } finally {
    await handle.db.destroy();
  }
}

/** Where the data lives, for messages (no password). */
export function describeDatabase(env: Record<string, string | undefined> = process.env, lang: Lang = 'en'): string {
  const config = loadConfig(env);
  if (config.databaseUrl === '') return lang === 'vi' ? `SQLite tại ${config.dataDir}` : `SQLite in ${config.dataDir}`;
  try {
    const u = new URL(config.databaseUrl);
    return `PostgreSQL ${u.host}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
