/**
 * The one written form of a shock, for the CLI (`--shock`), the API (`shocks: [...]`) and web URLs
 * (`?shock=agriculture:Q3:-2pp&shock=…`): `sector:periods:change`, read by `parseShock` and written by
 * `formatShock`. The web's old URL form `s=agriculture.Q3:-2,services.Q4:1` (pp) is read by `legacyWebShocks`,
 * so old links and saved what-ifs keep working.
 */
import type { Shock } from './index.ts';

/** `agriculture:Q3:-2pp`, `industry_construction:Q3,Q4:=10`, `services:H1:-3%`: what `parseShock` reads back. */
export function formatShock(shock: Shock): string {
  const num = (v: number) => String(v);
  const change =
    shock.deltaPp !== undefined
      ? `${shock.deltaPp > 0 ? '+' : ''}${num(shock.deltaPp)}pp`
      : shock.growth !== undefined
        ? `=${num(shock.growth)}`
        : `${num(shock.levelPct ?? 0)}%`;
  return `${shock.sector}:${shock.periods.join(',')}:${change}`;
}

/**
 * The web's old URL form, `sector.Q3:-2` items joined by commas (pp, decimal point), in the one syntax:
 * `legacyWebShocks('agriculture.Q3:-2,services.Q4:1')` → `['agriculture:Q3:-2pp', 'services:Q4:1pp']`.
 * An item that is not in the old form is passed on as it is (parseShock then says what is wrong with it).
 */
export function legacyWebShocks(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const m = /^([^.:]+)\.([^:]+):(.+)$/.exec(part);
      if (!m) return part;
      const change = m[3]!.trim();
      return `${m[1]}:${m[2]}:${/^[+-]?\d+(?:[.,]\d+)?$/.test(change) ? `${change}pp` : change}`;
    });
}
