import { ACTUAL_GROWTH_RANGE, SECTOR_ID_PATTERN } from '@grdp/engine';
import { type TSchema, Type } from '@sinclair/typebox';
import { PeriodSchema, ScenarioIdParams } from './common.ts';

export const VintageSchema = Type.Union([Type.Literal('estimate'), Type.Literal('revised'), Type.Literal('official')]);

/** Growth % by key (`total` or a sector id), in the engine's one range (more than −100, at most 1000). */
export const ActualValuesSchema = Type.Record(
  Type.String({ pattern: SECTOR_ID_PATTERN, maxLength: 64 }),
  Type.Number({ ...ACTUAL_GROWTH_RANGE }),
  { minProperties: 1, maxProperties: 64, additionalProperties: false },
);

export const PutActualBody = Type.Object(
  {
    values: ActualValuesSchema,
    vintage: VintageSchema,
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const ActualParams = Type.Composite([ScenarioIdParams, Type.Object({ period: PeriodSchema })]);

export const ActualRevisionSchema = Type.Object({
  scenarioId: Type.String(),
  period: Type.String(),
  revision: Type.Integer({ minimum: 1 }),
  values: Type.Record(Type.String(), Type.Number()),
  vintage: VintageSchema,
  note: Type.Union([Type.String(), Type.Null()]),
  author: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  previousValues: Type.Union([Type.Record(Type.String(), Type.Number()), Type.Null()]),
  etag: Type.String(),
});

export const ActualListSchema = Type.Object({ actuals: Type.Array(ActualRevisionSchema) });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** One line of a period's history (the engine's HistoryRevision): the file's figures first, then entered ones. */
export const HistoryRevisionSchema = Type.Object({
  scenarioId: Type.String(),
  period: Type.String(),
  revision: Type.Integer({ minimum: 1, description: 'Place in the history: the file’s figures are 1 (and on)' }),
  origin: Type.Union([Type.Literal('file'), Type.Literal('entered')]),
  entered: Nullable(Type.Integer({ minimum: 1, description: 'The entered revision’s own number (GET …/:period)' })),
  values: Type.Record(Type.String(), Type.Number()),
  vintage: VintageSchema,
  note: Nullable(Type.String()),
  author: Type.String({ description: '`file` for the scenario file’s figures' }),
  createdAt: Nullable(Type.String({ format: 'date-time' })),
  published: Nullable(
    Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'The file’s publication date' }),
  ),
  citation: Nullable(Type.String({ description: 'The file’s source for the figures' })),
  previousValues: Nullable(Type.Record(Type.String(), Type.Number())),
  etag: Nullable(Type.String()),
});

export const ActualHistorySchema = Type.Object({ revisions: Type.Array(HistoryRevisionSchema) });
/** Paging through a long history: revisions after `after`, at most `limit` of them, oldest first (whole numbers as text). */
export const HistoryQuery = Type.Object(
  {
    after: Type.Optional(
      Type.String({ pattern: '^(0|[1-9][0-9]{0,8})$', description: 'only revisions with a higher number' }),
    ),
    limit: Type.Optional(
      Type.String({ pattern: '^([1-9][0-9]{0,3}|10000)$', description: 'at most this many revisions (1..10000)' }),
    ),
  },
  { additionalProperties: false },
);

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'The ETag last read; required to change an existing period' })),
});
