/**
 * The what-if state in the URL: `b=mid|low|high|actual`, `asof=Q2` (the actual baseline's last quarter) and
 * `shock=agriculture:Q3:-2pp` repeated, the engine's one shock syntax (as the CLI's `--shock`). Old links
 * (`s=agriculture.Q3:-2,…`) are rewritten by the router.
 */
import { type BaselineName, formatShock, isQuarter, parseShock, type Quarter, type Shock } from '@grdp/engine';

export interface WhatifState {
  baseline: BaselineName;
  /** For the actual baseline: the last quarter taken from actuals (undefined: the latest the actuals reach). */
  asOf?: Quarter;
  /** pp by `sector.Q3`. */
  shocks: Record<string, number>;
}

const BASELINES: readonly BaselineName[] = ['mid', 'low', 'high', 'actual'];

export function parseShocks(texts: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const text of texts) {
    let shock: Shock;
    try {
      shock = parseShock(text);
    } catch {
      continue;
    }
    const [period] = shock.periods;
    if (shock.deltaPp && shock.periods.length === 1 && isQuarter(period))
      out[`${shock.sector}.${period}`] = shock.deltaPp;
  }
  return out;
}

export function formatShocks(shocks: Record<string, number>): string[] {
  return Object.entries(shocks)
    .filter(([, v]) => v !== 0 && Number.isFinite(v))
    .map(([k, v]) => {
      const [sector = '', period = 'Q1'] = k.split('.');
      return formatShock({ sector, periods: [period as Quarter], deltaPp: v });
    });
}

/** The engine's shocks of a state (only the scenario's sectors). */
export function shocksOf(state: WhatifState, known: ReadonlySet<string>): Shock[] {
  return Object.entries(state.shocks)
    .map(([key, deltaPp]) => {
      const [sector = '', quarter] = key.split('.') as [string, Quarter];
      return { sector, periods: [quarter], deltaPp };
    })
    .filter((s) => known.has(s.sector));
}

export function stateFromQuery(query: URLSearchParams): WhatifState {
  const b = query.get('b') as BaselineName | null;
  const asOf = query.get('asof');
  return {
    baseline: b && BASELINES.includes(b) ? b : 'mid',
    ...(asOf && isQuarter(asOf) && { asOf }),
    shocks: parseShocks(query.getAll('shock')),
  };
}

/** Writes the state into the query (keeping its other params, such as `w`). */
export function writeState(query: URLSearchParams, state: WhatifState): void {
  query.set('b', state.baseline);
  if (state.baseline === 'actual' && state.asOf) query.set('asof', state.asOf);
  else query.delete('asof');
  query.delete('shock');
  for (const shock of formatShocks(state.shocks)) query.append('shock', shock);
}

/** The saved body of a what-if (`POST …/whatifs`) and back. */
export function bodyOf(state: WhatifState): Record<string, unknown> {
  return {
    baseline: state.baseline,
    ...(state.baseline === 'actual' && state.asOf && { asOf: state.asOf }),
    shocks: formatShocks(state.shocks),
  };
}
