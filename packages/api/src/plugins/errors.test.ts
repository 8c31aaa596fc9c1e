import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, type ErrorCode, GrdpError, issue } from '@grdp/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../../test-support/helpers.ts';
import { REPO_ROOT } from '../config.ts';
import { ApiError, parseIfMatch } from '../errors.ts';
import { API_CODES, HTTP_STATUS, toErrorResponse } from './errors.ts';

describe('toErrorResponse', () => {
  it('maps engine scenario errors to 400 and computation errors to 422, with every issue', () => {
    const s = toErrorResponse(
      new GrdpError([issue('SCENARIO_UNKNOWN_SECTOR', 'targets.Q1.x'), issue('SCENARIO_BAD_YEAR', 'year')]),
    );
    expect(s.status).toBe(400);
    expect(s.body).toMatchObject({ code: 'SCENARIO_UNKNOWN_SECTOR', path: 'targets.Q1.x' });
    expect(s.body.issues?.map((i) => i.code)).toEqual(['SCENARIO_UNKNOWN_SECTOR', 'SCENARIO_BAD_YEAR']);
    expect(toErrorResponse(new GrdpError([issue('INPUT_MISSING_BASE', 'base')])).status).toBe(422);
  });

  it('answers an unexpected error with a generic 500 that leaks nothing', () => {
    const r = toErrorResponse(new Error('password=hunter2 at /srv/db'));
    expect(r).toEqual({ status: 500, body: { code: 'INTERNAL', message: 'Internal server error' } });
  });

  it('keeps ApiError codes, statuses and paths', () => {
    expect(toErrorResponse(new ApiError('IF_MATCH_REQUIRED'))).toMatchObject({
      status: 428,
      body: { code: 'IF_MATCH_REQUIRED' },
    });
    expect(toErrorResponse(new ApiError('ID_MISMATCH', 'x', 'id')).body.path).toBe('id');
  });
});

describe('parseIfMatch', () => {
  it('reads *, one or several strong tags, and refuses anything else', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('*')).toBe('*');
    expect(parseIfMatch('"a", "b"')).toEqual(['"a"', '"b"']);
    for (const bad of ['a', 'W/"a"', '"a" "b"', '', '"a",,"b"']) expect(() => parseIfMatch(bad), bad).toThrow(ApiError);
  });
});

describe('error answers from the app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('gives schema errors code VALIDATION and a dotted path', async () => {
    const r = await t.as(t.editor, {
      method: 'PUT',
      url: '/api/scenarios/an-giang-2023/actuals/Q1',
      payload: { values: { total: 'x' }, vintage: 'estimate' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'VALIDATION', path: 'body.values.total' });
    const missing = await t.as(t.editor, {
      method: 'PUT',
      url: '/api/scenarios/an-giang-2023/actuals/Q1',
      payload: { values: { total: 1 } },
    });
    expect(missing.json()).toMatchObject({ code: 'VALIDATION', path: 'body.vintage' });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const r = await t.app.inject({ url: '/api/nothing-here' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('one status per error code', () => {
  it('lists every code, the API’s and the engine’s, with its status', () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...API_CODES, ...Object.keys(ERROR_CODES)].sort());
    expect(Object.fromEntries(API_CODES.map((c) => [c, HTTP_STATUS[c]]))).toEqual({
      VALIDATION: 400,
      BAD_JSON: 400,
      BAD_IF_MATCH: 400,
      BAD_ENCODING: 400,
      ID_MISMATCH: 400,
      BAD_REQUEST: 400,
      IMPORT_INVALID: 400,
      IMPORT_UNREADABLE: 400,
      UNAUTHORIZED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      STALE_ETAG: 409,
      ACTUALS_ORPHANED: 409,
      PAYLOAD_TOO_LARGE: 413,
      UNSUPPORTED_MEDIA_TYPE: 415,
      WHATIF_NOT_RUNNABLE: 422,
      IF_MATCH_REQUIRED: 428,
      RATE_LIMITED: 429,
      RESPONSE_MISMATCH: 500,
      BUSY: 503,
      COMPUTE_TIMEOUT: 503,
      STORAGE_FULL: 507,
      STORAGE_UNAVAILABLE: 503,
      INTERNAL: 500,
    });
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[])
      expect(HTTP_STATUS[code], code).toBe(code === 'SCENARIO_TOO_LARGE' ? 413 : code.startsWith('INPUT_') ? 422 : 400);
  });

  it('answers a code with its status whoever raised it: a repository, a route or the engine', () => {
    for (const code of [...API_CODES, ...(Object.keys(ERROR_CODES) as ErrorCode[])]) {
      const fromApi = toErrorResponse(new ApiError(code, 'x', 'somewhere'));
      expect(fromApi.status, code).toBe(HTTP_STATUS[code]);
      if (code in ERROR_CODES)
        expect(toErrorResponse(new GrdpError([issue(code as ErrorCode, 'somewhere')])).status, code).toBe(
          HTTP_STATUS[code],
        );
    }
  });

  it('says a full disk plainly: SQLITE_FULL and PostgreSQL SQLSTATE 53100 (disk_full) are 507 STORAGE_FULL', () => {
    const sqlite = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    // pg's DatabaseError carries the SQLSTATE as `code`.
    const postgres = Object.assign(new Error('could not extend file "base/16384/16385": No space left on device'), {
      code: '53100',
      severity: 'ERROR',
    });
    for (const e of [sqlite, postgres]) {
      const r = toErrorResponse(e);
      expect(r.status).toBe(507);
      expect(r.body.code).toBe('STORAGE_FULL');
      expect(r.body.message).toMatch(/disk .*is full/);
    }
    const gone = toErrorResponse(
      Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY_DBMOVED' }),
    );
    expect(gone).toMatchObject({ status: 503, body: { code: 'STORAGE_UNAVAILABLE' } });
    expect(toErrorResponse(Object.assign(new Error('x'), { code: '23505' })).status).toBe(500);
  });

  it('gives an unknown sector key the same 422 on the actuals route as in a what-if', async () => {
    const t = await makeApp();
    try {
      const put = await t.as(t.editor, {
        method: 'PUT',
        url: '/api/scenarios/an-giang-2023/actuals/Q2',
        payload: { values: { mining: 1 }, vintage: 'estimate' },
      });
      const whatif = await t.as(undefined, {
        method: 'POST',
        url: '/api/scenarios/an-giang-2023/whatif',
        payload: { shocks: [{ sector: 'mining', periods: ['Q3'], deltaPp: 1 }] },
      });
      for (const r of [put, whatif]) {
        expect(r.statusCode, r.body).toBe(422);
        expect(r.json().code).toBe('INPUT_UNKNOWN_SECTOR');
      }
    } finally {
      await t.close();
    }
  });

  it('leaves HTTP to the error plugin: no domain error in src is given a status', () => {
    const src = join(REPO_ROOT, 'packages', 'api', 'src');
    const offenders: string[] = [];
    for (const f of readdirSync(src, { recursive: true }) as string[]) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts') || f.startsWith('plugins/errors')) continue;
      const text = readFileSync(join(src, f), 'utf8');
      if (/statusCode\s*=|new ApiError\([^)]*,\s*[45]\d\d\s*,?\s*\)/.test(text)) offenders.push(f);
    }
    expect(offenders).toEqual([]);
  });
});
