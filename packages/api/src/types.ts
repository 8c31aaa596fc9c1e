/**
 * The API's wire types, from its route schemas (TypeBox `Static<>`): declared once, here, and imported type-only
 * by the web (`import type … from '@grdp/api/types'`), so the browser carries no API code. Where a schema leaves
 * a field open (a stored scenario is the engine's `Scenario`), the engine type is put in.
 */
import type { Issue, Period, Scenario, Vintage } from '@grdp/engine';
import type { Static } from '@sinclair/typebox';
import type { ActualRevisionSchema, PutActualBody } from './schemas/actuals.ts';
import type { ErrorSchema, IssueSchema } from './schemas/common.ts';
import type {
  AuditResponseSchema,
  CalibrateResponseSchema,
  EvaluateResponseSchema,
  PlanResponseSchema,
  RequiredResponseSchema,
  SimulateResponseSchema,
  TrackResponseSchema,
  WhatifResponseSchema,
} from './schemas/compute.ts';
import type { ImportErrorSchema, ImportResponseSchema } from './schemas/files.ts';
import type { IndicatorImportResponseSchema, IndicatorsResponseSchema } from './schemas/indicators.ts';
import type { AdjustBodySchema, AdjustResponseSchema, DraftBodySchema } from './schemas/planner.ts';
import type { PutScenarioResponseSchema, ScenarioSummarySchema, StoredScenarioSchema } from './schemas/scenarios.ts';
import type { CreatedTokenSchema, TokenInfoSchema } from './schemas/tokens.ts';
import type { CompareResponseSchema, VersionInfoSchema, VersionListSchema, VersionSchema } from './schemas/versions.ts';
import type { WhatifSchema } from './schemas/whatifs.ts';

export type ScenarioSummary = Static<typeof ScenarioSummarySchema>;
export type StoredScenario = Omit<Static<typeof StoredScenarioSchema>, 'scenario'> & { scenario: Scenario };
export type PutScenarioResult = Omit<Static<typeof PutScenarioResponseSchema>, 'warnings'> & { warnings: Issue[] };
export type ActualRevision = Omit<Static<typeof ActualRevisionSchema>, 'period' | 'vintage'> & {
  period: Period;
  vintage: Vintage;
};
/** A line of a period's history: the engine's type, which the route answers (schema HistoryRevisionSchema). */
export type { HistoryRevision } from '@grdp/engine';
export type PutActualRequest = Static<typeof PutActualBody>;
// The compute answers: full schemas (schemas/results.ts), so their Static<> types are exact.
export type EvaluateAnswer = Static<typeof EvaluateResponseSchema>;
export type CalibrateAnswer = Static<typeof CalibrateResponseSchema>;
export type AuditAnswer = Static<typeof AuditResponseSchema>;
export type TrackAnswer = Static<typeof TrackResponseSchema>;
export type RequiredAnswer = Static<typeof RequiredResponseSchema>;
export type WhatifAnswer = Static<typeof WhatifResponseSchema>;
export type SimulateAnswer = Static<typeof SimulateResponseSchema>;
export type PlanAnswer = Static<typeof PlanResponseSchema>;
export type Whatif = Static<typeof WhatifSchema>;
export type ApiIssue = Static<typeof IssueSchema>;
export type ApiErrorBody = Static<typeof ErrorSchema>;
export type TokenInfo = Static<typeof TokenInfoSchema>;
export type CreatedToken = Static<typeof CreatedTokenSchema>;
export type ImportAnswer = Static<typeof ImportResponseSchema>;
export type ImportErrorBody = Static<typeof ImportErrorSchema>;

/** The body of POST /api/planner/draft (and its appendix.xlsx). */
export type DraftRequest = Static<typeof DraftBodySchema>;

/** POST /api/scenarios/:id/adjust (with `save`, the stored version in `saved`). */
export type AdjustRequest = Static<typeof AdjustBodySchema>;
export type AdjustAnswer = Static<typeof AdjustResponseSchema>;

/** GET /api/scenarios/:id/versions, …/versions/:n, …/versions/compare. */
export type ScenarioVersionInfo = Static<typeof VersionInfoSchema>;
export type ScenarioVersionList = Static<typeof VersionListSchema>;
export type ScenarioVersion = Omit<Static<typeof VersionSchema>, 'scenario'> & { scenario: Scenario };
export type VersionComparison = Static<typeof CompareResponseSchema>;

/** GET /api/scenarios/:id/indicators. */
export type IndicatorsAnswer = Static<typeof IndicatorsResponseSchema>;
/** POST /api/scenarios/:id/indicators/import. */
export type IndicatorImportAnswer = Static<typeof IndicatorImportResponseSchema>;
