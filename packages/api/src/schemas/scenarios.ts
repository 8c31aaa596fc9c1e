import { Type } from '@sinclair/typebox';
import { IssuesSchema, ScenarioDataSchema } from './common.ts';

export const ScenarioSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.Object({ vi: Type.String(), en: Type.String() }),
  region: Type.String(),
  year: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.String(),
  etag: Type.String(),
});

export const ScenarioListSchema = Type.Object({ scenarios: Type.Array(ScenarioSummarySchema) });

export const StoredScenarioSchema = Type.Object({
  id: Type.String(),
  scenario: ScenarioDataSchema,
  yaml: Type.String({ description: 'The file as stored (YAML, comments kept)' }),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.String(),
  etag: Type.String(),
});

export const PutScenarioResponseSchema = Type.Object({
  id: Type.String(),
  created: Type.Boolean(),
  etag: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.String(),
  warnings: IssuesSchema,
});

/** PUT and POST bodies: a scenario file as YAML text, or the same document as JSON. */
export const ScenarioBodySchema = {
  content: {
    'application/yaml': { schema: Type.String({ description: 'A scenario file (YAML)' }) },
    'text/yaml': { schema: Type.String({ description: 'A scenario file (YAML)' }) },
    'application/json': {
      schema: Type.Object({}, { additionalProperties: true, description: 'A scenario file as JSON' }),
    },
  },
};
