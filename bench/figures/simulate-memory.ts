/**
 * Run as a child process: peak resident memory added by simulating `argv[2]` draws (default 1,000,000) of the An
 * Giang plan, measured as the growth of the process's maximum RSS (getrusage) around `simulateChunk`, plus the
 * heap and ArrayBuffer growth. Prints one JSON line.
 */
import { prepareSimulation, simulateChunk } from '@grdp/engine';
import { simulateInput } from './simulate-input.ts';

const draws = Number(process.argv[2] ?? 1_000_000);
const plan = prepareSimulation(simulateInput(), { draws, seed: 7 });
simulateChunk(plan, 1000, 0); // compile the hot loop before the baseline
const before = process.resourceUsage().maxRSS;
const mem0 = process.memoryUsage();
const chunk = simulateChunk(plan, draws, 0);
const mem1 = process.memoryUsage();
const after = process.resourceUsage().maxRSS;
process.stdout.write(
  `${JSON.stringify({
    draws: chunk.draws,
    rssDeltaKb: after - before,
    peakRssKb: after,
    heapDeltaKb: (mem1.heapUsed - mem0.heapUsed) / 1024,
    arrayBuffersDeltaKb: (mem1.arrayBuffers - mem0.arrayBuffers) / 1024,
  })}\n`,
);
