import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './main.ts';
import { captureIo } from './test-io.ts';

const repo = new URL('../../../../', import.meta.url).pathname;
const anGiang = join(repo, 'scenarios/an-giang-2023.yaml');

describe('grdp calibrate', () => {
  it('prints stable JSON with all 38 An Giang figures reproduced', async () => {
    const io = captureIo();
    expect(await runCli(['calibrate', anGiang, '--json'], io)).toBe(0);
    const r = JSON.parse(io.stdout());
    expect(r.checked).toBe(38);
    expect(r.maxAbsResidual).toBeLessThan(0.005);
    expect(Object.keys(r.base).sort()).toEqual(['agriculture', 'industry_construction', 'product_taxes', 'services']);
    expect(r.residuals).toHaveLength(38);
    for (const x of r.residuals)
      expect(Object.keys(x).sort()).toEqual(['bound', 'computed', 'key', 'period', 'published', 'residual']);
    expect(
      r.warnings.some(
        (w: { code: string; path: string }) => w.code === 'inverted-band' && w.path === 'targets.Q4.product_taxes',
      ),
    ).toBe(true);
  });

  it('says in vi that every figure is reproduced, with vi-VN decimals', async () => {
    const io = captureIo();
    expect(await runCli(['calibrate', anGiang, '--lang', 'vi'], io)).toBe(0);
    expect(io.stdout()).toMatch(/Tái tạo đủ 38 số liệu/);
    expect(io.stdout()).toMatch(/6,15/);
  });

  it('cannot reproduce the table read as printed', async () => {
    const io = captureIo();
    expect(await runCli(['calibrate', anGiang, '--as-printed', '--json'], io)).toBe(0);
    expect(JSON.parse(io.stdout()).maxAbsResidual).toBeGreaterThanOrEqual(0.005);
  });
});

describe('grdp audit', () => {
  it('reports the inverted band as a likely transposition', async () => {
    const io = captureIo();
    expect(await runCli(['audit', anGiang, '--json'], io)).toBe(0);
    const { findings } = JSON.parse(io.stdout());
    const inverted = findings.find((f: { code: string }) => f.code === 'inverted-band');
    expect(inverted.path).toBe('targets.Q4.product_taxes');
    expect(inverted.message).toMatch(/transposition/i);
  });
});

describe('grdp evaluate', () => {
  it('reproduces the printed FY band from the quarterly sector bands', async () => {
    const io = captureIo();
    expect(await runCli(['evaluate', anGiang, '--json'], io)).toBe(0);
    const r = JSON.parse(io.stdout());
    expect(r.low.periods.FY.total.growth).toBeCloseTo(7.0, 2);
    expect(r.high.periods.FY.total.growth).toBeCloseTo(7.5, 2);
    expect(r.base.origin).not.toBe('official');
  });
});

describe('input errors', () => {
  it('exits 1 with every error, its code, path and line on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grdp-cli-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'id: bad-file',
        'title: {vi: X, en: X}',
        'region: X',
        'year: 2023',
        'source: test',
        'sectors:',
        '  - {id: agriculture, name: {vi: A, en: A}}',
        'targets:',
        '  Q1: {total: [6, 7], mining: [1, 2]}',
        '  Q5: {total: 7}',
      ].join('\n'),
    );
    const io = captureIo();
    expect(await runCli(['calibrate', file], io)).toBe(1);
    expect(io.stderr()).toMatch(/SCENARIO_UNKNOWN_SECTOR targets\.Q1\.mining .*line 9/);
    expect(io.stderr()).toMatch(/SCENARIO_UNKNOWN_PERIOD targets\.Q5 .*line 10/);
  });

  it('exits 1 on a missing file and 2 on a usage error', async () => {
    const io = captureIo();
    expect(await runCli(['audit', '/nonexistent.yaml'], io)).toBe(1);
    expect(io.stderr()).toMatch(/cannot read/);
    expect(await runCli(['frobnicate'], captureIo())).toBe(2);
    expect(await runCli(['audit', anGiang, '--lang', 'fr'], captureIo())).toBe(2);
  });
});
