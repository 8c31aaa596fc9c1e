/**
 * The draft the studio shows, from its state: the engine's `draftScenario` on the view's base levels (no arithmetic
 * here). The studio and the printable appendix of a draft (`#/s/<id>/draft/appendix?…`) both call it, so the
 * printed table is the one on screen.
 */
import {
  type Band,
  type DraftProfile,
  type DraftResult,
  draftBand,
  draftScenario,
  lastYearPattern,
  type QuarterValues,
  type Scenario,
} from '@grdp/engine';
import { api, loadScenarioData } from '../../api.ts';
import type { DraftState } from './state.ts';

/** Last year's quarterly growth by sector, from the stored scenario of the same region and the previous year. */
export async function previousPattern(scenario: Scenario): Promise<Record<string, QuarterValues> | null> {
  const list = await api.listScenarios();
  const previous = list.find((s) => s.region === scenario.region && s.year === scenario.year - 1);
  if (!previous) return null;
  const data = await loadScenarioData(previous.id);
  try {
    return lastYearPattern(
      data.scenario,
      data.base,
      scenario.sectors.map((s) => s.id),
    );
  } catch {
    return null;
  }
}

/** The drafted table; `last-year` without a pattern drafts flat (the studio offers it only with one). */
export function draftOf(
  scenario: Scenario,
  base: Record<string, QuarterValues>,
  state: DraftState,
  pattern: Record<string, QuarterValues> | null,
): DraftResult {
  const FY: Record<string, Band> = {};
  for (const [key, band] of Object.entries(state.targets)) FY[key] = draftBand(band.low, band.high);
  const input: Scenario = { ...scenario, targets: { FY }, actuals: [] };
  const profile: DraftProfile =
    state.profile === 'shape'
      ? { kind: 'shape', offsets: state.shape }
      : state.profile === 'last-year' && pattern
        ? { kind: 'last-year', pattern }
        : { kind: 'flat' };
  return draftScenario(input, base, { profile, reconcile: state.reconcile });
}
