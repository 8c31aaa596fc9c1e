/** The malformed requests of malformed.test.ts: YAML and JSON scenario files, actuals, computations, tokens. */
import type { InjectOptions } from 'fastify';
import { parse } from 'yaml';
import { AN_GIANG_YAML } from '../testing/helpers.ts';

export type Who = 'admin' | 'editor' | 'none';
export interface Case {
  name: string;
  who: Who;
  req: InjectOptions;
  status?: number;
  code?: string;
}

const SCEN = '/api/scenarios/an-giang-2023';
const ACT = `${SCEN}/actuals/Q1`;
const DOC = parse(AN_GIANG_YAML) as Record<string, unknown>;
const yamlReq = (payload: string, headers: Record<string, string> = {}): InjectOptions => ({
  method: 'PUT',
  url: SCEN,
  payload,
  headers: { 'content-type': 'application/yaml', ...headers },
});
const jsonReq = (payload: unknown, url = SCEN, method: InjectOptions['method'] = 'PUT'): InjectOptions => ({
  method,
  url,
  payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  headers: { 'content-type': 'application/json' },
});
const actual = (payload: unknown, headers: Record<string, string> = {}): InjectOptions => ({
  ...jsonReq(payload, ACT),
  headers: { 'content-type': 'application/json', 'if-match': '__Q1__', ...headers },
});
const ok = { values: { total: 6.3 }, vintage: 'revised' };
const swap = (from: string, to: string) => AN_GIANG_YAML.replace(from, to);

export const CASES: Case[] = [
  // scenario files: YAML
  { name: 'unclosed YAML flow', who: 'admin', req: yamlReq('id: [unclosed\ntitle: {'), code: 'SCENARIO_SYNTAX' },
  { name: 'tab indentation', who: 'admin', req: yamlReq('id: x\n\ttitle: y'), code: 'SCENARIO_SYNTAX' },
  { name: 'a bare string', who: 'admin', req: yamlReq('just some text'), status: 400 },
  { name: 'a YAML list', who: 'admin', req: yamlReq('- 1\n- 2'), status: 400 },
  { name: 'empty YAML', who: 'admin', req: yamlReq(''), status: 400 },
  {
    name: 'unknown sector',
    who: 'admin',
    req: yamlReq(swap('    services: "9,5', '    servicez: "9,5')),
    code: 'SCENARIO_UNKNOWN_SECTOR',
  },
  { name: 'unknown period', who: 'admin', req: yamlReq(swap('  Q3:\n', '  Q5:\n')), code: 'SCENARIO_UNKNOWN_PERIOD' },
  { name: 'year as words', who: 'admin', req: yamlReq(swap('year: 2023', 'year: twenty')), status: 400 },
  { name: 'huge number', who: 'admin', req: yamlReq(swap('total: "6,15 - 6,54%"', 'total: 1e400')), status: 400 },
  {
    name: 'growth as text',
    who: 'admin',
    req: yamlReq(swap('total: "6,15 - 6,54%"', 'total: "lots"')),
    code: 'SCENARIO_NOT_NUMERIC',
  },
  {
    name: 'missing region',
    who: 'admin',
    req: yamlReq(swap('region: An Giang\n', '')),
    code: 'SCENARIO_MISSING_FIELD',
  },
  { name: 'unknown field', who: 'admin', req: yamlReq(`${AN_GIANG_YAML}\nextra: 1\n`), code: 'SCENARIO_UNKNOWN_FIELD' },
  { name: 'band of three', who: 'admin', req: yamlReq(swap('total: "6,15 - 6,54%"', 'total: [1, 2, 3]')), status: 400 },
  { name: 'deep nesting', who: 'admin', req: yamlReq(`id: ${'['.repeat(200)}${']'.repeat(200)}`), status: 400 },
  {
    name: 'alias bomb',
    who: 'admin',
    req: yamlReq(
      [
        'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
        ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(',')}]`),
      ].join('\n'),
    ),
    status: 400,
  },
  {
    name: 'custom YAML tag',
    who: 'admin',
    req: yamlReq(`${AN_GIANG_YAML}\nnotes: !!js/function "function(){}"\n`),
    status: 400,
  },
  {
    name: 'body id differs from path',
    who: 'admin',
    req: yamlReq(swap('id: an-giang-2023', 'id: another')),
    code: 'ID_MISMATCH',
  },
  {
    name: 'path id not a slug',
    who: 'admin',
    req: { ...yamlReq(AN_GIANG_YAML), url: '/api/scenarios/An_Giang' },
    code: 'VALIDATION',
  },
  {
    name: 'stale If-Match on a scenario',
    who: 'admin',
    req: yamlReq(AN_GIANG_YAML, { 'if-match': '"old"' }),
    code: 'STALE_ETAG',
  },
  {
    name: 'If-Match without quotes',
    who: 'admin',
    req: yamlReq(AN_GIANG_YAML, { 'if-match': 'abc' }),
    code: 'BAD_IF_MATCH',
  },
  {
    name: 'text/plain body',
    who: 'admin',
    req: { ...yamlReq(AN_GIANG_YAML), headers: { 'content-type': 'text/plain' } },
    status: 415,
  },
  {
    name: 'XML body',
    who: 'admin',
    req: { ...yamlReq('<a/>'), headers: { 'content-type': 'application/xml' } },
    status: 415,
  },
  {
    name: 'body over the limit',
    who: 'admin',
    req: yamlReq(`${AN_GIANG_YAML}\n#${'x'.repeat(1_100_000)}\n`),
    status: 413,
  },
  // scenario files: JSON
  { name: 'JSON array', who: 'admin', req: jsonReq([1, 2, 3]), code: 'VALIDATION' },
  { name: 'JSON string', who: 'admin', req: jsonReq('"id: an-giang-2023"'), code: 'VALIDATION' },
  { name: 'JSON null', who: 'admin', req: jsonReq('null'), status: 400 },
  { name: 'broken JSON', who: 'admin', req: jsonReq('{"id": "an-giang-2023",'), code: 'BAD_JSON' },
  { name: 'empty JSON object', who: 'admin', req: jsonReq({}), code: 'SCENARIO_MISSING_FIELD' },
  {
    name: 'JSON __proto__',
    who: 'admin',
    req: jsonReq('{"__proto__": {"admin": true}, "id": "an-giang-2023"}'),
    status: 400,
  },
  { name: 'sectors as an object', who: 'admin', req: jsonReq({ ...DOC, sectors: { a: 1 } }), status: 400 },
  {
    name: 'negative base levels',
    who: 'admin',
    req: jsonReq({ ...DOC, base: { unit: 'index', origin: 'official', levels: { agriculture: [-1, 1, 1, 1] } } }),
    status: 400,
  },
  {
    name: 'targets nested junk',
    who: 'admin',
    req: jsonReq({ ...DOC, targets: { Q1: { total: { a: { b: [{}] } } } } }),
    status: 400,
  },
  // actuals
  {
    name: 'values as a string',
    who: 'editor',
    req: actual({ values: 'abc', vintage: 'estimate' }),
    code: 'VALIDATION',
  },
  {
    name: 'number as a string',
    who: 'editor',
    req: actual({ values: { total: '7.5' }, vintage: 'estimate' }),
    code: 'VALIDATION',
  },
  {
    name: 'boolean value',
    who: 'editor',
    req: actual({ values: { total: true }, vintage: 'estimate' }),
    code: 'VALIDATION',
  },
  {
    name: 'overflowing number',
    who: 'editor',
    req: { ...actual(ok), payload: '{"values":{"total":1e400},"vintage":"estimate"}' },
    code: 'VALIDATION',
  },
  {
    name: 'implausible growth',
    who: 'editor',
    req: actual({ values: { total: 7500 }, vintage: 'estimate' }),
    code: 'VALIDATION',
  },
  {
    name: 'unknown sector key',
    who: 'editor',
    req: actual({ values: { mining: 1 }, vintage: 'estimate' }),
    code: 'INPUT_UNKNOWN_SECTOR',
  },
  {
    name: 'capitalised key',
    who: 'editor',
    req: actual({ values: { Total: 1 }, vintage: 'estimate' }),
    code: 'VALIDATION',
  },
  { name: 'no values', who: 'editor', req: actual({ values: {}, vintage: 'estimate' }), code: 'VALIDATION' },
  {
    name: 'values as an array',
    who: 'editor',
    req: actual({ values: [6.2], vintage: 'estimate' }),
    code: 'VALIDATION',
  },
  {
    name: 'nested value',
    who: 'editor',
    req: actual({ values: { total: { x: 1 } }, vintage: 'estimate' }),
    code: 'VALIDATION',
  },
  {
    name: 'unknown vintage',
    who: 'editor',
    req: actual({ values: { total: 1 }, vintage: 'guess' }),
    code: 'VALIDATION',
  },
  { name: 'missing vintage', who: 'editor', req: actual({ values: { total: 1 } }), code: 'VALIDATION' },
  { name: 'missing values', who: 'editor', req: actual({ vintage: 'estimate' }), code: 'VALIDATION' },
  { name: 'extra field', who: 'editor', req: actual({ ...ok, author: 'someone else' }), code: 'VALIDATION' },
  { name: 'note too long', who: 'editor', req: actual({ ...ok, note: 'x'.repeat(5000) }), code: 'VALIDATION' },
  {
    name: 'unknown period in path',
    who: 'editor',
    req: { ...actual(ok), url: `${SCEN}/actuals/Q5` },
    code: 'VALIDATION',
  },
  { name: 'no If-Match on an existing period', who: 'editor', req: { ...jsonReq(ok, ACT) }, code: 'IF_MATCH_REQUIRED' },
  { name: 'stale If-Match', who: 'editor', req: actual(ok, { 'if-match': '"stale"' }), code: 'STALE_ETAG' },
  { name: 'weak If-Match', who: 'editor', req: actual(ok, { 'if-match': 'W/"x"' }), code: 'BAD_IF_MATCH' },
  {
    name: 'YAML body for actuals',
    who: 'editor',
    req: {
      ...actual(ok),
      payload: 'values: {total: 1}',
      headers: { 'content-type': 'text/yaml', 'if-match': '__Q1__' },
    },
    code: 'VALIDATION',
  },
  { name: 'actuals body null', who: 'editor', req: actual(null), status: 400 },
  // computations, what-ifs, tokens
  {
    name: 'evaluate broken YAML',
    who: 'none',
    req: { ...yamlReq('a: ['), method: 'POST', url: '/api/evaluate' },
    code: 'SCENARIO_SYNTAX',
  },
  {
    name: 'evaluate unknown base choice',
    who: 'none',
    req: { method: 'POST', url: `${SCEN}/evaluate?base=guess` },
    code: 'VALIDATION',
  },
  {
    name: 'calibrate asPrinted=maybe',
    who: 'none',
    req: { method: 'POST', url: `${SCEN}/calibrate?asPrinted=maybe` },
    code: 'VALIDATION',
  },
  {
    name: 'what-if without a name',
    who: 'editor',
    req: jsonReq({ body: {} }, `${SCEN}/whatifs`, 'POST'),
    code: 'VALIDATION',
  },
  {
    name: 'what-if body a string',
    who: 'editor',
    req: jsonReq({ name: 'x', body: 'junk' }, `${SCEN}/whatifs`, 'POST'),
    code: 'VALIDATION',
  },
  {
    name: 'what-if on no scenario',
    who: 'editor',
    req: jsonReq({ name: 'x', body: {} }, '/api/scenarios/nope/whatifs', 'POST'),
    code: 'NOT_FOUND',
  },
  {
    name: 'token with an unknown role',
    who: 'admin',
    req: jsonReq({ name: 'x', role: 'root' }, '/api/tokens', 'POST'),
    code: 'VALIDATION',
  },
  {
    name: 'token without a name',
    who: 'admin',
    req: jsonReq({ name: '', role: 'editor' }, '/api/tokens', 'POST'),
    code: 'VALIDATION',
  },
];
