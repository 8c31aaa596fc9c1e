import { type ErrorCode, GrdpError, type Issue, issue, type WarningCode } from '../errors.ts';
import { Checker, checkScenario, tooDeep } from './checks.ts';
import { SCENARIO_MAX_ALIAS_COUNT, SCENARIO_MAX_DEPTH } from './limits.ts';

import type { Scenario } from './types.ts';
import { fastYaml, fastYamlLines } from './yaml-fast.ts';
import { deepNode, type LineOf, lineLookup, readYaml } from './yaml-source.ts';

export * from './limits.ts';
export { parsePrintedBand } from './printed.ts';
export { scenarioToFile, scenarioToYaml } from './write.ts';

export interface LoadScenarioOptions {
  /** Reported in every issue. A name ending in `.json` selects JSON unless `format` is given. */
  file?: string;
  format?: 'yaml' | 'json';
  /**
   * `auto` (default): the fast reader for the plain subset scenario files are written in, the `yaml` package for
   * anything else; `full`: the `yaml` package only (the oracle of the tests). Both give the same answer.
   */
  reader?: 'auto' | 'full';
}

export interface LoadScenarioResult {
  scenario: Scenario;
  warnings: Issue<WarningCode>[];
}

function finish(raw: unknown, lineOf: LineOf | undefined, file: string | undefined): LoadScenarioResult {
  const c = new Checker();
  if (tooDeep(raw)) c.error('SCENARIO_TOO_DEEP', '', `more than ${SCENARIO_MAX_DEPTH} levels`);
  const scenario = c.errors.length > 0 ? undefined : checkScenario(raw, c);
  const place = <C extends string>(i: Issue<C>): Issue<C> => {
    const line = lineOf?.(i.path);
    return { ...i, ...(line === undefined ? {} : { line }), ...(file === undefined ? {} : { file }) };
  };
  const byLine = (a: Issue, b: Issue) => (a.line ?? Number.POSITIVE_INFINITY) - (b.line ?? Number.POSITIVE_INFINITY);
  if (!scenario || c.errors.length > 0) throw new GrdpError(c.errors.map(place).sort(byLine));
  return { scenario, warnings: c.warnings.map(place).sort(byLine) };
}

/**
 * Lines of JSON paths, found the first time an issue asks for one: by the fast reader's tracking pass when it
 * read the text (`fast`) and is sure of every line, else by the full YAML reader.
 */
function lazyLines(text: string, fast = false): LineOf {
  let lines: LineOf | undefined;
  return (path) => {
    if (!lines) lines = fast ? fastYamlLines(text) : undefined;
    if (!lines) {
      const { doc, lineCounter } = readYaml(text);
      lines = doc && doc.errors.length === 0 ? lineLookup(doc, lineCounter) : () => undefined;
    }
    return lines(path);
  };
}

/**
 * Validates an already-parsed scenario (a JSON request body): the same checks as `loadScenario`, without lines.
 * Throws `GrdpError` with every problem.
 */
export function parseScenarioObject(obj: unknown): LoadScenarioResult {
  return finish(obj, undefined, undefined);
}

/**
 * Parses and validates a scenario file. YAML is read safely (core schema, no custom tags, at most
 * SCENARIO_MAX_ALIAS_COUNT alias expansions, at most SCENARIO_MAX_DEPTH levels). Throws `GrdpError` with every problem.
 */
export function loadScenario(text: string, options: LoadScenarioOptions = {}): LoadScenarioResult {
  const { file } = options;
  const format = options.format ?? (file?.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
  const withFile = (i: Issue<ErrorCode>): Issue<ErrorCode> => (file === undefined ? i : { ...i, file });
  const fail = (code: ErrorCode, detail: string, line?: number): never => {
    throw new GrdpError([withFile({ ...issue(code, '', detail), ...(line === undefined ? {} : { line }) })]);
  };

  if (format === 'json') {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      const yamlError = readYaml(text).doc?.errors[0];
      return fail('SCENARIO_SYNTAX', (e as Error).message, yamlError?.linePos?.[0].line);
    }
    return finish(raw, tooDeep(raw) ? undefined : lazyLines(text), file);
  }

  // The common case: a file in the plain subset scenario files are written in, read by the fast reader, which
  // gives the yaml package's value or gives up. Lines are only needed for issues: the full reader finds them then.
  const fast = options.reader === 'full' ? undefined : fastYaml(text);
  if (fast !== undefined) return finish(fast, lazyLines(text, true), file);

  const { doc, lineCounter, thrown } = readYaml(text);
  if (!doc) return fail(thrown instanceof RangeError ? 'SCENARIO_TOO_DEEP' : 'SCENARIO_SYNTAX', String(thrown));
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    throw new GrdpError(
      problems.map((e) => {
        const code: ErrorCode = e.code === 'RESOURCE_EXHAUSTION' ? 'SCENARIO_TOO_DEEP' : 'SCENARIO_SYNTAX';
        const line = e.linePos?.[0].line;
        return withFile({ ...issue(code, '', e.message.split('\n')[0]), ...(line === undefined ? {} : { line }) });
      }),
    );
  }
  const deep = deepNode(doc.contents, 0);
  if (deep) {
    return fail('SCENARIO_TOO_DEEP', `more than ${SCENARIO_MAX_DEPTH} levels`, lineCounter.linePos(deep[0]).line);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: SCENARIO_MAX_ALIAS_COUNT });
  } catch (e) {
    const exhausted = e instanceof RangeError || /alias count/i.test(String((e as Error).message));
    return fail(exhausted ? 'SCENARIO_TOO_DEEP' : 'SCENARIO_SYNTAX', (e as Error).message);
  }
  return finish(raw, lineLookup(doc, lineCounter), file);
}
