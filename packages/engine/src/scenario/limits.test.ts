import { describe, expect, it } from 'vitest';
import { GrdpError, type Issue } from '../errors.ts';
import {
  loadScenario,
  parseScenarioObject,
  SCENARIO_MAX_ACTUALS,
  SCENARIO_MAX_BASE_LEVEL,
  SCENARIO_MAX_SECTORS,
  SCENARIO_MAX_TEXT,
} from './load.ts';

const scenario = (over: Record<string, unknown> = {}) => ({
  id: 'caps-2024',
  title: { vi: 'Giới hạn', en: 'Caps' },
  region: 'An Giang',
  year: 2024,
  source: 'test',
  sectors: [{ id: 'agri', name: 'Nông nghiệp' }],
  targets: { Q1: { total: [5, 6], agri: 4 } },
  ...over,
});

function issuesOf(obj: unknown): Issue[] {
  try {
    parseScenarioObject(obj);
  } catch (e) {
    if (e instanceof GrdpError) return e.issues;
    throw e;
  }
  throw new Error('expected a GrdpError');
}

describe('scenario caps (the work one request can cause is bounded)', () => {
  it('a valid small scenario passes', () => {
    expect(parseScenarioObject(scenario()).scenario.sectors).toHaveLength(1);
  });

  it(`refuses more than ${SCENARIO_MAX_SECTORS} sectors with SCENARIO_TOO_LARGE at sectors`, () => {
    const sectors = Array.from({ length: 4000 }, (_, i) => ({ id: `s${i}`, name: `S${i}` }));
    const issues = issuesOf(scenario({ sectors, targets: {} }));
    expect(issues[0]).toMatchObject({ code: 'SCENARIO_TOO_LARGE', path: 'sectors' });
    expect(issues[0]!.message).toContain('4000 sectors; at most 100');
    const ok = Array.from({ length: SCENARIO_MAX_SECTORS }, (_, i) => ({ id: `s${i}`, name: `S${i}` }));
    expect(parseScenarioObject(scenario({ sectors: ok, targets: {} })).scenario.sectors).toHaveLength(100);
  });

  it('refuses a growth target of 1e300 (it once reached the LP solver and gave a 500)', () => {
    const issues = issuesOf(scenario({ targets: { Q1: { total: 1e300 } } }));
    expect(issues[0]).toMatchObject({ code: 'SCENARIO_BAD_GROWTH', path: 'targets.Q1.total' });
    expect(issuesOf(scenario({ targets: { Q1: { agri: [-100, 5] } } }))[0]!.code).toBe('SCENARIO_BAD_GROWTH');
  });

  it('refuses base levels above the cap', () => {
    const base = { unit: 'index', origin: 'official', levels: { agri: [1, 2, 3, SCENARIO_MAX_BASE_LEVEL * 10] } };
    expect(issuesOf(scenario({ base }))[0]).toMatchObject({ code: 'SCENARIO_BAD_BASE', path: 'base.levels.agri[3]' });
  });

  it('refuses too many actuals and too long a text', () => {
    const actuals = Array.from({ length: SCENARIO_MAX_ACTUALS + 1 }, () => ({
      period: 'Q1',
      vintage: 'estimate',
      values: { total: 5 },
    }));
    expect(issuesOf(scenario({ actuals }))[0]).toMatchObject({ code: 'SCENARIO_TOO_LARGE', path: 'actuals' });
    expect(issuesOf(scenario({ notes: 'x'.repeat(SCENARIO_MAX_TEXT + 1) }))[0]).toMatchObject({
      code: 'SCENARIO_TOO_LARGE',
      path: 'notes',
    });
  });

  it('refuses NUL and lone surrogates in text, YAML escapes included, naming the line', () => {
    const yaml = [
      'id: caps-2024',
      'title: {vi: a, en: b}',
      'region: "An\\0Giang"',
      'year: 2024',
      'source: test',
      'sectors: []',
      'targets: {}',
    ].join('\n');
    try {
      loadScenario(yaml, { file: 'x.yaml' });
      expect.unreachable();
    } catch (e) {
      const i = (e as GrdpError).issues[0]!;
      expect(i).toMatchObject({ code: 'SCENARIO_BAD_TEXT', path: 'region', line: 3 });
      expect(i.message).toContain('NUL');
    }
    expect(issuesOf(scenario({ source: 'a\ud800' }))[0]).toMatchObject({ code: 'SCENARIO_BAD_TEXT', path: 'source' });
  });
});
