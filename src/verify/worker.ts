/** Worker-thread entry: runs one task per message (see `tasks.ts`). */
import { parentPort } from 'node:worker_threads';
import { runTask, type Task } from './tasks.js';

parentPort!.on('message', ({ id, request }: { id: number; request: Task }) => {
  parentPort!.postMessage({ id, result: runTask(request) });
});
