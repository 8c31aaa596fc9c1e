import { Type } from '@sinclair/typebox';

export const WhatifSchema = Type.Object({
  id: Type.String(),
  scenarioId: Type.String(),
  name: Type.String(),
  body: Type.Object({}, { additionalProperties: true }),
  createdAt: Type.String({ format: 'date-time' }),
  author: Type.String(),
});

export const CreateWhatifBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.Object({}, { additionalProperties: true, description: 'The what-if inputs, as the web sends them' }),
  },
  { additionalProperties: false },
);
