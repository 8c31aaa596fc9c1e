/**
 * The English words that must not appear in anything a vi user reads: the vi screens (tests/e2e/journeys.test.ts),
 * the vi CLI output (src/cli/cli-vi.test.ts) and the vi error messages (plugins/errors.test.ts). One list for all.
 */
export const ENGLISH_WORDS = [
  'the',
  'and',
  'with',
  'not',
  'found',
  'error',
  'save',
  'saved',
  'delete',
  'loading',
  'required',
  'unknown',
  'invalid',
  'billion',
  'seed',
  'normal',
  'estimate',
  'official',
  'revision',
  'total',
  'period',
  'quarter',
  'token',
  'upload',
  'import',
  'editor',
  'admin',
  'problems',
];

/** The words of ENGLISH_WORDS found in a text (whole words, any case). */
export function englishWordsIn(text: string): string[] {
  const words = new Set(text.toLowerCase().match(/[a-z]+/g) ?? []);
  return ENGLISH_WORDS.filter((w) => words.has(w));
}
