/** Request and response schemas of the planner routes: draft, adjust, merge. */
import { Type } from '@sinclair/typebox';
import { IssuesSchema, ScenarioDataSchema } from './common.ts';

const ScenarioFileJson = Type.Object(
  {},
  {
    additionalProperties: true,
    description: 'A scenario file as JSON (components.schemas.ScenarioFile), validated by the engine loader',
  },
);
const Quarter4 = Type.Array(Type.Number(), { minItems: 4, maxItems: 4, description: 'Q1..Q4' });
const BySector = Type.Record(Type.String(), Quarter4, { description: 'sector id → Q1..Q4' });
const BySide = Type.Object({ low: BySector, high: BySector });

const ReconcileText = Type.String({
  pattern: '^(none|shift|absorb:[a-z][a-z0-9_]*)$',
  description: 'none (report the gap), shift (every sector by the gap) or absorb:SECTOR (one sector takes it)',
});
const ReconcileSchema = Type.Union([
  Type.Object({ method: Type.Literal('none') }),
  Type.Object({ method: Type.Literal('shift') }),
  Type.Object({ method: Type.Literal('absorb'), sector: Type.String() }),
]);
const TargetGapSchema = Type.Object({
  target: Type.Number({ description: "the total's FY target, %" }),
  implied: Type.Number({ description: "the FY total the sectors' targets give under the base, %" }),
  gap: Type.Number({ description: 'target − implied, pp' }),
});
const GapSchema = Type.Object({ low: TargetGapSchema, high: TargetGapSchema });
const Residual = {
  maxAbsResidual: Type.Union([Type.Number(), Type.Null()], { description: 'largest |computed − printed|, pp' }),
  reproducible: Type.Boolean({ description: 'maxAbsResidual < 0.005: calibrate reproduces the table' }),
};

export const DraftBodySchema = Type.Object(
  {
    scenario: ScenarioFileJson,
    profile: Type.Union([Type.Literal('flat'), Type.Literal('last-year'), Type.Literal('shape')]),
    lastYear: Type.Optional(ScenarioFileJson),
    pattern: Type.Optional(Type.Record(Type.String(), Quarter4, { description: "last year's quarterly growth, %" })),
    shape: Type.Optional(Type.Record(Type.String(), Quarter4, { description: 'offsets by quarter, pp' })),
    reconcile: Type.Optional(ReconcileText),
  },
  { additionalProperties: false },
);

export const DraftResponseSchema = Type.Object({
  scenarioId: Type.String(),
  profile: Type.String(),
  reconcile: ReconcileSchema,
  gap: GapSchema,
  growth: BySide,
  ...Residual,
  warnings: IssuesSchema,
  scenario: ScenarioDataSchema,
  yaml: Type.String({ description: 'the drafted scenario file' }),
});

export const AdjustBodySchema = Type.Object(
  {
    asOf: Type.Union([Type.Literal('Q1'), Type.Literal('Q2'), Type.Literal('Q3')]),
    rule: Type.Optional(Type.Union([Type.Literal('profile'), Type.Literal('uniform')])),
    reconcile: Type.Optional(ReconcileText),
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    date: Type.Optional(Type.String({ pattern: String.raw`^\d{4}-\d{2}-\d{2}$` })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    save: Type.Optional(
      Type.Boolean({
        description:
          'true: store the adjusted scenario as a new version (linked to the current one) and make it current; needs role editor',
      }),
    ),
  },
  { additionalProperties: false },
);

const VersionSchema = Type.Object({
  label: Type.String(),
  date: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  adjusts: Type.Optional(Type.String()),
});
const BandPair = Type.Union([Type.Object({ low: Type.Number(), high: Type.Number() }), Type.Null()]);

export const ComparisonSchema = Type.Object({
  versions: Type.Array(VersionSchema),
  cells: Type.Array(
    Type.Object({
      period: Type.String(),
      key: Type.String(),
      bands: Type.Array(BandPair),
      change: Type.Array(BandPair, { description: 'later − earlier, pp' }),
    }),
  ),
});

export const AdjustResponseSchema = Type.Object({
  scenarioId: Type.String(),
  asOf: Type.String(),
  rule: Type.String(),
  reconcile: ReconcileSchema,
  base: Type.Object({ origin: Type.String(), note: Type.Optional(Type.String()) }),
  actual: Type.Record(Type.String(), Type.Array(Type.Number()), { description: 'the actual quarters kept, %' }),
  gap: GapSchema,
  growth: BySide,
  flags: Type.Array(
    Type.Object({
      key: Type.String(),
      side: Type.String(),
      quarter: Type.String(),
      growth: Type.Number(),
      kind: Type.Union([Type.Literal('implausible'), Type.Literal('impossible')]),
    }),
  ),
  ...Residual,
  warnings: IssuesSchema,
  version: VersionSchema,
  comparison: ComparisonSchema,
  scenario: ScenarioDataSchema,
  yaml: Type.String({ description: 'the adjusted scenario file (a new version)' }),
  saved: Type.Optional(
    Type.Object(
      {
        number: Type.Integer({ description: 'the stored version, now the current one' }),
        parent: Type.Integer({ description: 'the version it adjusts' }),
        etag: Type.String({ description: "the scenario's new ETag" }),
      },
      { description: 'with save: the version stored' },
    ),
  ),
});

export const MergeBodySchema = Type.Object(
  {
    parts: Type.Array(ScenarioFileJson, { minItems: 2, maxItems: 10 }),
    id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 }),
    region: Type.Optional(Type.String({ minLength: 1 })),
    sizes: Type.Optional(
      Type.Record(Type.String(), Type.Number({ exclusiveMinimum: 0 }), {
        description: 'annual base-year GRDP in money by predecessor id, for predecessors whose levels are an index',
      }),
    ),
    unit: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

export const MergeResponseSchema = Type.Object({
  scenarioId: Type.String(),
  base: Type.Object({
    unit: Type.String(),
    origin: Type.String(),
    levels: BySector,
    from: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.String(),
          region: Type.String(),
          unit: Type.String(),
          size: Type.Optional(Type.Number()),
          source: Type.Optional(Type.String()),
        }),
      ),
    ),
  }),
  scenario: ScenarioDataSchema,
  yaml: Type.String({ description: "the merged province's base-year file" }),
});
