import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario, scenarioToYaml } from './load.ts';
import { childPath } from './paths.ts';
import { fastYaml, fastYamlLines } from './yaml-fast.ts';
import { lineLookup, readYaml } from './yaml-source.ts';

// Vite's ?raw import, as in load.test.ts: the engine's sources stay free of node: modules.
const FILES = [
  'an-giang-2023.yaml',
  'an-giang-2023-targets.yaml',
  'an-giang-2026-2030.plan.yaml',
  'examples/an-giang-2022-generated.yaml',
  'history/an-giang-2023.yaml',
  'history/binh-dinh-2023.yaml',
  'history/ho-chi-minh-2024.yaml',
  'history/national-2019.yaml',
  'history/national-2022.yaml',
  'history/national-2023.yaml',
  'history/national-2024.yaml',
  'history/national-2025.yaml',
  'history/nghe-an-2025.yaml',
  'history/quang-ninh-2025.yaml',
];
const texts: Record<string, string> = {};
for (const f of FILES) {
  const url = `../../../../scenarios/${f}?raw`;
  texts[f] = ((await import(/* @vite-ignore */ url)) as { default: string }).default;
}
// The writer's form (the national file and the API's downloads are written by scenarioToYaml).
texts['written an-giang-2023'] = scenarioToYaml(loadScenario(texts['an-giang-2023.yaml']!).scenario);

/** What the loader got from the full reader: the value, or undefined when it reports any error or warning. */
function fullValue(text: string): unknown {
  const { doc } = readYaml(text);
  if (!doc || doc.errors.length > 0 || doc.warnings.length > 0) return undefined;
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

/**
 * A plain form of a value that shows what equality checks can miss: key order, −0, own-property flags and the
 * prototype (an inherited name such as `__proto__` or `constructor` must become an own property).
 */
function canon(v: unknown): unknown {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0 (number)' : v;
  if (Array.isArray(v)) return ['array', v.map(canon)];
  if (v && typeof v === 'object')
    return [
      Object.getPrototypeOf(v) === Object.prototype ? 'object' : 'other prototype',
      Object.entries(Object.getOwnPropertyDescriptors(v)).map(([k, d]) => [
        k,
        d.writable,
        d.enumerable,
        d.configurable,
        canon(d.value),
      ]),
    ];
  return [typeof v, v];
}

function expectSame(fast: unknown, full: unknown): void {
  expect(canon(fast)).toEqual(canon(full));
}

/** Every path of a value, and one missing child of each collection (an issue's path may not be in the text). */
function paths(v: unknown, path = '', out: string[] = []): string[] {
  out.push(path);
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) paths(x, childPath(path, i), out);
    out.push(childPath(path, v.length));
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) paths(x, childPath(path, k), out);
    out.push(childPath(path, 'missing key'));
  }
  return out;
}

/** The fast reader's lines, where it is sure of them, are lineLookup's for every path. Returns whether it was sure. */
function expectSameLines(text: string, value: unknown): boolean {
  const fast = fastYamlLines(text);
  if (!fast) return false;
  const { doc, lineCounter } = readYaml(text);
  const full = lineLookup(doc!, lineCounter);
  const all = paths(value);
  expect(all.map((p) => [p, fast(p)])).toEqual(all.map((p) => [p, full(p)]));
  return true;
}

/** Small texts in the subset, with its corner cases. */
const INSIDE = [
  "a: 1\nb: -0\nc: 0.10\nd: ~\ne:\nf: null\ng: True\nh: \"x\\\"y\\u00e9\"\ni: 'it''s'\n",
  'a:\n- 1\n- x\nb: [ 1, "2", \'3\', [], {} ]\nc: {x: 1, y: [2, 3], z: {w: v}}\n',
  'a: >-\n  one\n  two\n\n  three\nb: |\n  x\n\n  y\n\nc: >\n  z\n',
  'list:\n  -   id: x\n      n: 1\n  -\n    id: y\n  - # c\n    id: z\n  -\n# end\n',
  'toString: 1\n__proto__: 2\nconstructor: {a: 1}\n',
  'k: a#b # c\nm: [a, b] # c\nn: x , y [z] {w}\n2023: year\n9M: q\n',
];

describe('fastYaml', () => {
  it.each(Object.keys(texts))('reads %s as the yaml package does', (name) => {
    const text = texts[name]!;
    const fast = fastYaml(text);
    expect(fast, 'every scenario file of the repository is in the fast subset').toBeDefined();
    expectSame(fast, fullValue(text));
    expect(expectSameLines(text, fast), 'sure of every line').toBe(true);
  });

  it('gives up on what it does not read (the full reader answers)', () => {
    const outside = [
      'a: &x 1\nb: *x\n', // anchors and aliases
      'a: !!str 1\n', // tags
      '%YAML 1.2\n---\na: 1\n', // directives
      'a: 1\na: 2\n', // duplicate key
      'a:\n\tb: 1\n', // tab
      'a: 1\r\nb: 2\r\n', // CR
      'a: b\n  c\n', // multi-line plain scalar
      'a: [1,\n  2]\n', // multi-line flow
      'a: "x\n  y"\n', // multi-line quoted
      'a: >2\n   x\n', // indentation indicator
      'a: |+\n  x\n\n', // keep chomping
      'a: 007\n', // core int that is not a plain decimal
      'a: 1e3\n', // exponent
      'a: 12345678901234567\n', // more digits than a double holds
      'true: 1\n', // boolean key
      '- a\n', // a sequence at the top
      'a: b: c\n', // nested compact mapping
      '? a\n: b\n', // explicit key
      'a: [1, 2, ]\n', // trailing comma
      'a: {b: 1, b: 2}\n', // duplicate flow key
      'a: "\\x41"\n', // an escape the fast reader does not decode
    ];
    for (const text of outside) expect(fastYaml(text), text).toBeUndefined();
  });

  it('reads the subset it knows exactly as the yaml package does', () => {
    for (const text of INSIDE) {
      const fast = fastYaml(text);
      expect(fast, text).toBeDefined();
      expectSame(fast, fullValue(text));
      expectSameLines(text, fast);
    }
  });

  // Mutations of real files: wherever the fast reader answers, the full reader answers the same, with no error
  // and no warning. Where it gives up, the loader uses the full reader, so malformed files get its errors.
  const PIECES = [
    ':',
    ': ',
    ' #',
    '#',
    '-',
    '- ',
    '[',
    ']',
    '{',
    '}',
    ',',
    '"',
    "'",
    '|',
    '>-',
    '&a ',
    '*a',
    '!',
    ' ',
    '  ',
    '\n',
    '\t',
    '0',
    '.5',
    '-0',
    '~',
    'true',
    '\\',
    '?',
    '%',
  ];
  const mutate = (base: string, edits: { at: number; cut: number; insert: string; line: boolean }[]) => {
    let text = base;
    for (const e of edits) {
      let at = e.at % (text.length + 1);
      // Half the edits act at a line start (indentation, dashes, keys).
      if (e.line) at = text.lastIndexOf('\n', at) + 1;
      text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
    }
    return text;
  };
  const bases = [...Object.values(texts), ...INSIDE];
  const mutation = fc.record({
    base: fc.constantFrom(...bases),
    edits: fc.array(
      fc.record({
        at: fc.nat(),
        cut: fc.nat({ max: 6 }),
        insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })),
        line: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  });

  it('loadScenario answers as with the full reader alone, scenario or every issue with its line (property)', () => {
    const answer = (text: string, reader: 'auto' | 'full') => {
      try {
        return JSON.stringify(loadScenario(text, { file: 'm.yaml', reader }));
      } catch (e) {
        return JSON.stringify({ thrown: (e as Error).name, issues: (e as { issues?: unknown }).issues });
      }
    };
    fc.assert(
      fc.property(mutation, ({ base, edits }) => {
        const text = mutate(base, edits);
        expect(answer(text, 'auto')).toBe(answer(text, 'full'));
      }),
      { numRuns: 400 },
    );
  });

  it('answers the yaml package’s value or gives up, on mutated files (property)', () => {
    let answered = 0;
    let lined = 0;
    fc.assert(
      fc.property(mutation, ({ base, edits }) => {
        const text = mutate(base, edits);
        const fast = fastYaml(text);
        if (fast === undefined) return;
        answered++;
        expectSame(fast, fullValue(text));
        if (expectSameLines(text, fast)) lined++;
      }),
      { numRuns: Number(process.env.YAML_FAST_RUNS ?? 3000) },
    );
    console.info(`fast reader answered ${answered} mutated files, sure of the lines of ${lined}`);
    expect(answered).toBeGreaterThan(100);
    expect(lined).toBeGreaterThan(100);
  });
});
