import { Type } from '@sinclair/typebox';

export const RoleSchema = Type.Union([Type.Literal('editor'), Type.Literal('admin')]);

export const TokenInfoSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Type.Union([RoleSchema, Type.Literal('unknown')], {
    description: '`unknown`: the stored role is not editor or admin (a tampered database); the token gives no access',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const CreateTokenBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), role: RoleSchema },
  { additionalProperties: false },
);

export const CreatedTokenSchema = Type.Composite([
  TokenInfoSchema,
  Type.Object({ token: Type.String({ description: 'Shown once; only its hash is stored' }) }),
]);
