/**
 * Shared by the reliability suites: apps over SQLite or a fresh PostgreSQL schema, listening on 127.0.0.1 with
 * a port the OS picks, plain HTTP over fetch, the PostgreSQL gate (skip with a printed reason, fail when
 * REQUIRE_POSTGRES=1), and free ports for child servers.
 */
import { createServer } from 'node:net';
import type { Config } from '@grdp/api';
import { type Backend, makeApp, type TestApp } from '@grdp/api/testing';
import { postgresGate } from '@grdp/api/testing/postgres-gate';

export { AN_GIANG_YAML, type Backend, dump } from '@grdp/api/testing';
export const SCEN = '/api/scenarios/an-giang-2023';

/**
 * `describe` for a PostgreSQL suite: runs when the server answers; otherwise a printed skip, or a failing test
 * when REQUIRE_POSTGRES=1 (the API's one gate, @grdp/api/testing/postgres-gate).
 */
export const describePostgres = await postgresGate('reliability suites');

/** makeApp's app (admin and editor tokens, An Giang stored) on SQLite in memory or a fresh PG schema, listening. */
export async function makeBackendApp(
  backend: Backend,
  overrides: Partial<Config> = {},
  options: { checkResponses?: boolean } = {},
): Promise<TestApp & { base: string; backend: Backend }> {
  const t = await makeApp(overrides, { backend, ...options });
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...t, base, backend };
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: () => Record<string, unknown>;
}

/** One request over real HTTP. */
export async function http(
  base: string,
  method: string,
  path: string,
  options: { token?: string | undefined; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Blob | undefined;
  if (options.body !== undefined) {
    if (typeof options.body === 'string') body = options.body;
    else if (Buffer.isBuffer(options.body)) body = new Blob([new Uint8Array(options.body)]);
    else {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
  }
  const r = await fetch(base + path, {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await r.text();
  return { status: r.status, headers: r.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

/** A TCP port free on 127.0.0.1 right now (the server config does not accept PORT=0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A seeded pseudo-random generator (mulberry32), so every run does the same thing. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
