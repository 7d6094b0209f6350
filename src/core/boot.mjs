// Entry of worker threads that run TypeScript sources: registers the tsx loader inside the
// worker, then loads the real module. (Passing `--import tsx` in a worker's execArgv is not
// reliable on Node 20.)
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tc0Module);
