/**
 * Replays every scenario file in scenarios/: it loads, its published table is checked by calibration (against
 * the file's own base levels when it has them), and the audit runs. Uses the engine by its public name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { audit, calibrate, loadScenario, residualsFor } from '@grdp/engine';
import { describe, expect, it } from 'vitest';

const dir = new URL('../scenarios/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && !f.includes('.plan.'));

describe.each(files)('scenarios/%s', (file) => {
  const text = readFileSync(join(dir, file), 'utf8');

  it('loads, and its id matches its file name', () => {
    const { scenario } = loadScenario(text, { file });
    expect(file.startsWith(scenario.id)).toBe(true);
  });

  it('reproduces its published table to the printed precision', async () => {
    const { scenario } = loadScenario(text, { file });
    const r = scenario.base ? await residualsFor(scenario, scenario.base.levels) : await calibrate(scenario);
    if (r.maxAbsResidual === null) expect(r.checked).toBe(0);
    else expect(r.maxAbsResidual).toBeLessThan(0.005);
  });

  it('audits without errors of its own', async () => {
    const { scenario } = loadScenario(text, { file });
    const findings = await audit(scenario);
    expect(findings.filter((f) => f.code === 'not-reproducible')).toEqual([]);
  });
});
