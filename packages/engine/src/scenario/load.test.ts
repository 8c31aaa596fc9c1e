import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { GrdpError, type Issue } from '../errors.ts';
import {
  loadScenario,
  parsePrintedBand,
  parseScenarioObject,
  SCENARIO_MAX_DEPTH,
  scenarioToFile,
  scenarioToYaml,
} from './load.ts';
import { ScenarioFileSchema, scenarioJsonSchema } from './schema.ts';
import type { Band, Scenario } from './types.ts';

// ----------------------------------------------------------------------------------------------------------------
// helpers

const HEAD = ['id: test-2023', 'title: {vi: Thử nghiệm, en: Test}', 'region: An Giang', 'year: 2023', 'source: test'];
const SECTORS = [
  'sectors:',
  '  - id: agriculture',
  '    name: Nông nghiệp',
  '  - id: services',
  '    name: {vi: Dịch vụ, en: Services}',
];
const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;
/** A small valid file with extra lines appended. */
const file = (...lines: string[]) => yaml(...HEAD, ...SECTORS, ...lines);

function issuesOf(run: () => unknown): Issue[] {
  try {
    run();
  } catch (e) {
    if (e instanceof GrdpError) return e.issues;
    throw e;
  }
  throw new Error('expected a GrdpError');
}

/** The 1-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line with ${needle}`);
  return i + 1;
}

async function anGiangText(): Promise<string> {
  // Vite's ?raw import: the engine's sources stay free of node: modules.
  const url = '../../../../scenarios/an-giang-2023.yaml?raw';
  return ((await import(/* @vite-ignore */ url)) as { default: string }).default;
}

// ----------------------------------------------------------------------------------------------------------------
// malformed files: one problem each, with its code, path and line

interface Case {
  name: string;
  text: string;
  code: string;
  path: string;
  /** Text on the expected line. */
  at: string;
}

const cases: Case[] = [
  {
    name: 'a sector not in `sectors`',
    text: file('targets:', '  Q1:', '    total: 6', '    mining: [1, 2]'),
    code: 'SCENARIO_UNKNOWN_SECTOR',
    path: 'targets.Q1.mining',
    at: 'mining',
  },
  {
    name: 'an unknown period',
    text: file('targets:', '  Q1: {total: 6}', '  Q5: {total: 7}'),
    code: 'SCENARIO_UNKNOWN_PERIOD',
    path: 'targets.Q5',
    at: 'Q5',
  },
  {
    name: 'a non-numeric target',
    text: file('targets:', '  Q4:', '    services: "about nine"'),
    code: 'SCENARIO_NOT_NUMERIC',
    path: 'targets.Q4.services',
    at: 'about nine',
  },
  {
    name: 'a non-numeric end of a band',
    text: file('targets:', '  Q1:', '    total: [6, "x"]'),
    code: 'SCENARIO_NOT_NUMERIC',
    path: 'targets.Q1.total[1]',
    at: 'total: [6',
  },
  {
    name: 'an empty target cell',
    text: file('targets:', '  H1:', '    agriculture:'),
    code: 'SCENARIO_NOT_NUMERIC',
    path: 'targets.H1.agriculture',
    at: 'agriculture:',
  },
  {
    name: 'a band of three numbers',
    text: file('targets:', '  FY:', '    total: [7, 7.2, 7.5]'),
    code: 'SCENARIO_BAD_BAND',
    path: 'targets.FY.total',
    at: '[7, 7.2',
  },
  {
    name: 'a negative base level',
    text: file(
      'base:',
      '  unit: index',
      '  origin: official',
      '  levels:',
      '    agriculture: [10, 12, 11, 13]',
      '    services:',
      '      - 20',
      '      - -2',
      '      - 21',
      '      - 22',
      'targets: {}',
    ),
    code: 'SCENARIO_NEGATIVE_BASE',
    path: 'base.levels.services[1]',
    at: '- -2',
  },
  {
    name: 'a base level that is not a number',
    text: file(
      'base:',
      '  unit: index',
      '  origin: implied',
      '  levels:',
      '    agriculture: [10, 12, 11, 13]',
      '    services: [20, "n/a", 21, 22]',
      'targets: {}',
    ),
    code: 'SCENARIO_NOT_NUMERIC',
    path: 'base.levels.services[1]',
    at: '"n/a"',
  },
  {
    name: 'base levels that are not four numbers',
    text: file(
      'base:',
      '  unit: index',
      '  origin: official',
      '  levels:',
      '    agriculture: [10, 12, 11]',
      '    services: [20, 20, 21, 22]',
      'targets: {}',
    ),
    code: 'SCENARIO_BAD_BASE',
    path: 'base.levels.agriculture',
    at: 'agriculture: [10',
  },
  {
    name: 'base levels missing a top-level sector',
    text: file(
      'base:',
      '  unit: index',
      '  origin: official',
      '  levels:',
      '    agriculture: [10, 12, 11, 13]',
      'targets: {}',
    ),
    code: 'SCENARIO_BAD_BASE',
    path: 'base.levels.services',
    at: 'levels:',
  },
  {
    name: 'a bad origin',
    text: file(
      'base:',
      '  unit: index',
      '  origin: guessed',
      '  levels: {agriculture: [1, 1, 1, 1], services: [1, 1, 1, 1]}',
      'targets: {}',
    ),
    code: 'SCENARIO_BAD_ORIGIN',
    path: 'base.origin',
    at: 'guessed',
  },
  {
    name: 'a duplicate sector id',
    text: yaml(...HEAD, ...SECTORS, '  - {id: agriculture, name: Again}', 'targets: {}'),
    code: 'SCENARIO_DUPLICATE_ID',
    path: 'sectors[2].id',
    at: 'name: Again',
  },
  {
    name: 'a scenario id that is not a slug',
    text: yaml('id: An_Giang 2023', ...HEAD.slice(1), ...SECTORS, 'targets: {}'),
    code: 'SCENARIO_BAD_ID',
    path: 'id',
    at: 'An_Giang',
  },
  {
    name: 'a sector id that is not snake_case',
    text: yaml(...HEAD, 'sectors:', '  - {id: agriculture, name: A}', '  - {id: Services, name: S}', 'targets: {}'),
    code: 'SCENARIO_BAD_ID',
    path: 'sectors[1].id',
    at: 'Services',
  },
  {
    name: 'a sector called total',
    text: yaml(...HEAD, 'sectors:', '  - {id: total, name: T}', 'targets: {}'),
    code: 'SCENARIO_BAD_ID',
    path: 'sectors[0].id',
    at: 'id: total',
  },
  {
    name: 'a missing title',
    text: yaml(...HEAD.filter((l) => !l.startsWith('title')), ...SECTORS, 'targets: {}'),
    code: 'SCENARIO_MISSING_FIELD',
    path: 'title',
    at: 'id: test-2023',
  },
  {
    name: 'a sector name without English',
    text: yaml(...HEAD, 'sectors:', '  - id: agriculture', '    name:', '      vi: Nông nghiệp', 'targets: {}'),
    code: 'SCENARIO_MISSING_FIELD',
    path: 'sectors[0].name.en',
    at: 'name:',
  },
  {
    name: 'a year written as text',
    text: yaml(...HEAD.map((l) => (l.startsWith('year') ? 'year: "2023"' : l)), ...SECTORS, 'targets: {}'),
    code: 'SCENARIO_WRONG_TYPE',
    path: 'year',
    at: 'year',
  },
  {
    name: 'a fractional year',
    text: yaml(...HEAD.map((l) => (l.startsWith('year') ? 'year: 2023.5' : l)), ...SECTORS, 'targets: {}'),
    code: 'SCENARIO_BAD_YEAR',
    path: 'year',
    at: 'year',
  },
  {
    name: 'sectors that are not a list',
    text: yaml(...HEAD, 'sectors: agriculture', 'targets: {}'),
    code: 'SCENARIO_WRONG_TYPE',
    path: 'sectors',
    at: 'sectors:',
  },
  {
    name: 'an unknown parent',
    text: yaml(
      ...HEAD,
      'sectors:',
      '  - {id: industry_construction, name: IC}',
      '  - {id: industry, name: I, parent: industry_construction}',
      '  - {id: construction, name: C, parent: industry_and_construction}',
      'targets: {}',
    ),
    code: 'SCENARIO_UNKNOWN_PARENT',
    path: 'sectors[2].parent',
    at: 'industry_and_construction',
  },
  {
    name: 'a parent that itself has a parent',
    text: yaml(
      ...HEAD,
      'sectors:',
      '  - {id: industry_construction, name: IC}',
      '  - {id: industry, name: I, parent: industry_construction}',
      '  - {id: mining, name: M, parent: industry}',
      'targets: {}',
    ),
    code: 'SCENARIO_UNKNOWN_PARENT',
    path: 'sectors[2].parent',
    at: 'mining',
  },
  {
    name: 'an unknown top-level field',
    text: file('targets: {}', 'scenario_name: oops'),
    code: 'SCENARIO_UNKNOWN_FIELD',
    path: 'scenario_name',
    at: 'scenario_name',
  },
  {
    name: 'an unknown field in a sector',
    text: yaml(...HEAD, 'sectors:', '  - id: agriculture', '    name: A', '    weight: 0.2', 'targets: {}'),
    code: 'SCENARIO_UNKNOWN_FIELD',
    path: 'sectors[0].weight',
    at: 'weight',
  },
  {
    name: 'a bad vintage',
    text: file(
      'targets: {}',
      'actuals:',
      '  - period: Q1',
      '    vintage: preliminary',
      '    published: 2023-04-05',
      '    values: {total: 6.2}',
    ),
    code: 'SCENARIO_BAD_VINTAGE',
    path: 'actuals[0].vintage',
    at: 'preliminary',
  },
  {
    name: 'an actual growth of −100 % (the one range: more than −100)',
    text: file('targets: {}', 'actuals:', '  - period: Q1', '    vintage: estimate', '    values: {total: -100}'),
    code: 'SCENARIO_BAD_ACTUAL',
    path: 'actuals[0].values.total',
    at: '-100',
  },
  {
    name: 'a date that does not exist',
    text: file(
      'targets: {}',
      'actuals:',
      '  - period: Q1',
      '    vintage: estimate',
      '    published: 2023-02-30',
      '    values: {total: 6.2}',
    ),
    code: 'SCENARIO_BAD_DATE',
    path: 'actuals[0].published',
    at: '2023-02-30',
  },
  {
    name: 'a date not written YYYY-MM-DD',
    text: file(
      'targets: {}',
      'actuals:',
      '  - {period: H1, vintage: official, published: 5/7/2023, values: {total: 7}}',
    ),
    code: 'SCENARIO_BAD_DATE',
    path: 'actuals[0].published',
    at: '5/7/2023',
  },
  {
    name: 'an actual for an unknown sector',
    text: file('targets: {}', 'actuals:', '  - period: Q1', '    vintage: estimate', '    values:', '      mining: 3'),
    code: 'SCENARIO_UNKNOWN_SECTOR',
    path: 'actuals[0].values.mining',
    at: 'mining',
  },
  {
    name: 'an actual for an unknown period',
    text: file('targets: {}', 'actuals:', '  - period: Q6', '    vintage: estimate', '    values: {total: 1}'),
    code: 'SCENARIO_UNKNOWN_PERIOD',
    path: 'actuals[0].period',
    at: 'Q6',
  },
  {
    name: 'missing targets',
    text: file(),
    code: 'SCENARIO_MISSING_FIELD',
    path: 'targets',
    at: 'id:',
  },
  {
    name: 'a list instead of a mapping',
    text: yaml('# a list', '- id: x', '- id: y'),
    code: 'SCENARIO_NOT_OBJECT',
    path: '',
    at: '- id: x',
  },
  {
    name: 'invalid YAML',
    text: file('targets: Q1: 6'),
    code: 'SCENARIO_SYNTAX',
    path: '',
    at: 'targets:',
  },
  {
    name: 'a duplicate key',
    text: file('targets:', '  Q1: {total: 6}', '  Q1: {total: 7}'),
    code: 'SCENARIO_SYNTAX',
    path: '',
    at: 'Q1: {total: 7}',
  },
  {
    name: 'a custom tag',
    text: file('targets: {}', 'notes: !!js/function "function () { return 1 }"'),
    code: 'SCENARIO_SYNTAX',
    path: '',
    at: 'notes:',
  },
];

describe('loadScenario: malformed files', () => {
  it.each(cases)('rejects $name ($code at $path)', ({ text, code, path, at }) => {
    const issues = issuesOf(() => loadScenario(text, { file: 'case.yaml' }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code, path, line: lineOf(text, at), file: 'case.yaml' });
    expect(issues[0]?.message.length).toBeGreaterThan(10);
  });

  it('has at least 15 cases with distinct codes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    expect(new Set(cases.map((c) => c.code)).size).toBeGreaterThanOrEqual(15);
  });

  it('reports every problem at once, in line order, with a summary message', () => {
    const text = yaml(
      'id: Bad Id',
      'title: {vi: X}',
      'region: X',
      'year: 2023',
      'source: test',
      'sectors:',
      '  - {id: agriculture, name: A}',
      '  - {id: agriculture, name: B}',
      'targets:',
      '  Q1: {total: "6,1 - 6,5%", mining: 3}',
      '  Q9: {total: 1}',
      '  Q2: {agriculture: {low: 1, hi: 2}}',
      'extra: 1',
    );
    let error: unknown;
    try {
      loadScenario(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GrdpError);
    const issues = (error as GrdpError).issues;
    expect(issues.map((i) => [i.code, i.path, i.line])).toEqual([
      ['SCENARIO_BAD_ID', 'id', 1],
      ['SCENARIO_MISSING_FIELD', 'title.en', 2],
      ['SCENARIO_DUPLICATE_ID', 'sectors[1].id', 8],
      ['SCENARIO_UNKNOWN_SECTOR', 'targets.Q1.mining', 10],
      ['SCENARIO_UNKNOWN_PERIOD', 'targets.Q9', 11],
      ['SCENARIO_UNKNOWN_FIELD', 'targets.Q2.agriculture.hi', 12],
      ['SCENARIO_MISSING_FIELD', 'targets.Q2.agriculture.high', 12],
      ['SCENARIO_UNKNOWN_FIELD', 'extra', 13],
    ]);
    expect((error as GrdpError).message).toMatch(/^8 problems: SCENARIO_BAD_ID at id; /);
  });

  it('does not cascade: a broken `sectors` reports no unknown sectors in targets', () => {
    const issues = issuesOf(() => loadScenario(yaml(...HEAD, 'sectors: {}', 'targets: {Q1: {services: 9}}')));
    expect(issues.map((i) => i.code)).toEqual(['SCENARIO_WRONG_TYPE']);
  });

  it('names the file and the line in every issue', () => {
    const issues = issuesOf(() =>
      loadScenario(file('targets:', '  Q1: {total: x}', '  Q2: {total: y}'), { file: 'two.yaml' }),
    );
    expect(issues).toEqual([
      expect.objectContaining({ code: 'SCENARIO_NOT_NUMERIC', path: 'targets.Q1.total', line: 12, file: 'two.yaml' }),
      expect.objectContaining({ code: 'SCENARIO_NOT_NUMERIC', path: 'targets.Q2.total', line: 13, file: 'two.yaml' }),
    ]);
  });
});

// ----------------------------------------------------------------------------------------------------------------
// printed figures and bands

describe('parsePrintedBand', () => {
  it.each<[string, Band]>([
    ['9,5', { low: 9.5, high: 9.5, printed: '9,5' }],
    ['9.5', { low: 9.5, high: 9.5, printed: '9.5' }],
    ['11%', { low: 11, high: 11, printed: '11%' }],
    ['7,0 - 7,5%', { low: 7, high: 7.5, printed: '7,0 - 7,5%' }],
    ['10,56 - 11%', { low: 10.56, high: 11, printed: '10,56 - 11%' }],
    ['7,0–7,5', { low: 7, high: 7.5, printed: '7,0–7,5' }],
    ['7,0 — 7,5 %', { low: 7, high: 7.5, printed: '7,0 — 7,5 %' }],
    ['7,0% - 7,5%', { low: 7, high: 7.5, printed: '7,0% - 7,5%' }],
    ['-2,5 - 1,0%', { low: -2.5, high: 1, printed: '-2,5 - 1,0%' }],
    ['-3,0 - -1,5', { low: -3, high: -1.5, printed: '-3,0 - -1,5' }],
    ['−1,2', { low: -1.2, high: -1.2, printed: '−1,2' }],
    ['3,54 - 3,49%', { low: 3.49, high: 3.54, printed: '3,54 - 3,49%', inverted: true }],
  ])('reads %j', (text, band) => {
    expect(parsePrintedBand(text)).toEqual(band);
  });

  it.each(['', 'abc', '7,0 -', '7,0 - 7,5 - 8', '1.234,5', '7,0 to 7,5', '%', '7,,5'])('refuses %j', (text) => {
    expect(parsePrintedBand(text)).toBeUndefined();
  });
});

describe('loadScenario: bands', () => {
  const load = (...lines: string[]) => loadScenario(file('targets:', ...lines));

  it('reads every way of writing a target', () => {
    const { scenario, warnings } = load(
      '  Q1:',
      '    total: 6.5',
      '    agriculture: [2.07, 2.15]',
      '    services: "9,5"',
      '  Q2:',
      '    total: {low: 8.14, high: 8.7, printed: "8,14 - 8,70%"}',
      '    agriculture: {value: 6.7}',
      '    services: {value: 8, printed: "8%"}',
    );
    expect(warnings).toEqual([]);
    expect(scenario.targets).toEqual({
      Q1: {
        total: { low: 6.5, high: 6.5 },
        agriculture: { low: 2.07, high: 2.15 },
        services: { low: 9.5, high: 9.5, printed: '9,5' },
      },
      Q2: {
        total: { low: 8.14, high: 8.7, printed: '8,14 - 8,70%' },
        agriculture: { low: 6.7, high: 6.7 },
        services: { low: 8, high: 8, printed: '8%' },
      },
    });
  });

  it('warns of a band printed with low > high and reads it as [min, max]', () => {
    const text = file('targets:', '  Q4:', '    total: "7,08 - 7,73%"', '    services: "3,54 - 3,49%"');
    const { scenario, warnings } = loadScenario(text, { file: 'w.yaml' });
    expect(scenario.targets.Q4?.services).toEqual({ low: 3.49, high: 3.54, printed: '3,54 - 3,49%', inverted: true });
    expect(scenario.targets.Q4?.total?.inverted).toBeUndefined();
    expect(warnings).toEqual([
      {
        code: 'inverted-band',
        path: 'targets.Q4.services',
        line: lineOf(text, '3,54'),
        file: 'w.yaml',
        message: expect.stringContaining('low > high'),
      },
    ]);
  });

  it('warns of inverted [low, high] lists and {low, high} mappings too', () => {
    const { scenario, warnings } = load('  FY:', '    total: [7.5, 7.0]', '    services: {low: 9, high: 8}');
    expect(scenario.targets.FY).toEqual({
      total: { low: 7, high: 7.5, inverted: true },
      services: { low: 8, high: 9, inverted: true },
    });
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['inverted-band', 'targets.FY.total'],
      ['inverted-band', 'targets.FY.services'],
    ]);
  });

  it('refuses `value` together with `low`/`high`', () => {
    const issues = issuesOf(() => load('  FY:', '    total: {value: 7, low: 6}'));
    expect(issues).toMatchObject([{ code: 'SCENARIO_BAD_BAND', path: 'targets.FY.total' }]);
  });
});

// ----------------------------------------------------------------------------------------------------------------
// valid shapes

describe('loadScenario: valid files', () => {
  it('accepts `sectors: []` (total only) and partial tables, with defaults', () => {
    const { scenario, warnings } = loadScenario(yaml(...HEAD, 'sectors: []', 'targets:', '  FY: {total: "6,5%"}'));
    expect(warnings).toEqual([]);
    expect(scenario).toEqual({
      id: 'test-2023',
      title: { vi: 'Thử nghiệm', en: 'Test' },
      region: 'An Giang',
      year: 2023,
      source: 'test',
      priceBasis: 'constant 2010 prices',
      sectors: [],
      targets: { FY: { total: { low: 6.5, high: 6.5, printed: '6,5%' } } },
      actuals: [],
    });
  });

  it('accepts an empty targets table and missing cells', () => {
    expect(loadScenario(file('targets: {}')).scenario.targets).toEqual({});
    const partial = loadScenario(file('targets:', '  Q3: {services: 8}', '  9M: {}')).scenario.targets;
    expect(partial).toEqual({ Q3: { services: { low: 8, high: 8 } }, '9M': {} });
  });

  it('accepts parts of a sector, combined ids, one-language names, base levels and actuals', () => {
    const text = yaml(
      ...HEAD,
      'priceBasis: constant 2010 prices, billion VND',
      'sectors:',
      '  - {id: agriculture, name: Nông nghiệp}',
      '  - {id: industry_construction, name: {vi: Công nghiệp và xây dựng, en: Industry and construction}}',
      '  - {id: industry, name: Công nghiệp, parent: industry_construction}',
      '  - {id: construction, name: Xây dựng, parent: industry_construction}',
      '  - {id: services_and_taxes, name: {vi: Dịch vụ và thuế, en: Services and taxes}}',
      'base:',
      '  unit: billion VND',
      '  origin: official',
      '  levels:',
      '    agriculture: [10, 20, 15, 12]',
      '    industry_construction: [8, 9, 10, 11]',
      '    industry: [5, 6, 7, 8]',
      '    services_and_taxes: [20, 21, 22, 23]',
      'targets:',
      '  Q1: {total: 6, industry: "10,5", construction: [3, 4]}',
      'actuals:',
      '  - period: Q1',
      '    vintage: estimate',
      '    published: 2023-03-29',
      '    source: Cục Thống kê An Giang',
      '    values: {total: 6.2, industry: 11.03}',
      '    note: first estimate',
      '  - {period: H1, vintage: official, values: {total: 7.1}}',
      'notes: |',
      '  two',
      '  lines',
    );
    const { scenario } = loadScenario(text);
    expect(scenario.priceBasis).toBe('constant 2010 prices, billion VND');
    expect(scenario.sectors[0]).toEqual({ id: 'agriculture', name: { vi: 'Nông nghiệp', en: 'Nông nghiệp' } });
    expect(scenario.sectors[2]).toEqual({
      id: 'industry',
      name: { vi: 'Công nghiệp', en: 'Công nghiệp' },
      parent: 'industry_construction',
    });
    expect(scenario.base?.levels.industry).toEqual([5, 6, 7, 8]);
    expect(scenario.actuals).toEqual([
      {
        period: 'Q1',
        vintage: 'estimate',
        published: '2023-03-29',
        source: 'Cục Thống kê An Giang',
        values: { total: 6.2, industry: 11.03 },
        note: 'first estimate',
      },
      { period: 'H1', vintage: 'official', values: { total: 7.1 } },
    ]);
    expect(scenario.notes).toBe('two\nlines\n');
  });
});

// ----------------------------------------------------------------------------------------------------------------
// JSON

describe('JSON', () => {
  const body = {
    id: 'json-2023',
    title: { vi: 'J', en: 'J' },
    region: 'R',
    year: 2023,
    source: 's',
    sectors: [{ id: 'services', name: 'Dịch vụ' }],
    targets: { Q1: { total: '6,15 - 6,54%', services: [9.5, 10.19] } },
  };

  it('parseScenarioObject checks a parsed body the same way, without lines', () => {
    const { scenario } = parseScenarioObject(body);
    expect(scenario.targets.Q1?.services).toEqual({ low: 9.5, high: 10.19 });
    const issues = issuesOf(() => parseScenarioObject({ ...body, targets: { Q1: { mining: 1 } }, colour: 'red' }));
    expect(issues).toEqual([
      { code: 'SCENARIO_UNKNOWN_FIELD', path: 'colour', message: expect.any(String) },
      { code: 'SCENARIO_UNKNOWN_SECTOR', path: 'targets.Q1.mining', message: expect.any(String) },
    ]);
  });

  it('loads JSON text, with lines', () => {
    const text = JSON.stringify({ ...body, targets: { Q1: { total: 'x' } } }, null, 2);
    const issues = issuesOf(() => loadScenario(text, { file: 'body.json' }));
    expect(issues).toEqual([
      {
        code: 'SCENARIO_NOT_NUMERIC',
        path: 'targets.Q1.total',
        line: lineOf(text, '"total": "x"'),
        file: 'body.json',
        message: expect.any(String),
      },
    ]);
    expect(loadScenario(JSON.stringify(body), { format: 'json' }).scenario.id).toBe('json-2023');
  });

  it('rejects invalid JSON as a syntax error', () => {
    const issues = issuesOf(() => loadScenario('{\n  "id": \n}', { format: 'json' }));
    expect(issues).toMatchObject([{ code: 'SCENARIO_SYNTAX', path: '' }]);
  });
});

// ----------------------------------------------------------------------------------------------------------------
// hostile documents

describe('resource limits', () => {
  it('rejects an alias bomb', () => {
    const bomb = yaml(
      ...HEAD,
      'sectors: []',
      'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
      'targets: {}',
    );
    expect(issuesOf(() => loadScenario(bomb))).toMatchObject([{ code: 'SCENARIO_TOO_DEEP', path: '' }]);
  });

  it('accepts a few ordinary aliases', () => {
    const text = yaml(...HEAD, 'sectors: []', 'targets:', '  Q1: &q {total: 6}', '  Q2: *q');
    expect(loadScenario(text).scenario.targets.Q2).toEqual({ total: { low: 6, high: 6 } });
  });

  it('rejects a self-referencing alias', () => {
    const text = yaml(...HEAD, 'sectors: []', 'targets: {}', 'notes: &n [*n]');
    expect(issuesOf(() => loadScenario(text))).toMatchObject([{ code: 'SCENARIO_TOO_DEEP' }]);
  });

  it.each([
    ['flow', (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`],
    ['block', (n: number) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k:`).join('\n')],
  ])('rejects %s nesting deeper than SCENARIO_MAX_DEPTH, and accepts it just below', (_, nest) => {
    const deep = yaml(
      ...HEAD,
      'sectors: []',
      'targets: {}',
      `notes:\n  ${nest(SCENARIO_MAX_DEPTH + 1).replaceAll('\n', '\n  ')}`,
    );
    const issues = issuesOf(() => loadScenario(deep));
    expect(issues).toMatchObject([{ code: 'SCENARIO_TOO_DEEP', path: '' }]);
    expect(issues[0]?.line).toBeGreaterThan(HEAD.length);
    // just within the limit the document parses: the only error is that notes is not text
    const ok = yaml(
      ...HEAD,
      'sectors: []',
      'targets: {}',
      `notes:\n  ${nest(SCENARIO_MAX_DEPTH - 2).replaceAll('\n', '\n  ')}`,
    );
    expect(issuesOf(() => loadScenario(ok))).toMatchObject([{ code: 'SCENARIO_WRONG_TYPE', path: 'notes' }]);
  });

  it('rejects 100 000 levels of nesting without overflowing the stack', () => {
    const text = `notes: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    expect(issuesOf(() => loadScenario(text))).toMatchObject([{ code: 'SCENARIO_TOO_DEEP' }]);
    expect(issuesOf(() => loadScenario(`{"a": ${text.slice(7)}}`, { format: 'json' }))).toMatchObject([
      { code: 'SCENARIO_TOO_DEEP' },
    ]);
  });

  it('rejects deep and cyclic objects in parseScenarioObject', () => {
    const cyclic: Record<string, unknown> = { id: 'x' };
    cyclic.notes = cyclic;
    expect(issuesOf(() => parseScenarioObject(cyclic))).toMatchObject([{ code: 'SCENARIO_TOO_DEEP' }]);
  });
});

// ----------------------------------------------------------------------------------------------------------------
// writing

describe('scenarioToYaml', () => {
  const full: Scenario = {
    id: 'round-trip',
    title: { vi: 'Kịch bản: "thử"', en: 'Round trip # test' },
    region: 'An Giang',
    year: 2024,
    source: 'line one: with colon',
    priceBasis: 'constant 2010 prices',
    sectors: [
      { id: 'industry_construction', name: { vi: 'Công nghiệp và xây dựng', en: 'Industry and construction' } },
      { id: 'industry', name: { vi: 'Công nghiệp', en: 'Industry' }, parent: 'industry_construction' },
      { id: 'services', name: { vi: 'Dịch vụ', en: 'Services' } },
    ],
    base: {
      unit: 'billion VND',
      origin: 'implied',
      levels: { industry_construction: [1, 2.5, 3, 4], services: [0, 1e-7, 123456789.125, 7] },
    },
    targets: {
      Q1: {
        total: { low: 6.15, high: 6.54, printed: '6,15 - 6,54%' },
        industry: { low: 10, high: 10 },
        services: { low: 9.5, high: 9.5, printed: '9.5' },
      },
      Q4: {
        // inverted, printed
        services: { low: 3.49, high: 3.54, printed: '3,54 - 3,49%', inverted: true },
        // inverted, nothing printed
        industry: { low: 1, high: 2, inverted: true },
        // a corrected band that keeps the printed text
        industry_construction: { low: 3.49, high: 3.54, printed: '3,54 - 3,49%' },
        // printed text that is not a figure
        total: { low: 7, high: 7.5, printed: 'khoảng 7 - 7,5%' },
      },
      FY: { total: { low: -1.5, high: 0 } },
    },
    actuals: [
      { period: 'Q1', vintage: 'estimate', published: '2024-03-29', values: { total: 6.2 } },
      { period: 'H1', vintage: 'revised', source: 'Cục Thống kê', values: { services: 8.1 }, note: 'n' },
    ],
    notes: 'first line\nsecond: line\n',
  };

  it('writes a file that loads back to the same scenario', () => {
    const text = scenarioToYaml(full);
    const { scenario, warnings } = loadScenario(text);
    expect(scenario).toEqual(full);
    expect(warnings.map((w) => w.path)).toEqual(['targets.Q4.services', 'targets.Q4.industry']);
  });

  it('writes bands as printed text, [low, high] or one number', () => {
    const written = parseYaml(scenarioToYaml(full)) as { targets: Record<string, Record<string, unknown>> };
    expect(written.targets.Q1).toEqual({ total: '6,15 - 6,54%', industry: 10, services: '9.5' });
    expect(written.targets.Q4).toEqual({
      services: '3,54 - 3,49%',
      industry: [2, 1],
      industry_construction: { low: 3.49, high: 3.54, printed: '3,54 - 3,49%' },
      total: { low: 7, high: 7.5, printed: 'khoảng 7 - 7,5%' },
    });
    expect(scenarioToYaml(full)).toContain('services: "9.5"');
  });

  it('round-trips many generated bands', () => {
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const row: Record<string, Band> = {};
    const sectors = Array.from({ length: 60 }, (_, i) => {
      const a = Math.round(rand() * 4000 - 1000) / 100;
      const b = Math.round(rand() * 4000 - 1000) / 100;
      const kind = i % 4;
      const vi = (x: number) => String(x).replace('.', ',');
      const text = kind === 0 ? `${vi(a)} - ${vi(b)}%` : kind === 1 ? `${vi(a)}%` : undefined;
      const band: Band =
        text !== undefined
          ? parsePrintedBand(text)!
          : a > b && kind === 2
            ? { low: b, high: a, inverted: true }
            : { low: Math.min(a, b), high: Math.max(a, b) };
      row[`s${i}`] = band;
      return { id: `s${i}`, name: { vi: `S${i}`, en: `S${i}` } };
    });
    const scenario: Scenario = { ...full, base: undefined, sectors, targets: { Q2: row }, actuals: [] };
    delete scenario.base;
    expect(loadScenario(scenarioToYaml(scenario)).scenario).toEqual(scenario);
  });

  it('round-trips the An Giang file', async () => {
    const { scenario } = loadScenario(await anGiangText());
    expect(loadScenario(scenarioToYaml(scenario)).scenario).toEqual(scenario);
  });
});

// ----------------------------------------------------------------------------------------------------------------
// the JSON Schema

describe('scenarioJsonSchema', () => {
  it('is plain JSON describing every top-level field', () => {
    expect(JSON.parse(JSON.stringify(scenarioJsonSchema))).toEqual(scenarioJsonSchema);
    expect(Object.getOwnPropertySymbols(scenarioJsonSchema)).toEqual([]);
    expect(Object.keys(scenarioJsonSchema.properties as object)).toEqual([
      'id',
      'title',
      'region',
      'year',
      'source',
      'priceBasis',
      'sectors',
      'base',
      'targets',
      'actuals',
      'notes',
      'departments',
      'indicators',
      'version',
    ]);
    expect(scenarioJsonSchema.required).toEqual(['id', 'title', 'region', 'year', 'source', 'sectors', 'targets']);
    expect(scenarioJsonSchema.additionalProperties).toBe(false);
  });

  it('agrees with the loader on valid and invalid files', async () => {
    const anGiang = parseYaml(await anGiangText());
    expect(Value.Check(ScenarioFileSchema, anGiang)).toBe(true);
    const written = scenarioToFile(loadScenario(await anGiangText()).scenario);
    expect(Value.Check(ScenarioFileSchema, written)).toBe(true);
    expect(Value.Check(ScenarioFileSchema, { ...anGiang, extra: 1 })).toBe(false);
    expect(Value.Check(ScenarioFileSchema, { ...anGiang, id: 'An Giang' })).toBe(false);
    expect(Value.Check(ScenarioFileSchema, { ...anGiang, targets: { Q5: {} } })).toBe(false);
    expect(Value.Check(ScenarioFileSchema, { ...anGiang, targets: { Q1: { total: 'nine' } } })).toBe(false);
    expect(Value.Check(ScenarioFileSchema, { ...anGiang, targets: { Q1: { total: '9,5' } } })).toBe(true);
  });
});

// ----------------------------------------------------------------------------------------------------------------
// the An Giang 2023 file

describe('scenarios/an-giang-2023.yaml', () => {
  it('loads the whole table, with the one inverted band', async () => {
    const text = await anGiangText();
    const { scenario, warnings } = loadScenario(text, { file: 'an-giang-2023.yaml' });
    expect(scenario.id).toBe('an-giang-2023');
    expect(scenario.year).toBe(2023);
    expect(scenario.base?.origin).toBe('implied');
    expect(
      Object.values(scenario.base!.levels)
        .flat()
        .reduce((a, b) => a + b, 0),
    ).toBeCloseTo(100, 9);
    expect(scenario.actuals.map((a) => [a.period, a.vintage, a.values.total])).toEqual([
      ['Q1', 'estimate', 6.3],
      ['H1', 'estimate', 6.5],
      ['FY', 'estimate', 7.36],
    ]);
    expect(scenario.sectors.map((s) => s.id)).toEqual([
      'agriculture',
      'industry_construction',
      'services',
      'product_taxes',
    ]);
    expect(Object.keys(scenario.targets)).toEqual(['Q1', 'Q2', 'H1', 'Q3', '9M', 'Q4', 'FY']);
    for (const row of Object.values(scenario.targets)) {
      expect(Object.keys(row).sort()).toEqual([
        'agriculture',
        'industry_construction',
        'product_taxes',
        'services',
        'total',
      ]);
    }
    expect(scenario.targets.Q1?.services).toEqual({ low: 9.5, high: 10.19, printed: '9,5 - 10,19%' });
    expect(scenario.targets.H1?.industry_construction).toMatchObject({ low: 10.56, high: 11 });
    expect(scenario.targets.FY?.total).toEqual({ low: 7, high: 7.5, printed: '7,0 - 7,5%' });
    expect(scenario.targets.Q4?.product_taxes).toEqual({
      low: 3.49,
      high: 3.54,
      printed: '3,54 - 3,49%',
      inverted: true,
    });
    expect(warnings).toEqual([
      {
        code: 'inverted-band',
        path: 'targets.Q4.product_taxes',
        line: lineOf(text, 'product_taxes: "3,54 - 3,49%"'),
        file: 'an-giang-2023.yaml',
        message: expect.any(String),
      },
    ]);
  });
});
