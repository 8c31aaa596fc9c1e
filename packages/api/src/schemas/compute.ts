import type { BaseOrigin } from '@grdp/engine';
import { type Static, Type } from '@sinclair/typebox';
import { ModelSchema, TrackRecordSchema } from './backtest.ts';
import { IssuesSchema } from './common.ts';

export const BaseChoiceQuery = Type.Object({
  base: Type.Optional(
    Type.Union([Type.Literal('auto'), Type.Literal('file'), Type.Literal('calibrated')], {
      description: 'auto (default): the file’s base-year levels when it has them, else calibrated ones',
    }),
  ),
});

export const CalibrateQuery = Type.Object({
  asPrinted: Type.Optional(
    Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'Read inverted bands as printed' }),
  ),
});

const CellSchema = Type.Object({
  growth: Type.Number(),
  level: Type.Number(),
  baseLevel: Type.Number(),
  contributionPp: Type.Number(),
  contributionShare: Type.Union([Type.Number(), Type.Null()]),
  baseShare: Type.Number(),
  share: Type.Number(),
});

const EvaluationSchema = Type.Object({
  periods: Type.Record(
    Type.String(),
    Type.Object({ total: CellSchema, sectors: Type.Record(Type.String(), CellSchema) }),
    { description: 'Q1, Q2, H1, Q3, 9M, Q4, FY' },
  ),
});

const QuarterValuesSchema = Type.Array(Type.Number(), { minItems: 4, maxItems: 4 });

/** Where the base-year levels came from, in the engine's vocabulary (`BASE_ORIGINS`). */
const BaseInfoSchema = Type.Object({
  origin: Type.Union([Type.Literal('official'), Type.Literal('implied'), Type.Literal('calibrated')]),
  note: Type.Optional(Type.String()),
});
/** The schema's origins are exactly the engine's `BaseOrigin` (a compile-time check). */
export const BASE_ORIGIN_MATCHES: BaseOrigin extends Static<typeof BaseInfoSchema>['origin'] ? true : never = true;

export const EvaluateResponseSchema = Type.Object({
  scenarioId: Type.String(),
  base: Type.Object({
    ...BaseInfoSchema.properties,
    levels: Type.Record(Type.String(), QuarterValuesSchema),
  }),
  low: EvaluationSchema,
  high: EvaluationSchema,
  warnings: IssuesSchema,
});

export const CalibrateResponseSchema = Type.Object(
  {
    scenarioId: Type.String(),
    maxAbsResidual: Type.Union([Type.Number(), Type.Null()]),
    checked: Type.Integer(),
    base: Type.Record(Type.String(), QuarterValuesSchema),
    residuals: Type.Array(Type.Object({}, { additionalProperties: true })),
    warnings: IssuesSchema,
  },
  { additionalProperties: true, description: 'The engine’s calibrate result' },
);

export const AuditResponseSchema = Type.Object({
  scenarioId: Type.String(),
  findings: Type.Array(
    Type.Object({ code: Type.String(), path: Type.String(), message: Type.String() }, { additionalProperties: true }),
  ),
});

// ── Tracking, required growth, what-if, simulation and plans ────────────────────────────────────────────────

const loose = (description: string, properties: Parameters<typeof Type.Object>[0] = {}) =>
  Type.Object(properties, { additionalProperties: true, description });

export const AsOfSchema = Type.Union(
  ['Q1', 'Q2', 'Q3', 'Q4'].map((q) => Type.Literal(q)),
  { description: 'The last quarter taken as actual (default: the latest the actuals reach)' },
);

/** A scenario in a JSON body: the file as a JSON document, or its YAML text. Checked by the engine loader. */
export const ScenarioFieldSchema = Type.Union([
  Type.Object({}, { additionalProperties: true, description: 'A scenario file as JSON' }),
  Type.String({ description: 'A scenario file as YAML text' }),
]);

export const ShockSchema = Type.Object(
  {
    sector: Type.String({ maxLength: 100 }),
    periods: Type.Array(Type.String({ maxLength: 4 }), { minItems: 1, maxItems: 7 }),
    deltaPp: Type.Optional(Type.Number({ description: 'pp added to the path’s growth' })),
    growth: Type.Optional(Type.Number({ description: 'growth set to this, %' })),
    levelPct: Type.Optional(Type.Number({ description: 'level changed by this, %' })),
  },
  { additionalProperties: false, description: 'Exactly one of deltaPp, growth, levelPct (checked by the engine)' },
);

export const BaselineSchema = Type.Union(
  ['low', 'high', 'mid', 'actual'].map((b) => Type.Literal(b)),
  { description: 'The path shocked: a band edge, its midpoint (default) or actuals to date then mid' },
);

const whatifFields = {
  shocks: Type.Array(
    Type.Union([
      ShockSchema,
      Type.String({ maxLength: 200, description: 'CLI syntax: agriculture:Q3:-2pp, services:H1:-3%, x:Q4:=10' }),
    ]),
    { maxItems: 200 },
  ),
  baseline: Type.Optional(BaselineSchema),
  asOf: Type.Optional(AsOfSchema),
};

export const MAX_HTTP_DRAWS = 2_000_000;
export const DEFAULT_HTTP_DRAWS = 20_000;

const simulateFields = {
  draws: Type.Optional(
    Type.Integer({ description: `Draws, 1..${MAX_HTTP_DRAWS} over HTTP (default ${DEFAULT_HTTP_DRAWS})` }),
  ),
  seed: Type.Optional(Type.Integer({ description: 'Any safe integer (default 1): the same seed, the same result' })),
  coverage: Type.Optional(Type.Number({ description: 'Probability inside each band, 0..1 (default 0.8)' })),
  distribution: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('triangular')])),
  correlation: Type.Optional(
    Type.Union([Type.Number(), Type.Array(Type.Array(Type.Number(), { maxItems: 50 }), { maxItems: 50 })], {
      description: 'Between sectors: one number for every pair (default 0.3) or a full matrix',
    }),
  ),
  quarterCorrelation: Type.Optional(
    Type.Number({ description: 'Between consecutive quarters, −1..1 (default: the model’s; band: 0)' }),
  ),
  asOf: Type.Optional(AsOfSchema),
  model: Type.Optional(ModelSchema),
};

const strict = <T extends Parameters<typeof Type.Object>[0]>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });

export const StoredTrackBody = strict({ asOf: Type.Optional(AsOfSchema) });
export const PostedTrackBody = strict({ scenario: ScenarioFieldSchema, asOf: Type.Optional(AsOfSchema) });
export const StoredWhatifBody = strict(whatifFields);
export const PostedWhatifBody = strict({ scenario: ScenarioFieldSchema, ...whatifFields });
export const StoredSimulateBody = strict(simulateFields);
export const PostedSimulateBody = strict({ scenario: ScenarioFieldSchema, ...simulateFields });
export const PlanBody = Type.Object({}, { additionalProperties: true, description: 'A plan file as JSON' });

export const TrackResponseSchema = loose('The engine’s track result', {
  scenarioId: Type.String(),
  base: BaseInfoSchema,
  asOf: Type.Union([Type.String(), Type.Null()]),
  status: Type.Array(loose('One period and key against its band')),
  required: loose('Growth every remaining quarter needs, by side and key (null: cannot be computed)'),
  findings: Type.Array(loose('A disagreement between published actuals')),
});

export const RequiredResponseSchema = loose('The engine’s requiredGrowth result', {
  scenarioId: Type.String(),
  base: BaseInfoSchema,
  asOf: Type.Union([Type.String(), Type.Null()]),
  remaining: Type.Array(Type.String()),
  low: loose('By key: target, uniform rate, shifted profile, and per sector alone for the total'),
  high: loose('By key, as low'),
});

export const WhatifResponseSchema = loose('The engine’s whatIf result and the sensitivity of FY growth', {
  scenarioId: Type.String(),
  base: BaseInfoSchema,
  shocks: Type.Array(loose('A shock as applied')),
  baseline: Type.String(),
  fyImpactPp: Type.Number(),
  diff: loose('By period, then total and sectors: growth and contribution differences, pp'),
  sensitivity: loose('perPp and perLevelPct by sector and quarter'),
});

export const SimulateResponseSchema = loose('The engine’s simulation result', {
  scenarioId: Type.String(),
  base: BaseInfoSchema,
  asOf: Type.Union([Type.String(), Type.Null()]),
  draws: Type.Integer(),
  seed: Type.Integer(),
  model: ModelSchema,
  trackRecord: Type.Record(Type.String(), TrackRecordSchema, {
    description: 'By key with an FY target: the track record of the probability of reaching its low edge',
  }),
  probabilities: loose('By key with an FY target: probability of reaching its low and high edge'),
  periods: loose('Period → key → mean, sd and quantiles'),
  closedForm: Type.Union([loose('Exact results of the normal model'), Type.Null()]),
});

export const PlanResponseSchema = Type.Object({
  evaluation: loose('The engine’s evaluatePlan result: years, compounded index and level, geometric average'),
  required: loose('The engine’s requiredAverageGrowth result'),
});
