/**
 * The API's wire types, from its route schemas (TypeBox `Static<>`): declared once, here, and imported type-only
 * by the web (`import type … from '@grdp/api/types'`), so the browser carries no API code. Where a schema leaves
 * a field open (a stored scenario is the engine's `Scenario`), the engine type is put in.
 */
import type { BaseOrigin, Issue, Period, QuarterValues, Scenario, Vintage } from '@grdp/engine';
import type { Static } from '@sinclair/typebox';
import type { ActualRevisionSchema, PutActualBody } from './schemas/actuals.ts';
import type { ErrorSchema, IssueSchema } from './schemas/common.ts';
import type { EvaluateResponseSchema } from './schemas/compute.ts';
import type { IndicatorsResponseSchema } from './schemas/indicators.ts';
import type { PutScenarioResponseSchema, ScenarioSummarySchema, StoredScenarioSchema } from './schemas/scenarios.ts';
import type { WhatifSchema } from './schemas/whatifs.ts';

export type ScenarioSummary = Static<typeof ScenarioSummarySchema>;
export type StoredScenario = Omit<Static<typeof StoredScenarioSchema>, 'scenario'> & { scenario: Scenario };
export type PutScenarioResult = Omit<Static<typeof PutScenarioResponseSchema>, 'warnings'> & { warnings: Issue[] };
export type ActualRevision = Omit<Static<typeof ActualRevisionSchema>, 'period' | 'vintage'> & {
  period: Period;
  vintage: Vintage;
};
export type PutActualRequest = Static<typeof PutActualBody>;
export type EvaluateAnswer = Omit<Static<typeof EvaluateResponseSchema>, 'base'> & {
  base: { origin: BaseOrigin; note?: string; levels: Record<string, QuarterValues> };
};
export type Whatif = Static<typeof WhatifSchema>;
export type ApiIssue = Static<typeof IssueSchema>;
export type ApiErrorBody = Static<typeof ErrorSchema>;

/** GET /api/scenarios/:id/indicators. */
export type IndicatorsAnswer = Static<typeof IndicatorsResponseSchema>;
