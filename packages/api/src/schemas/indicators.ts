/** Request and response schemas of the indicator routes (`/api/scenarios/:id/indicators…`). */
import {
  INDICATOR_CATEGORIES,
  INDICATOR_ID_PATTERN,
  INDICATOR_STATUS_KINDS,
  INDICATOR_TARGET_KINDS,
} from '@grdp/engine';
import { Type } from '@sinclair/typebox';
import { VintageSchema } from './actuals.ts';
import { LocalizedTextSchema, ScenarioIdParams } from './common.ts';
import { ImportQuery, LangSchema } from './files.ts';

const Year = Type.Integer({ minimum: 1900, maximum: 2200 });

export const IndicatorPeriodSchema = Type.Union([
  Type.Object({ kind: Type.Literal('year'), year: Year }),
  Type.Object({ kind: Type.Literal('final'), year: Year }),
  Type.Object({
    kind: Type.Literal('average'),
    from: Year,
    to: Year,
    mean: Type.Union([Type.Literal('arithmetic'), Type.Literal('geometric')]),
  }),
  Type.Object({ kind: Type.Literal('total'), from: Year, to: Year }),
]);

const simple = (kind: 'atLeast' | 'above' | 'atMost' | 'below' | 'reach' | 'maintain', description: string) =>
  Type.Object({ kind: Type.Literal(kind), value: Type.Number() }, { description });

export const IndicatorTargetSchema = Type.Union(
  [
    Type.Object(
      { kind: Type.Literal('band'), low: Type.Number(), high: Type.Number() },
      { description: 'low ≤ x ≤ high' },
    ),
    simple('atLeast', '≥ ("từ … trở lên")'),
    simple('above', '> ("trên")'),
    simple('atMost', '≤'),
    simple('below', '< ("dưới")'),
    simple('reach', '"đạt": the value or better'),
    simple('maintain', '"duy trì": keep at least the value'),
    Type.Object(
      { kind: Type.Literal('about'), value: Type.Number(), tolerancePercent: Type.Number() },
      { description: '≈ ("khoảng"): within ± tolerancePercent % of the value' },
    ),
    Type.Object(
      {
        kind: Type.Literal('averageAnnualChange'),
        low: Type.Number(),
        high: Type.Number(),
        direction: Type.Union([Type.Literal('increase'), Type.Literal('decrease')]),
        unit: Type.Union([Type.Literal('pp'), Type.Literal('percent')]),
        base: Type.Optional(Type.Object({ year: Year, value: Type.Number() })),
      },
      { description: 'a change of low..high a year, from the year before the period' },
    ),
    Type.Object(
      { kind: Type.Literal('rank'), rank: Type.Integer(), of: Type.Integer() },
      { description: 'place `rank` of `of`; 1 is best' },
    ),
  ],
  { description: `the target and its qualifier (${INDICATOR_TARGET_KINDS.join(', ')})` },
);

export const IndicatorFigureSchema = Type.Object({
  year: Year,
  value: Type.Number(),
  origin: Type.Union([Type.Literal('entered'), Type.Literal('grdp'), Type.Literal('derived')]),
  vintage: Type.Optional(Type.String()),
  published: Type.Optional(Type.String()),
  source: Type.Optional(Type.String()),
  formula: Type.Optional(LocalizedTextSchema),
});

export const IndicatorStatusSchema = Type.Object({
  status: Type.Union(
    [Type.Literal('met'), Type.Literal('not-met'), Type.Literal('exceeded'), Type.Literal('no-data')],
    {
      description: INDICATOR_STATUS_KINDS.join(', '),
    },
  ),
  compared: Type.Optional(Type.Number({ description: 'the figure compared: the value, mean, sum or change a year' })),
  years: Type.Optional(Type.Array(Year)),
  provisional: Type.Boolean({ description: 'the period is not complete yet' }),
  latest: Type.Optional(IndicatorFigureSchema),
  needed: Type.Optional(
    Type.Object(
      { low: Type.Number(), high: Type.Number(), years: Type.Integer() },
      { description: 'each remaining year, on average, to reach the low and the high edge of the target' },
    ),
  ),
  reason: Type.Optional(Type.Union([Type.Literal('no-actual'), Type.Literal('no-base')])),
});

const SUB_YEAR = [
  Type.Literal('Q1'),
  Type.Literal('Q2'),
  Type.Literal('Q3'),
  Type.Literal('Q4'),
  Type.Literal('H1'),
  Type.Literal('9M'),
] as const;
const PeriodSchema = Type.Union([...SUB_YEAR, Type.Literal('FY')], {
  description: 'Q1..Q4 the quarter, H1 and 9M cumulative (lũy kế), FY the year',
});
const SubYearPeriodSchema = Type.Union([...SUB_YEAR]);

export const IndicatorPeriodFigureSchema = Type.Object({
  year: Year,
  period: SubYearPeriodSchema,
  value: Type.Number(),
  vintage: VintageSchema,
  cumulative: Type.Boolean({ description: 'from the start of the year (Q1, H1, 9M)' }),
});

export const IndicatorRowSchema = Type.Object({
  id: Type.String(),
  no: Type.Integer(),
  part: Type.Optional(Type.String()),
  main: Type.Boolean(),
  category: Type.Union([Type.Literal('economic'), Type.Literal('social'), Type.Literal('environment')], {
    description: INDICATOR_CATEGORIES.join(', '),
  }),
  name: LocalizedTextSchema,
  unit: LocalizedTextSchema,
  period: IndicatorPeriodSchema,
  target: IndicatorTargetSchema,
  better: Type.Union([Type.Literal('higher'), Type.Literal('lower')]),
  printed: Type.String(),
  source: Type.String(),
  department: Type.Optional(Type.String()),
  cooperating: Type.Array(Type.String()),
  grdpKey: Type.Optional(Type.String()),
  derive: Type.Optional(
    Type.Object({
      kind: Type.Literal('grdpPerCapita'),
      grdp: Type.String(),
      population: Type.String(),
      unit: Type.String(),
      vndPerUsd: Type.Optional(Type.Number()),
    }),
  ),
  note: Type.Optional(Type.String()),
  figures: Type.Array(IndicatorFigureSchema, { description: 'year figures: the status reads these' }),
  periods: Type.Array(IndicatorPeriodFigureSchema, {
    description: 'entered quarterly and cumulative figures, in year and period order',
  }),
  soFar: Type.Optional(
    Type.Composite([IndicatorPeriodFigureSchema], {
      description:
        'so far (đến nay): the latest cumulative figure of the latest year without a year figure; the status ' +
        'stays computed from year figures',
    }),
  ),
  status: IndicatorStatusSchema,
});

export const IndicatorsResponseSchema = Type.Object({
  id: Type.String(),
  title: LocalizedTextSchema,
  aboutTolerancePercent: Type.Number({ description: 'the default tolerance of "khoảng" (≈), % of the target' }),
  departments: Type.Array(Type.Object({ id: Type.String(), name: LocalizedTextSchema })),
  indicators: Type.Array(IndicatorRowSchema),
});

export const IndicatorActualParams = Type.Composite([
  ScenarioIdParams,
  Type.Object({
    indicator: Type.String({ pattern: INDICATOR_ID_PATTERN, maxLength: 100 }),
    year: Type.String({ pattern: '^(19|20|21)[0-9]{2}$|^2200$', description: 'the year, 1900..2200' }),
  }),
]);

export const IndicatorPeriodQuery = Type.Object(
  { period: Type.Optional(PeriodSchema) },
  { additionalProperties: false, description: 'period: default FY (the year figure)' },
);

export const PutIndicatorActualBody = Type.Object(
  {
    value: Type.Number(),
    vintage: VintageSchema,
    published: Type.Optional(Type.String({ pattern: String.raw`^\d{4}-\d{2}-\d{2}$`, description: 'YYYY-MM-DD' })),
    source: Type.Optional(Type.String({ maxLength: 500 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const IndicatorActualRevisionSchema = Type.Object({
  scenarioId: Type.String(),
  indicatorId: Type.String(),
  year: Year,
  period: PeriodSchema,
  revision: Type.Integer({ minimum: 1 }),
  value: Type.Number(),
  vintage: VintageSchema,
  published: Type.Union([Type.String(), Type.Null()]),
  source: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  author: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  previousValue: Type.Union([Type.Number(), Type.Null()]),
  etag: Type.String(),
});

export const IndicatorActualHistorySchema = Type.Object({ revisions: Type.Array(IndicatorActualRevisionSchema) });

export const IndicatorImportQuery = Type.Composite([ImportQuery, Type.Object({ lang: Type.Optional(LangSchema) })], {
  additionalProperties: false,
  description: 'lang: the language of the row problems (default vi)',
});

export const IndicatorImportResponseSchema = Type.Object({
  scenarioId: Type.String(),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  rows: Type.Integer({ description: 'Data rows read' }),
  skipped: Type.Integer({ description: 'Rows with no value and no vintage (not reported yet): skipped' }),
  locale: Type.Union([Type.Literal('vi'), Type.Literal('en'), Type.Null()]),
  dryRun: Type.Boolean(),
  unchanged: Type.Boolean({ description: 'The file changes nothing: no revision was (or would be) written' }),
  changes: Type.Array(
    Type.Object({
      indicatorId: Type.String(),
      year: Year,
      period: PeriodSchema,
      before: Type.Union([Type.Number(), Type.Null()], { description: 'null: no figure before' }),
      after: Type.Number(),
      previousVintage: Type.Union([VintageSchema, Type.Null()]),
      vintage: VintageSchema,
      unchanged: Type.Boolean({ description: 'The file leaves this figure as it is: no revision' }),
      revision: Type.Union([IndicatorActualRevisionSchema, Type.Null()], {
        description: 'The revision written (null: none)',
      }),
    }),
    { description: 'One per (indicator, year) the file gives, in file order' },
  ),
  indicators: Type.Array(
    Type.Object({ id: Type.String(), before: IndicatorStatusSchema, after: IndicatorStatusSchema }),
    { description: 'The status of each indicator the file names, before and after the import' },
  ),
  revisions: Type.Array(IndicatorActualRevisionSchema, { description: 'The revisions written' }),
});
