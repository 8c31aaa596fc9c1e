/**
 * The one bad-input corpus: requests that must each be refused with a 4xx JSON `{code, message}` that says what
 * is wrong and where, store nothing, and leave the server answering. Two suites run it: the API's in-process
 * suite (routes/malformed.test.ts, through inject) and the reliability suite over real HTTP
 * (tests/reliability/corpus.test.ts). Groups: scenario files as YAML and JSON (PUT /api/scenarios/:id), actuals
 * bodies (PUT …/actuals/:period), CSV and XLSX imports (POST …/actuals/import), query strings and path
 * parameters, headers, and the other writes and computations (evaluate, what-ifs, tokens).
 *
 * `where`: a text the answer must contain in its `path`, an issue's path, or its message (the "where").
 * Big payloads (50 MB, zip bombs) are built lazily, when the case runs, and marked `heavy`.
 */
import { scenarioToFile } from '@grdp/engine';
import { expect } from 'vitest';
import { BOM, type Cell, multipart, utf16be, utf16le, windows1258, xlsx, zip, zipBombXlsx } from './files.ts';
import { AN_GIANG_YAML, anGiang } from './helpers.ts';

export type Who = 'admin' | 'editor' | 'none';
export type Group =
  | 'scenario-yaml'
  | 'scenario-json'
  | 'actuals'
  | 'import-csv'
  | 'import-xlsx'
  | 'query'
  | 'headers'
  | 'other-writes';

export interface Request {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  body?: string | Buffer | Record<string, unknown> | unknown[] | null;
  headers?: Record<string, string>;
}

export interface Case {
  name: string;
  group: Group;
  who: Who;
  /** Built when the case runs (large bodies are not kept in memory). `__Q1__` in a header is Q1's ETag. */
  req: () => Request;
  /** Exact status, when one is right; otherwise any 4xx. */
  status?: number;
  /** Exact code or a pattern for it. */
  code?: string | RegExp;
  /** Must appear in the answer's path, an issue path, or the message. */
  where?: string;
  /** Builds tens of megabytes (run over real HTTP by the reliability suite only). */
  heavy?: boolean;
}

export const SCEN = '/api/scenarios/an-giang-2023';
export const IMPORT = `${SCEN}/actuals/import`;
const DOC = scenarioToFile(anGiang());
const swap = (from: string, to: string) => {
  if (!AN_GIANG_YAML.includes(from)) throw new Error(`corpus: "${from}" is not in the An Giang file`);
  return AN_GIANG_YAML.replace(from, to);
};

const yaml =
  (body: string | Buffer | (() => Buffer), headers: Record<string, string> = {}): (() => Request) =>
  () => ({
    method: 'PUT',
    url: SCEN,
    body: typeof body === 'function' ? body() : body,
    headers: { 'content-type': 'application/yaml', ...headers },
  });
const json =
  (body: unknown, url = SCEN, method: Request['method'] = 'PUT'): (() => Request) =>
  () => ({
    method,
    url,
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
/** An actuals PUT: Q2 is empty (no If-Match needed), Q1 has a revision (its ETag is sent). */
const actual =
  (body: unknown, period = 'Q2', headers: Record<string, string> = {}): (() => Request) =>
  () => ({
    method: 'PUT',
    url: `${SCEN}/actuals/${period}`,
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(period === 'Q1' ? { 'if-match': '__Q1__' } : {}), ...headers },
  });
const upload =
  (filename: string, data: () => Buffer, type: string): (() => Request) =>
  () => {
    const m = multipart(filename, data(), type);
    return { method: 'POST', url: IMPORT, body: m.body, headers: { 'content-type': m.contentType } };
  };
const csv = (text: string | (() => Buffer), name = 'actuals.csv') =>
  upload(name, typeof text === 'string' ? () => Buffer.from(text, 'utf8') : text, 'text/csv');
const book = (rows: Cell[][] | (() => Buffer), name = 'actuals.xlsx') =>
  upload(
    name,
    typeof rows === 'function' ? rows : () => xlsx(rows),
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );

/** The import template's columns (files/columns.ts): one row per period and key. */
export const HEADER = 'period,key,growth_pct,vintage';
export const ROW = 'Q2,total,8.2,estimate';
const XH: Cell[] = ['period', 'key', 'growth_pct', 'vintage'];
const XROW: Cell[] = ['Q2', 'total', 8.2, 'estimate'];
const okActual = { values: { total: 6.3 }, vintage: 'revised' };
const MB50 = () => `${AN_GIANG_YAML}\n#${'x'.repeat(50 * 1024 * 1024)}\n`;

const scenarioYaml: Case[] = [
  { name: 'unclosed flow sequence', req: yaml('id: [unclosed\ntitle: {'), code: 'SCENARIO_SYNTAX' },
  { name: 'tab indentation', req: yaml('id: x\n\ttitle: y'), code: 'SCENARIO_SYNTAX' },
  { name: 'a bare string', req: yaml('just some text'), status: 400 },
  { name: 'a YAML list', req: yaml('- 1\n- 2'), status: 400 },
  { name: 'empty body', req: yaml(''), status: 400 },
  { name: 'only a comment', req: yaml('# nothing here\n'), status: 400 },
  { name: 'two documents', req: yaml(`${AN_GIANG_YAML}\n---\n${AN_GIANG_YAML}`), status: 400 },
  {
    name: 'duplicate key',
    req: yaml(`${AN_GIANG_YAML}\nregion: Cần Thơ\n`),
    status: 400,
    where: `line ${AN_GIANG_YAML.split('\n').length + 1}`,
  },
  {
    name: 'unknown sector in targets',
    req: yaml(swap('    services: "9,5', '    servicez: "9,5')),
    code: 'SCENARIO_UNKNOWN_SECTOR',
    where: 'targets.Q1.servicez',
  },
  {
    name: 'unknown period',
    req: yaml(swap('  Q3:\n', '  Q5:\n')),
    code: 'SCENARIO_UNKNOWN_PERIOD',
    where: 'targets.Q5',
  },
  { name: 'year as words', req: yaml(swap('year: 2023', 'year: twenty')), status: 400, where: 'year' },
  { name: 'year out of range', req: yaml(swap('year: 2023', 'year: 99999')), status: 400, where: 'year' },
  {
    name: '"7,5%" band as text',
    req: yaml(swap('total: "6,15 - 6,54%"', 'total: "lots"')),
    code: 'SCENARIO_NOT_NUMERIC',
    where: 'targets.Q1.total',
  },
  {
    name: 'band with a word in it',
    req: yaml(swap('total: "6,15 - 6,54%"', 'total: "6,15 - bảy%"')),
    code: 'SCENARIO_NOT_NUMERIC',
    where: 'targets.Q1.total',
  },
  {
    name: 'empty band cell',
    req: yaml(swap('total: "6,15 - 6,54%"', 'total: ""')),
    status: 400,
    where: 'targets.Q1.total',
  },
  {
    name: 'null band cell',
    req: yaml(swap('total: "6,15 - 6,54%"', 'total: ~')),
    status: 400,
    where: 'targets.Q1.total',
  },
  {
    name: 'huge number',
    req: yaml(swap('total: "6,15 - 6,54%"', 'total: 1e400')),
    status: 400,
    where: 'targets.Q1.total',
  },
  {
    name: 'missing region',
    req: yaml(swap('region: An Giang\n', '')),
    code: 'SCENARIO_MISSING_FIELD',
    where: 'region',
  },
  { name: 'unknown field', req: yaml(`${AN_GIANG_YAML}\nextra: 1\n`), code: 'SCENARIO_UNKNOWN_FIELD', where: 'extra' },
  {
    name: 'band of three',
    req: yaml(swap('total: "6,15 - 6,54%"', 'total: [1, 2, 3]')),
    status: 400,
    where: 'targets.Q1.total',
  },
  {
    name: 'duplicate sector',
    req: yaml(swap('  - id: services\n', '  - id: agriculture\n')),
    status: 400,
    where: 'sectors',
  },
  {
    name: 'negative base level',
    req: yaml(swap('agriculture: [12.864769,', 'agriculture: [-12.864769,')),
    code: 'SCENARIO_NEGATIVE_BASE',
    where: 'base.levels.agriculture',
  },
  {
    name: 'three base levels',
    req: yaml(swap('agriculture: [12.864769, 3.202697, 10.733534, 9.292085]', 'agriculture: [1, 2, 3]')),
    status: 400,
    where: 'base.levels.agriculture',
  },
  {
    name: 'base level as "1.234,5" text',
    req: yaml(swap('agriculture: [12.864769,', 'agriculture: ["12.864,769",')),
    status: 400,
    where: 'base.levels.agriculture',
  },
  { name: 'deep nesting (200 levels)', req: yaml(`id: ${'['.repeat(200)}${']'.repeat(200)}`), status: 400 },
  {
    name: 'deep block nesting (100 mappings)',
    req: yaml(`${Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} 1\n`),
    status: 400,
  },
  {
    name: 'alias bomb (billion laughs)',
    req: yaml(
      [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
      ].join('\n'),
    ),
    status: 400,
  },
  {
    name: 'alias bomb inside a valid file',
    req: yaml(
      `${AN_GIANG_YAML}\nnotes: &n [${Array(10).fill('"x"').join(',')}]\n`.replace(
        'notes: &n',
        `x1: &x1 [${Array(20).fill('*n').join(',')}]\nnotes: &n`,
      ),
    ),
    status: 400,
  },
  { name: 'custom YAML tag', req: yaml(`${AN_GIANG_YAML}\nextra: !!js/function "function(){}"\n`), status: 400 },
  { name: 'binary tag', req: yaml(`${AN_GIANG_YAML}\nextra: !!binary aGVsbG8=\n`), status: 400 },
  { name: 'merge key into the root', req: yaml(`base0: &b {region: X}\n<<: *b\n${AN_GIANG_YAML}`), status: 400 },
  {
    name: 'body id differs from path',
    req: yaml(swap('id: an-giang-2023', 'id: another')),
    code: 'ID_MISMATCH',
    where: 'id',
  },
  {
    name: 'Windows-1258 text',
    req: yaml(() => windows1258(AN_GIANG_YAML)),
    status: 400,
  },
  { name: 'UTF-16 LE text', req: yaml(() => utf16le(AN_GIANG_YAML)), status: 400 },
  { name: 'UTF-16 BE text', req: yaml(() => utf16be(AN_GIANG_YAML)), status: 400 },
  { name: 'a NUL byte', req: yaml(swap('region: An Giang', 'region: An\u0000Giang')), status: 400 },
  { name: 'BOM and a syntax error', req: yaml(Buffer.concat([BOM, Buffer.from('id: [x\n')])), status: 400 },
  { name: 'stale If-Match', req: yaml(AN_GIANG_YAML, { 'if-match': '"old"' }), code: 'STALE_ETAG', status: 409 },
  { name: 'If-Match without quotes', req: yaml(AN_GIANG_YAML, { 'if-match': 'abc' }), code: 'BAD_IF_MATCH' },
  {
    name: '50 MB body',
    req: (): Request => ({ method: 'PUT', url: SCEN, body: MB50(), headers: { 'content-type': 'application/yaml' } }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    heavy: true,
  },
  {
    name: 'body just over the limit',
    req: yaml(`${AN_GIANG_YAML}\n#${'x'.repeat(1_100_000)}\n`),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
].map((c) => ({ ...c, who: 'admin' as Who, group: 'scenario-yaml' as Group }));

const scenarioJson: Case[] = [
  { name: 'JSON array', req: json([1, 2, 3]), code: 'VALIDATION' },
  { name: 'JSON string', req: json('"id: an-giang-2023"'), code: 'VALIDATION' },
  { name: 'JSON null', req: json('null'), status: 400 },
  { name: 'JSON number', req: json('7.5'), status: 400 },
  { name: 'truncated JSON', req: json('{"id": "an-giang-2023",'), code: 'BAD_JSON' },
  {
    name: 'JSON with a BOM and a trailing comma',
    req: json(Buffer.concat([BOM, Buffer.from(`${JSON.stringify(DOC).slice(0, -1)},}`)])),
    code: 'BAD_JSON',
  },
  { name: 'JSON with comments', req: json(`// scenario\n${JSON.stringify(DOC)}`), code: 'BAD_JSON' },
  { name: 'JSON with a trailing comma', req: json(`${JSON.stringify(DOC).slice(0, -1)},}`), code: 'BAD_JSON' },
  { name: 'JSON in UTF-16', req: json(utf16le(JSON.stringify(DOC))), status: 400 },
  { name: 'empty object', req: json({}), code: 'SCENARIO_MISSING_FIELD' },
  { name: '__proto__ key', req: json('{"__proto__": {"admin": true}, "id": "an-giang-2023"}'), status: 400 },
  { name: 'constructor.prototype key', req: json({ ...DOC, constructor: { prototype: { x: 1 } } }), status: 400 },
  { name: 'sectors as an object', req: json({ ...DOC, sectors: { a: 1 } }), status: 400, where: 'sectors' },
  {
    name: 'negative base levels',
    req: json({ ...DOC, base: { unit: 'index', origin: 'official', levels: { agriculture: [-1, 1, 1, 1] } } }),
    status: 400,
    where: 'base',
  },
  {
    name: 'year as a string',
    req: json({ ...DOC, year: '2023' }),
    status: 400,
    where: 'year',
  },
  {
    name: 'growth "7,5%" as a number field',
    req: json({ ...DOC, base: { unit: 'x', origin: 'official', levels: { agriculture: ['7,5%', 1, 1, 1] } } }),
    status: 400,
    where: 'base',
  },
  {
    name: 'targets nested junk',
    req: json({ ...DOC, targets: { Q1: { total: { a: { b: [{}] } } } } }),
    status: 400,
    where: 'targets.Q1.total',
  },
  { name: 'NUL in the region', req: json({ ...DOC, region: 'An\u0000Giang' }), status: 400 },
  { name: 'deep JSON nesting', req: json(`{"id":${'['.repeat(5000)}${']'.repeat(5000)}}`), status: 400 },
].map((c) => ({ ...c, who: 'admin' as Who, group: 'scenario-json' as Group }));

const actuals: Case[] = [
  {
    name: 'values as a string',
    req: actual({ values: 'abc', vintage: 'estimate' }),
    code: 'VALIDATION',
    where: 'values',
  },
  {
    name: 'number as a string',
    req: actual({ values: { total: '7.5' }, vintage: 'estimate' }),
    code: 'VALIDATION',
    where: 'values.total',
  },
  {
    name: '"7,5%" as a value',
    req: actual({ values: { total: '7,5%' }, vintage: 'estimate' }),
    code: 'VALIDATION',
    where: 'values.total',
  },
  {
    name: 'text in a number',
    req: actual({ values: { total: 'bảy phẩy năm' }, vintage: 'estimate' }),
    code: 'VALIDATION',
    where: 'values.total',
  },
  {
    name: 'empty cell as ""',
    req: actual({ values: { total: '' }, vintage: 'estimate' }),
    code: 'VALIDATION',
    where: 'values.total',
  },
  {
    name: 'empty cell as null',
    req: actual({ values: { total: null }, vintage: 'estimate' }),
    code: 'VALIDATION',
    where: 'values.total',
  },
  { name: 'boolean value', req: actual({ values: { total: true }, vintage: 'estimate' }), code: 'VALIDATION' },
  {
    name: 'overflowing number',
    req: actual('{"values":{"total":1e400},"vintage":"estimate"}'),
    code: 'VALIDATION',
    where: 'values.total',
  },
  { name: 'NaN literal', req: actual('{"values":{"total":NaN},"vintage":"estimate"}'), code: 'BAD_JSON' },
  { name: 'Infinity literal', req: actual('{"values":{"total":Infinity},"vintage":"estimate"}'), code: 'BAD_JSON' },
  {
    name: 'implausible growth 7500',
    req: actual({ values: { total: 7500 }, vintage: 'estimate' }),
    code: 'VALIDATION',
    where: 'values.total',
  },
  {
    name: 'growth below -100',
    req: actual({ values: { total: -150 }, vintage: 'estimate' }),
    code: 'VALIDATION',
    where: 'values.total',
  },
  {
    name: 'unknown sector key',
    req: actual({ values: { mining: 1 }, vintage: 'estimate' }),
    code: 'INPUT_UNKNOWN_SECTOR',
    where: 'values.mining',
  },
  { name: 'capitalised key', req: actual({ values: { Total: 1 }, vintage: 'estimate' }), code: 'VALIDATION' },
  { name: 'Vietnamese key', req: actual({ values: { tổng: 1 }, vintage: 'estimate' }), code: 'VALIDATION' },
  { name: 'no values', req: actual({ values: {}, vintage: 'estimate' }), code: 'VALIDATION', where: 'values' },
  { name: 'values as an array', req: actual({ values: [6.2], vintage: 'estimate' }), code: 'VALIDATION' },
  { name: 'nested value', req: actual({ values: { total: { x: 1 } }, vintage: 'estimate' }), code: 'VALIDATION' },
  {
    name: 'unknown vintage',
    req: actual({ values: { total: 1 }, vintage: 'guess' }),
    code: 'VALIDATION',
    where: 'vintage',
  },
  { name: 'missing vintage', req: actual({ values: { total: 1 } }), code: 'VALIDATION', where: 'vintage' },
  { name: 'missing values', req: actual({ vintage: 'estimate' }), code: 'VALIDATION', where: 'values' },
  { name: 'extra field', req: actual({ ...okActual, author: 'someone else' }), code: 'VALIDATION' },
  { name: 'note too long', req: actual({ ...okActual, note: 'x'.repeat(5000) }), code: 'VALIDATION', where: 'note' },
  {
    name: 'duplicate key (last wins is refused)',
    req: actual('{"values":{"total":6.1,"total":"x"},"vintage":"estimate"}'),
    code: 'VALIDATION',
  },
  { name: 'body null', req: actual('null'), status: 400 },
  { name: 'body an array', req: actual('[{"values":{"total":1},"vintage":"estimate"}]'), code: 'VALIDATION' },
  { name: 'empty body', req: actual(''), code: 'BAD_JSON' },
  {
    name: 'BOM before JSON with a text number',
    req: actual(Buffer.concat([BOM, Buffer.from('{"values":{"total":"6,3"},"vintage":"revised"}')])),
    code: 'VALIDATION',
    where: 'values.total',
  },
  { name: 'NUL in the note', req: actual({ ...okActual, note: 'Cục\u0000Thống kê' }), status: 400 },
  {
    name: 'Windows-1258 note',
    req: actual(
      Buffer.concat([
        Buffer.from('{"values":{"total":6.3},"vintage":"revised","note":"'),
        windows1258('Cục Thống kê'),
        Buffer.from('"}'),
      ]),
    ),
    status: 400,
  },
  { name: 'UTF-16 JSON', req: actual(utf16le(JSON.stringify(okActual))), status: 400 },
  { name: 'unknown period Q5', req: actual(okActual, 'Q5'), code: 'VALIDATION', where: 'period' },
  { name: 'lowercase period q1', req: actual(okActual, 'q1'), code: 'VALIDATION', where: 'period' },
  { name: 'no If-Match on an existing period', req: actual(okActual, 'Q1', { 'if-match': '' }), status: 400 },
  {
    name: 'no If-Match header at all',
    req: (): Request => ({
      method: 'PUT',
      url: `${SCEN}/actuals/Q1`,
      body: JSON.stringify(okActual),
      headers: { 'content-type': 'application/json' },
    }),
    status: 428,
    code: 'IF_MATCH_REQUIRED',
  },
  { name: 'stale If-Match', req: actual(okActual, 'Q1', { 'if-match': '"stale"' }), status: 409, code: 'STALE_ETAG' },
  { name: 'weak If-Match', req: actual(okActual, 'Q1', { 'if-match': 'W/"x"' }), code: 'BAD_IF_MATCH' },
  {
    name: 'YAML body',
    req: actual('values: {total: 1}\nvintage: estimate', 'Q2', { 'content-type': 'text/yaml' }),
    code: 'VALIDATION',
  },
  {
    name: 'form-encoded body',
    req: actual('values=1', 'Q2', { 'content-type': 'application/x-www-form-urlencoded' }),
    status: 415,
  },
  {
    name: 'no such scenario',
    req: (): Request => ({ ...actual(okActual)(), url: '/api/scenarios/nope/actuals/Q2' }),
    status: 404,
  },
].map((c) => ({ ...c, who: 'editor' as Who, group: 'actuals' as Group }));

const csvCases: Case[] = [
  { name: 'empty file', req: csv('') },
  { name: 'only a header', req: csv(`${HEADER}\n`) },
  { name: 'wrong headers', req: csv(`quarter,kind,growth_rate\nQ2,total,8.2\n`), where: 'quarter' },
  { name: 'a missing column', req: csv('period,key,growth_pct\nQ2,total,8.2\n'), where: 'vintage' },
  { name: 'unknown sector key', req: csv(`${HEADER}\nQ2,mining,8.2,estimate\n`), where: 'mining' },
  { name: 'text in a number', req: csv(`${HEADER}\nQ2,total,tám,estimate\n`), where: 'growth' },
  { name: 'ambiguous "1,234"', req: csv(`${HEADER}\nQ2,total,"1,234",estimate\n`), where: 'growth' },
  { name: '"7,5%%"', req: csv(`${HEADER}\nQ2,total,"7,5%%",estimate\n`), where: 'growth' },
  { name: '"7,5% ước tính"', req: csv(`${HEADER}\nQ2,total,"7,5% ước tính",estimate\n`), where: 'growth' },
  { name: 'empty number cell', req: csv(`${HEADER}\nQ2,total,,estimate\n`), where: 'growth' },
  { name: 'implausible 7500', req: csv(`${HEADER}\nQ2,total,7500,estimate\n`), where: 'growth' },
  { name: 'unknown period', req: csv(`${HEADER}\nQ7,total,8.2,estimate\n`), where: 'period' },
  { name: 'empty period cell', req: csv(`${HEADER}\n,total,8.2,estimate\n`), where: 'period' },
  { name: 'unknown vintage', req: csv(`${HEADER}\nQ2,total,8.2,guess\n`), where: 'vintage' },
  { name: 'duplicate rows', req: csv(`${HEADER}\n${ROW}\n${ROW}\n`) },
  { name: 'conflicting duplicate rows', req: csv(`${HEADER}\n${ROW}\nQ2,total,9.1,estimate\n`) },
  { name: 'duplicate header column', req: csv(`${HEADER},growth_pct\n${ROW},8.3\n`) },
  { name: 'row shorter than the header', req: csv(`${HEADER}\nQ2,total\n`) },
  { name: 'unclosed quote', req: csv(`${HEADER}\nQ2,"total,8.2,estimate\n`) },
  { name: 'formula injection cell', req: csv(`${HEADER}\nQ2,total,=1+2,estimate\n`), where: 'growth' },
  {
    name: 'Windows-1258 file',
    req: csv(() => windows1258(`Kỳ,Chỉ tiêu,Tăng trưởng (%),Loại số liệu\nQuý 2,total,"8,2",estimate\n`)),
  },
  { name: 'UTF-16 LE file', req: csv(() => utf16le(`${HEADER}\n${ROW}\n`)) },
  { name: 'UTF-16 BE file', req: csv(() => utf16be(`${HEADER}\n${ROW}\n`)) },
  { name: 'BOM and wrong headers', req: csv(() => Buffer.concat([BOM, Buffer.from('kỳ;tổng\nQ2;8,2\n')])) },
  {
    name: 'binary junk as .csv',
    req: csv(() => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))),
  },
  {
    name: '50 MB CSV',
    req: csv(() => Buffer.from(`${HEADER}\n${`${ROW}\n`.repeat(2_300_000)}`)),
    status: 413,
    heavy: true,
  },
].map((c) => ({ ...c, who: 'editor' as Who, group: 'import-csv' as Group }));

const xlsxCases: Case[] = [
  { name: 'not a zip', req: book(() => Buffer.from('PK this is not a workbook')) },
  { name: 'an empty zip', req: book(() => zip([])) },
  { name: 'a zip without a workbook', req: book(() => zip([{ name: 'hello.txt', data: Buffer.from('xin chào') }])) },
  { name: 'truncated workbook', req: book(() => xlsx([XH, XROW]).subarray(0, 300)) },
  {
    name: 'wrong headers',
    req: book([
      ['Kỳ', 'Loại', 'Tổng'],
      ['Q2', 'estimate', 8.2],
    ]),
  },
  { name: 'text in a number', req: book([XH, ['Q2', 'total', 'tám', 'estimate']]), where: 'growth' },
  { name: '"7,5% ước" text', req: book([XH, ['Q2', 'total', '7,5% ước', 'estimate']]), where: 'growth' },
  { name: 'empty number cell', req: book([XH, ['Q2', 'total', null, 'estimate']]) },
  { name: 'duplicate rows', req: book([XH, XROW, XROW]) },
  {
    name: 'formula cell with an error result',
    req: book([XH, ['Q2', 'total', { f: '1/0', e: '#DIV/0!' }, 'estimate']]),
  },
  { name: 'formula cell with a text result', req: book([XH, ['Q2', 'total', { f: '"tám"', s: 'tám' }, 'estimate']]) },
  { name: 'formula without a cached value', req: book([XH, ['Q2', 'total', { f: 'C3*2' }, 'estimate']]) },
  { name: 'implausible 7500', req: book([XH, ['Q2', 'total', 7500, 'estimate']]), where: 'growth' },
  { name: 'unknown sector key', req: book([XH, ['Q2', 'mining', 8.2, 'estimate']]), where: 'mining' },
  { name: 'only a header row', req: book([XH]) },
  { name: 'zip bomb (100 MiB sheet)', req: book(() => zipBombXlsx(100)), heavy: true },
  { name: 'zip bomb lying about its size', req: book(() => zipBombXlsx(100, true)), heavy: true },
  {
    name: 'a PDF sent as .xlsx',
    req: book(() => Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n', 'latin1')),
  },
].map((c) => ({ ...c, who: 'editor' as Who, group: 'import-xlsx' as Group }));

const q =
  (url: string, method: Request['method'] = 'POST'): (() => Request) =>
  () => ({ method, url });
const query: Case[] = [
  { name: 'evaluate base=guess', req: q(`${SCEN}/evaluate?base=guess`), code: 'VALIDATION', where: 'base' },
  { name: 'evaluate base repeated', req: q(`${SCEN}/evaluate?base=file&base=auto`), code: 'VALIDATION' },
  { name: 'evaluate base empty', req: q(`${SCEN}/evaluate?base=`), code: 'VALIDATION' },
  {
    name: 'calibrate asPrinted=maybe',
    req: q(`${SCEN}/calibrate?asPrinted=maybe`),
    code: 'VALIDATION',
    where: 'asPrinted',
  },
  { name: 'calibrate asPrinted=1', req: q(`${SCEN}/calibrate?asPrinted=1`), code: 'VALIDATION' },
  { name: 'scenario id in uppercase', req: q('/api/scenarios/An_Giang', 'GET'), code: 'VALIDATION', where: 'id' },
  {
    name: 'PUT to an id that is not a slug',
    req: (): Request => ({ ...yaml(AN_GIANG_YAML)(), url: '/api/scenarios/An_Giang' }),
    who: 'admin',
    code: 'VALIDATION',
  },
  { name: 'scenario id too long', req: q(`/api/scenarios/${'a'.repeat(150)}`, 'GET'), status: 400 },
  { name: 'broken percent-encoding', req: q('/api/scenarios/%E0%A4%A', 'GET'), status: 400 },
  { name: 'period "7,5%"', req: q(`${SCEN}/actuals/7,5%25/history`, 'GET'), code: 'VALIDATION', where: 'period' },
  { name: 'path traversal id', req: q('/api/scenarios/..%2F..%2Fetc%2Fpasswd', 'GET'), status: 400 },
  { name: 'unknown route', req: q('/api/scenarioz', 'GET'), status: 404, code: 'NOT_FOUND' },
  { name: 'no such scenario', req: q('/api/scenarios/nope/audit', 'GET'), status: 404, code: 'NOT_FOUND' },
  { name: 'template lang=fr', req: q('/api/templates/actuals.csv?lang=fr', 'GET'), code: 'VALIDATION', where: 'lang' },
  { name: 'export lang=vi-VN', req: q(`${SCEN}/export.csv?lang=vi-VN`, 'GET'), code: 'VALIDATION', where: 'lang' },
  {
    name: 'import locale=fr',
    req: (): Request => ({ ...csv(`${HEADER}\n${ROW}\n`)(), url: `${IMPORT}?locale=fr` }),
    who: 'editor',
    code: 'VALIDATION',
    where: 'locale',
  },
].map((c) => ({ ...c, who: ((c as { who?: Who }).who ?? 'none') as Who, group: 'query' as Group }));

const headers: Case[] = [
  {
    name: 'text/plain scenario',
    who: 'admin',
    req: (): Request => ({ ...yaml(AN_GIANG_YAML)(), headers: { 'content-type': 'text/plain' } }),
    status: 415,
  },
  {
    name: 'XML body',
    who: 'admin',
    req: (): Request => ({ ...yaml('<a/>')(), headers: { 'content-type': 'application/xml' } }),
    status: 415,
  },
  {
    name: 'no content type',
    who: 'admin',
    req: (): Request => ({
      method: 'PUT',
      url: SCEN,
      body: Buffer.from(AN_GIANG_YAML),
      headers: { 'content-type': '' },
    }),
  },
  {
    name: 'JSON labelled as YAML with a bad charset',
    who: 'admin',
    req: (): Request => ({
      ...yaml(AN_GIANG_YAML)(),
      headers: { 'content-type': 'application/yaml; charset=windows-1258' },
    }),
  },
  {
    name: 'malformed bearer token',
    who: 'none',
    req: (): Request => ({
      ...actual(okActual)(),
      headers: { 'content-type': 'application/json', authorization: 'Bearer' },
    }),
    status: 401,
  },
  {
    name: 'basic auth instead of bearer',
    who: 'none',
    req: () => ({
      ...actual(okActual)(),
      headers: { 'content-type': 'application/json', authorization: 'Basic YTpi' },
    }),
    status: 401,
  },
  { name: 'editor writing a scenario', who: 'editor', req: yaml(AN_GIANG_YAML), status: 403, code: 'FORBIDDEN' },
  { name: 'no token for a write', who: 'none', req: actual(okActual), status: 401, code: 'UNAUTHORIZED' },
].map((c) => ({ ...c, who: c.who as Who, group: 'headers' as Group }));

const otherWrites: Case[] = [
  {
    name: 'evaluate broken YAML',
    who: 'none',
    req: (): Request => ({ ...yaml('a: [')(), method: 'POST', url: '/api/evaluate' }),
    code: 'SCENARIO_SYNTAX',
  },
  {
    name: 'what-if without a name',
    who: 'editor',
    req: json({ body: {} }, `${SCEN}/whatifs`, 'POST'),
    code: 'VALIDATION',
  },
  {
    name: 'what-if body a string',
    who: 'editor',
    req: json({ name: 'x', body: 'junk' }, `${SCEN}/whatifs`, 'POST'),
    code: 'VALIDATION',
  },
  {
    name: 'what-if on no scenario',
    who: 'editor',
    req: json({ name: 'x', body: {} }, '/api/scenarios/nope/whatifs', 'POST'),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'token with an unknown role',
    who: 'admin',
    req: json({ name: 'x', role: 'root' }, '/api/tokens', 'POST'),
    code: 'VALIDATION',
    where: 'role',
  },
  {
    name: 'token without a name',
    who: 'admin',
    req: json({ name: '', role: 'editor' }, '/api/tokens', 'POST'),
    code: 'VALIDATION',
    where: 'name',
  },
].map((c) => ({ ...c, who: c.who as Who, group: 'other-writes' as Group }));

export const CORPUS: Case[] = [
  ...scenarioYaml,
  ...scenarioJson,
  ...actuals,
  ...csvCases,
  ...xlsxCases,
  ...query,
  ...headers,
  ...otherWrites,
];

/** What a refusal must look like: the parts of an answer a case is checked against, whatever the transport. */
export interface Answer {
  status: number;
  contentType: string | null | undefined;
  text: string;
}

/**
 * Checks one answer against its case: 4xx JSON with a stable upper-case `code` and a message; the exact status
 * and code when the case names them; the "where" in the path, an issue, an import error or the message.
 */
export function expectRefusal(c: Case, a: Answer): void {
  expect(a.status, a.text).toBeGreaterThanOrEqual(400);
  expect(a.status, a.text).toBeLessThan(500);
  expect(a.contentType).toMatch(/^application\/json/);
  const body = JSON.parse(a.text) as {
    code?: unknown;
    message?: unknown;
    path?: unknown;
    issues?: { path: string }[];
    errors?: { row: number; column: string; reason: string }[];
  };
  expect(typeof body.code, a.text).toBe('string');
  expect(body.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
  expect(typeof body.message).toBe('string');
  expect((body.message as string).length).toBeGreaterThan(5);
  if (c.status) expect(a.status, a.text).toBe(c.status);
  if (typeof c.code === 'string') expect(body.code, a.text).toBe(c.code);
  else if (c.code) expect(body.code, a.text).toMatch(c.code);
  if (c.where) {
    const places = [
      String(body.path ?? ''),
      ...(body.issues ?? []).map((i) => i.path),
      ...(body.errors ?? []).flatMap((e) => [e.column, e.reason]),
      String(body.message),
    ];
    expect(
      places.some((p) => p.includes(c.where!)),
      `"${c.where}" in ${a.text.slice(0, 500)}`,
    ).toBe(true);
  }
}

/** The request's headers with `__Q1__` replaced by Q1's current ETag. */
export function withEtag(req: Request, q1Etag: string): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k, v === '__Q1__' ? q1Etag : v]));
}
