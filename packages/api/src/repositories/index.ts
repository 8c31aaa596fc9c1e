import type { Db } from '../db/database.ts';
import { createActualsRepository } from './actuals.ts';
import { createIndicatorsRepository } from './indicators.ts';
import { createScenariosRepository } from './scenarios.ts';
import { createTokensRepository } from './tokens.ts';
import { createWhatifsRepository } from './whatifs.ts';

/** Every repository over one database: plain async methods, no HTTP. */
export function createRepositories(db: Db) {
  const actuals = createActualsRepository(db);
  return {
    actuals,
    indicators: createIndicatorsRepository(db),
    scenarios: createScenariosRepository(db, actuals),
    tokens: createTokensRepository(db),
    whatifs: createWhatifsRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
export type { ActualInput, ActualRevision } from './actuals.ts';
export type {
  ScenarioSummary,
  ScenarioVersionInfo,
  StoredScenario,
  StoredScenarioVersion,
  VersionOptions,
} from './scenarios.ts';
export type { Role, TokenInfo } from './tokens.ts';
export { ROLES, TOKEN_PREFIX } from './tokens.ts';
export type { Whatif } from './whatifs.ts';
