/**
 * The backtest and the uncertainty model in the API: request and response schemas (they validate, type and
 * document GET /api/backtest and the model fields of the simulation).
 */
import { Type } from '@sinclair/typebox';

export const ModelSchema = Type.Union([Type.Literal('learned'), Type.Literal('band')], {
  description:
    'Uncertainty model: learned (default; fitted on past scenarios and their outcomes, docs/model.md) or band (each published band read as the central 80% of its quarter)',
});

const Probability = Type.Number({ minimum: 0, maximum: 1 });

export const TrackRecordSchema = Type.Object(
  {
    model: ModelSchema,
    scenarioYears: Type.Integer({ description: 'Scenario-years the cross-validated backtest replayed' }),
    from: Probability,
    to: Probability,
    predictions: Type.Integer({ description: 'Past probabilities in the same tenth' }),
    cameTrue: Type.Integer(),
    timesInTen: Type.Union([Type.Integer({ minimum: 0, maximum: 10 }), Type.Null()]),
    text: Type.Object({ vi: Type.String(), en: Type.String() }, { additionalProperties: false }),
  },
  { additionalProperties: false, description: 'How often past probabilities like this one came true' },
);

const ReliabilityBinSchema = Type.Object(
  {
    from: Probability,
    to: Probability,
    predictions: Type.Integer(),
    meanProbability: Type.Union([Probability, Type.Null()]),
    observedFrequency: Type.Union([Probability, Type.Null()]),
  },
  { additionalProperties: false },
);

const ModelScoreSchema = Type.Object(
  {
    predictions: Type.Integer(),
    brier: Type.Number({ description: 'Mean (p − outcome)², 0 best' }),
    logScore: Type.Number({ description: 'Mean −ln(probability given to what happened), floored at 1%; 0 best' }),
    reliability: Type.Array(ReliabilityBinSchema, { description: 'Ten bins of stated probability' }),
  },
  { additionalProperties: false },
);

const PointSchema = Type.Union([Type.Literal('Q1'), Type.Literal('H1'), Type.Literal('9M')]);

const PredictionFields = {
  record: Type.String(),
  region: Type.String(),
  year: Type.Integer(),
  asOf: PointSchema,
  target: Type.Number({ description: 'The year’s low target, %' }),
  outcome: Type.Number({ description: 'FY growth, latest vintage, %' }),
  hit: Type.Boolean(),
  toDate: Type.Number({ description: 'Growth to date the replay started from, %' }),
  probability: Probability,
};

const PredictionSchema = Type.Object(PredictionFields, { additionalProperties: false });
const MissSchema = Type.Object(
  { ...PredictionFields, model: ModelSchema, miss: Type.Number({ description: '|probability − outcome|' }) },
  { additionalProperties: false },
);

export const BacktestQuery = Type.Object(
  { model: Type.Optional(ModelSchema) },
  { additionalProperties: false, description: 'model: score one model only (default: both)' },
);

export const BacktestResponseSchema = Type.Object(
  {
    scenarioYears: Type.Integer(),
    crossValidation: Type.Union([Type.Literal('leave-one-year-out'), Type.Literal('none')]),
    models: Type.Object(
      { learned: Type.Optional(ModelScoreSchema), band: Type.Optional(ModelScoreSchema) },
      { additionalProperties: false },
    ),
    misses: Type.Array(MissSchema),
    skipped: Type.Array(
      Type.Object(
        { record: Type.String(), asOf: Type.Union([PointSchema, Type.Null()]), reason: Type.String() },
        { additionalProperties: false },
      ),
    ),
    predictions: Type.Object(
      { learned: Type.Optional(Type.Array(PredictionSchema)), band: Type.Optional(Type.Array(PredictionSchema)) },
      { additionalProperties: false },
    ),
  },
  {
    additionalProperties: false,
    description:
      'Every scenario-year of scenarios/history replayed as of Q1, H1 and 9M, P(FY ≥ low target) scored; the learned model fitted leaving the scored year out',
  },
);
