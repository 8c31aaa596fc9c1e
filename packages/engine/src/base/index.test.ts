import { describe, expect, it, vi } from 'vitest';
import { GrdpError } from '../errors.ts';
import { decimalOps } from '../numeric/index.ts';
import type { Scenario } from '../scenario/types.ts';
import { twoSectorBase, twoSectorScenario, withPartScenario } from '../track/fixtures.ts';
import { assertBase, type CalibrateFn, keyBase, resolveBase } from './index.ts';

function codesOf(error: unknown): string[] {
  expect(error).toBeInstanceOf(GrdpError);
  return (error as GrdpError).issues.map((i) => `${i.code} ${i.path}`);
}

function withoutBase(): Scenario {
  const s = twoSectorScenario();
  delete s.base;
  return s;
}

describe('resolveBase', () => {
  it('uses the file levels when present and never calibrates', async () => {
    const calibrate = vi.fn<CalibrateFn>();
    const r = await resolveBase(twoSectorScenario(), calibrate);
    expect(r).toEqual({ base: twoSectorBase, origin: 'official' });
    expect(calibrate).not.toHaveBeenCalled();
  });

  it('choice: file insists on the file levels, calibrated calibrates even when the file has them', async () => {
    const calibrate = vi.fn<CalibrateFn>(async () => ({ base: twoSectorBase, maxAbsResidual: 0.001 }));
    const forced = await resolveBase(twoSectorScenario(), calibrate, 'calibrated');
    expect(forced.origin).toBe('calibrated');
    expect(forced.note).toContain("instead of the file's");
    expect(calibrate).toHaveBeenCalledTimes(1);
    expect((await resolveBase(twoSectorScenario(), calibrate, 'file')).origin).toBe('official');
    expect(calibrate).toHaveBeenCalledTimes(1);
    await expect(resolveBase(withoutBase(), calibrate, 'file')).rejects.toThrow(/no base-year levels/);
  });

  it('keeps the file label implied, and says so', async () => {
    const s = twoSectorScenario();
    s.base = { unit: 'index', origin: 'implied', levels: twoSectorBase };
    const r = await resolveBase(s, vi.fn<CalibrateFn>());
    expect(r.origin).toBe('implied');
    expect(r.note).toMatch(/implied/);
  });

  it('notes parts without levels, but needs every top-level sector', async () => {
    const s = withPartScenario();
    s.base = { unit: 'index', origin: 'official', levels: twoSectorBase };
    const r = await resolveBase(s);
    expect(r.note).toMatch(/crops/);
    expect(r.base.crops).toBeUndefined();

    s.base = { unit: 'index', origin: 'official', levels: { agriculture: [1, 1, 1, 1] } };
    const error = await resolveBase(s).catch((e: unknown) => e);
    expect(codesOf(error)).toEqual(['INPUT_MISSING_BASE base.levels.industry_construction']);
  });

  it('rejects negative or malformed levels', async () => {
    const s = twoSectorScenario();
    s.base = { unit: 'index', origin: 'official', levels: { ...twoSectorBase, agriculture: [1, -1, 1, 1] } };
    const error = await resolveBase(s).catch((e: unknown) => e);
    expect(codesOf(error)).toEqual(['INPUT_INVALID base.levels.agriculture']);
  });

  it('calibrates from the table when the file has no levels, and says so', async () => {
    const calibrate = vi.fn<CalibrateFn>(async () => ({
      base: { agriculture: [40, 60, 50, 50], industry_construction: [60, 40, 50, 50] },
      maxAbsResidual: 0.003,
    }));
    const s = withoutBase();
    const r = await resolveBase(s, calibrate);
    expect(calibrate).toHaveBeenCalledWith(s);
    expect(r.origin).toBe('calibrated');
    expect(r.base).toEqual(twoSectorBase);
    expect(r.note).toMatch(/calibrated from the published table.*0\.003/);
  });

  it('throws INPUT_MISSING_BASE naming a sector without quarterly targets, before calibrating', async () => {
    const s = withoutBase();
    for (const q of ['Q1', 'Q2', 'Q3', 'Q4'] as const) delete s.targets[q]!.industry_construction;
    const calibrate = vi.fn<CalibrateFn>();
    const error = await resolveBase(s, calibrate).catch((e: unknown) => e);
    expect(codesOf(error)).toEqual(['INPUT_MISSING_BASE targets.*.industry_construction']);
    expect((error as GrdpError).message).toMatch(/industry_construction/);
    expect(calibrate).not.toHaveBeenCalled();
  });

  it('throws for a total-only table asked about sectors', async () => {
    const s = withoutBase();
    for (const row of Object.values(s.targets)) {
      delete row!.agriculture;
      delete row!.industry_construction;
    }
    const error = await resolveBase(s, vi.fn<CalibrateFn>()).catch((e: unknown) => e);
    expect(codesOf(error)).toEqual([
      'INPUT_MISSING_BASE targets.*.agriculture',
      'INPUT_MISSING_BASE targets.*.industry_construction',
    ]);
  });

  it('throws when calibration leaves a top-level sector without levels', async () => {
    const calibrate: CalibrateFn = async () => ({ base: { total: [100, 100, 100, 100] }, maxAbsResidual: null });
    const error = await resolveBase(withoutBase(), calibrate).catch((e: unknown) => e);
    expect(codesOf(error)).toEqual([
      'INPUT_MISSING_BASE calibration.base.agriculture',
      'INPUT_MISSING_BASE calibration.base.industry_construction',
    ]);
  });
});

describe('keyBase and assertBase', () => {
  it('adds only top-level sectors into the total', () => {
    const s = withPartScenario();
    const total = keyBase(decimalOps, s, s.base!.levels, 'total')!.map((v) => v.toNumber());
    expect(total).toEqual([100, 100, 100, 100]);
    expect(keyBase(decimalOps, s, s.base!.levels, 'crops')!.map((v) => v.toNumber())).toEqual([20, 30, 25, 25]);
    expect(keyBase(decimalOps, s, { agriculture: [1, 1, 1, 1] }, 'total')).toBeUndefined();
  });

  it('adds decimals exactly', () => {
    const s = twoSectorScenario();
    const base = { agriculture: [0.1, 0, 0, 0], industry_construction: [0.2, 0, 0, 0] } as const;
    const q1 = keyBase(decimalOps, s, base as never, 'total')![0]!;
    expect(q1.toString()).toBe('0.3');
  });

  it('assertBase names every missing top-level sector', () => {
    expect(() => assertBase(twoSectorScenario(), { agriculture: [1, 1, 1, 1] })).toThrow(
      /INPUT_MISSING_BASE at base\.industry_construction/,
    );
    expect(() => assertBase(twoSectorScenario(), twoSectorBase)).not.toThrow();
  });
});
