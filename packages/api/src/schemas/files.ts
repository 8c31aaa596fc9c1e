import { Type } from '@sinclair/typebox';
import { ActualRevisionSchema } from './actuals.ts';
import { ErrorSchema } from './common.ts';

export const LangSchema = Type.Union([Type.Literal('vi'), Type.Literal('en')], {
  description: 'Header and label language (vi: also decimal comma and `;` in CSV). Default vi.',
});

export const LangQuery = Type.Object({ lang: Type.Optional(LangSchema) }, { additionalProperties: false });

export const ImportQuery = Type.Object(
  {
    locale: Type.Optional(
      Type.Union([Type.Literal('vi'), Type.Literal('en')], {
        description: 'How "1.234,5" / "1,234" are read; detected from unambiguous cells when absent',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ImportResponseSchema = Type.Object({
  scenarioId: Type.String(),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  rows: Type.Integer({ description: 'Data rows read' }),
  locale: Type.Union([Type.Literal('vi'), Type.Literal('en'), Type.Null()]),
  revisions: Type.Array(ActualRevisionSchema, { description: 'One new revision per period in the file' }),
});

export const ImportErrorSchema = Type.Composite(
  [
    ErrorSchema,
    Type.Object({
      errors: Type.Optional(
        Type.Array(
          Type.Object({
            row: Type.Integer({ description: 'Spreadsheet row, 1 = the header row' }),
            column: Type.String({ description: 'The column header as in the file' }),
            reason: Type.String(),
          }),
        ),
      ),
    }),
  ],
  { description: 'IMPORT_INVALID (every bad row), IMPORT_UNREADABLE, VALIDATION, …' },
);

export const FileResponse = Type.String({ description: 'The file (binary)' });
