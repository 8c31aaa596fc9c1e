/**
 * Many desks editing at once over real HTTP (127.0.0.1, a port the OS picks), on SQLite and PostgreSQL: each desk
 * reads a period, then writes it with the ETag it read (or without one, to test 428). No update is lost: the
 * history of each period holds exactly the accepted writes, numbered 1..n without gaps, each revision's
 * previousValues is the revision before it, and every refused write got 409 (stale ETag) or 428 (no If-Match).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, describePostgres, http, makeBackendApp, rng, SCEN } from './helpers.ts';

const DESKS = 16;
const ROUNDS = 8;
const PERIODS = ['Q1', 'Q2', 'Q3', 'Q4'];

interface Outcome {
  desk: number;
  round: number;
  period: string;
  status: number;
  note: string;
  total: number;
  revision?: number;
}

function suite(backend: Backend) {
  let t: Awaited<ReturnType<typeof makeBackendApp>>;
  beforeAll(async () => {
    t = await makeBackendApp(backend);
  });
  afterAll(async () => t?.close());

  it(`${DESKS} desks × ${ROUNDS} rounds on the same and different periods lose no update`, async () => {
    const outcomes: Outcome[] = [];
    const desk = async (d: number) => {
      const random = rng(1000 + d);
      const token = d % 4 === 0 ? t.admin : t.editor;
      for (let round = 0; round < ROUNDS; round++) {
        // Half the desks share Q1; the others spread over all periods.
        const period = d % 2 === 0 ? 'Q1' : PERIODS[Math.floor(random() * PERIODS.length)]!;
        const read = await http(t.base, 'GET', `${SCEN}/actuals/${period}`);
        expect([200, 404]).toContain(read.status);
        const etag = read.status === 200 ? read.headers.get('etag') : null;
        const skipIfMatch = random() < 0.1;
        const note = `desk ${d} round ${round}`;
        const total = Math.round((d + round / 100) * 100) / 100;
        const r = await http(t.base, 'PUT', `${SCEN}/actuals/${period}`, {
          token,
          body: { values: { total }, vintage: 'estimate', note },
          headers: etag && !skipIfMatch ? { 'if-match': etag } : {},
        });
        const o: Outcome = { desk: d, round, period, status: r.status, note, total };
        if (r.status < 300) o.revision = r.json().revision as number;
        outcomes.push(o);
        if (random() < 0.5) await new Promise((res) => setImmediate(res));
      }
    };
    await Promise.all(Array.from({ length: DESKS }, (_, d) => desk(d)));

    expect(outcomes).toHaveLength(DESKS * ROUNDS);
    const statuses = new Set(outcomes.map((o) => o.status));
    for (const s of statuses) expect([200, 201, 409, 428]).toContain(s);
    const accepted = outcomes.filter((o) => o.status < 300);
    const refused = outcomes.filter((o) => o.status >= 300);
    expect(accepted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0); // the same-period desks must have collided

    for (const period of PERIODS) {
      const mine = accepted.filter((o) => o.period === period).sort((a, b) => a.revision! - b.revision!);
      const h = await http(t.base, 'GET', `${SCEN}/actuals/${period}/history`);
      const lines = h.json().revisions as {
        revision: number;
        origin: 'file' | 'entered';
        entered: number | null;
        note: string;
        values: { total: number };
        previousValues: { total: number } | null;
      }[];
      // The history starts with the scenario file's own figures; the entered revisions follow.
      const fromFile = lines.filter((r) => r.origin === 'file').at(-1)?.values ?? null;
      const revisions = lines.filter((r) => r.origin === 'entered').map((r) => ({ ...r, revision: r.entered! }));
      expect(revisions.length).toBe(mine.length);
      expect(revisions.map((r) => r.revision)).toEqual(mine.map((_, i) => i + 1));
      expect(revisions.map((r) => r.note)).toEqual(mine.map((o) => o.note));
      revisions.forEach((r, i) => {
        expect(r.values.total).toBe(mine[i]!.total);
        expect(r.previousValues).toEqual(i === 0 ? fromFile : revisions[i - 1]!.values);
      });
      if (revisions.length > 0) {
        const current = await http(t.base, 'GET', `${SCEN}/actuals/${period}`);
        expect(current.json().revision).toBe(revisions.length);
      }
    }
    console.info(
      `${backend}: ${accepted.length} accepted, ${refused.filter((o) => o.status === 409).length} × 409, ` +
        `${refused.filter((o) => o.status === 428).length} × 428`,
    );
  });

  it('two admins replacing the scenario with the same ETag: one wins, the other gets 409', async () => {
    const read = await http(t.base, 'GET', SCEN);
    const etag = read.headers.get('etag')!;
    const yaml = (read.json() as { yaml: string }).yaml;
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        http(t.base, 'PUT', SCEN, {
          token: t.admin,
          body: `${yaml}\n# edit ${i}\n`,
          headers: { 'content-type': 'application/yaml', 'if-match': etag },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const winner = results.findIndex((r) => r.status === 200) + 1;
    expect(((await http(t.base, 'GET', SCEN)).json() as { yaml: string }).yaml).toContain(`# edit ${winner}`);
  });
}

describe('concurrent desks on SQLite', () => suite('sqlite'));
describePostgres('concurrent desks on PostgreSQL', () => suite('postgres'));
