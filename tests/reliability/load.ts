/**
 * The load mix, shared by load.test.ts (5 s) and soak.ts (30 s and 10 min): autocannon against a listening app,
 * rotating through reads, what-ifs (POST …/whatif), evaluations, actuals writes (If-Match: *, always current) and
 * saved what-ifs.
 */
import autocannon from 'autocannon';

export interface MixTarget {
  base: string;
  editor: string;
}

export function loadMix({ editor }: MixTarget) {
  const auth = { authorization: `Bearer ${editor}`, 'content-type': 'application/json' };
  const scen = '/api/scenarios/an-giang-2023';
  return [
    { method: 'GET', path: '/api/scenarios' },
    { method: 'GET', path: scen },
    { method: 'GET', path: `${scen}/actuals` },
    { method: 'GET', path: `${scen}/actuals/Q1/history?limit=50` },
    {
      method: 'POST',
      path: `${scen}/whatif`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ shocks: ['agriculture:Q3:-2pp'], baseline: 'low' }),
    },
    { method: 'POST', path: `${scen}/evaluate?base=file` },
    {
      method: 'PUT',
      path: `${scen}/actuals/Q1`,
      headers: { ...auth, 'if-match': '*' },
      body: JSON.stringify({ values: { total: 6.3 }, vintage: 'revised', note: 'load' }),
    },
    {
      method: 'PUT',
      path: `${scen}/actuals/Q2`,
      headers: { ...auth, 'if-match': '*' },
      body: JSON.stringify({ values: { total: 8.2 }, vintage: 'estimate' }),
    },
    { method: 'GET', path: '/healthz' },
  ];
}

export interface LoadReport {
  requests: number;
  rps: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  s5xx: number;
  p50: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
}

export async function runLoad(target: MixTarget, connections: number, seconds: number): Promise<LoadReport> {
  const r = await autocannon({
    url: target.base,
    connections,
    duration: seconds,
    timeout: 10,
    requests: loadMix(target),
  });
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  return {
    requests: r.requests.total,
    rps: Math.round(r.requests.average),
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    s5xx: r['5xx'],
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    statuses,
  };
}

/** Writes Q1 and Q2 once so that If-Match: * always matches. */
export async function prepareLoad(target: MixTarget): Promise<void> {
  for (const [p, total] of [
    ['Q1', 6.2],
    ['Q2', 8.1],
  ] as const) {
    const r = await fetch(`${target.base}/api/scenarios/an-giang-2023/actuals/${p}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${target.editor}`, 'content-type': 'application/json' },
      body: JSON.stringify({ values: { total }, vintage: 'estimate' }),
    });
    if (r.status !== 201 && r.status !== 200) throw new Error(`prepare ${p}: ${r.status} ${await r.text()}`);
  }
}
