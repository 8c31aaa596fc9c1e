import type { Actual } from '../scenario/types.ts';
import { grdpPerCapita } from './per-capita.ts';
import { type IndicatorFigure, type IndicatorStatus, indicatorStatus } from './status.ts';
import type { Indicator, IndicatorActual, IndicatorSet } from './types.ts';

export interface IndicatorInputs {
  /**
   * Revisions entered beyond the file's actuals (the database's), by indicator id, oldest first. For each year
   * the last revision counts, over the file's figure for that year.
   */
  entered?: Readonly<Record<string, readonly IndicatorActual[]>>;
  /** The scenario's year and its actuals: the full-year (FY) growth figures feed indicators with a `grdp` link. */
  grdp?: { year: number; actuals: readonly Actual[] };
}

/** One row of the indicators table: the indicator, its figures by year, and its status. */
export interface IndicatorRow {
  indicator: Indicator;
  figures: IndicatorFigure[];
  status: IndicatorStatus;
}

function fromActual(a: IndicatorActual): IndicatorFigure {
  return {
    year: a.year,
    value: a.value,
    origin: 'entered',
    vintage: a.vintage,
    ...(a.published === undefined ? {} : { published: a.published }),
    ...(a.source === undefined ? {} : { source: a.source }),
  };
}

/** Entered figures by year: the file's, then the revisions; the last for a year wins. */
function enteredFigures(ind: Indicator, inputs: IndicatorInputs): Map<number, IndicatorFigure> {
  const out = new Map<number, IndicatorFigure>();
  for (const a of [...ind.actuals, ...(inputs.entered?.[ind.id] ?? [])]) out.set(a.year, fromActual(a));
  return out;
}

/**
 * Every indicator's figures by year and its status. A year's figure is, in order of precedence: the last entered
 * revision; the scenario's full-year growth actual for an indicator linked to GRDP (`grdp: total`); a value
 * derived from other indicators of the same year (GRDP per capita from GRDP at current prices and population).
 */
export function indicatorRows(set: IndicatorSet, inputs: IndicatorInputs = {}): IndicatorRow[] {
  const byId = new Map<string, Map<number, IndicatorFigure>>();
  for (const ind of set.indicators) {
    const figs = enteredFigures(ind, inputs);
    if (ind.grdpKey && inputs.grdp) {
      const fy = inputs.grdp.actuals.filter((a) => a.period === 'FY' && a.values[ind.grdpKey!] !== undefined).at(-1);
      if (fy && !figs.has(inputs.grdp.year))
        figs.set(inputs.grdp.year, {
          year: inputs.grdp.year,
          value: fy.values[ind.grdpKey]!,
          origin: 'grdp',
          vintage: fy.vintage,
          ...(fy.published === undefined ? {} : { published: fy.published }),
          ...(fy.source === undefined ? {} : { source: fy.source }),
        });
    }
    byId.set(ind.id, figs);
  }
  for (const ind of set.indicators) {
    const d = ind.derive;
    if (!d) continue;
    const figs = byId.get(ind.id)!;
    const grdp = byId.get(d.grdp);
    const population = byId.get(d.population);
    if (!grdp || !population) continue;
    for (const [year, g] of grdp) {
      const pop = population.get(year);
      if (!pop || figs.has(year) || g.origin === 'derived') continue;
      if (d.unit === 'USD' && d.vndPerUsd === undefined) continue;
      const pc = grdpPerCapita({
        grdpBillionVnd: g.value,
        population: pop.value,
        unit: d.unit,
        ...(d.vndPerUsd === undefined ? {} : { vndPerUsd: d.vndPerUsd }),
      });
      figs.set(year, { year, value: pc.value, origin: 'derived', formula: pc.formula });
    }
  }
  return set.indicators.map((indicator) => {
    const figures = [...byId.get(indicator.id)!.values()].sort((a, b) => a.year - b.year);
    return { indicator, figures, status: indicatorStatus(indicator, figures) };
  });
}
