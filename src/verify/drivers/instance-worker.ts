/** Worker-thread entry: builds instances and replays counterexamples (see instance.ts). */
import { parentPort } from 'node:worker_threads';
import { answerInstanceRequest, type InstanceRequest } from './instance.js';

parentPort!.on('message', async ({ id, request }: { id: number; request: InstanceRequest }) => {
  parentPort!.postMessage({ id, result: await answerInstanceRequest(request) });
});
