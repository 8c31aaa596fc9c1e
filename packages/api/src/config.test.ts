import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, REPO_ROOT } from './config.ts';

describe('loadConfig', () => {
  it('has safe defaults: 127.0.0.1:8080, SQLite under ./data, 1 MiB bodies, open reads', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, databaseUrl: '', bodyLimit: 1048576 });
    expect(c.dataDir).toBe(join(REPO_ROOT, 'data'));
    expect(c.requireTokenForRead).toBe(false);
    expect(c.corsOrigin).toEqual([]);
  });

  it('reads every setting', () => {
    const c = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db:5432/grdp',
      DATA_DIR: '/var/lib/grdp',
      BODY_LIMIT: '2048',
      REQUIRE_TOKEN_FOR_READ: 'yes',
      CORS_ORIGIN: 'https://a.example, http://localhost:5173',
    });
    expect(c).toMatchObject({ port: 9000, host: '0.0.0.0', dataDir: '/var/lib/grdp', bodyLimit: 2048 });
    expect(c.requireTokenForRead).toBe(true);
    expect(c.corsOrigin).toEqual(['https://a.example', 'http://localhost:5173']);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['HOST', 'bad host!'],
    ['DATABASE_URL', 'mysql://x/y'],
    ['DATABASE_URL', 'not a url'],
    ['BODY_LIMIT', '-1'],
    ['REQUIRE_TOKEN_FOR_READ', 'maybe'],
    ['CORS_ORIGIN', 'example.com/path'],
    ['LOG_LEVEL', 'loud'],
    ['CONNECTION_TIMEOUT', '10'],
    ['COMPUTE_THREADS', '-1'],
    ['TRUST_PROXY', 'sometimes'],
  ])('stops on a bad %s (%s) with a message naming it', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe(name);
    expect((error as Error).message.startsWith(`${name}:`)).toBe(true);
  });
});
