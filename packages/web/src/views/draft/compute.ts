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
  scenarioToFile,
} from '@grdp/engine';
import type { DraftRequest } from '../../api.ts';
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

/** The draft's input: the scenario with only the state's FY targets, and its profile. */
function draftInput(scenario: Scenario, state: DraftState, pattern: Record<string, QuarterValues> | null) {
  const FY: Record<string, Band> = {};
  for (const [key, band] of Object.entries(state.targets)) FY[key] = draftBand(band.low, band.high);
  const input: Scenario = { ...scenario, targets: { FY }, actuals: [] };
  const profile: DraftProfile =
    state.profile === 'shape'
      ? { kind: 'shape', offsets: state.shape }
      : state.profile === 'last-year' && pattern
        ? { kind: 'last-year', pattern }
        : { kind: 'flat' };
  return { input, profile };
}

/** The drafted table; `last-year` without a pattern drafts flat (the studio offers it only with one). */
export function draftOf(
  scenario: Scenario,
  base: Record<string, QuarterValues>,
  state: DraftState,
  pattern: Record<string, QuarterValues> | null,
): DraftResult {
  const { input, profile } = draftInput(scenario, state, pattern);
  return draftScenario(input, base, { profile, reconcile: state.reconcile });
}

/**
 * The same draft as a request to the API (`POST /api/planner/draft/appendix.xlsx`): the file with the levels this
 * page drafts on written in as its base, so the server's `draftScenario` drafts the very table on screen.
 */
export function draftRequest(
  scenario: Scenario,
  base: Record<string, QuarterValues>,
  state: DraftState,
  pattern: Record<string, QuarterValues> | null,
): DraftRequest {
  const { input, profile } = draftInput(scenario, state, pattern);
  const levels: Scenario['base'] = {
    unit: scenario.base?.unit ?? 'index',
    origin: scenario.base?.origin ?? 'implied',
    levels: base,
  };
  const reconcile = state.reconcile.method === 'absorb' ? `absorb:${state.reconcile.sector}` : state.reconcile.method;
  return {
    scenario: scenarioToFile({ ...input, base: levels }),
    profile: profile.kind,
    ...(profile.kind === 'shape' && { shape: profile.offsets }),
    ...(profile.kind === 'last-year' && { pattern: profile.pattern }),
    reconcile,
  } as DraftRequest;
}
