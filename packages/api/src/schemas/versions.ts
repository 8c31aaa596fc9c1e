/** Schemas of a scenario's versions: the list, one version with its content, two versions side by side. */
import { Type } from '@sinclair/typebox';
import { ScenarioDataSchema, SLUG } from './common.ts';
import { ComparisonSchema } from './planner.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const VersionInfoSchema = Type.Object(
  {
    number: Type.Integer({ minimum: 1, description: '1, 2, 3… in the order they were stored' }),
    createdAt: Type.String({ description: 'when the version was stored (ISO time)' }),
    author: Type.String({ description: 'the token name that stored it' }),
    label: Nullable(Type.String({ description: "the file's version label: initial, adjusted-Q2…" })),
    date: Nullable(Type.String({ description: "the day the version was issued (the file's version.date)" })),
    note: Nullable(Type.String()),
    parent: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: 'the number of the version this one adjusts (null for an initial or replaced version)',
    }),
    current: Type.Boolean({ description: 'the version tracking and every computation use (the latest)' }),
  },
  { additionalProperties: false },
);

export const VersionListSchema = Type.Object({
  scenarioId: Type.String(),
  versions: Type.Array(VersionInfoSchema, { description: 'oldest first' }),
});

export const VersionSchema = Type.Object({
  scenarioId: Type.String(),
  version: VersionInfoSchema,
  yaml: Type.String({ description: 'the scenario file as stored for this version' }),
  scenario: ScenarioDataSchema,
});

/** A version number in a path or query: digits, 1 to 999999999 (no type coercion: read with Number). */
const VersionNumber = (description: string) => Type.String({ pattern: '^[1-9][0-9]{0,8}$', description });

export const VersionParams = Type.Object({
  id: Type.String({ pattern: SLUG, maxLength: 100 }),
  n: VersionNumber('the version number'),
});

export const CompareQuery = Type.Object(
  {
    from: VersionNumber('the earlier version'),
    to: VersionNumber('the later version'),
  },
  { additionalProperties: false },
);

export const CompareResponseSchema = Type.Object({
  scenarioId: Type.String(),
  from: VersionInfoSchema,
  to: VersionInfoSchema,
  comparison: ComparisonSchema,
});
