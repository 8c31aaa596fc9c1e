import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../../test-support/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp({}, { seed: false });
});
afterAll(async () => t.close());

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

interface Operation {
  tags?: string[];
  summary?: string;
  responses?: Record<string, unknown>;
  parameters?: { in: string; name: string }[];
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3 with every route tagged, summarised and answered', async () => {
    const r = await t.app.inject({ url: '/docs/json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json() as {
      openapi: string;
      info: { title: string; version: string };
      paths: Record<string, Record<string, Operation>>;
      tags: { name: string }[];
    };
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    // The scenario file format is in the document, from the engine's schema.
    const file = (doc as unknown as { components: { schemas: Record<string, { required: string[] }> } }).components
      .schemas.ScenarioFile;
    expect(file?.required).toEqual(['id', 'title', 'region', 'year', 'source', 'sectors', 'targets']);
    expect(doc.info.title).toBeTruthy();
    const declared = new Set(doc.tags.map((x) => x.name));
    const ops: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path.startsWith('/')).toBe(true);
      for (const [method, op] of Object.entries(item)) {
        if (!METHODS.includes(method)) continue;
        ops.push(`${method.toUpperCase()} ${path}`);
        expect(op.tags?.length, `${method} ${path} tags`).toBeGreaterThan(0);
        for (const tag of op.tags ?? []) expect(declared.has(tag), `${method} ${path} tag ${tag}`).toBe(true);
        expect(op.summary?.length, `${method} ${path} summary`).toBeGreaterThan(5);
        expect(Object.keys(op.responses ?? {}).length, `${method} ${path} responses`).toBeGreaterThan(0);
        for (const m of path.matchAll(/\{(\w+)\}/g))
          expect(
            op.parameters?.some((p) => p.in === 'path' && p.name === m[1]),
            `${path} param ${m[1]}`,
          ).toBe(true);
      }
    }
    for (const expected of [
      'GET /api/scenarios',
      'PUT /api/scenarios/{id}',
      'POST /api/scenarios/{id}/calibrate',
      'GET /api/scenarios/{id}/audit',
      'POST /api/scenarios/{id}/evaluate',
      'POST /api/evaluate',
      'PUT /api/scenarios/{id}/actuals/{period}',
      'GET /api/scenarios/{id}/actuals/{period}/history',
      'GET /healthz',
      'GET /api/version',
    ])
      expect(ops).toContain(expected);
    const put = doc.paths['/api/scenarios/{id}']!.put as Operation & {
      requestBody: { content: Record<string, unknown> };
    };
    expect(Object.keys(put.requestBody.content).sort()).toEqual(['application/json', 'application/yaml', 'text/yaml']);
  });

  it('serves the UI at /docs', async () => {
    const r = await t.app.inject({ url: '/docs/' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
  });
});
