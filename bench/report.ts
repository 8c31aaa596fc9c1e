/** Writes BENCHMARKS.md and bench/results.json from a suite result. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './figures/common.ts';
import { uncertaintyBacktestSection } from './model-section.ts';
import type { SuiteResult } from './suite.ts';
import type { Figure } from './types.ts';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  python: string;
  date: string;
  loadAverage: number[];
}

export function machine(): Machine {
  let python = 'not found';
  try {
    python = execFileSync('python3', [
      '-c',
      'import sys, numpy; print(sys.version.split()[0], "numpy", numpy.__version__)',
    ])
      .toString()
      .trim();
  } catch {
    // no python3/numpy: the numpy figures say so
  }
  const c = cpus();
  return {
    cpu: c[0]?.model ?? 'unknown',
    cores: c.length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    python,
    date: new Date().toISOString(),
    loadAverage: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

/**
 * Why a missed goal is missed and what would move it, from profiling (`node --cpu-prof`): shown under the table
 * for each missed figure.
 */
export const ANALYSIS: Record<string, string> = {
  'simulate.draws-per-second':
    "All the time is in the engine's `simulateChunk` (packages/engine/src/simulate/program.ts) with the ziggurat `Xoshiro128.fillNormals` inlined: the 16 normals per draw, the Cholesky rows, and 35 series binned into 8,192-bin histograms with their moments. Branch-free binning was tried earlier and measured no faster. This figure is the every-series kernel; callers ask for less: the fan chart and the what-if studio for the total alone (`simulate.fan-draws-per-second`), an API or CLI caller with `series: []` for the probabilities alone (the fused kernel of `simulate.vs-numpy-tuned`), and the API splits a simulation of several streams over its workers (`simulate.probabilities-2-workers`).",
  'simulate.vs-numpy-tuned':
    'Both sides run one thread, interleaved in rounds, each timed in its own process. The JS kernel is `simulateProbabilities` (packages/engine/src/simulate/probabilities.ts): the normals (ziggurat) and 5 fused dot products per draw over the nonzero weights (56 of 80 for An Giang), swept four weights at a time over a batch of 256 draws; numpy does the same as one `z @ F` per 16k-draw chunk on one BLAS thread. Profile (one process, quiet machine, 1,000,000 draws): the 16 million normals alone take 145–205 ms, the whole kernel 190–310 ms, so the normals are about 60 % of it (≈ 10 ns each: xoshiro128** and the ziggurat table test, the state already held in int32 locals). Done: the four-weight sweep, 1.38× faster than one weight per sweep (interleaved A/B); a per-draw loop with the five sums in registers measured slower (strided reads of the normals). Worker threads: the API runs the streams of a large simulation on its pool, `simulate.probabilities-2-workers` gives that rate; the goal compares one thread with one thread, since numpy could use a second process as well. Considered and not done: fewer normals per draw (the 5 FY forms are jointly normal, so 5 normals with their own 5 × 5 Cholesky factor would do): numpy could take the same shortcut, and the two would no longer compare like with like.',
  'simulate.full.vs-numpy-same-outputs':
    'The same comparison when both sides produce every output `simulateChunk` returns (35 series: sums, sums of squares, histograms with under/over counts, the target counts). Met at 1.86 in the previous run (2026-12-01 06:39, another machine of the same kind); 1.41–1.97 in this session’s runs on a machine whose plain CPU figures are lower (`engine.evaluate.decimal`, code untouched, 978 against 1,508 evaluations/s), so the two sides did not slow alike. The program now also chooses which passes to run and tally (`series`); interleaved A/B of the every-series path against the previous code in one process gave 0–10 % slower on this noisy machine (8 runs of 20 alternating rounds), mostly within run-to-run noise; the passes that only compute take their own kinds so the tallying kinds are tested first as before.',
  'calibrate.an-giang':
    'Each calibration solves 5 LPs (4 Dinkelbach steps and the second stage, 17 columns × 77 rows) and computes the 38 residuals exactly. ' +
    'Before (profile `node --cpu-prof`): HiGHS `solve` (WebAssembly) ≈ 70 % of the time, the residuals (`evaluateUnchecked` on decimal.js, every level, contribution and share of both sides) ≈ 18 %. ' +
    "Most of `solve` was not the simplex: the legacy `solve` parses each LP's text (and names every column and row of its result), 1.9 ms per LP against 0.6 ms for the same LP handed over as arrays (interleaved, one LP). " +
    'Now (`minimax.ts`) each LP goes to one HiGHS model kept per solver, as arrays (`passModel`), built as the LP reader builds it from the text (same column order, same doubles), so HiGHS takes the same pivots and the levels are the same bits (a test compares with the text path; 206 random, part, total-only and national tables deep-equal to the old code); ' +
    'the residuals compute only the growths they read (`growthsUnchecked`, the same decimal operations as `evaluateUnchecked`). ' +
    'Interleaved A/B in one process (50 rounds × 5 calibrations after 20 warm-up calls each, old = the previous engine): median 17.4 → 7.9 ms per calibration (× 0.43; × 0.38–0.49 in other runs on the loaded machine). ' +
    'Profile after (300 calibrations after 30 warm-up): the simplex itself (`run`, 34–69 iterations per LP) ≈ 60 %, building and passing the arrays ≈ 13 %, the residuals ≈ 18 %. ' +
    'Tried and not kept: starting each Dinkelbach step from the last basis (`setBasis`): no gain beyond the noise, and another optimal vertex, so the levels change in the last digits (33 of 36 tables compared). ' +
    "Not done, because each changes the levels' last digits that tests/golden pins: fewer Dinkelbach steps or another start (another t*, hence another second-stage LP), other HiGHS options (presolve, simplex strategy, scaling take other pivots; presolve was also slower), smaller LPs. " +
    'Keeping one LP and changing only its objective and right-hand sides does not fit this formulation: t_k is in every coefficient of the figure rows. ' +
    'Moving the residuals to the scaled-integer `evaluate` would not help: the levels the LPs return are mostly doubles of 16–17 significant digits, which do not fit scaled integers and take the decimal path anyway. The suite’s figure (tinybench mean, GC pauses included) was 8.9, 10.8, 13.3 and 7.2 ms in the four runs of 2026-12-01 after this change (the last on a fresh clone), on a machine whose untouched decimal.js figure moved between 880 and 2,035 evaluations/s from run to run (1,508 the run before): met in two runs of four.',
  'scale.load-evaluate-track':
    "Per province: `loadScenario` (the fast YAML reader `fastYaml`, packages/engine/src/scenario/yaml-fast.ts, and the schema checks), two exact `evaluate`s on scaled integers, and `track` (`actualTable` and `requiredGrowth` on scaled integers; decimal.js only where an input does not fit or a check finds a disagreement). Before this change the `yaml` package's parser took most of the time: the fast reader parses the 34 files about 18× faster (interleaved CPU time, median of 8 rounds: 252 → 14 ms); it answers the `yaml` package's exact value or gives up, so malformed files still get the full reader's errors and lines. Interleaved A/B against the previous engine in one process (12 rounds, CPU time): 462 → 112 ms per pass median, 384 → 56 ms minimum, on a machine with a load average of 10–20 on 2 cores. Profile of the pass now (`node --cpu-prof`): YAML reading ≈ 34 %, schema checks ≈ 10 %, `actualTable` ≈ 22 %, `requiredGrowth` ≈ 16 %, `evaluate` ≈ 6 %, garbage collection ≈ 15 %. Nothing is cached between the low and the high evaluation or between passes. Met at 49.2 ms in the previous run (2026-12-01 06:39, another machine of the same kind); 51–92 ms in this session's four runs (51.3 ms in the last, on a fresh clone), on a machine whose untouched `engine.evaluate.decimal` figure moved between 880 and 2,035 evaluations/s from run to run (1,508 the run before); none of this session's changes touches this path except the text rule (`textProblem`, now about 4× faster).",
  'scale.api-track-p50':
    "Per request the event loop parses the JSON body `{scenario: YAML text}`, checks it (the JSON schema; `findBadText`, the text rule on every string), hands the YAML text to a compute worker and serialises the ~9.5 KB answer (fast-json-stringify); the worker (piscina, COMPUTE_THREADS=2, niced +10) loads the scenario and tracks it, the engine work of `scale.load-evaluate-track` without its two evaluations. The bench's server runs on the default compute pool, as production does; until this change it computed on the event loop (`makeApp` sets COMPUTE_THREADS=0 for unit tests), so all 34 loads and tracks ran on one thread after one another. Production did use the pool, but parsed every YAML on the event loop and cloned the parsed Scenario to the worker. CPU time per wave of 34 requests, per thread (/proc/self/task), interleaved A/B runs of the three servers on a machine loaded by other work (load average 4–10 on 2 cores, so every figure here is inflated): event loop 79–141 ms computing inline, 65–89 ms with the pool before this change, 32–50 ms now; the two workers 70–110 ms between them and V8's helper threads (GC, compiler) 20–30 ms, against 8–16 ms inline; the load generator (Node fetch, on the same 2 cores) 40–50 ms. Measured alone (piscina, no HTTP), 34 tasks cost the workers 52–58 ms against 48–51 ms inline, of which piscina's round trips ≈ 2 ms and cloning the answers back ≈ 6 ms; why the workers take more inside the server (contention with the event loop and the load generator for the 2 cores, three V8 heaps to collect) is not settled. Wall clock (ms per wave, p50 over 40–60 waves each, servers interleaved in rounds): with the bench at real-time priority (`chrt -r`, the nearest this shared machine comes to quiet), three runs gave inline 147, 112, 109; the pool before this change 136, —, 102; now 131, 94, 99 (p10 inline 126, 84, 76; now 96, 64, 67); one worker instead of two, 122. At normal priority the loaded machine's noise is larger than the difference in most runs (the last: inline 216, before 206, now 175). Whether a quiet machine shows more (the event loop, which was the one busy thread, now has about a third of the work) needs `npm run bench` there. Profile of the event loop now (inspector, 40 waves, inclusive shares of its busy samples): garbage collection ≈ 25 % (fast-json-stringify's string building allocates the most, then the bodies), the HTTP parser ≈ 11 %, socket writes ≈ 10 %, helmet ≈ 8 %, piscina ≈ 8 %, the JSON body parse ≈ 5 %, the answer's serialisation ≈ 4 %. `textProblem` (the text rule) now rules out a text without NUL or surrogates by a plain character class first: ~4× faster on a 10 KB file. Not tried yet: serialising the answer on the worker and sending the text (JSON.stringify gives the same bytes as the route's serialiser for all 34 answers; it would spare the event loop the clone and the serialisation, ~7 ms per wave, but the test-only response check reads the object).",
  'api.whatif.server-cpu-us':
    "Per request the server checks what the stored scenario is made of with one statement compiled once (the scenario's ETag, and the current actual revision of each period: eight primary-key seeks) and, while that is unchanged, takes the effective scenario (the parsed JSON with the entered actuals over it, deep-frozen) from memory (`effectiveScenario` in packages/api/src/repositories/scenarios.ts). That is an input, not a result: `whatIf` (two exact evaluations on scaled integers and the exact differences) and `sensitivity` run, and about 18 KB of JSON is serialised, on every request. A write by any process changes the key, so the next request reads and parses afresh (packages/api/src/repositories/effective-cache.test.ts: two app instances on one SQLite file and on one PostgreSQL schema). Resolving the stored scenario, interleaved with the previous code in one process (16 rounds × 1,000 calls, CPU time, SQLite file): 507 → 22 µs (593 → 20 µs with an entered actual); before, the scenario row (Kysely built and compiled the query on every call), `JSON.parse` of its 18.7 KB and the current-actuals statement cost about 120 µs each. The security headers: @fastify/helmet called `helmet(options)` on every request (building the middleware and parsing the CSP directives each time); packages/api/src/plugins/security.ts builds Helmet's middleware once, with the same headers in the same order (tested), which /healthz gains too. Through `inject()`, interleaved A/B against the previous code in one process (20 rounds × 300 requests, CPU time, load average 7 on 2 cores): 2,026 → 1,145 µs per what-if request (median ratio 0.56), /healthz 202 → 168 µs. Profile now (`node --cpu-prof`, 3,000 requests through `inject()`, light-my-request's share left out): the engine's `whatIf` + `sensitivity` ≈ 34 %, response serialisation (fast-json-stringify) ≈ 18 %, Fastify's request and reply handling ≈ 15 %, garbage collection ≈ 14 %, the state statement (Kysely and better-sqlite3) ≈ 9 %, Helmet's headers ≈ 2.5 %. Over HTTP (the same server profiled under autocannon, 10 connections, 8 s): Fastify and Node's HTTP ≈ 38 % (the socket write of the 18 KB answer alone, `writev`, ≈ 15 %), the engine ≈ 28 %, serialisation ≈ 16 %, the state statement ≈ 7 %, garbage collection ≈ 7 %. The API figures alone, run twice for each side in turn on a load average of 3.5–4.3: 1,337 and 1,493 µs per what-if request, against 2,553 and 1,751 µs before. /healthz (a `select 1` with the same hooks and a tiny answer) is the floor of any request on this stack, above the goal of 150 µs. Tried: `JSON.stringify` of the answer measures no faster than fast-json-stringify (number formatting dominates, about 100 µs either way), nor does giving fast-json-stringify `type: ['number', 'null']` for the nullable numbers instead of its Ajv-checked `anyOf`. Not tried yet: making the engine's `whatIf` and `sensitivity` cheaper (the largest share), and a prepared statement for the key outside Kysely. The bench's server has production's compute pool (COMPUTE_THREADS=2, workers started before the load). A what-if of a stored scenario whose base levels are in the file runs on the event loop (`runsOnEventLoop` in packages/api/src/compute/pool.ts), as every evaluation of such a scenario does in production: posted to a worker, the scenario and the answer crossing there and back by structured clone, it cost the process about twice the CPU (through `inject()`, interleaved, 8 rounds × 200: 4.4 against 2.1 ms on the loaded machine).",
  'api.whatif.ratio':
    'The what-if route does the work of `api.whatif.server-cpu-us` per request; `/healthz` does a `select 1` with the same hooks (both gained from building the security headers once). Both are loaded the same way, one after the other, with the load generator in another process on the same 2 cores. With the scenario read from memory, the ratio is bounded by the engine work and the serialisation of the 18 KB answer, which /healthz does not have: through `inject()` a what-if request now costs about 6.8 /healthz requests of CPU (10 before).',
  'web.dashboard-js-gzip':
    "The figure is the JS the browser fetches for the dashboard: the entry chunk (most of it Chart.js with the line and bar parts the charts register; then the app shell, both languages' labels and the API client), the engine chunks the dashboard computes with (`actualTable`, `track`, `evaluate` with decimal.js as its fallback, `requiredGrowth`), the charts' band and contributions builders and the dashboard view. The other views (what-if and draft studios, appendix, entry, tokens) are chunks the router loads with `import()` only when visited; the fan and the simulator are left out since the dashboard calls `bandOrContributionsChart` (packages/charts/src/scenario-core.ts). Measured this way on main at 6738bc0 (before that change) the dashboard loaded 121.7 KB; the all-files total, which this figure counted until then, was 173.8 KB.",
  'engine.evaluate.exact-vs-float64':
    "The exact path spends its extra time reading each input's decimals (`decimalsOf`) and scaling it; the float64 yardstick reads the numbers as they are.",
};

/** A table cell: pipes escaped. */
const cell = (text: string) => text.replace(/\|/g, '\\|');

function fmt(v: number | null): string {
  if (v === null) return '—';
  const a = Math.abs(v);
  const digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : a >= 1 ? 2 : 3;
  return v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function markdown(result: SuiteResult, m: Machine): string {
  const rows = result.figures.map(
    (f) =>
      `| \`${f.name}\` | ${fmt(f.value)} | ${cell(f.unit)} | ${cell(f.goal)} | ${f.baseline === undefined ? '' : fmt(f.baseline)} | ${f.ratio === undefined ? '' : `${fmt(f.ratio)}×`} | ${f.value === null ? '**not measured**' : f.goal === 'reference' ? 'reference' : f.met ? 'yes' : '**no**'} |`,
  );
  const missed = result.figures.filter((f) => !f.met);
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts); the same figures as JSON in `bench/results.json`. Do not edit by hand.',
    '',
    `- Date: ${m.date}`,
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB memory`,
    `- Node ${m.node}; Python ${m.python}`,
    `- Load average at the end of the run: ${m.loadAverage.join(', ')} (on ${m.cores} cores)`,
    `- Suite wall time: ${result.seconds.toFixed(0)} s${result.smoke ? ' (SMOKE RUN: tiny sizes, not figures)' : ''}`,
    '',
    '> The machine was shared: other jobs (builds, tests of other workers) ran on the same 2 cores during the run,',
    '> so throughput figures are lower, and the worker speed-up further from 2×, than on an idle machine',
    '> (with both cores busy, two workers cannot run at once and the speed-up can fall below 1).',
    '',
    '## Figures',
    '',
    '| figure | value | unit | goal | baseline | ratio | met |',
    '|---|---:|---|---|---:|---:|---|',
    ...rows,
    '',
    '"reference" figures have no goal in the benchmark issue; they are reported to compare runs.',
    '',
  ];
  if (missed.length > 0) {
    lines.push('## Goals missed or not measured', '');
    for (const f of missed) {
      lines.push(`### \`${f.name}\``, '');
      if (f.note) lines.push(`${f.note}.`, '');
      const a = ANALYSIS[f.name];
      if (a) lines.push(a, '');
    }
  }
  lines.push('## How each figure is measured', '');
  for (const f of result.figures) if (f.note && f.met) lines.push(`- \`${f.name}\`: ${f.note}.`);
  lines.push('');
  for (const n of result.notes) lines.push(n, '');
  lines.push(...uncertaintyBacktestSection());
  lines.push(
    '## Reproduce',
    '',
    '```sh',
    'npm run bench                                   # the suite (a few minutes on 2 cores): BENCHMARKS.md, bench/results.json',
    'npx vitest run tests/bench-smoke.test.ts        # every figure once at tiny size (part of npm test)',
    'node --cpu-prof --import tsx bench/run.ts       # the suite with a CPU profile (.cpuprofile in the working directory)',
    '```',
    '',
    'Timing uses tinybench (engine, calibrate, simulate, scale, chart) and autocannon (HTTP). The numpy baseline is',
    '`bench/baselines/simulate_numpy.py` (python3 with numpy), run by the suite with the same plan.',
    '',
  );
  return lines.join('\n');
}

export interface WriteOptions {
  markdownPath?: string;
  jsonPath?: string;
}

/** Writes both files; returns their paths. */
export function writeReport(result: SuiteResult, options: WriteOptions = {}): { markdown: string; json: string } {
  const mdPath = options.markdownPath ?? join(ROOT, 'BENCHMARKS.md');
  const jsonPath = options.jsonPath ?? join(ROOT, 'bench/results.json');
  const m = machine();
  mkdirSync(dirname(mdPath), { recursive: true });
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(mdPath, markdown(result, m));
  const figures: Figure[] = result.figures.map((f) => ({ ...f }));
  writeFileSync(jsonPath, `${JSON.stringify({ figures, machine: m, smoke: result.smoke }, null, 2)}\n`);
  return { markdown: mdPath, json: jsonPath };
}
