// The worker thread of the compute pool (compute/pool.ts). Plain JavaScript so that Node can start it without a
// loader; it registers tsx under its own namespace (whether or not the parent runs under tsx) and loads the
// TypeScript task table with it.
import { register } from 'tsx/esm/api';

const api = register({ namespace: 'grdp-compute-worker' });
const { runTask } = await api.import('./tasks.ts', import.meta.url);

export default runTask;
