/**
 * The chart names every surface uses (web chart boxes, the embed `/embed/:id/:chart`, the API's
 * `/api/scenarios/:id/charts/:chart.(png|svg|csv|json)`): `total`, each sector id, `contributions` and `fan`,
 * each in the view `quarterly` (Q1..Q4) or `cumulative` (Q1, H1, 9M, FY). The older image names stay as
 * aliases: `total-quarterly` and `total-cumulative` (their view fixed) and `sector-<id>`.
 */
import { type Scenario, TOTAL } from '@grdp/engine';
import type { ChartView } from './types.ts';

export const CHART_VIEWS: readonly ChartView[] = ['quarterly', 'cumulative'];

/** What a chart draws: a target band with actuals (total or a sector), contributions, or the simulated fan. */
export type ChartKind = 'band' | 'contributions' | 'fan';

export interface ChartEntry {
  /** The catalogue name: `total`, a sector id, `contributions` or `fan`. */
  name: string;
  kind: ChartKind;
  /** The key drawn: `total` or a sector id (`total` for contributions and fan). */
  key: string;
  /** Set when the name asked for was an alias that fixes the view (`total-cumulative`). */
  view?: ChartView;
}

/** Every chart of a scenario, in page order. */
export function chartCatalogue(scenario: Pick<Scenario, 'sectors'>): ChartEntry[] {
  return [
    { name: TOTAL, kind: 'band', key: TOTAL },
    ...scenario.sectors.map((s) => ({ name: s.id, kind: 'band' as const, key: s.id })),
    { name: 'contributions', kind: 'contributions', key: TOTAL },
    { name: 'fan', kind: 'fan', key: TOTAL },
  ];
}

/** The chart a name (or an alias) stands for in a scenario, or undefined when there is none. */
export function findChart(scenario: Pick<Scenario, 'sectors'>, name: string): ChartEntry | undefined {
  const catalogue = chartCatalogue(scenario);
  const direct = catalogue.find((c) => c.name === name);
  if (direct) return direct;
  const total = /^total-(quarterly|cumulative)$/.exec(name)?.[1] as ChartView | undefined;
  if (total) return { name: TOTAL, kind: 'band', key: TOTAL, view: total };
  const sector = /^sector-(.+)$/.exec(name)?.[1];
  if (sector !== undefined) return catalogue.find((c) => c.kind === 'band' && c.key === sector && c.key !== TOTAL);
  return undefined;
}

/** A view from a query value: `cumulative`, else `quarterly`. */
export function parseView(value: string | null | undefined): ChartView {
  return value === 'cumulative' ? 'cumulative' : 'quarterly';
}
