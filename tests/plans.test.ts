/**
 * Replays every plan file in scenarios/ (*.plan.yaml): it loads, its id matches its file name, and it evaluates.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluatePlan, loadPlan, requiredAverageGrowth } from '@grdp/engine';
import { describe, expect, it } from 'vitest';

const dir = new URL('../scenarios/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => /\.plan\.ya?ml$/.test(f));

describe.each(files)('scenarios/%s', (file) => {
  const plan = loadPlan(readFileSync(join(dir, file), 'utf8'));

  it('loads, and its id matches its file name', () => {
    expect(file.startsWith(`${plan.id}.plan.`)).toBe(true);
  });

  it('evaluates and reports what its current-price check lacks', () => {
    const e = evaluatePlan(plan);
    expect(e.years).toHaveLength(plan.endYear - plan.baseYear);
    const c = e.currentPriceTarget;
    if (c) expect(c.implied === null).toBe(c.missing.length > 0);
    expect(requiredAverageGrowth(plan).remainingYears).toBeGreaterThan(0);
  });
});

describe('scenarios/an-giang-2026-2030.plan.yaml', () => {
  it('compounds 11 % a year to 168.50581551 (2025 = 100) and targets 616,565.83 billion VND', () => {
    const plan = loadPlan(readFileSync(join(dir, 'an-giang-2026-2030.plan.yaml'), 'utf8'));
    const e = evaluatePlan(plan);
    expect(e.finalIndex).toBe(168.50581551);
    expect(e.currentPriceTarget!.target).toBe(616_565.83);
    expect(e.currentPriceTarget!.missing.join(' ')).toMatch(/baseLevel.*deflator/);
  });
});
