/**
 * The `departments` and `indicators` sections of scenario and plan files as JSON Schema (TypeBox), for the OpenAPI
 * document and editors. `parseIndicatorSet` applies the same rules plus references (departments, derived inputs).
 */
import { Type } from '@sinclair/typebox';
import { INDICATOR_ID_PATTERN } from './parse.ts';
import { ABOUT_TOLERANCE_PERCENT, INDICATOR_CATEGORIES } from './types.ts';

const Text = Type.String({ minLength: 1 });
const Localized = Type.Union([Text, Type.Object({ vi: Text, en: Text }, { additionalProperties: false })], {
  description: '{vi, en}, or one text for both',
});
const Id = Type.String({ pattern: INDICATOR_ID_PATTERN, description: 'slug: lowercase letters, digits, hyphens' });
const Year = Type.Integer({ minimum: 1900, maximum: 2200 });
const Span = Type.Tuple([Year, Year], { description: '[from, to]' });
const BandValue = Type.Union([Type.Number(), Type.Tuple([Type.Number(), Type.Number()])], {
  description: 'one number, or [low, high]',
});

export const DepartmentFileSchema = Type.Object({ id: Id, name: Localized }, { additionalProperties: false });

const PeriodSchema = Type.Union(
  [
    Year,
    Type.Object({ final: Year }, { additionalProperties: false }),
    Type.Object(
      { average: Span, mean: Type.Optional(Type.Union([Type.Literal('arithmetic'), Type.Literal('geometric')])) },
      { additionalProperties: false },
    ),
    Type.Object({ total: Span }, { additionalProperties: false }),
  ],
  { description: 'a year; {final: year} (the plan’s final year); {average: [from, to]}; {total: [from, to]}' },
);

const one = (key: string, description: string) =>
  Type.Object({ [key]: Type.Number() }, { additionalProperties: false, description });

const TargetSchema = Type.Union(
  [
    Type.Object(
      { band: Type.Tuple([Type.Number(), Type.Number()]) },
      { additionalProperties: false, description: 'low - high' },
    ),
    one('atLeast', '≥ ("từ … trở lên", "tối thiểu")'),
    one('above', '> ("trên")'),
    one('atMost', '≤ ("không quá")'),
    one('below', '< ("dưới")'),
    one('reach', '"đạt", "là": the figure or better'),
    one('maintain', '"duy trì": keep at least this level'),
    Type.Object(
      { about: Type.Number(), tolerance: Type.Optional(Type.Number({ minimum: 0 })) },
      {
        additionalProperties: false,
        description: `≈ ("khoảng"): within ±tolerance % of the figure (default ${ABOUT_TOLERANCE_PERCENT})`,
      },
    ),
    Type.Object(
      {
        averageAnnualChange: BandValue,
        direction: Type.Union([Type.Literal('increase'), Type.Literal('decrease')]),
        unit: Type.Union([Type.Literal('pp'), Type.Literal('percent')]),
        base: Type.Optional(Type.Object({ year: Year, value: Type.Number() }, { additionalProperties: false })),
      },
      { additionalProperties: false, description: '"tăng/giảm bình quân … /năm" from the year before the period' },
    ),
    Type.Object(
      { rank: Type.Integer({ minimum: 1 }), of: Type.Integer({ minimum: 1 }) },
      { additionalProperties: false, description: '"xếp hạng 11/34": place 1 is best' },
    ),
  ],
  { description: 'the target and its qualifier' },
);

const ActualSchema = Type.Object(
  {
    year: Year,
    value: Type.Number(),
    vintage: Type.Union([Type.Literal('estimate'), Type.Literal('revised'), Type.Literal('official')]),
    published: Type.Optional(Type.String({ pattern: String.raw`^\d{4}-\d{2}-\d{2}$` })),
    source: Type.Optional(Type.String()),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const IndicatorFileSchema = Type.Object(
  {
    id: Id,
    no: Type.Integer({ minimum: 1, description: 'the printed number within its group' }),
    part: Type.Optional(Type.String({ pattern: '^[a-z]$', description: 'a part of a numbered indicator: a, b …' })),
    main: Type.Optional(Type.Boolean({ description: 'false: a target named outside the main list' })),
    category: Type.Union(INDICATOR_CATEGORIES.map((c) => Type.Literal(c))),
    name: Localized,
    unit: Localized,
    period: PeriodSchema,
    target: TargetSchema,
    better: Type.Optional(Type.Union([Type.Literal('higher'), Type.Literal('lower')])),
    printed: Text,
    source: Text,
    department: Type.Optional(Id),
    cooperating: Type.Optional(Type.Array(Id)),
    grdp: Type.Optional(Type.String({ description: 'the scenario key (total or a sector id) whose FY actual counts' })),
    derive: Type.Optional(
      Type.Object(
        {
          grdpPerCapita: Type.Object(
            {
              grdp: Id,
              population: Id,
              unit: Type.Union([
                Type.Literal('million VND'),
                Type.Literal('thousand VND'),
                Type.Literal('VND'),
                Type.Literal('USD'),
              ]),
              vndPerUsd: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
            },
            { additionalProperties: false },
          ),
        },
        { additionalProperties: false },
      ),
    ),
    actuals: Type.Optional(Type.Array(ActualSchema)),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false, description: 'A main indicator (chỉ tiêu chủ yếu) of the plan' },
);

/** The two optional top-level fields a scenario or plan file may add. */
export const IndicatorSectionsSchema = {
  departments: Type.Optional(Type.Array(DepartmentFileSchema, { description: 'bodies named by the indicators' })),
  indicators: Type.Optional(Type.Array(IndicatorFileSchema, { description: 'the main indicators' })),
};
