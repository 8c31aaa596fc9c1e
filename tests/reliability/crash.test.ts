/**
 * Crash safety: the real server (packages/api/src/server.ts) as a child process, killed with SIGKILL in the middle
 * of a burst of PUTs and of an import, then restarted on the same database (SQLite under a temp DATA_DIR;
 * PostgreSQL in a fresh database `grdp_crash_<random>`, dropped afterwards, since server.ts always uses the
 * URL's default schema). After each restart: the database opens, every write answered 2xx before the kill is
 * there, revisions are numbered 1..n without gaps, each revision's previous values are the revision before it,
 * the current value is the last revision, an import is all or nothing, and SQLite's integrity check says ok.
 *
 * CRASH_CYCLES (default 2) sets the number of kill/restart cycles per database (the soak runs more).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepositories, migrate, openDatabase } from '@grdp/api';
import { freshDatabase, integrityCheck, multipart } from '@grdp/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, describePostgres, http, rng, SCEN, sleep } from './helpers.ts';
import { kill9, type Server, startServer } from './server.ts';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 2);
const DESKS = 6;
const PERIODS = ['Q1', 'Q2', 'Q3', 'Q4', 'H1', '9M'];
const KEYS = ['total', 'agriculture', 'industry_construction', 'services', 'product_taxes'];

interface Acked {
  period: string;
  revision: number;
  note: string;
  total: number;
}

function suite(backend: Backend) {
  let env: Record<string, string>;
  let dataDir: string;
  let dropDb = async () => {};
  let editor: string;
  let server: Server | undefined;
  const acked: Acked[] = [];
  const imports: { note: string; acked: boolean }[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'grdp-crash-'));
    env = { DATA_DIR: dataDir, DATABASE_URL: '' };
    if (backend === 'postgres') {
      const db = await freshDatabase('grdp_crash');
      env.DATABASE_URL = db.url;
      dropDb = db.drop;
    }
    const handle = openDatabase({ databaseUrl: env.DATABASE_URL!, dataDir });
    await migrate(handle);
    editor = (await createRepositories(handle.db).tokens.create('Bàn nhập liệu', 'editor')).token;
    await handle.db.destroy();
  });
  afterAll(async () => {
    if (server) await kill9(server);
    await dropDb();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function verify(base: string) {
    const random = { periods: 0, revisions: 0 };
    for (const period of PERIODS) {
      const h = await http(base, 'GET', `${SCEN}/actuals/${period}/history`);
      expect(h.status).toBe(200);
      const lines = h.json().revisions as {
        revision: number;
        origin: 'file' | 'entered';
        entered: number | null;
        note: string | null;
        values: Record<string, number>;
        previousValues: Record<string, number> | null;
      }[];
      // The history starts with the scenario file's own figures; the entered revisions follow, numbered on.
      expect(lines.map((r) => r.revision)).toEqual(lines.map((_, i) => i + 1));
      const fromFile = lines.filter((r) => r.origin === 'file').at(-1)?.values ?? null;
      const revs = lines.filter((r) => r.origin === 'entered');
      expect(revs.map((r) => r.entered)).toEqual(revs.map((_, i) => i + 1));
      for (const [i, r] of revs.entries()) expect(r.previousValues).toEqual(i === 0 ? fromFile : revs[i - 1]!.values);
      for (const a of acked.filter((x) => x.period === period)) {
        const r = revs[a.revision - 1];
        expect(r, `acknowledged ${period} revision ${a.revision} is missing`).toBeDefined();
        expect(r!.note).toBe(a.note);
        expect(r!.values.total).toBe(a.total);
      }
      if (revs.length > 0) {
        const current = await http(base, 'GET', `${SCEN}/actuals/${period}`);
        expect(current.json().revision).toBe(revs.length);
        expect(current.json().values).toEqual(revs[revs.length - 1]!.values);
      }
      random.periods++;
      random.revisions += revs.length;
    }
    // An import is all or nothing: its note is on every period it names, or on none.
    const all = await Promise.all(
      PERIODS.map(
        async (p) => (await http(base, 'GET', `${SCEN}/actuals/${p}/history`)).json().revisions as { note: string }[],
      ),
    );
    for (const imp of imports) {
      const count = all.filter((revs) => revs.some((r) => r.note === imp.note)).length;
      expect([0, PERIODS.length], `import ${imp.note} is partial (${count} periods)`).toContain(count);
      if (imp.acked) expect(count).toBe(PERIODS.length);
    }
    if (backend === 'sqlite') {
      const handle = openDatabase({ databaseUrl: '', dataDir });
      expect(await integrityCheck(handle)).toBe('ok');
      await handle.db.destroy();
    }
    return random;
  }

  it(`survives ${CYCLES} kill -9 cycles mid-burst and mid-import with every acknowledged write intact`, async () => {
    server = await startServer(env);
    let stats = { periods: 0, revisions: 0 };
    let inFlightAtKill = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const s = server;
      const random = rng(7 + cycle);
      let stop = false;
      let inFlight = 0;
      const desk = async (d: number) => {
        const period = PERIODS[d % PERIODS.length]!;
        let etag: string | null = null;
        const cur = await http(s.base, 'GET', `${SCEN}/actuals/${period}`).catch(() => undefined);
        if (cur?.status === 200) etag = cur.headers.get('etag');
        for (let i = 0; !stop && i < 10_000; i++) {
          const note = `cycle ${cycle} desk ${d} write ${i}`;
          const total = Math.round((cycle * 10 + d + i / 1000) * 1000) / 1000;
          inFlight++;
          try {
            const r = await http(s.base, 'PUT', `${SCEN}/actuals/${period}`, {
              token: editor,
              body: { values: { total }, vintage: 'estimate', note },
              headers: etag ? { 'if-match': etag } : {},
              timeoutMs: 10_000,
            });
            if (r.status === 200 || r.status === 201) {
              acked.push({ period, revision: r.json().revision as number, note, total });
              etag = r.headers.get('etag');
            } else if (r.status === 409 || r.status === 428) {
              // another desk writes the same period (DESKS > PERIODS): read again and go on
              const again = await http(s.base, 'GET', `${SCEN}/actuals/${period}`);
              etag = again.status === 200 ? again.headers.get('etag') : null;
            } else throw new Error(`unexpected ${r.status}: ${r.text}`);
          } catch (e) {
            if (!stop) throw e;
            return; // the server died under this request: its outcome is unknown, and either is fine
          } finally {
            inFlight--;
          }
        }
      };
      const importer = async () => {
        await sleep(50 + Math.floor(random() * 300));
        const note = `import cycle ${cycle}`;
        const rows = PERIODS.flatMap((p, i) =>
          KEYS.map((k, j) => `${p},${k},${(5 + i + j / 10).toFixed(2)},estimate,${note}`),
        );
        const m = multipart(
          'big.csv',
          Buffer.from(`period,key,growth_pct,vintage,note\n${rows.join('\n')}\n`),
          'text/csv',
        );
        const entry = { note, acked: false };
        imports.push(entry);
        try {
          // A desk writing the same period at the same moment makes the import 409 (nothing imported): retry.
          for (let attempt = 0; attempt < 20 && !stop && !entry.acked; attempt++) {
            const r = await http(s.base, 'POST', `${SCEN}/actuals/import`, {
              token: editor,
              body: m.body,
              headers: { 'content-type': m.contentType },
            });
            if (r.status !== 409 && r.status !== 200) throw new Error(`import: unexpected ${r.status}: ${r.text}`);
            entry.acked = r.status === 200;
          }
        } catch (e) {
          if (!stop) throw e;
        }
      };
      const work = Promise.allSettled([...Array.from({ length: DESKS }, (_, d) => desk(d)), importer()]);
      const before = acked.length;
      // Kill once some writes have been acknowledged in this cycle, at a random moment.
      const until = Date.now() + 20_000;
      while (acked.length - before < 40 + Math.floor(random() * 60) && Date.now() < until) await sleep(5);
      stop = true;
      inFlightAtKill += inFlight;
      await kill9(s);
      for (const r of await work) if (r.status === 'rejected') throw r.reason;
      expect(acked.length - before).toBeGreaterThan(0);
      server = await startServer(env);
      stats = await verify(server.base);
    }
    console.info(
      `${backend}: ${CYCLES} kill -9 cycles, ${acked.length} acknowledged writes all present, ` +
        `${inFlightAtKill} requests in flight at the kills, ${imports.filter((i) => i.acked).length}/${imports.length} ` +
        `imports acknowledged, ${stats.revisions} revisions in ${stats.periods} periods consistent`,
    );
    await kill9(server);
    server = undefined;
  }, 240_000);
}

describe('crash safety on SQLite', () => suite('sqlite'));
describePostgres('crash safety on PostgreSQL', () => suite('postgres'));
