/**
 * The engine's results as response schemas: every field named, every object closed (`additionalProperties:
 * false`), every code a union of the engine's own. `types.ts` checks at compile time that each route's answer
 * and the schema's `Static<>` are the same type; in tests the app checks every answer against its schema
 * (plugins/response-check.ts).
 */
import type {
  ActualFindingCode,
  ActualPeriod,
  BaseOrigin,
  Period,
  PlanGrowthSource,
  QuantileName,
  Quarter,
  RequiredReason,
  WarningCode,
} from '@grdp/engine';
import { type Static, type TLiteral, type TProperties, type TSchema, type TUnion, Type } from '@sinclair/typebox';

/** An object with exactly these properties. */
export const closed = <T extends TProperties>(properties: T, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });

/**
 * One of these strings (a tuple, so that Fastify's type provider sees each literal), typed as their union. Where
 * the engine has the union as a type, `SAME` below checks that the tuple names exactly its members.
 */
export const literals = <const T extends readonly string[]>(values: T, description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  ) as unknown as TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }>;

export const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const QuarterSchema = literals(['Q1', 'Q2', 'Q3', 'Q4']);
export const ResultPeriodSchema = literals(['Q1', 'Q2', 'H1', 'Q3', '9M', 'Q4', 'FY'], 'Q1, Q2, H1, Q3, 9M, Q4, FY');
export const SideSchema = literals(['low', 'high']);
export const QuarterValuesSchema = Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], {
  description: 'Q1..Q4',
});
/** By sector id: Q1..Q4. */
export const SectorQuartersSchema = Type.Record(Type.String(), QuarterValuesSchema);
/** Period → one entry per period, every period present. */
const byPeriod = <T extends TSchema>(schema: T) => Type.Record(ResultPeriodSchema, schema);

export const WarningSchema = closed({
  code: literals([
    'inverted-band',
    'total-outside-sector-range',
    'cumulative-inconsistent',
    'not-reproducible',
    'actual-total-inconsistent',
    'implied-base',
    'target-gap',
    'implausible-growth',
  ]),
  path: Type.String(),
  message: Type.String(),
  line: Type.Optional(Type.Integer()),
  file: Type.Optional(Type.String()),
});

/** Where the base-year levels came from, in the engine's vocabulary (`BaseOrigin`). */
export const BaseInfoSchema = closed({
  origin: literals(['official', 'implied', 'calibrated']),
  note: Type.Optional(Type.String()),
});

// ── evaluate ─────────────────────────────────────────────────────────────────────────────────────────────────

export const CellSchema = closed({
  growth: Type.Number(),
  level: Type.Number(),
  baseLevel: Type.Number(),
  contributionPp: Type.Number(),
  contributionShare: nullable(Type.Number()),
  baseShare: Type.Number(),
  share: Type.Number(),
});

export const EvaluationSchema = closed({
  periods: byPeriod(closed({ total: CellSchema, sectors: Type.Record(Type.String(), CellSchema) })),
});

// ── calibrate and audit ──────────────────────────────────────────────────────────────────────────────────────

export const CalibrationSchema = {
  maxAbsResidual: nullable(Type.Number()),
  checked: Type.Integer(),
  unchecked: Type.Array(
    closed({ period: ResultPeriodSchema, key: Type.String(), bound: SideSchema, reason: Type.String() }),
  ),
  base: SectorQuartersSchema,
  residuals: Type.Array(
    closed({
      period: ResultPeriodSchema,
      key: Type.String(),
      bound: SideSchema,
      published: Type.Number(),
      computed: Type.Number(),
      residual: Type.Number({ description: 'computed − published, pp' }),
    }),
  ),
  warnings: Type.Array(WarningSchema),
  reproducible: Type.Boolean(),
};

export const AuditFindingSchema = closed({
  code: WarningSchema.properties.code,
  severity: literals(['warning', 'error']),
  path: Type.String(),
  message: Type.String(),
});

// ── track and required ───────────────────────────────────────────────────────────────────────────────────────

export const ActualFindingSchema = closed({
  code: literals(['actual-total-inconsistent', 'cumulative-inconsistent']),
  path: Type.String(),
  message: Type.String(),
  period: literals(['Q1', 'Q2', 'H1', 'Q3', '9M', 'Q4', 'FY', 'H2']),
  key: Type.String(),
  published: Type.Number(),
  computed: Type.Number(),
  tolerance: Type.Number(),
});

export const TrackStatusSchema = closed({
  period: ResultPeriodSchema,
  key: Type.String(),
  actual: Type.Number(),
  low: Type.Number(),
  high: Type.Number(),
  status: literals(['below', 'within', 'above']),
  gapPp: Type.Number({ description: 'Distance to the nearest edge, pp: 0 within, negative below, positive above' }),
  derived: Type.Boolean(),
  gapContributions: Type.Optional(
    closed({ edge: SideSchema, bySector: Type.Record(Type.String(), Type.Number()), residualPp: Type.Number() }),
  ),
});

export const TrackSchema = {
  asOf: nullable(QuarterSchema),
  status: Type.Array(TrackStatusSchema),
  required: closed(
    {
      low: Type.Record(Type.String(), nullable(Type.Number())),
      high: Type.Record(Type.String(), nullable(Type.Number())),
    },
    'Growth every remaining quarter needs for FY to reach the low / high edge, by key (null: cannot be computed)',
  ),
  findings: Type.Array(ActualFindingSchema),
};

const RequiredReasonSchema = literals(['no-quarter-left', 'no-actual', 'no-base-left', 'no-path', 'below-zero']);

export const RequiredRateSchema = closed({
  growth: nullable(Type.Number()),
  implausible: Type.Boolean(),
  impossible: Type.Boolean(),
  reason: Type.Optional(RequiredReasonSchema),
});

export const RequirementSchema = closed({
  key: Type.String(),
  side: SideSchema,
  target: Type.Number(),
  uniform: RequiredRateSchema,
  profile: closed({
    method: Type.Literal('shift'),
    shiftPp: nullable(Type.Number()),
    growth: Type.Partial(Type.Record(QuarterSchema, Type.Number())),
    implausible: Type.Boolean(),
    impossible: Type.Boolean(),
    reason: Type.Optional(RequiredReasonSchema),
  }),
  alone: Type.Optional(Type.Record(Type.String(), RequiredRateSchema)),
});

export const RequiredSchema = {
  asOf: nullable(QuarterSchema),
  remaining: Type.Array(QuarterSchema),
  low: Type.Record(Type.String(), RequirementSchema),
  high: Type.Record(Type.String(), RequirementSchema),
};

// ── what-if ──────────────────────────────────────────────────────────────────────────────────────────────────

export const AppliedShockSchema = closed({
  sector: Type.String(),
  periods: Type.Array(ResultPeriodSchema),
  deltaPp: Type.Optional(Type.Number()),
  growth: Type.Optional(Type.Number()),
  levelPct: Type.Optional(Type.Number()),
});

export const WhatifSchema = {
  shocks: Type.Array(AppliedShockSchema),
  baseline: literals(['low', 'high', 'mid', 'actual', 'custom']),
  baselineGrowth: SectorQuartersSchema,
  growth: SectorQuartersSchema,
  actualQuarters: Type.Optional(Type.Record(Type.String(), Type.Array(QuarterSchema))),
  baselineEvaluation: EvaluationSchema,
  evaluation: EvaluationSchema,
  diff: byPeriod(
    Type.Record(Type.String(), closed({ growthPp: Type.Number(), contributionPp: Type.Number() }), {
      description: '`total` and sector ids: growth and contribution differences, pp',
    }),
  ),
  fyImpactPp: Type.Number(),
  sensitivity: closed({ perPp: SectorQuartersSchema, perLevelPct: SectorQuartersSchema }),
};

// ── simulate ─────────────────────────────────────────────────────────────────────────────────────────────────

const QuantilesSchema = closed({
  p5: Type.Number(),
  p10: Type.Number(),
  p25: Type.Number(),
  p50: Type.Number(),
  p75: Type.Number(),
  p90: Type.Number(),
  p95: Type.Number(),
});
const seriesSummary = { mean: Type.Number(), sd: Type.Number(), quantiles: QuantilesSchema };
const targetProbability = {
  targetLow: Type.Number(),
  targetHigh: Type.Number(),
  low: Type.Number({ description: 'P(FY growth ≥ target low)' }),
  high: Type.Number({ description: 'P(FY growth ≥ target high)' }),
};

export const SimulationSchema = {
  draws: Type.Integer(),
  seed: Type.Integer(),
  distribution: literals(['normal', 'triangular']),
  coverage: Type.Number(),
  keys: Type.Array(Type.String()),
  probabilities: Type.Record(
    Type.String(),
    closed({ ...targetProbability, standardError: closed({ low: Type.Number(), high: Type.Number() }) }),
  ),
  periods: byPeriod(Type.Record(Type.String(), closed({ ...seriesSummary, resolution: Type.Number() }))),
  closedForm: nullable(
    closed(
      {
        probabilities: Type.Record(Type.String(), closed(targetProbability)),
        periods: byPeriod(Type.Record(Type.String(), closed(seriesSummary))),
      },
      'Exact results of the normal model (null for the triangular one)',
    ),
  ),
};

// ── plans ────────────────────────────────────────────────────────────────────────────────────────────────────

export const PlanEvaluationSchema = closed({
  id: Type.String(),
  baseYear: Type.Integer(),
  startYear: Type.Integer(),
  endYear: Type.Integer(),
  baseLevel: nullable(Type.Number()),
  unit: nullable(Type.String()),
  years: Type.Array(
    closed({
      year: Type.Integer(),
      growth: Type.Number(),
      source: literals(['actual', 'annual-target', 'average-target']),
      index: Type.Number(),
      level: nullable(Type.Number()),
      deflator: nullable(Type.Number()),
      currentPriceLevel: nullable(Type.Number()),
    }),
  ),
  averageGrowth: Type.Number(),
  averageGrowthTarget: nullable(Type.Number()),
  averageGrowthMet: nullable(Type.Boolean()),
  actualAverageGrowth: nullable(Type.Number()),
  finalIndex: Type.Number(),
  finalLevel: nullable(Type.Number()),
  currentPriceTarget: nullable(
    closed({
      target: Type.Number(),
      unit: Type.String(),
      implied: nullable(Type.Number()),
      met: nullable(Type.Boolean()),
      gap: nullable(Type.Number()),
      missing: Type.Array(Type.String()),
    }),
  ),
});

export const PlanRequiredSchema = closed({
  lastActualYear: nullable(Type.Integer()),
  remainingYears: Type.Integer(),
  indexAtLastActual: Type.Number(),
  real: nullable(
    closed({
      basis: literals(['averageGrowth', 'annual']),
      targetIndex: Type.Number(),
      requiredAverageGrowth: nullable(Type.Number()),
    }),
  ),
  currentPrices: nullable(
    closed({
      target: Type.Number(),
      levelAtLastActual: nullable(Type.Number()),
      requiredNominalAverageGrowth: nullable(Type.Number()),
      requiredRealAverageGrowth: nullable(Type.Number()),
      missing: Type.Array(Type.String()),
    }),
  ),
});

// ── the literal lists are the engine's unions, no more and no less ──────────────────────────────────────────

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Of<T extends TSchema> = Static<T>;
export const SAME: Record<string, true> = {
  quarter: true satisfies Same<Of<typeof QuarterSchema>, Quarter>,
  period: true satisfies Same<Of<typeof ResultPeriodSchema>, Period>,
  actualPeriod: true satisfies Same<Of<typeof ActualFindingSchema>['period'], ActualPeriod>,
  findingCode: true satisfies Same<Of<typeof ActualFindingSchema>['code'], ActualFindingCode>,
  warning: true satisfies Same<Of<typeof WarningSchema>['code'], WarningCode>,
  origin: true satisfies Same<Of<typeof BaseInfoSchema>['origin'], BaseOrigin>,
  reason: true satisfies Same<Of<typeof RequiredReasonSchema>, RequiredReason>,
  source: true satisfies Same<Of<typeof PlanEvaluationSchema>['years'][number]['source'], PlanGrowthSource>,
  quantile: true satisfies Same<keyof Of<typeof QuantilesSchema>, QuantileName>,
};
