/** Worker-thread entry: the ts-morph analysis of a source tree (see `link.ts`), one per message. */
import { parentPort } from 'node:worker_threads';
import { analyse } from './link.js';

parentPort!.on('message', ({ id, request }: { id: number; request: string }) => {
  parentPort!.postMessage({ id, result: analyse(request) });
});
