// Entry of worker threads that run TypeScript sources: registers the tsx loader inside the
// worker, then loads the real module. (Passing `--import tsx` in a worker's execArgv is not
// reliable on Node 20.) Once loaded it says so, so that loading is not counted in a task's time.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tc0Module);
// The pool starts a task's time limit from here (see workers.ts, READY_MESSAGE).
parentPort.postMessage('tc0-worker-ready');
