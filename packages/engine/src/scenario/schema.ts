/**
 * The scenario file format as a JSON Schema (TypeBox), for the API's OpenAPI document and for editors.
 *
 * The schema describes what a file may contain; `loadScenario` applies the same rules plus the checks a schema
 * cannot express (sector references, parents, inverted bands) and reports every problem with its path and line.
 */
import { type Static, Type } from '@sinclair/typebox';
import { ACTUAL_GROWTH_RANGE } from '../actuals/value.ts';
import { IndicatorSectionsSchema } from '../indicators/schema.ts';
import { PERIODS } from '../periods.ts';
import { VINTAGES } from './types.ts';

/** The scenario id: a slug of lowercase letters, digits and hyphens (`an-giang-2023`). */
export const SCENARIO_ID_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
/** A sector id: snake_case (`industry_construction`). `total` is reserved for the aggregate. */
export const SECTOR_ID_PATTERN = '^[a-z][a-z0-9_]*$';
/** A key of a target row or of an actual's values: `total` or a sector id. */
const ROW_KEY_PATTERN = SECTOR_ID_PATTERN;

const NUMBER = String.raw`[+\-−]?\d+(?:[.,]\d+)?`;
/**
 * A growth figure printed in Vietnamese style: "9,5", "11%", "7,0 - 7,5%", "3,54 - 3,49%"; a dot is accepted for
 * the decimal comma, and `-`, `–` or `—` between the two numbers of a band.
 */
export const PRINTED_PATTERN = String.raw`^\s*(${NUMBER})\s*%?\s*(?:[-–—]\s*(${NUMBER})\s*%?)?\s*$`;

/** `YYYY-MM-DD` (the calendar check is the loader's). */
export const DATE_PATTERN = String.raw`^\d{4}-\d{2}-\d{2}$`;

export const DEFAULT_PRICE_BASIS = 'constant 2010 prices';

const Text = Type.String({ minLength: 1 });

const LocalizedTextSchema = Type.Object(
  { vi: Text, en: Text },
  { additionalProperties: false, description: 'Vietnamese and English text' },
);

const SectorSchema = Type.Object(
  {
    id: Type.String({ pattern: SECTOR_ID_PATTERN, description: 'snake_case id; `total` is reserved' }),
    name: Type.Union([Text, LocalizedTextSchema], {
      description: '{vi, en}, or one text used for both languages',
    }),
    parent: Type.Optional(
      Type.String({
        pattern: SECTOR_ID_PATTERN,
        description: 'A top-level sector of the file this one is part of: reported, never added into the total',
      }),
    ),
  },
  { additionalProperties: false },
);

const BandSchema = Type.Union(
  [
    Type.Number({ description: 'one figure (low = high)' }),
    Type.Tuple([Type.Number(), Type.Number()], { description: '[low, high]' }),
    Type.String({ pattern: PRINTED_PATTERN, description: 'as printed: "9,5", "7,0 - 7,5%"' }),
    Type.Object(
      {
        low: Type.Number(),
        high: Type.Number(),
        printed: Type.Optional(Type.String()),
        inverted: Type.Optional(
          Type.Boolean({ description: 'The band was printed high first (as a scenario GET returns it); informative' }),
        ),
      },
      { additionalProperties: false },
    ),
    Type.Object({ value: Type.Number(), printed: Type.Optional(Type.String()) }, { additionalProperties: false }),
  ],
  { description: 'A growth target (%). A band printed with low > high loads as [min, max] with a warning.' },
);

const TargetRowSchema = Type.Record(Type.String({ pattern: ROW_KEY_PATTERN }), BandSchema, {
  description: '`total` and sector ids → growth target (%)',
});

const TargetsSchema = Type.Partial(Type.Object(Object.fromEntries(PERIODS.map((p) => [p, TargetRowSchema]))), {
  additionalProperties: false,
  description: 'Period (Q1 Q2 Q3 Q4 H1 9M FY) → row. Any period or cell may be missing.',
});

const BaseSchema = Type.Object(
  {
    unit: Text,
    origin: Type.Union([Type.Literal('official'), Type.Literal('implied')]),
    levels: Type.Record(
      Type.String({ pattern: SECTOR_ID_PATTERN }),
      Type.Tuple([
        Type.Number({ minimum: 0 }),
        Type.Number({ minimum: 0 }),
        Type.Number({ minimum: 0 }),
        Type.Number({ minimum: 0 }),
      ]),
      { description: 'Base-year level by sector id, Q1..Q4; every top-level sector' },
    ),
    from: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Text,
            region: Text,
            unit: Text,
            size: Type.Optional(Type.Number({ minimum: 0, description: 'annual base-year level in money' })),
            source: Type.Optional(Type.String()),
          },
          { additionalProperties: false },
        ),
        { description: 'Merged levels: the predecessor provinces whose levels were added' },
      ),
    ),
  },
  { additionalProperties: false },
);

const VersionSchema = Type.Object(
  {
    label: Text,
    date: Type.Optional(Type.String({ pattern: DATE_PATTERN, description: 'YYYY-MM-DD' })),
    note: Type.Optional(Type.String()),
    adjusts: Type.Optional(Type.String({ description: 'the label of the version this one adjusts' })),
  },
  { additionalProperties: false, description: 'Which version of the scenario this is (initial, adjusted…)' },
);

const ActualSchema = Type.Object(
  {
    period: Type.Union(PERIODS.map((p) => Type.Literal(p))),
    vintage: Type.Union(VINTAGES.map((v) => Type.Literal(v))),
    published: Type.Optional(Type.String({ pattern: DATE_PATTERN, description: 'YYYY-MM-DD' })),
    source: Type.Optional(Type.String()),
    values: Type.Record(Type.String({ pattern: ROW_KEY_PATTERN }), Type.Number({ ...ACTUAL_GROWTH_RANGE }), {
      description: '`total` and/or sector ids → growth (%), more than −100 and at most 1000',
    }),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** The scenario file as a TypeBox schema. */
export const ScenarioFileSchema = Type.Object(
  {
    id: Type.String({ pattern: SCENARIO_ID_PATTERN, description: 'slug: lowercase letters, digits, hyphens' }),
    title: LocalizedTextSchema,
    region: Text,
    year: Type.Integer({ minimum: 1900, maximum: 2200 }),
    source: Text,
    priceBasis: Type.Optional(Type.String({ default: DEFAULT_PRICE_BASIS })),
    sectors: Type.Array(SectorSchema, { description: '[] = total only' }),
    base: Type.Optional(BaseSchema),
    targets: TargetsSchema,
    actuals: Type.Optional(Type.Array(ActualSchema)),
    notes: Type.Optional(Type.String()),
    ...IndicatorSectionsSchema,
    version: Type.Optional(VersionSchema),
  },
  {
    additionalProperties: false,
    title: 'GRDP growth scenario',
    description: 'A provincial GRDP growth scenario: quarterly and cumulative targets by sector (%).',
  },
);

/** A scenario file as written (before the loader normalises it into a `Scenario`). */
export type ScenarioFile = Static<typeof ScenarioFileSchema>;

/** The scenario file's JSON Schema as a plain JSON object (no TypeBox symbols). */
export const scenarioJsonSchema: Record<string, unknown> = JSON.parse(JSON.stringify(ScenarioFileSchema));
