import { loadScenario, type Scenario } from '@grdp/engine';
import { describe, expect, it } from 'vitest';
import { scenarioChart } from './scenario.ts';
import { bandOrContributionsChart } from './scenario-core.ts';

// Vite's ?raw import, as in the engine's tests.
const url = '../../../scenarios/an-giang-2023.yaml?raw';
const text = ((await import(/* @vite-ignore */ url)) as { default: string }).default;
const scenario: Scenario = loadScenario(text).scenario;
const base = scenario.base!.levels;

describe('bandOrContributionsChart (the dashboard builds its charts without the simulator)', () => {
  it('gives the same band and contributions charts as scenarioChart', () => {
    for (const name of ['total', 'agriculture', 'contributions', 'total-cumulative']) {
      const request = { lang: 'en', view: 'cumulative', contributions: 'mid' } as const;
      const chart = bandOrContributionsChart(scenario, base, name, request);
      expect(chart?.title).toBeTruthy();
      const full = scenarioChart(scenario, base, name, request)!;
      // configs hold callbacks (new closures each call): compare their data and the rest as JSON
      expect(JSON.stringify(chart)).toBe(JSON.stringify(full));
      expect(chart?.table).toEqual(full.table);
    }
  });

  it('has no fan and no unknown chart', () => {
    expect(scenarioChart(scenario, base, 'fan')?.entry.kind).toBe('fan');
    expect(bandOrContributionsChart(scenario, base, 'fan')).toBeUndefined();
    expect(bandOrContributionsChart(scenario, base, 'nope')).toBeUndefined();
  });
});
