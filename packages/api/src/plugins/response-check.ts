/**
 * For tests (`buildApp(config, { checkResponses: true })`): every JSON answer is checked against its route's
 * response schema for its status, before and after serialisation:
 * - the object the handler returned must match the schema (TypeBox `Value.Errors`), so a wrong type, a missing
 *   field or, in a closed object, a field the schema does not name is found;
 * - the serialised text must parse to the same JSON as the object, so the serialiser dropped or changed nothing.
 * A mismatch answers 500 `RESPONSE_MISMATCH` naming the route, the status and the JSON path. The server never
 * loads this plugin.
 */
import { isDeepStrictEqual } from 'node:util';
import { FormatRegistry, Kind, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';
import { global } from './global.ts';

if (!FormatRegistry.Has('date-time'))
  FormatRegistry.Set('date-time', (v) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(v));

/** The route's TypeBox response schema for a status (exact, `4xx`-style or default), if it has one. */
export function responseSchemaOf(request: FastifyRequest, status: number): TSchema | undefined {
  const response = request.routeOptions.schema?.response as Record<string, unknown> | undefined;
  if (!response) return undefined;
  const s = response[status] ?? response[`${Math.floor(status / 100)}xx`] ?? response.default;
  return s && typeof s === 'object' && Kind in s ? (s as TSchema) : undefined;
}

/** The first path where two JSON values differ (`$` when they differ at the top). */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return path;
}

/** Why a returned value does not match its schema, or null when it does. */
export function schemaMismatch(schema: TSchema, value: unknown): string | null {
  const error = Value.Errors(schema, JSON.parse(JSON.stringify(value))).First();
  return error ? `${error.path || '/'}: ${error.message} (value ${JSON.stringify(error.value)?.slice(0, 120)})` : null;
}

/** Why the serialised text is not the returned value as JSON, or null when it is. */
export function serialisationMismatch(value: unknown, serialised: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(serialised);
  } catch {
    return 'the serialised answer is not JSON';
  }
  const diff = firstDifference(JSON.parse(JSON.stringify(value)), parsed);
  return diff ? `the serialiser changed the answer at ${diff}` : null;
}

/** By app: every `METHOD url status` whose answer was checked and matched. */
export const checkedResponses = new WeakMap<FastifyInstance, Set<string>>();

export const responseCheckPlugin: FastifyPluginAsync = global(async (app) => {
  const returned = new WeakMap<FastifyRequest, unknown>();
  const checked = new Set<string>();
  checkedResponses.set(app, checked);
  const fail = (request: FastifyRequest, reply: FastifyReply, why: string) => {
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    return new ApiError('RESPONSE_MISMATCH', `${route} ${reply.statusCode}: ${why}`);
  };
  app.addHook('preSerialization', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const schema = responseSchemaOf(request, reply.statusCode);
    if (!schema) return payload;
    const why = schemaMismatch(schema, payload);
    if (why !== null) throw fail(request, reply, why);
    returned.set(request, payload);
    return payload;
  });
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!returned.has(request) || typeof payload !== 'string') return payload;
    const value = returned.get(request);
    returned.delete(request);
    const why = serialisationMismatch(value, payload);
    if (why !== null) throw fail(request, reply, why);
    checked.add(`${request.method} ${request.routeOptions.url ?? request.url} ${reply.statusCode}`);
    return payload;
  });
});
