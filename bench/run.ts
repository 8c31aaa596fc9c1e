/**
 * `npm run bench`: runs every benchmark and writes BENCHMARKS.md and bench/results.json.
 * `--smoke` runs tiny sizes and writes nothing unless `--out <dir>` is given.
 */
import { join } from 'node:path';
import { writeReport } from './report.ts';
import { runSuite } from './suite.ts';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : undefined;

const result = await runSuite({ smoke, log: (line) => process.stderr.write(`${line}\n`) });
for (const f of result.figures)
  process.stderr.write(`${f.met ? '  ' : '✗ '}${f.name}: ${f.value === null ? 'not measured' : f.value} ${f.unit}\n`);
if (!smoke || out) {
  const paths = writeReport(
    result,
    out ? { markdownPath: join(out, 'BENCHMARKS.md'), jsonPath: join(out, 'results.json') } : {},
  );
  process.stderr.write(`wrote ${paths.markdown} and ${paths.json}\n`);
}
// worker threads and sockets are closed; exit explicitly in case a library keeps a handle
process.exit(0);
