import { describe, expect, it } from 'vitest';
import { GrdpError } from '../errors.ts';
import { parsePlanObject } from '../plan/parse.ts';
import { loadScenario } from '../scenario/load.ts';
import { scenarioToYaml } from '../scenario/write.ts';
import { parseIndicatorSet } from './parse.ts';

const HEAD = `id: t
title: {vi: T, en: T}
region: R
year: 2023
source: S
sectors: []
targets: {FY: {total: "7,0 - 7,5%"}}
`;

const GOOD = `departments:
  - id: so-tai-chinh
    name: {vi: Sở Tài chính, en: Department of Finance}
indicators:
  - id: budget-revenue
    no: 5
    category: economic
    name: {vi: Thu ngân sách, en: Budget revenue}
    unit: {vi: tỷ đồng, en: billion VND}
    period: 2023
    target: {reach: 6638}
    printed: Thu ngân sách là 6.638 tỷ đồng
    source: Mục I.2 (5)
    department: so-tai-chinh
    actuals:
      - {year: 2023, value: 6700, vintage: estimate, published: 2023-12-31}
  - id: tourists
    no: 17
    main: false
    category: economic
    name: {vi: Lượt khách, en: Tourist arrivals}
    unit: {vi: triệu lượt, en: million visits}
    period: 2023
    target: {about: 8}
    printed: khoảng 08 triệu lượt khách
    source: Mục III.8 (1)
`;

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof GrdpError) return e.issues;
    throw e;
  }
  throw new Error('expected a GrdpError');
}

describe('indicators in a scenario file', () => {
  it('load with their defaults: main, better, the documented ≈ tolerance', () => {
    const { scenario } = loadScenario(HEAD + GOOD);
    const [budget, tourists] = scenario.indicators!.indicators;
    expect(budget).toMatchObject({
      id: 'budget-revenue',
      main: true,
      better: 'higher',
      target: { kind: 'reach', value: 6638 },
      period: { kind: 'year', year: 2023 },
      department: 'so-tai-chinh',
      actuals: [{ year: 2023, value: 6700, vintage: 'estimate', published: '2023-12-31' }],
    });
    expect(tourists).toMatchObject({ main: false, target: { kind: 'about', value: 8, tolerancePercent: 5 } });
  });

  it('write back and load to the same scenario', () => {
    const { scenario } = loadScenario(HEAD + GOOD);
    expect(loadScenario(scenarioToYaml(scenario)).scenario).toEqual(scenario);
  });

  it('report bad entries with the file, the JSON path and the line', () => {
    const bad = GOOD.replace('department: so-tai-chinh', 'department: so-tai-chinh-x').replace(
      'target: {about: 8}',
      'target: {about: 8, below: 9}',
    );
    const issues = issuesOf(() => loadScenario(HEAD + bad, { file: 'plan.yaml' }));
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'SCENARIO_BAD_INDICATOR',
        path: 'indicators[0].department',
        file: 'plan.yaml',
        line: 21,
        message: expect.stringContaining('"so-tai-chinh-x" is not in departments'),
      }),
      expect.objectContaining({
        path: 'indicators[1].target',
        line: 31,
        message: expect.stringContaining('give exactly one qualifier'),
      }),
    ]);
  });

  it('refuse a grdp link to a key the scenario does not have', () => {
    const bad = GOOD.replace('    department: so-tai-chinh\n', '    grdp: services\n');
    expect(issuesOf(() => loadScenario(HEAD + bad))).toEqual([
      expect.objectContaining({ path: 'indicators[0].grdp', message: expect.stringContaining('not a GRDP key') }),
    ]);
  });
});

describe('parseIndicatorSet', () => {
  const base = {
    id: 'x',
    no: 1,
    category: 'social',
    name: 'x',
    unit: '%',
    period: 2023,
    printed: 'x',
    source: 'x',
  };
  const problems = (indicator: Record<string, unknown>) => {
    const found: string[] = [];
    parseIndicatorSet({ indicators: [{ ...base, ...indicator }] }, (path, detail) => found.push(`${path}: ${detail}`));
    return found;
  };

  it.each([
    [{ target: { band: [2, 1] } }, 'indicators[0].target.band: a band is [low, high] with low ≤ high'],
    [{ target: { rank: 40, of: 34 } }, 'indicators[0].target.rank: rank 40 is beyond 34'],
    [{ target: { about: 8, tolerance: -1 } }, 'indicators[0].target.tolerance: a tolerance is ≥ 0'],
    [
      { target: { averageAnnualChange: 1, unit: 'pp' } },
      'indicators[0].target.direction: direction is increase or decrease',
    ],
    [{ target: { reach: 1 }, period: { average: [2030, 2026] } }, 'indicators[0].period.average: a span of years'],
    [{ target: { reach: 1 }, category: 'other' }, 'indicators[0].category: category is economic, social, environment'],
    [{ target: { rank: 3, of: 34 }, better: 'higher' }, 'indicators[0].better: a rank is better when lower'],
    [
      { target: { rank: 3, of: 34 }, actuals: [{ year: 2023, value: 2.5, vintage: 'estimate' }] },
      'indicators[0].actuals[0].value: a rank is a whole number from 1 to 34',
    ],
    [
      { target: { reach: 1 }, derive: { grdpPerCapita: { grdp: 'g', population: 'p', unit: 'USD' } } },
      'indicators[0].derive.grdpPerCapita.grdp: "g" is not an indicator of this file',
    ],
  ])('%j → %s', (indicator, expected) => {
    expect(problems(indicator).some((p) => p.startsWith(expected))).toBe(true);
  });

  it('accepts every qualifier kind', () => {
    for (const target of [
      { band: [1, 2] },
      { atLeast: 1 },
      { above: 1 },
      { atMost: 1 },
      { below: 1 },
      { about: 1 },
      { reach: 1 },
      { maintain: 1 },
      { averageAnnualChange: [0.3, 0.5], direction: 'decrease', unit: 'pp' },
      { rank: 1, of: 34 },
    ])
      expect(problems({ target })).toEqual([]);
  });
});

describe('indicators in a plan file', () => {
  it('are read, and bad ones reported as INPUT_INVALID with their path', () => {
    const plan = {
      id: 'p',
      title: { vi: 'P', en: 'P' },
      region: 'R',
      startYear: 2026,
      endYear: 2030,
      baseYear: 2025,
      targets: { averageGrowth: 11 },
      indicators: [
        {
          id: 'unemployment',
          no: 7,
          category: 'social',
          name: { vi: 'Tỷ lệ thất nghiệp', en: 'Unemployment rate' },
          unit: '%',
          period: { final: 2030 },
          target: { below: 3.6 },
          printed: 'Tỷ lệ thất nghiệp đạt dưới 3,6%',
          source: 'Mục II.2.2 (7)',
        },
      ],
    };
    expect(parsePlanObject(plan).indicators?.indicators[0]).toMatchObject({
      better: 'lower',
      target: { kind: 'below' },
    });
    const broken = { ...plan, indicators: [{ ...plan.indicators[0], period: 'soon' }] };
    expect(issuesOf(() => parsePlanObject(broken))).toEqual([
      expect.objectContaining({ code: 'INPUT_INVALID', path: 'indicators[0].period' }),
    ]);
  });
});
