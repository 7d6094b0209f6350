/** Worker thread owning one z3-solver Wasm instance (see z3-wasm.ts). */
import { parentPort } from 'node:worker_threads';
import { init } from 'z3-solver';
import { parseAnswer, type SmtRun } from './smt.js';
import type { WasmQuery } from './z3-wasm.js';

const z3 = init();

parentPort!.on('message', async ({ id, request }: { id: number; request: WasmQuery }) => {
  const started = Date.now();
  let result: SmtRun;
  try {
    const { Z3 } = await z3;
    Z3.global_param_set('timeout', String(Math.max(1, Math.round(request.timeoutMs))));
    const cfg = Z3.mk_config();
    const ctx = Z3.mk_context_rc(cfg);
    Z3.del_config(cfg);
    try {
      let output = await Z3.eval_smtlib2_string(ctx, request.text);
      let answer = parseAnswer(output);
      let reason: string | undefined;
      if (answer === 'unknown') {
        reason = (await Z3.eval_smtlib2_string(ctx, '(get-info :reason-unknown)')).trim();
        if (/timeout|canceled/.test(reason)) answer = 'timeout';
      }
      if (answer === 'error') reason = output.trim().slice(0, 500);
      output = output.trim();
      result = { answer, output, ms: Date.now() - started, ...(reason ? { reason } : {}) };
    } finally {
      Z3.del_context(ctx);
    }
  } catch (e) {
    result = { answer: 'error', output: '', ms: Date.now() - started, reason: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage({ id, result });
});
