/**
 * Fits the learned uncertainty model on scenarios/history/*.yaml and runs the cross-validated backtest, then
 * writes the figures the engine uses by default to packages/engine/src/uncertainty/fitted.ts.
 * `npx tsx scripts/fit-error-model.ts` (add --check to fail instead of writing when the file is out of date).
 * tests/history/history.test.ts checks the file matches the history.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fittedModuleText } from '../tests/history/files.ts';

const target = fileURLToPath(new URL('../packages/engine/src/uncertainty/fitted.ts', import.meta.url));
const text = fittedModuleText();
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    console.error('fitted.ts is out of date: run npx tsx scripts/fit-error-model.ts');
    process.exit(1);
  }
  console.log('fitted.ts matches scenarios/history');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
