/**
 * Settings from the environment, validated by a schema at start: a bad setting stops the server with a message
 * that names it (`PORT: must be an integer between 1 and 65535, got "abc"`).
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (packages/api/src → ../../..). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

export interface Config {
  port: number;
  host: string;
  /** `postgres://…` for PostgreSQL; empty for SQLite under dataDir (or `:memory:` in tests). */
  databaseUrl: string;
  dataDir: string;
  bodyLimit: number;
  requireTokenForRead: boolean;
  /** Allowed origins; empty disables CORS, `*` allows any. */
  corsOrigin: string[];
  /** Requests per minute and client; 0 disables the limit. */
  rateLimitMax: number;
  /** Failed bearer-token checks allowed per client address and window before 429; 0 disables the limit. */
  authFailureMax: number;
  /** The window of authFailureMax, in seconds. */
  authFailureWindowSec: number;
  logLevel: string;
  /** Largest spreadsheet upload for an actuals import, bytes (UPLOAD_LIMIT, default 5 MiB). */
  uploadLimit: number;
  /** Most data rows an import may have (IMPORT_MAX_ROWS, default 10,000). */
  importMaxRows: number;
  /**
   * Worker threads for calibration, simulation and chart images (COMPUTE_THREADS, default 2). 0 computes on the
   * event loop with no time or queue limit: for unit tests (testConfig), never for a server.
   */
  computeThreads: number;
  /** Computations that may wait for a worker before 503 BUSY (COMPUTE_QUEUE, default 256). */
  computeQueue: number;
  /** Time limit of one computation, waiting included, in seconds (COMPUTE_TIMEOUT, default 30). */
  computeTimeoutSec: number;
  /** Whole-request limit in seconds: a body still arriving after it is cut off with 408 (REQUEST_TIMEOUT, default 30). */
  requestTimeoutSec: number;
  /** A connection idle this many seconds is closed (CONNECTION_TIMEOUT, default 60). */
  connectionTimeoutSec: number;
  /** Most open connections; more are refused at once (MAX_CONNECTIONS, default 1000). */
  maxConnections: number;
  /** Take the client address from X-Forwarded-For, set by a reverse proxy you trust (TRUST_PROXY, default false). */
  trustProxy: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    detail: string,
  ) {
    super(`${setting}: ${detail}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function int(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number) {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw.trim());
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(name, `must be an integer between ${min} and ${max}, got "${raw}"`);
  return n;
}

function bool(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false (1/0, yes/no), got "${env[name]}"`);
}

/** Reads and checks every setting; throws a ConfigError naming the first bad one. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const host = (env.HOST ?? '127.0.0.1').trim();
  if (!/^[\w.:-]+$/.test(host)) throw new ConfigError('HOST', `must be a host name or address, got "${env.HOST}"`);
  const databaseUrl = (env.DATABASE_URL ?? '').trim();
  if (databaseUrl !== '' && databaseUrl !== ':memory:') {
    let url: URL;
    try {
      url = new URL(databaseUrl);
    } catch {
      throw new ConfigError('DATABASE_URL', `must be a postgres:// URL (or empty for SQLite), got "${databaseUrl}"`);
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
      throw new ConfigError('DATABASE_URL', `only postgres:// URLs are supported, got "${url.protocol}"`);
  }
  const dataRaw = (env.DATA_DIR ?? '').trim() || './data';
  const dataDir = isAbsolute(dataRaw) ? dataRaw : resolve(REPO_ROOT, dataRaw);
  const cors = (env.CORS_ORIGIN ?? '').trim();
  const corsOrigin = cors === '' ? [] : cors.split(',').map((s) => s.trim());
  for (const o of corsOrigin)
    if (o !== '*' && !/^https?:\/\/[^/\s]+$/.test(o))
      throw new ConfigError('CORS_ORIGIN', `must be * or a comma-separated list of http(s)://host[:port], got "${o}"`);
  const logLevel = (env.LOG_LEVEL ?? 'info').trim();
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const config: Config = {
    port: int(env, 'PORT', 8080, 1, 65535),
    host,
    databaseUrl,
    dataDir,
    bodyLimit: int(env, 'BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
    requireTokenForRead: bool(env, 'REQUIRE_TOKEN_FOR_READ', false),
    corsOrigin,
    rateLimitMax: int(env, 'RATE_LIMIT_MAX', 600, 0, 1_000_000),
    authFailureMax: int(env, 'AUTH_FAILURE_MAX', 50, 0, 1_000_000),
    authFailureWindowSec: int(env, 'AUTH_FAILURE_WINDOW', 300, 1, 86_400),
    logLevel,
    uploadLimit: int(env, 'UPLOAD_LIMIT', 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    importMaxRows: int(env, 'IMPORT_MAX_ROWS', 10_000, 1, 1_000_000),
    computeThreads: int(env, 'COMPUTE_THREADS', 2, 0, 64),
    computeQueue: int(env, 'COMPUTE_QUEUE', 256, 0, 100_000),
    computeTimeoutSec: int(env, 'COMPUTE_TIMEOUT', 30, 1, 3600),
    requestTimeoutSec: int(env, 'REQUEST_TIMEOUT', 30, 1, 3600),
    connectionTimeoutSec: int(env, 'CONNECTION_TIMEOUT', 60, 1, 3600),
    maxConnections: int(env, 'MAX_CONNECTIONS', 1000, 1, 1_000_000),
    trustProxy: bool(env, 'TRUST_PROXY', false),
  };
  // An answer that is still being computed sends nothing, so the idle limit must outlast the compute limit.
  if (config.connectionTimeoutSec <= config.computeTimeoutSec)
    throw new ConfigError(
      'CONNECTION_TIMEOUT',
      `must be more than COMPUTE_TIMEOUT (${config.computeTimeoutSec} s), got ${config.connectionTimeoutSec}`,
    );
  return config;
}

/** Settings for tests: in-memory SQLite, no logging. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({}),
    databaseUrl: ':memory:',
    logLevel: 'silent',
    rateLimitMax: 0,
    // Computations inline: a worker costs seconds to start in every test process. The pool itself is tested in
    // compute/pool.test.ts and tests/reliability/stall.test.ts, and the real server always uses it.
    computeThreads: 0,
    ...overrides,
  };
}
