/** The simulator's input for An Giang 2023: the file's base levels, the band paths and the FY targets. */

import type { SimulateInput } from '@grdp/engine';
import { bandPath, TOTAL } from '@grdp/engine';
import { anGiang } from './common.ts';

export function simulateInput(): SimulateInput {
  const s = anGiang();
  const fy = s.targets.FY ?? {};
  const fyTarget: Record<string, { low: number; high: number }> = {};
  for (const key of [TOTAL, ...s.sectors.map((x) => x.id)]) {
    const band = fy[key];
    if (band) fyTarget[key] = { low: band.low, high: band.high };
  }
  return {
    sectors: s.sectors.filter((x) => x.parent === undefined).map((x) => x.id),
    base: s.base!.levels,
    low: bandPath(s, 'low'),
    high: bandPath(s, 'high'),
    fyTarget,
  };
}
