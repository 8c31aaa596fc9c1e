import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './main.ts';
import { captureIo } from './test-io.ts';

const anGiang = join(new URL('../../../../', import.meta.url).pathname, 'scenarios/an-giang-2023.yaml');

async function json(args: string[]) {
  const io = captureIo();
  const code = await runCli([...args, '--json'], io);
  expect(code, io.stderr()).toBe(0);
  return JSON.parse(io.stdout());
}

describe('grdp track', () => {
  it('prints each actual against its band and the one rate the rest of the year needs', async () => {
    const r = await json(['track', anGiang, '--as-of', 'Q2']);
    const q1 = r.status.find((s: { period: string; key: string }) => s.period === 'Q1' && s.key === 'total');
    expect(q1).toMatchObject({ actual: 6.3, low: 6.15, high: 6.54, status: 'within', gapPp: 0 });
    const h1 = r.status.find((s: { period: string; key: string }) => s.period === 'H1' && s.key === 'total');
    expect(h1.status).toBe('below');
    expect(h1.gapPp).toBeCloseTo(6.5 - 6.94, 12);
    // H2 must grow faster than the FY band: more than 7 % for the low edge, with the H1 shortfall to make up.
    expect(r.required.low.total).toBeGreaterThan(7);
    expect(r.required.high.total).toBeGreaterThan(r.required.low.total);
    expect(Object.keys(r.required.low)).toEqual(
      expect.arrayContaining(['total', 'agriculture', 'industry_construction', 'services', 'product_taxes']),
    );
    expect(r.base.origin).toBe('implied');
  });

  it('rejects an --as-of that is not a quarter', async () => {
    const io = captureIo();
    expect(await runCli(['track', anGiang, '--as-of', 'Q5'], io)).toBe(1);
    expect(io.stderr()).toMatch(/--as-of/);
  });
});

describe('grdp whatif', () => {
  it('composes shocks and reports the full-year impact', async () => {
    const one = await json(['whatif', anGiang, '--shock', 'agriculture:Q3:-2pp']);
    const two = await json(['whatif', anGiang, '--shock', 'agriculture:Q3:-2pp', '--shock', 'services:Q4:+1pp']);
    expect(one.fyImpactPp).toBeLessThan(0);
    expect(two.fyImpactPp).toBeGreaterThan(one.fyImpactPp);
    expect(one.diff.Q3.agriculture.growthPp).toBeCloseTo(-2, 12);
    expect(one.diff.Q1.total.growthPp).toBe(0);
  });

  it('names an unknown sector in a shock', async () => {
    const io = captureIo();
    expect(await runCli(['whatif', anGiang, '--shock', 'mining:Q3:-2pp'], io)).toBe(1);
    expect(io.stderr()).toMatch(/INPUT_UNKNOWN_SECTOR shocks\[0\]\.sector/);
  });
});

describe('grdp required', () => {
  it('gives the one sector alone what it must do', async () => {
    const r = await json(['required', anGiang, '--as-of', 'Q2']);
    expect(r.remaining).toEqual(['Q3', 'Q4']);
    expect(r.low.total.alone.services.growth).toEqual(expect.any(Number));
  });
});
