/**
 * The history file format (scenarios/history/*.yaml), declared once as a TypeBox schema: the loader validates
 * with it and the API publishes it in its OpenAPI document. See scenarios/history/README.md.
 */
import { type Static, Type } from '@sinclair/typebox';

const Growth = Type.Number({
  minimum: -100,
  maximum: 1000,
  description: 'growth against the same period a year earlier, %',
});
const DateText = Type.String({
  pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$',
  description: 'YYYY-MM-DD, or YYYY-MM or YYYY: as precise as the source shows it',
});
const Quarter = Type.Union([Type.Literal('Q1'), Type.Literal('Q2'), Type.Literal('Q3'), Type.Literal('Q4')]);
const Band = Type.Tuple([Growth, Growth], { description: '[low, high]; a single figure is written [x, x]' });

export const HistorySource = Type.Object(
  {
    url: Type.Optional(Type.String({ pattern: '^https?://', description: 'where the figure was read' })),
    document: Type.Optional(Type.String({ minLength: 1, description: 'a document, when there is no URL' })),
    date: DateText,
    note: Type.Optional(Type.String({ description: 'the sentence the figure was read from, or a caveat' })),
  },
  { additionalProperties: false },
);

export const HistoryScenario = Type.Object(
  {
    label: Type.Union([Type.Literal('initial'), Type.Literal('adjusted')]),
    published: DateText,
    basedOn: Type.Union([Quarter, Type.Null()], {
      description: 'the last quarter of the year with an actual when the scenario was made (null: none)',
    }),
    source: HistorySource,
    quarters: Type.Object(
      { Q1: Type.Optional(Band), Q2: Type.Optional(Band), Q3: Type.Optional(Band), Q4: Type.Optional(Band) },
      { additionalProperties: false, minProperties: 1 },
    ),
    fy: Type.Optional(Band),
  },
  { additionalProperties: false },
);

export const HistoryOutcome = Type.Object(
  {
    period: Type.Union(['Q1', 'Q2', 'Q3', 'Q4', 'H1', '9M', 'FY'].map((p) => Type.Literal(p))),
    vintage: Type.Union([Type.Literal('estimate'), Type.Literal('revised'), Type.Literal('official')]),
    value: Growth,
    source: HistorySource,
  },
  { additionalProperties: false },
);

export const HistoryRecord = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }),
    region: Type.String({ minLength: 1 }),
    level: Type.Union([Type.Literal('national'), Type.Literal('province')]),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    target: Type.Object(
      { low: Growth, high: Growth, source: HistorySource },
      { additionalProperties: false, description: 'the full-year GRDP/GDP growth target as first set' },
    ),
    scenarios: Type.Array(HistoryScenario),
    outcomes: Type.Array(HistoryOutcome),
  },
  { additionalProperties: false, $id: 'HistoryRecord' },
);

export type HistorySource = Static<typeof HistorySource>;
export type HistoryScenario = Static<typeof HistoryScenario>;
export type HistoryOutcome = Static<typeof HistoryOutcome>;
export type HistoryRecord = Static<typeof HistoryRecord>;
export type OutcomeVintage = HistoryOutcome['vintage'];
