/**
 * The history dataset (scenarios/history/) and what is derived from it: every file passes the schema, the
 * generated model file matches a fit of the files, and the backtest ranks the learned model above the band-only
 * one, as docs/model.md states.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  backtest,
  FITTED_ERROR_MODEL,
  fitErrorModel,
  GrdpError,
  loadHistory,
  loadScenario,
  resolveBase,
  simulate,
  simulateInputOf,
} from '@grdp/engine';
import { describe, expect, it } from 'vitest';
import { fittedModuleText, HISTORY_DIR, modelDocText, readHistoryDir } from './files.ts';

const files = readdirSync(HISTORY_DIR).filter((f) => f.endsWith('.yaml'));

describe.each(files)('scenarios/history/%s', (file) => {
  const record = loadHistory(readFileSync(join(HISTORY_DIR, file), 'utf8'), file);
  it('passes the schema and its id is its file name', () => {
    expect(`${record.id}.yaml`).toBe(file);
  });
  it('gives every number a source with a date', () => {
    for (const o of record.outcomes) expect(o.source.url ?? o.source.document).toBeTruthy();
    for (const s of record.scenarios) expect(s.source.url ?? s.source.document).toBeTruthy();
  });
});

describe('the history as a whole', () => {
  const records = readHistoryDir();

  it('holds at least 10 scenario-years, 2019–2025', () => {
    expect(records.length).toBeGreaterThanOrEqual(10);
    expect(Math.min(...records.map((r) => r.year))).toBe(2019);
    expect(Math.max(...records.map((r) => r.year))).toBe(2025);
  });

  it('packages/engine/src/uncertainty/fitted.ts is the fit of these files (run scripts/fit-error-model.ts)', () => {
    const text = readFileSync(new URL('../../packages/engine/src/uncertainty/fitted.ts', import.meta.url), 'utf8');
    expect(text).toBe(fittedModuleText(records));
    expect(FITTED_ERROR_MODEL).toEqual(fitErrorModel(records));
  });

  it('docs/model.md states the fitted figures and backtest results of these files (run scripts/fit-error-model.ts)', () => {
    const doc = readFileSync(new URL('../../docs/model.md', import.meta.url), 'utf8');
    expect(doc).toBe(modelDocText(doc, records));
    expect(doc).toContain(`| 1 | ${FITTED_ERROR_MODEL.horizons[0]!.n} |`);
  });

  it('the learned model’s cross-validated Brier and log scores beat the band-only model’s', () => {
    const report = backtest(records);
    expect(report.crossValidation).toBe('leave-one-year-out');
    expect(report.models.learned.predictions).toBe(report.models.band.predictions);
    expect(report.models.learned.predictions).toBeGreaterThanOrEqual(15);
    expect(report.models.learned.brier).toBeLessThan(report.models.band.brier);
    expect(report.models.learned.logScore).toBeLessThan(report.models.band.logScore);
  });

  it('as of Q1 2023 An Giang’s probability of reaching 7,0% is no longer a certainty', async () => {
    const text = readFileSync(new URL('../../scenarios/an-giang-2023.yaml', import.meta.url), 'utf8');
    const { scenario } = loadScenario(text, { file: 'an-giang-2023.yaml' });
    const actuals = readFileSync(
      new URL('../../scenarios/examples/actuals-an-giang-2023.csv', import.meta.url),
      'utf8',
    );
    expect(actuals).toContain('Q1;total;6,30');
    const { base } = await resolveBase(scenario);
    const q1 = {
      ...scenario,
      actuals: [
        {
          period: 'Q1' as const,
          vintage: 'estimate' as const,
          values: { total: 6.3, agriculture: 3.09, industry_construction: 8.8, services: 9.5, product_taxes: 5.73 },
        },
      ],
    };
    const band = simulateInputOf(q1, base, 'Q1', 'band');
    const learned = simulateInputOf(q1, base, 'Q1');
    expect(learned.model).toBe('learned');
    const pBand = simulate(band.input, { draws: 20_000, ...band.options }).closedForm!.probabilities.total!.low;
    const pLearned = simulate(learned.input, { draws: 20_000, ...learned.options }).closedForm!.probabilities.total!
      .low;
    expect(pBand).toBeGreaterThan(0.99);
    expect(pLearned).toBeLessThan(0.95);
    expect(pLearned).toBeGreaterThan(0.05);
  });

  it('a file with a bad band and no source is refused, naming the file and every path', () => {
    const bad = readFileSync(join(HISTORY_DIR, 'national-2024.yaml'), 'utf8')
      .replace('Q2: [5.85, 6.32]', 'Q2: [6.32, 5.85]')
      .replace('value: 7.55', 'value: "7,55"');
    try {
      loadHistory(bad, 'bad.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GrdpError);
      const issues = (e as GrdpError).issues;
      expect(issues.every((i) => i.file === 'bad.yaml')).toBe(true);
      expect(issues.map((i) => i.path)).toEqual([expect.stringMatching(/^outcomes\.\d+\.value$/)]);
    }
    try {
      loadHistory(bad.replace('value: "7,55"', 'value: 7.55'), 'bad.yaml');
      expect.unreachable();
    } catch (e) {
      expect((e as GrdpError).issues.map((i) => i.path)).toEqual(['scenarios.2.quarters.Q2']);
    }
  });
});
