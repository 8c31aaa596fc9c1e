import { type BaseOrigin, SIMULATION_DEFAULTS } from '@grdp/engine';
import { type Static, Type } from '@sinclair/typebox';
import { ModelSchema, TrackRecordSchema } from './backtest.ts';
import { IssuesSchema } from './common.ts';
import {
  AuditFindingSchema,
  BaseInfoSchema,
  CalibrationSchema,
  closed,
  EvaluationSchema,
  nullable,
  PlanEvaluationSchema,
  PlanRequiredSchema,
  QuarterSchema,
  QuarterValuesSchema,
  RequiredSchema,
  SimulationSchema,
  TrackSchema,
  WhatifSchema,
} from './results.ts';

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

/** The schema's origins are exactly the engine's `BaseOrigin` (a compile-time check). */
export const BASE_ORIGIN_MATCHES: BaseOrigin extends Static<typeof BaseInfoSchema>['origin'] ? true : never = true;

export const EvaluateResponseSchema = closed({
  scenarioId: Type.String(),
  base: closed({
    ...BaseInfoSchema.properties,
    levels: Type.Record(Type.String(), QuarterValuesSchema),
  }),
  low: EvaluationSchema,
  high: EvaluationSchema,
  warnings: IssuesSchema,
});

export const CalibrateResponseSchema = closed(
  { scenarioId: Type.String(), ...CalibrationSchema },
  'The engine’s calibrate result: implied base levels and every residual',
);

export const AuditResponseSchema = closed({
  scenarioId: Type.String(),
  findings: Type.Array(AuditFindingSchema),
});

// ── Tracking, required growth, what-if, simulation and plans ────────────────────────────────────────────────

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

const simulateFields = {
  draws: Type.Optional(
    Type.Integer({
      description: `Draws, 1..${MAX_HTTP_DRAWS} over HTTP (default ${SIMULATION_DEFAULTS.draws}, the engine's)`,
    }),
  ),
  seed: Type.Optional(
    Type.Integer({
      description: `Any safe integer (default ${SIMULATION_DEFAULTS.seed}): the same seed, the same result`,
    }),
  ),
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
  series: Type.Optional(
    Type.Union([Type.Literal('all'), Type.Array(Type.String(), { maxItems: 64 })], {
      description:
        'The keys (total, sector ids) whose period series (mean, sd, quantiles) the answer carries: "all" (default), a list, or [] for the FY target probabilities alone; only what is asked is computed',
    }),
  ),
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

/** A scenario sent in the body: the loader's warnings about it. */
const postedWarnings = { warnings: Type.Optional(IssuesSchema) };

export const TrackResponseSchema = closed(
  { scenarioId: Type.String(), base: BaseInfoSchema, ...TrackSchema, ...postedWarnings },
  'The engine’s track result',
);

export const RequiredResponseSchema = closed(
  { scenarioId: Type.String(), base: BaseInfoSchema, ...RequiredSchema, ...postedWarnings },
  'The engine’s requiredGrowth result',
);

export const WhatifResponseSchema = closed(
  {
    scenarioId: Type.String(),
    base: BaseInfoSchema,
    ...WhatifSchema,
    ...postedWarnings,
    whatif: Type.Optional(
      closed({ id: Type.String(), name: Type.String() }, 'The saved what-if that was run (the run route only)'),
    ),
  },
  'The engine’s whatIf result and the sensitivity of FY growth',
);

export const SimulateResponseSchema = closed(
  {
    scenarioId: Type.String(),
    base: BaseInfoSchema,
    asOf: nullable(QuarterSchema),
    model: ModelSchema,
    trackRecord: Type.Record(Type.String(), TrackRecordSchema, {
      description: 'By key with an FY target: the track record of the probability of reaching its low edge',
    }),
    ...SimulationSchema,
    ...postedWarnings,
  },
  'The engine’s simulation result',
);

export const PlanResponseSchema = closed({
  evaluation: PlanEvaluationSchema,
  required: PlanRequiredSchema,
});
