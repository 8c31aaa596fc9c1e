/**
 * The effective scenario is kept in memory per app (repositories/scenarios.ts), keyed by the scenario's ETag and
 * its current actual revisions, which every read checks against the database. Two app instances over one
 * database (two connections or pools, as two server processes would have, each with its own memory) on SQLite
 * (a file) and PostgreSQL (a schema of its own): every write one makes is seen by the other's next read, and the
 * answers are those computed from the stored rows without any memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { effectiveScenario, type Scenario } from '@grdp/engine';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchema, PG_URL } from '../../test-support/databases.ts';
import { AN_GIANG_YAML, anGiang } from '../../test-support/helpers.ts';
import { postgresGate } from '../../test-support/postgres-gate.ts';
import { buildApp } from '../app.ts';
import { trackOf, whatifOf } from '../compute/run.ts';
import { testConfig } from '../config.ts';
import { type DatabaseHandle, migrate, openDatabase } from '../db/database.ts';
import { createRepositories, type Repositories } from './index.ts';

const ID = 'an-giang-2023';
const describePostgres = await postgresGate('effective-scenario suite');

/** The effective scenario computed from the stored rows, without the repository's memory. */
async function uncached(repos: Repositories): Promise<Scenario | undefined> {
  const stored = await repos.scenarios.get(ID);
  return stored && effectiveScenario(stored.scenario, await repos.actuals.current(ID));
}

interface Pair {
  /** Two handles on one database. */
  handles: [DatabaseHandle, DatabaseHandle];
  cleanup: () => Promise<void>;
}

function suite(open: () => Promise<Pair>) {
  let pair: Pair;
  let a: Repositories;
  let b: Repositories;
  let apps: FastifyInstance[] = [];
  let editor: string;
  let admin: string;

  beforeAll(async () => {
    pair = await open();
    await migrate(pair.handles[0]);
    a = createRepositories(pair.handles[0].db);
    b = createRepositories(pair.handles[1].db);
    await a.scenarios.put(anGiang(), AN_GIANG_YAML, 'seed');
    editor = (await a.tokens.create('Phòng Tổng hợp', 'editor')).token;
    admin = (await a.tokens.create('Quản trị', 'admin')).token;
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await pair?.cleanup();
  });

  it('reads from memory while nothing changed: the same frozen object', async () => {
    const first = await a.scenarios.effectiveScenario(ID);
    expect(first).toEqual(await uncached(a));
    expect(await a.scenarios.effectiveScenario(ID)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first!.actuals)).toBe(true);
    expect(Object.isFrozen(first!.sectors[0])).toBe(true);
    expect(() => {
      (first!.actuals as unknown[]).push({});
    }).toThrow(TypeError);
  });

  it('sees every kind of write by the other instance at once, and keeps the new state in memory', async () => {
    const writes: [string, () => Promise<unknown>, (s: Scenario) => void][] = [
      [
        'a first actual of a period',
        () => b.actuals.put(ID, 'Q2', { values: { total: 5.5 }, vintage: 'estimate' }, 'B', undefined),
        (s) => expect(s.actuals.find((x) => x.period === 'Q2')?.values.total).toBe(5.5),
      ],
      [
        'a revision of it',
        async () => {
          const current = await b.actuals.get(ID, 'Q2');
          return b.actuals.put(ID, 'Q2', { values: { total: 5.6 }, vintage: 'revised', note: 'sửa' }, 'C', [
            current!.etag,
          ]);
        },
        (s) => expect(s.actuals.find((x) => x.period === 'Q2')).toMatchObject({ values: { total: 5.6 }, note: 'sửa' }),
      ],
      [
        'an import of two periods',
        () =>
          b.actuals.importRevisions(
            ID,
            [
              { period: 'Q3', input: { values: { total: 6.6 }, vintage: 'estimate' } },
              { period: 'Q2', input: { values: { total: 5.7 }, vintage: 'revised' } },
            ],
            'D',
          ),
        (s) =>
          expect(s.actuals.filter((x) => ['Q2', 'Q3'].includes(x.period)).map((x) => x.values.total)).toEqual([
            5.7, 6.6,
          ]),
      ],
      [
        'a replacement of the scenario',
        () => b.scenarios.put({ ...anGiang(), title: { vi: 'Sửa', en: 'Edited' } }, `${AN_GIANG_YAML}\n# sửa`, 'E'),
        (s) => expect(s.title).toEqual({ vi: 'Sửa', en: 'Edited' }),
      ],
      [
        'the same content stored again (a new ETag only)',
        () => b.scenarios.put({ ...anGiang(), title: { vi: 'Sửa', en: 'Edited' } }, `${AN_GIANG_YAML}\n# sửa`, 'F'),
        (s) => expect(s.title).toEqual({ vi: 'Sửa', en: 'Edited' }),
      ],
    ];
    for (const [what, write, check] of writes) {
      const before = await a.scenarios.effectiveScenario(ID);
      await write();
      const after = await a.scenarios.effectiveScenario(ID);
      expect(after, what).toEqual(await uncached(b));
      check(after!);
      if (what.startsWith('the same content')) expect(after, what).toEqual(before);
      else expect(after, what).not.toEqual(before);
      // The key the miss stored is the one the next check reads: memory again.
      expect(await a.scenarios.effectiveScenario(ID), what).toBe(after);
    }
  });

  it('forgets a deleted scenario at once and reads a re-created one afresh', async () => {
    expect(await a.scenarios.effectiveScenario(ID)).toBeDefined();
    expect(await b.scenarios.delete(ID)).toBe(true);
    expect(await a.scenarios.effectiveScenario(ID)).toBeUndefined();
    await expect(a.scenarios.requireEffective(ID)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await b.scenarios.put(anGiang(), AN_GIANG_YAML, 'seed');
    const again = await a.scenarios.effectiveScenario(ID);
    expect(again).toEqual(anGiang());
    expect(again).toEqual(await uncached(b));
  });

  it('answers the what-if and track routes from what another app instance just saved', async () => {
    apps = await Promise.all(pair.handles.map((handle) => buildApp(testConfig(), { handle, checkResponses: true })));
    const [reader, writer] = apps as [FastifyInstance, FastifyInstance];
    const request = { shocks: ['services:Q4:-1.5pp'], baseline: 'mid' as const };
    const post = (route: string, payload: Record<string, unknown>) =>
      reader.inject({ method: 'POST', url: `/api/scenarios/${ID}/${route}`, payload }).then((r) => {
        expect(r.statusCode, r.body).toBe(200);
        return r.json();
      });
    // What the routes answer computed from the stored rows, without memory (as JSON, as the routes send it).
    const expected = async () => {
      const scenario = (await uncached(b))!;
      return JSON.parse(JSON.stringify({ whatif: await whatifOf(scenario, request), track: await trackOf(scenario) }));
    };
    const answers = async () => ({ whatif: await post('whatif', request), track: await post('track', {}) });
    let before = await answers();
    expect(before).toEqual(await expected());
    for (const [period, total] of [
      ['Q1', 4.4],
      ['Q1', 9.9],
      ['Q2', 1.2],
    ] as const) {
      const current = await b.actuals.get(ID, period);
      const put = await writer.inject({
        method: 'PUT',
        url: `/api/scenarios/${ID}/actuals/${period}`,
        headers: { authorization: `Bearer ${editor}`, ...(current ? { 'if-match': current.etag } : {}) },
        payload: { values: { total, agriculture: 1.1 }, vintage: 'estimate' },
      });
      expect(put.statusCode, put.body).toBeLessThan(300);
      const after = await answers();
      expect(after).toEqual(await expected());
      expect(after.track).not.toEqual(before.track);
      before = after;
    }
    const replaced = await writer.inject({
      method: 'PUT',
      url: `/api/scenarios/${ID}`,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/yaml' },
      // The Q4 services band moves: the what-if of a Q4 services shock moves with it.
      payload: AN_GIANG_YAML.replace('services: "9,17 - 9,77%"', 'services: "8,17 - 8,77%"'),
    });
    expect(replaced.statusCode, replaced.body).toBeLessThan(300);
    const after = await answers();
    expect(after).toEqual(await expected());
    expect(after.whatif).not.toEqual(before.whatif);
  });
}

describe('effective scenario in memory, two instances on one SQLite file', () => {
  suite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grdp-effective-'));
    const handles = [0, 1].map(() => openDatabase({ databaseUrl: '', dataDir: dir })) as [
      DatabaseHandle,
      DatabaseHandle,
    ];
    return {
      handles,
      cleanup: async () => {
        for (const h of handles) await h.db.destroy().catch(() => {});
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});

describePostgres('effective scenario in memory, two instances on one PostgreSQL schema', () => {
  suite(async () => {
    const first = await freshSchema('grdp_eff');
    const second = openDatabase({ databaseUrl: PG_URL, dataDir: '', schema: first.schema });
    return {
      handles: [first.handle, second],
      cleanup: async () => {
        await second.db.destroy().catch(() => {});
        await first.drop();
      },
    };
  });
});
