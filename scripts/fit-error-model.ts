/**
 * Fits the learned uncertainty model on scenarios/history/*.yaml and runs the cross-validated backtest, then
 * writes what depends on them: packages/engine/src/uncertainty/fitted.ts (the figures the engine uses by
 * default) and the generated block of docs/model.md. `npx tsx scripts/fit-error-model.ts`; with --check it
 * fails instead of writing when either is out of date. tests/history/history.test.ts checks both.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fittedModuleText, modelDocText, readHistoryDir } from '../tests/history/files.ts';

const records = readHistoryDir();
const outputs = [
  {
    path: fileURLToPath(new URL('../packages/engine/src/uncertainty/fitted.ts', import.meta.url)),
    text: () => fittedModuleText(records),
  },
  {
    path: fileURLToPath(new URL('../docs/model.md', import.meta.url)),
    text: (current: string) => modelDocText(current, records),
  },
];
let stale = 0;
for (const o of outputs) {
  const current = readFileSync(o.path, 'utf8');
  const next = o.text(current);
  if (current === next) continue;
  if (process.argv.includes('--check')) {
    console.error(`${o.path} is out of date: run npx tsx scripts/fit-error-model.ts`);
    stale++;
  } else {
    writeFileSync(o.path, next);
    console.log(`wrote ${o.path}`);
  }
}
process.exit(stale > 0 ? 1 : 0);
