/** Worker thread owning one z3-solver Wasm instance (see z3-wasm.ts). */
import { parentPort } from 'node:worker_threads';
import { init } from 'z3-solver';
import { parseAnswer, type SmtRun } from './smt.js';
import type { WasmQuery } from './z3-wasm.js';

const z3 = init();

/** The parts of the Emscripten module the workaround below needs. */
interface Em {
  HEAPU8: Uint8Array;
  _malloc(n: number): number;
  _free(p: number): void;
  _async_Z3_eval_smtlib2_string(ctx: number, str: number): void;
  async_call(f: (ctx: number, str: number) => void, ctx: number, str: number): Promise<string>;
}

/**
 * `Z3.eval_smtlib2_string` of z3-solver 5.2.0 passes the text through Emscripten `ccall`, which
 * puts it on the stack and frees it when the call returns; but the call only starts the solver
 * thread, which then reads a stack slot that is already being reused (measured here: about 1 in
 * 40 queries of a few kB came back with a corrupted tail, e.g. "unknown constant ci"). The text
 * is passed on the heap instead and freed once the answer is in.
 */
async function evalSmtlib2(em: Em, ctx: number, text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const ptr = em._malloc(bytes.length + 1);
  em.HEAPU8.set(bytes, ptr);
  em.HEAPU8[ptr + bytes.length] = 0;
  try {
    return await em.async_call(em._async_Z3_eval_smtlib2_string, ctx, ptr);
  } finally {
    em._free(ptr);
  }
}

parentPort!.on('message', async ({ id, request }: { id: number; request: WasmQuery }) => {
  const started = Date.now();
  let result: SmtRun;
  try {
    const { Z3, em } = await z3;
    Z3.global_param_set('timeout', String(Math.max(1, Math.round(request.timeoutMs))));
    const cfg = Z3.mk_config();
    const ctx = Z3.mk_context_rc(cfg);
    Z3.del_config(cfg);
    try {
      let output = await evalSmtlib2(em as unknown as Em, ctx as unknown as number, request.text);
      let answer = parseAnswer(output);
      let reason: string | undefined;
      if (answer === 'unknown') {
        reason = (await evalSmtlib2(em as unknown as Em, ctx as unknown as number, '(get-info :reason-unknown)')).trim();
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
