export { API_VERSION, type BuildOptions, buildApp } from './app.ts';
export { renderChart } from './charts/render.ts';
export { runCli } from './cli/main.ts';
export { runTokenCommand } from './cli/token.ts';
export { type Config, ConfigError, loadConfig, REPO_ROOT, testConfig } from './config.ts';
export {
  type Backup,
  BackupError,
  backupToFile,
  createBackup,
  latestSchemaVersion,
  readBackupFile,
  restoreBackup,
} from './db/backup.ts';
export { type DatabaseHandle, type Db, migrate, openDatabase } from './db/database.ts';
export { API_ERRORS, ApiError } from './errors.ts';
export { backtestReport, HISTORY_DIR, history, readHistoryDir } from './history.ts';
export { createFailureLimiter, PREFIX_LENGTH } from './plugins/auth.ts';
export { createRepositories, type Repositories } from './repositories/index.ts';
export { seedScenarios } from './seed.ts';
export { start } from './server.ts';
