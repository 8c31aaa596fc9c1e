import { Type } from '@sinclair/typebox';
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

export const EvaluateResponseSchema = Type.Object({
  scenarioId: Type.String(),
  base: Type.Object({
    source: Type.Union([Type.Literal('file'), Type.Literal('calibrated')]),
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
