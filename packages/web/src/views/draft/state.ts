/**
 * The draft studio's state in its link (`#/s/<id>/draft?…`), so a reload or a shared link restores the same draft.
 * Only what differs from the defaults (the scenario's own FY targets, the flat profile, no offsets, no
 * reconciliation) is written, in the CLI's syntax where it has one:
 * - `fy=KEY:LOW,HIGH` a changed FY target (% with a decimal point; repeated),
 * - `profile=last-year|shape`,
 * - `shape=SECTOR:o1,o2,o3,o4` a sector's quarterly offsets, pp (as `grdp draft --shape`; repeated),
 * - `reconcile=shift|absorb:SECTOR` (as `grdp draft --reconcile`).
 * A link without any of these (every link made before) opens the defaults; a part that does not fit the scenario
 * (an unknown sector, a figure that is not a number) is left out, the rest still applies.
 */
import type { DraftProfile, Reconcile, Scenario } from '@grdp/engine';
import { TOTAL } from '@grdp/engine';

export type ProfileName = DraftProfile['kind'];

export interface DraftState {
  /** FY targets by `total` and sector id. */
  targets: Record<string, { low: number; high: number }>;
  profile: ProfileName;
  /** Quarterly offsets (pp) by sector id. */
  shape: Record<string, number[]>;
  reconcile: Reconcile;
}

const PROFILES: readonly ProfileName[] = ['flat', 'last-year', 'shape'];

/** The studio's starting state: the scenario's FY targets, flat, no offsets, no reconciliation. */
export function defaultDraftState(scenario: Pick<Scenario, 'sectors' | 'targets'>): DraftState {
  const sectors = scenario.sectors.map((s) => s.id);
  const fy = scenario.targets.FY ?? {};
  return {
    targets: Object.fromEntries([TOTAL, ...sectors].map((k) => [k, { low: fy[k]?.low ?? 0, high: fy[k]?.high ?? 0 }])),
    profile: 'flat',
    shape: Object.fromEntries(sectors.map((k) => [k, [0, 0, 0, 0]])),
    reconcile: { method: 'none' },
  };
}

const numbers = (text: string): number[] | null => {
  const parts = text.split(',');
  if (parts.some((p) => p.trim() === '')) return null;
  const values = parts.map(Number);
  return values.every(Number.isFinite) ? values : null;
};

/** `KEY:rest` → [KEY, rest]; null without a colon. */
const split = (text: string): [string, string] | null => {
  const i = text.indexOf(':');
  return i < 0 ? null : [text.slice(0, i), text.slice(i + 1)];
};

/**
 * The state a link carries, over the defaults. `topSectors` are those that may absorb the gap (the ones that add
 * up to the total).
 */
export function draftStateFromQuery(
  query: URLSearchParams,
  defaults: DraftState,
  topSectors: readonly string[],
): DraftState {
  const state: DraftState = structuredClone(defaults);
  for (const item of query.getAll('fy')) {
    const kv = split(item);
    const v = kv && numbers(kv[1]);
    if (kv && v && v.length === 2 && Object.hasOwn(state.targets, kv[0]))
      state.targets[kv[0]] = { low: v[0]!, high: v[1]! };
  }
  for (const item of query.getAll('shape')) {
    const kv = split(item);
    const v = kv && numbers(kv[1]);
    if (kv && v && v.length === 4 && Object.hasOwn(state.shape, kv[0])) state.shape[kv[0]] = v;
  }
  const profile = query.get('profile');
  if (profile !== null && (PROFILES as readonly string[]).includes(profile)) state.profile = profile as ProfileName;
  const reconcile = query.get('reconcile');
  if (reconcile === 'shift') state.reconcile = { method: 'shift' };
  else if (reconcile?.startsWith('absorb:') && topSectors.includes(reconcile.slice(7)))
    state.reconcile = { method: 'absorb', sector: reconcile.slice(7) };
  return state;
}

/** The link's query for a state: only what differs from the defaults, in a fixed order. */
export function draftStateToQuery(state: DraftState, defaults: DraftState): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, band] of Object.entries(state.targets)) {
    const d = defaults.targets[key];
    if (!d || d.low !== band.low || d.high !== band.high) query.append('fy', `${key}:${band.low},${band.high}`);
  }
  if (state.profile !== 'flat') query.set('profile', state.profile);
  for (const [key, offsets] of Object.entries(state.shape))
    if (offsets.some((o) => o !== 0)) query.append('shape', `${key}:${offsets.join(',')}`);
  if (state.reconcile.method === 'shift') query.set('reconcile', 'shift');
  else if (state.reconcile.method === 'absorb') query.set('reconcile', `absorb:${state.reconcile.sector}`);
  return query;
}
