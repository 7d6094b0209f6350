/** Worker-thread entry: runs one task per message (see `tasks.ts`). */
import { parentPort } from 'node:worker_threads';
import { runTask, type Task } from './tasks.js';
import { loadSourceMutant } from './mutants.js';

parentPort!.on('message', async ({ id, request }: { id: number; request: Task }) => {
  // A source mutant's construction is imported from its mutated tree first (tc0 mutate).
  const m = 'mutant' in request ? request.mutant : undefined;
  if (m?.tree) await loadSourceMutant(m.ref, m.tree);
  parentPort!.postMessage({ id, result: runTask(request) });
});
