/** A simulation worker: receives a plan once, then simulates chunks on request with the given stream. */
import { parentPort, workerData } from 'node:worker_threads';
import { type SimulationPlan, simulateChunk } from '@grdp/engine';

const plan = workerData.plan as SimulationPlan;
parentPort!.on('message', (msg: { id: number; draws: number; stream: number }) => {
  const chunk = simulateChunk(plan, msg.draws, msg.stream);
  const buffers = [
    chunk.histogram,
    chunk.below,
    chunk.above,
    chunk.sum,
    chunk.sumSquares,
    chunk.reachLow,
    chunk.reachHigh,
  ];
  parentPort!.postMessage(
    { id: msg.id, chunk },
    buffers.map((b) => b.buffer as ArrayBuffer),
  );
});
parentPort!.postMessage({ ready: true });
