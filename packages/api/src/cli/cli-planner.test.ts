/** The planner's commands as the README documents them: draft, adjust, merge, appendix. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendixGrid, appendixTable, loadScenario, residualsFor } from '@grdp/engine';
import { describe, expect, it } from 'vitest';
import { readBack } from '../../test-support/files.ts';
import { runCli } from './main.ts';
import { captureIo } from './test-io.ts';

const repo = new URL('../../../../', import.meta.url).pathname;
const targets = join(repo, 'scenarios/an-giang-2023-targets.yaml');
const previous = join(repo, 'scenarios/examples/an-giang-2022-generated.yaml');
const anGiang = join(repo, 'scenarios/an-giang-2023.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'grdp-planner-'));

describe('grdp draft', () => {
  for (const args of [
    ['--profile', 'flat'],
    ['--profile', 'last-year', '--last-year', previous],
    ['--profile', 'shape', '--shape', 'agriculture:-1,2,0,-1'],
  ]) {
    it(`${args.join(' ')}: writes a complete table that grdp calibrate reproduces`, async () => {
      const out = join(tmp(), 'draft.yaml');
      const io = captureIo();
      expect(await runCli(['draft', targets, ...args, '--out', out], io)).toBe(0);
      expect(io.stdout()).toMatch(/every figure reproduces to 2 decimals/);
      const drafted = loadScenario(readFileSync(out, 'utf8')).scenario;
      expect(drafted.targets.FY!.total).toMatchObject({ low: 7, high: 7.5 });
      expect(drafted.targets.Q3!.services).toBeDefined();
      expect(residualsFor(drafted, drafted.base!.levels).maxAbsResidual!).toBeLessThan(0.005);
      const cal = captureIo();
      expect(await runCli(['calibrate', out, '--json'], cal)).toBe(0);
      const r = JSON.parse(cal.stdout());
      expect(r.checked).toBe(38);
      expect(r.maxAbsResidual).toBeLessThan(0.005);
    });
  }

  it('refuses to write a table that cannot reproduce, and says how to reconcile', async () => {
    const dir = tmp();
    const file = join(dir, 'gap.yaml');
    writeFileSync(file, readFileSync(targets, 'utf8').replace('total: "7,0 - 7,5%"', 'total: "8,0 - 8,5%"'));
    const io = captureIo();
    expect(await runCli(['draft', file, '--profile', 'flat', '--out', join(dir, 'x.yaml')], io)).toBe(1);
    expect(io.stderr()).toMatch(/target-gap/);
    expect(io.stderr()).toMatch(/--reconcile shift/);
    const ok = captureIo();
    expect(
      await runCli(
        ['draft', file, '--profile', 'flat', '--reconcile', 'absorb:services', '--out', join(dir, 'y.yaml'), '--json'],
        ok,
      ),
    ).toBe(0);
    expect(JSON.parse(ok.stdout()).reproducible).toBe(true);
  });

  it('usage errors: last-year without a file, unknown profile', async () => {
    const io = captureIo();
    expect(await runCli(['draft', targets, '--profile', 'last-year', '--out', join(tmp(), 'z.yaml')], io)).not.toBe(0);
    expect(io.stderr()).toMatch(/--last-year PREV\.yaml/);
    const io2 = captureIo();
    expect(await runCli(['draft', targets, '--profile', 'steep', '--out', join(tmp(), 'z.yaml')], io2)).not.toBe(0);
    expect(io2.stderr()).toMatch(/flat, last-year or shape/);
  });
});

describe('grdp adjust', () => {
  it('--as-of Q2: a new version with Q1, Q2 and H1 as points, FY kept', async () => {
    const out = join(tmp(), 'adjusted.yaml');
    const io = captureIo();
    expect(await runCli(['adjust', anGiang, '--as-of', 'Q2', '--date', '2023-07-15', '--out', out, '--json'], io)).toBe(
      0,
    );
    const r = JSON.parse(io.stdout());
    expect(r.version).toEqual({ label: 'adjusted-Q2', date: '2023-07-15', adjusts: 'initial' });
    expect(r.flags).toEqual([]);
    const adjusted = loadScenario(readFileSync(out, 'utf8')).scenario;
    expect(adjusted.targets.H1!.agriculture).toMatchObject({ low: 3.29, high: 3.29 });
    expect(adjusted.targets.FY!.total).toMatchObject({ low: 7, high: 7.5 });
    expect(adjusted.version!.adjusts).toBe('initial');
  });

  it('--as-of Q4 is a usage error', async () => {
    const io = captureIo();
    expect(await runCli(['adjust', anGiang, '--as-of', 'Q4', '--out', join(tmp(), 'a.yaml')], io)).not.toBe(0);
    expect(io.stderr()).toMatch(/Q1, Q2 or Q3/);
  });
});

describe('grdp merge', () => {
  const province = (id: string, region: string, unit: string, levels: number[]) => `id: ${id}
title: {vi: ${region}, en: ${region}}
region: ${region}
year: 2024
source: test
sectors:
  - {id: agriculture, name: Agriculture}
  - {id: services, name: Services}
targets: {}
base:
  unit: ${unit}
  origin: official
  levels:
    agriculture: [${levels.join(', ')}]
    services: [${levels.map((v) => v * 2).join(', ')}]
`;
  it('adds the levels; an index predecessor needs --size', async () => {
    const dir = tmp();
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    writeFileSync(a, province('an-giang-2024', 'An Giang', 'billion VND, constant 2010 prices', [10, 20, 30, 40]));
    writeFileSync(b, province('kien-giang-2024', 'Kiên Giang', 'index, 2024 = 100', [5, 5, 5, 5]));
    const io = captureIo();
    expect(await runCli(['merge', a, b, '--id', 'an-giang-merged-2024', '--out', join(dir, 'm.yaml')], io)).toBe(1);
    expect(io.stderr()).toMatch(/--size kien-giang-2024=AMOUNT/);
    const out = join(dir, 'merged.yaml');
    const ok = captureIo();
    expect(
      await runCli(['merge', a, b, '--id', 'an-giang-merged-2024', '--size', 'kien-giang-2024=600', '--out', out], ok),
    ).toBe(0);
    const merged = loadScenario(readFileSync(out, 'utf8')).scenario;
    // Kiên Giang's index (60 in all) scaled to 600: ×10
    expect(merged.base!.levels.agriculture).toEqual([60, 70, 80, 90]);
    expect(merged.base!.levels.services).toEqual([120, 140, 160, 180]);
    expect(merged.base!.from!.map((f) => f.id)).toEqual(['an-giang-2024', 'kien-giang-2024']);
    expect(merged.region).toBe('An Giang + Kiên Giang');
  });
});

describe('grdp appendix', () => {
  it("writes the plan's appendix: the XLSX cells are the engine's appendix grid, the terminal shows the same", async () => {
    const out = join(tmp(), 'appendix.xlsx');
    const io = captureIo();
    expect(await runCli(['appendix', anGiang, '--lang', 'vi', '--out', out], io)).toBe(0);
    const table = appendixTable(loadScenario(readFileSync(anGiang, 'utf8')).scenario, 'vi');
    const book = await readBack(readFileSync(out));
    const rows = book['Phụ lục']!.map((r) => r.map((c) => (c.value === null ? '' : String(c.value))));
    expect(rows.slice(0, 3).map((r) => r[0])).toEqual([table.title, table.subtitle, table.unit]);
    expect(rows.slice(3)).toEqual(appendixGrid(table));
    expect(io.stdout()).toContain('Cả năm');
    expect(io.stdout()).toMatch(/Tổng GRDP\s+6,15 – 6,54%.*7,0 – 7,5%/);
  });

  it('a drafted file, in English; refuses an existing file without --force and an --out that is not .xlsx', async () => {
    const dir = tmp();
    const drafted = join(dir, 'draft.yaml');
    expect(await runCli(['draft', targets, '--profile', 'flat', '--out', drafted], captureIo())).toBe(0);
    const out = join(dir, 'draft-appendix.xlsx');
    const io = captureIo();
    expect(await runCli(['appendix', drafted, '--out', out, '--json'], io)).toBe(0);
    const answer = JSON.parse(io.stdout()) as { out: string; columns: { label: string }[]; rows: unknown[] };
    expect(answer.columns.map((c) => c.label)).toEqual(
      appendixTable(loadScenario(readFileSync(drafted, 'utf8')).scenario, 'en').columns.map((c) => c.label),
    );
    expect(answer.rows).toHaveLength(5);
    const again = captureIo();
    expect(await runCli(['appendix', drafted, '--out', out], again)).toBe(1);
    expect(again.stderr()).toMatch(/exists; add --force/);
    const wrong = captureIo();
    expect(await runCli(['appendix', drafted, '--out', join(dir, 'x.csv')], wrong)).toBe(1);
    expect(wrong.stderr()).toMatch(/\.xlsx/);
  });
});

describe('the worked example: the merged An Giang (old An Giang + Kiên Giang), as README.md runs it', () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const line = readme.split('\n').find((l) => l.startsWith('npm run grdp -- merge scenarios/merged/'));
  const committed = join(repo, 'scenarios/merged/an-giang-merged-2024.yaml');

  it('re-running the README command reproduces the committed file byte for byte', async () => {
    expect(line).toBeDefined();
    const args = (line!.replace(/\s+#.*$/, '').match(/"[^"]*"|\S+/g) ?? []).map((a) => a.replace(/^"|"$/g, ''));
    expect(args.slice(0, 4)).toEqual(['npm', 'run', 'grdp', '--']);
    const cli = args.slice(4).map((a) => (a.startsWith('scenarios/') ? join(repo, a) : a));
    const at = cli.indexOf('--out');
    expect(cli[at + 1]).toBe('an-giang-merged-2024.yaml');
    const out = join(tmp(), 'an-giang-merged-2024.yaml');
    cli[at + 1] = out;
    const io = captureIo();
    expect(await runCli(cli, io), io.stderr()).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(committed, 'utf8'));
  });

  it("its levels are Kiên Giang's plus old An Giang's index scaled to its stated size", () => {
    const load = (f: string) => loadScenario(readFileSync(join(repo, 'scenarios/merged', f), 'utf8')).scenario;
    const merged = load('an-giang-merged-2024.yaml');
    const kienGiang = load('kien-giang-2024.yaml');
    const oldAnGiang = load('an-giang-old-2024.yaml');
    const size = merged.base!.from!.find((f) => f.id === 'an-giang-old-2024')!.size!;
    expect(size).toBe(68_914.22);
    let indexSum = 0;
    for (const row of Object.values(oldAnGiang.base!.levels)) for (const v of row) indexSum += v;
    expect(indexSum).toBeCloseTo(100, 9);
    let total = 0;
    for (const id of ['agriculture', 'industry_construction', 'services', 'product_taxes'])
      for (let q = 0; q < 4; q++) {
        const m = merged.base!.levels[id]![q]!;
        expect(m).toBeCloseTo(
          kienGiang.base!.levels[id]![q]! + (oldAnGiang.base!.levels[id]![q]! * size) / indexSum,
          8,
        );
        total += m;
      }
    // 78,259.75 (Kiên Giang, published) + 68,914.22 (old An Giang, estimated)
    expect(total).toBeCloseTo(147_173.97, 8);
    expect(merged).toMatchObject({ id: 'an-giang-merged-2024', region: 'An Giang', year: 2025 });
    expect(merged.base!.unit).toBe('billion VND');
  });
});
