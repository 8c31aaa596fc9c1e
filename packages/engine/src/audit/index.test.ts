import { describe, expect, it } from 'vitest';
import { anGiang2023, tableOf } from '../calibrate/fixtures.ts';
import { calibrate } from '../calibrate/index.ts';
import { audit } from './index.ts';

describe('audit', () => {
  it('An Giang 2023: only the inverted Q4 product-tax band, most likely a transposition', async () => {
    const findings = await audit(anGiang2023());
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ code: 'inverted-band', severity: 'warning', path: 'targets.Q4.product_taxes' });
    expect(f!.message).toMatch(/transposition/);
    expect(f!.message).toContain('3,54 - 3,49');
  });

  it('an inverted band the table does not decide is reported without a transposition verdict', async () => {
    // A band nothing depends on: the FY figure of a sector with no quarterly growths.
    const s = tableOf(['a'], { FY: { a: { low: 1, high: 2, inverted: true, printed: '2 - 1' } } });
    const findings = await audit(s);
    expect(findings.map((f) => f.code)).toEqual(['inverted-band']);
    expect(findings[0]!.message).not.toMatch(/transposition/);
    expect(findings[0]!.message).toContain('read as [1, 2]');
  });

  it('a total band no weighted mean of the sector bands can give', async () => {
    const s = anGiang2023();
    s.targets.FY!.total = { low: 15, high: 16 };
    s.targets.H1!.total = { low: 1, high: 2 };
    const findings = await audit(s);
    const outside = findings.filter((f) => f.code === 'total-outside-sector-range');
    expect(outside.map((f) => f.path)).toEqual(['targets.H1.total', 'targets.FY.total']);
    expect(outside.every((f) => f.severity === 'error')).toBe(true);
    expect(outside[1]!.message).toContain('[3.2, 12.1]');
    expect(findings.some((f) => f.code === 'not-reproducible')).toBe(true);
  });

  it('cumulative figures the quarters do not produce with the file’s base levels', async () => {
    const s = anGiang2023();
    const { base } = await calibrate(s);
    s.base = { unit: 'index, total = 100', origin: 'official', levels: base };
    expect((await audit(s)).filter((f) => f.code === 'cumulative-inconsistent')).toEqual([]);
    s.targets.FY!.services = { low: 8.6, high: 9.4 };
    s.targets['9M']!.total = { low: 6.9, high: 7.42 };
    const found = (await audit(s)).filter((f) => f.code === 'cumulative-inconsistent');
    expect(found.map((f) => f.path)).toEqual(['targets.9M.total', 'targets.FY.services']);
    expect(found[1]!.message).toMatch(/official base levels, FY services high: published 9.4/);
    expect(found[1]!.message).not.toMatch(/low/);
  });

  it('a table no base levels reproduce', async () => {
    const s = anGiang2023();
    s.targets.H1!.total = { low: 6.85, high: 7.4 };
    const findings = await audit(s);
    const nr = findings.filter((f) => f.code === 'not-reproducible');
    expect(nr).toHaveLength(1);
    expect(nr[0]).toMatchObject({ path: 'targets', severity: 'warning' });
    expect(nr[0]!.message).toMatch(/\d\.\d{4} pp/);
    // With calibrated levels the cumulative figures the best fit misses are named too.
    expect(findings.some((f) => f.code === 'cumulative-inconsistent')).toBe(true);
    // And the inverted band is no longer called a transposition: the table is not reproducible either way.
    expect(findings.find((f) => f.code === 'inverted-band')!.message).not.toMatch(/transposition/);
  });
});
