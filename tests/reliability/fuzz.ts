/**
 * The fuzzing properties, shared by fuzz.test.ts (fixed seed, modest runs) and soak.ts (random seeds, long runs):
 * the engine loader on arbitrary and mutated text and objects (only GrdpError may escape), and every route of the
 * OpenAPI document with arbitrary JSON bodies and query strings (never 5xx, never slower than a deadline).
 */

import { AN_GIANG_YAML, anGiang, type TestApp } from '@grdp/api/testing';
import { GrdpError, loadScenario, parseScenarioObject, scenarioToFile } from '@grdp/engine';
import fc from 'fast-check';

type FastifyInstance = TestApp['app'];

export interface FuzzOptions {
  numRuns: number;
  seed?: number;
}

const only = (e: unknown) => {
  if (!(e instanceof GrdpError)) throw e;
};

function tryLoad(text: string, format?: 'yaml' | 'json'): void {
  try {
    loadScenario(text, format ? { format } : {});
  } catch (e) {
    only(e);
  }
}

/** Arbitrary strings: ASCII, full Unicode, YAML-ish punctuation. */
const yamlChars = fc.constantFrom(
  ...'abc xyz:-[]{},&*!|>\'"#%@`?\n\t  0123456789.,%~<=\\'.split(''),
  '\u0000',
  '\ufeff',
  'ă',
  'ư',
  '\u0300',
);
export const arbitraryText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: yamlChars, maxLength: 400 }),
);

export function loaderOnArbitraryText(o: FuzzOptions): void {
  fc.assert(
    fc.property(arbitraryText, fc.constantFrom<'yaml' | 'json' | undefined>(undefined, 'yaml', 'json'), (text, f) => {
      tryLoad(text, f);
    }),
    o,
  );
}

/** Edits of the An Giang file: cut, insert, duplicate or swap lines, flip characters. */
export const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: arbitraryText }),
  fc.record({ kind: fc.constant('dupLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('char' as const), at: fc.nat(), c: yamlChars }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

export function mutate(text: string, ms: Mutation[]): string {
  let s = text;
  for (const m of ms) {
    const lines = s.split('\n');
    switch (m.kind) {
      case 'cut': {
        const at = m.at % (s.length + 1);
        s = s.slice(0, at) + s.slice(at + m.len);
        break;
      }
      case 'insert': {
        const at = m.at % (s.length + 1);
        s = s.slice(0, at) + m.text + s.slice(at);
        break;
      }
      case 'char': {
        const at = m.at % Math.max(1, s.length);
        s = s.slice(0, at) + m.c + s.slice(at + 1);
        break;
      }
      case 'dupLine': {
        const i = m.at % lines.length;
        lines.splice(i, 0, lines[i]!);
        s = lines.join('\n');
        break;
      }
      case 'swapLines': {
        const a = m.a % lines.length;
        const b = m.b % lines.length;
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
        s = lines.join('\n');
        break;
      }
      case 'indent': {
        const i = m.at % lines.length;
        const line = lines[i]!;
        lines[i] = m.by >= 0 ? ' '.repeat(m.by) + line : line.replace(new RegExp(`^ {0,${-m.by}}`), '');
        s = lines.join('\n');
        break;
      }
    }
  }
  return s;
}

export function loaderOnMutatedFile(o: FuzzOptions): void {
  const json = JSON.stringify(scenarioToFile(anGiang()), null, 1);
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), (ms, asJson) => {
      tryLoad(mutate(asJson ? json : AN_GIANG_YAML, ms), asJson ? 'json' : 'yaml');
    }),
    o,
  );
}

/** Replace the value at a random path of the valid document with anything (JSON values, prototypes, deep nesting). */
export function loaderOnMutatedObject(o: FuzzOptions): void {
  const doc = scenarioToFile(anGiang());
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]) => {
    paths.push(p);
    if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, [...p, i]);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
  };
  walk(doc, []);
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.anything({ maxDepth: 3 }),
    fc.constantFrom<unknown>(
      null,
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -0,
      1e308,
      '7,5%',
      '',
      [],
      {},
      Object.create(null),
      JSON.parse('{"__proto__":{"x":1}}'),
    ),
  );
  fc.assert(
    fc.property(fc.nat(paths.length - 1), value, fc.boolean(), (i, v, remove) => {
      const copy = structuredClone(doc) as Record<string, unknown>;
      const p = paths[i]!;
      let target: unknown = copy;
      let result: unknown = copy;
      if (p.length === 0) result = v;
      else {
        for (const k of p.slice(0, -1)) target = (target as Record<string | number, unknown>)[k];
        const last = p[p.length - 1]!;
        if (remove && !Array.isArray(target)) delete (target as Record<string | number, unknown>)[last];
        else (target as Record<string | number, unknown>)[last] = v;
      }
      try {
        parseScenarioObject(result);
      } catch (e) {
        only(e);
      }
    }),
    o,
  );
}

export interface RouteInfo {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** OpenAPI path, `{id}` style. */
  path: string;
  tags: string[];
  secured: boolean;
  hasBody: boolean;
  hasQuery: boolean;
}

/** Every operation of the app's OpenAPI document (/docs/json). */
export async function routesOf(app: FastifyInstance): Promise<RouteInfo[]> {
  const r = await app.inject({ url: '/docs/json' });
  const doc = r.json() as {
    paths: Record<
      string,
      Record<string, { tags?: string[]; security?: unknown[]; requestBody?: unknown; parameters?: { in: string }[] }>
    >;
  };
  const out: RouteInfo[] = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
      out.push({
        method: method.toUpperCase() as RouteInfo['method'],
        path,
        tags: op.tags ?? [],
        secured: Array.isArray(op.security) && op.security.length > 0,
        hasBody: op.requestBody !== undefined,
        hasQuery: (op.parameters ?? []).some((p) => p.in === 'query'),
      });
    }
  return out;
}

/** A concrete URL for an OpenAPI path: real ids where the app has them, else the given values. */
export function fillPath(path: string, values: Record<string, string> = {}): string {
  const defaults: Record<string, string> = {
    id: 'an-giang-2023',
    period: 'Q1',
    whatifId: 'wi_none',
    tokenId: 'tok_none',
    ...values,
  };
  return path.replace(/\{(\w+)\}/g, (_m, k: string) => encodeURIComponent(defaults[k] ?? 'x'));
}

const queryValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('7,5%', '', 'true', 'false', 'auto', 'file', 'Q1', 'Q9', 'vi', 'en', '-1', '1e309', '%', '[]'),
);
export const arbitraryQuery = fc.dictionary(
  fc.oneof(
    fc.constantFrom('base', 'asPrinted', 'asOf', 'lang', 'locale', 'side', 'format', 'x'),
    fc.string({ maxLength: 8 }),
  ),
  fc.oneof(queryValue, fc.array(queryValue, { maxLength: 3 })),
  { maxKeys: 4 },
);
export const arbitraryBody = fc.oneof(
  fc.jsonValue({ maxDepth: 5 }),
  fc.record({
    values: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 })),
    vintage: fc.string(),
  }),
  fc.record({ name: fc.string(), body: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ scenario: fc.jsonValue({ maxDepth: 3 }), shocks: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] }),
);

function toSearch(q: Record<string, string | string[]>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) for (const x of Array.isArray(v) ? v : [v]) sp.append(k, x);
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/**
 * Arbitrary JSON bodies and query strings on every route: never 5xx, never longer than `deadlineMs`. Returns the
 * number of requests made and the statuses seen.
 */
export async function routesNeverFail(
  app: FastifyInstance,
  token: string,
  o: FuzzOptions & { deadlineMs?: number; routes?: RouteInfo[] },
): Promise<{ requests: number; statuses: Record<number, number>; routes: number }> {
  // Deletes last: deleting the scenario first would leave every other route answering 404.
  const routes = (o.routes ?? (await routesOf(app)))
    .filter((r) => !r.path.startsWith('/docs'))
    .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
  const statuses: Record<number, number> = {};
  let requests = 0;
  const deadline = o.deadlineMs ?? 10_000;
  for (const route of routes) {
    await fc.assert(
      fc.asyncProperty(arbitraryBody, arbitraryQuery, fc.boolean(), async (body, query, sendBody) => {
        const url = fillPath(route.path) + toSearch(query as Record<string, string | string[]>);
        const withBody = sendBody && route.method !== 'GET' && route.method !== 'DELETE';
        let timer: NodeJS.Timeout | undefined;
        const r = await Promise.race([
          app.inject({
            method: route.method,
            url,
            headers: { authorization: `Bearer ${token}`, ...(withBody ? { 'content-type': 'application/json' } : {}) },
            ...(withBody ? { payload: JSON.stringify(body) } : {}),
          }),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`${route.method} ${url} took over ${deadline} ms`)), deadline);
          }),
        ]).finally(() => clearTimeout(timer));
        requests++;
        statuses[r.statusCode] = (statuses[r.statusCode] ?? 0) + 1;
        if (r.statusCode >= 500) throw new Error(`${route.method} ${url} → ${r.statusCode}: ${r.body.slice(0, 300)}`);
      }),
      o,
    );
  }
  return { requests, statuses, routes: routes.length };
}
