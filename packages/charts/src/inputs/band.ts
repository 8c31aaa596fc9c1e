import { type ActualTable, isPeriod, PERIODS, type Scenario } from '@grdp/engine';
import type { ActualPoint, BandChartInput, BandPoint, EarlierBands } from '../types.ts';

/**
 * The band chart of `key` (`total` or a sector id): the scenario's target bands and the engine's actual figures
 * (published, newest vintage, and derived; H2 left out). Pass the actual table of the effective scenario (the
 * file plus entered revisions), so every surface shows the same points. With `earlier` (an earlier version of the
 * scenario and the legend's name for it), that version's bands of `key` are drawn faintly behind.
 */
export function bandInput(
  scenario: Pick<Scenario, 'targets'>,
  table: ActualTable,
  key: string,
  earlier?: { label: string; scenario: Pick<Scenario, 'targets'> },
): BandChartInput {
  const bands = bandsOf(scenario, key);
  const actuals: ActualPoint[] = [];
  for (const f of table.figures) {
    if (f.key !== key || !isPeriod(f.period)) continue;
    actuals.push({ period: f.period, value: f.value, vintage: f.vintage ?? 'estimate', derived: f.derived });
  }
  if (!earlier) return { key, bands, actuals };
  const faint: EarlierBands = { label: earlier.label, bands: bandsOf(earlier.scenario, key) };
  return { key, bands, actuals, earlier: faint };
}

function bandsOf(scenario: Pick<Scenario, 'targets'>, key: string): BandPoint[] {
  const bands: BandPoint[] = [];
  for (const period of PERIODS) {
    const band = scenario.targets[period]?.[key];
    if (band) bands.push({ period, low: band.low, high: band.high });
  }
  return bands;
}
