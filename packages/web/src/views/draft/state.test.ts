import { loadScenario } from '@grdp/engine';
import { describe, expect, it } from 'vitest';
import { defaultDraftState, draftStateFromQuery, draftStateToQuery } from './state.ts';

const scenario = loadScenario(
  [
    'id: x-2023',
    'title: {vi: X, en: X}',
    'region: X',
    'year: 2023',
    'source: test',
    'priceBasis: constant 2010 prices',
    'sectors:',
    '  - {id: agriculture, name: {vi: A, en: A}}',
    '  - {id: services, name: {vi: S, en: S}}',
    'targets:',
    '  FY: {total: "7,0 - 7,5%", agriculture: "3,2 - 3,5%", services: "8,6 - 9,3%"}',
  ].join('\n'),
).scenario;
const defaults = defaultDraftState(scenario);
const top = ['agriculture', 'services'];

describe('the draft state in the link', () => {
  it('writes nothing for the defaults, so an old link (no state) opens them', () => {
    expect(draftStateToQuery(defaults, defaults).toString()).toBe('');
    expect(draftStateFromQuery(new URLSearchParams(), defaults, top)).toEqual(defaults);
  });

  it('round-trips targets, profile, offsets and the reconcile choice', () => {
    const state = structuredClone(defaults);
    state.targets.agriculture = { low: 3.2, high: 4.1 };
    state.targets.total = { low: -0.5, high: 7.25 };
    state.profile = 'shape';
    state.shape.services = [-1, 2.5, 0, -1.5];
    state.reconcile = { method: 'absorb', sector: 'services' };
    const query = draftStateToQuery(state, defaults);
    expect(query.getAll('fy')).toEqual(['total:-0.5,7.25', 'agriculture:3.2,4.1']);
    expect(query.getAll('shape')).toEqual(['services:-1,2.5,0,-1.5']);
    expect(query.get('reconcile')).toBe('absorb:services');
    // through the address bar's text and back
    expect(draftStateFromQuery(new URLSearchParams(query.toString()), defaults, top)).toEqual(state);
  });

  it('leaves out what does not fit the scenario and keeps the rest', () => {
    const query = new URLSearchParams(
      'fy=mining:1,2&fy=services:abc,9&fy=agriculture:3,4&shape=services:1,2&profile=steep&reconcile=absorb:mining',
    );
    const state = draftStateFromQuery(query, defaults, top);
    expect(state.targets.agriculture).toEqual({ low: 3, high: 4 });
    expect(state.targets.services).toEqual(defaults.targets.services);
    expect(state.shape).toEqual(defaults.shape);
    expect(state.profile).toBe('flat');
    expect(state.reconcile).toEqual({ method: 'none' });
  });
});
