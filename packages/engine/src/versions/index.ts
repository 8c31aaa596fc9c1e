/**
 * Versions of a scenario side by side: for every period and key, each version's band and how far the later one
 * moved from the earlier (pp). Pure: the versions are scenarios (a file, or a stored version's table).
 */

import { Dec } from '../numeric/index.ts';
import { PERIODS, type Period } from '../periods.ts';
import type { ScenarioVersion } from '../scenario/types.ts';
import { type Band, type Targets, TOTAL } from '../scenario/types.ts';

export interface VersionCell {
  period: Period;
  key: string;
  /** The band in each version (null where that version has none). */
  bands: (Pick<Band, 'low' | 'high'> | null)[];
  /** Later minus earlier, pp, for consecutive versions (null where either band is missing). */
  change: ({ low: number; high: number } | null)[];
}

export interface VersionComparison {
  versions: ScenarioVersion[];
  cells: VersionCell[];
}

/**
 * @example
 * compareVersions([{ version: { label: 'initial' }, targets: a }, { version: { label: 'adjusted-Q2' }, targets: b }])
 *   .cells.find((c) => c.period === 'Q3' && c.key === 'total').change[0] // { low: +0.34, high: +0.76 }
 */
export function compareVersions(
  versions: readonly { version?: ScenarioVersion; targets: Targets; sectors: readonly { id: string }[] }[],
): VersionComparison {
  const keys = [TOTAL];
  for (const v of versions) for (const s of v.sectors) if (!keys.includes(s.id)) keys.push(s.id);
  const cells: VersionCell[] = [];
  for (const period of PERIODS) {
    for (const key of keys) {
      const bands = versions.map((v) => {
        const b = v.targets[period]?.[key];
        return b ? { low: b.low, high: b.high } : null;
      });
      if (bands.every((b) => b === null)) continue;
      const change = bands.slice(1).map((b, i) => {
        const a = bands[i];
        return a && b
          ? {
              low: new Dec(b.low).minus(a.low).toNumber(),
              high: new Dec(b.high).minus(a.high).toNumber(),
            }
          : null;
      });
      cells.push({ period, key, bands, change });
    }
  }
  return { versions: versions.map((v, i) => v.version ?? { label: i === 0 ? 'initial' : `version-${i + 1}` }), cells };
}
