import { type TSchema, Type } from '@sinclair/typebox';

export const IssueSchema = Type.Object(
  {
    code: Type.String(),
    path: Type.String(),
    message: Type.String(),
    line: Type.Optional(Type.Integer()),
    file: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const ErrorSchema = Type.Object(
  {
    code: Type.String({ description: 'Stable error code, e.g. VALIDATION, STALE_ETAG, SCENARIO_UNKNOWN_SECTOR' }),
    message: Type.String(),
    path: Type.Optional(Type.String({ description: 'Where the problem is (body.values.total, targets.Q4.total)' })),
    issues: Type.Optional(Type.Array(IssueSchema)),
    orphaned: Type.Optional(
      Type.Array(
        Type.Object({ period: Type.String(), sector: Type.String(), value: Type.Number(), revision: Type.Integer() }),
        { description: 'ACTUALS_ORPHANED: the entered figures a scenario replacement would leave without a sector' },
      ),
    ),
  },
  { description: 'Every 4xx and 5xx answer' },
);

/** The error answers a route can give, by status. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorSchema]));
}

export const SLUG = '^[a-z0-9]+(-[a-z0-9]+)*$';
export const ScenarioIdParams = Type.Object({ id: Type.String({ pattern: SLUG, maxLength: 100 }) });

export const PeriodSchema = Type.Union(
  ['Q1', 'Q2', 'Q3', 'Q4', 'H1', '9M', 'FY'].map((p) => Type.Literal(p)),
  { description: 'Q1..Q4, H1 (6 months), 9M, FY' },
);

export const LocalizedTextSchema = Type.Object({ vi: Type.String(), en: Type.String() });

/** A scenario as stored (the engine's Scenario type; validated by the engine loader, not by this schema). */
export const ScenarioDataSchema = Type.Object(
  { id: Type.String(), title: LocalizedTextSchema, region: Type.String(), year: Type.Integer() },
  { additionalProperties: true, description: 'The engine Scenario: sectors, base, targets, actuals…' },
);

export const IssuesSchema = Type.Array(IssueSchema);

export const SECURITY = [{ bearer: [] }];
