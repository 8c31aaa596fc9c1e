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
    dryRun: Type.Optional(
      Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')], {
        description: '1: check the file and answer what would change, writing nothing (the preview)',
      }),
    ),
  },
  { additionalProperties: false },
);

const Num = Type.Number();

export const ImportedPeriodSchema = Type.Object({
  period: Type.String(),
  vintage: Type.String(),
  previousVintage: Type.Union([Type.String(), Type.Null()]),
  changes: Type.Array(Type.Object({ key: Type.String(), before: Type.Union([Num, Type.Null()]), after: Num }), {
    description: 'The cells the file changes or adds (before null: the cell was empty)',
  }),
  values: Type.Record(Type.String(), Num, { description: 'Every cell of the period after the import' }),
  unchanged: Type.Boolean({ description: 'The file leaves this period as it is: no revision' }),
  revision: Type.Union([ActualRevisionSchema, Type.Null()], { description: 'The revision written (null: none)' }),
  outOfBand: Type.Array(Type.Object({ key: Type.String(), value: Num, low: Num, high: Num }), {
    description: 'Cells of the file outside their target band',
  }),
  totalMismatch: Type.Union([Type.Object({ published: Num, fromSectors: Num, tolerance: Num }), Type.Null()], {
    description: 'The total disagrees with the sectors beyond rounding',
  }),
});

export const ImportResponseSchema = Type.Object({
  scenarioId: Type.String(),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  rows: Type.Integer({ description: 'Data rows read' }),
  locale: Type.Union([Type.Literal('vi'), Type.Literal('en'), Type.Null()]),
  dryRun: Type.Boolean(),
  unchanged: Type.Boolean({ description: 'The file changes nothing: no revision was (or would be) written' }),
  periods: Type.Array(ImportedPeriodSchema),
  revisions: Type.Array(ActualRevisionSchema, {
    description: 'The revisions written: one per period the file changes',
  }),
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
