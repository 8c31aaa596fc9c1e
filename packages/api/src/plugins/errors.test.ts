import { GrdpError, issue } from '@grdp/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../../test-support/helpers.ts';
import { ApiError, parseIfMatch } from '../errors.ts';
import { toErrorResponse } from './errors.ts';

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
