import { parse } from 'yaml';
import { fail } from '../errors.ts';
import { parsePlanObject } from './parse.ts';
import type { Plan } from './types.ts';

/**
 * Reads a plan file's text (YAML or JSON) and checks it with `parsePlanObject`. Syntax errors are reported as
 * INPUT_INVALID at the root with the parser's message.
 */
export function loadPlan(text: string): Plan {
  let obj: unknown;
  try {
    obj = parse(text, { maxAliasCount: 100, uniqueKeys: true });
  } catch (e) {
    fail('INPUT_INVALID', '', `the plan is not valid YAML or JSON: ${(e as Error).message}`);
  }
  return parsePlanObject(obj);
}
