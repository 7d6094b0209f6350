/**
 * `npm run bench`: the workbench's speed figures, printed (never asserted in tests: these
 * machines are shared and noisy). `npm run bench -- eval z3` runs only those sections
 * (eval, family, z3, lean, cached, verify).
 */
import { type EvalFigure, evaluatorThroughput } from './evaluator.js';
import { decompositionFigures, z3Figures } from './z3.js';
import { cachedRerun, leanFresh, verifyCold } from './commands.js';
import { familyFigures } from './family.js';

const sections: Record<string, () => Promise<void> | void> = {
  eval() {
    console.log('## Evaluator throughput (compiled bit-sliced evaluation, one core, best of 5)');
    console.log('gate evaluations/s = gates x patterns / time; JavaScript int32 words (32 patterns) against WebAssembly v128 (128)');
    for (const [c, p, bits] of [
      ['int.add', { p: 12 }, 24],
      ['int.mul', { p: 8 }, 25],
      ['int.mul', { p: 12 }, 24],
      ['float.add', { p: 5 }, 24],
    ] as const) {
      const js = evaluatorThroughput(c, p, 'js', bits);
      const wasm = evaluatorThroughput(c, p, 'wasm', bits);
      const rate = (f: EvalFigure): string => `${f.bestMs.toFixed(1).padStart(8)} ms ${(f.gateEvalsPerSecond / 1e9).toFixed(1).padStart(6)}e9/s`;
      console.log(`${js.name.padEnd(22)} ${String(js.gates).padStart(5)} gates x 2^${bits}: js ${rate(js)}   wasm ${rate(wasm)}   wasm/js ${(wasm.gateEvalsPerSecond / js.gateEvalsPerSecond).toFixed(1)}x`);
    }
    console.log('target: >= 3.6e10 gate evaluations/s on one core for the p = 12 adder (wasm)');
  },
  family() {
    console.log('## Architecture families (operator level)');
    familyFigures();
  },
  async z3() {
    console.log('## Z3 (z3-solver Wasm)');
    await z3Figures();
    console.log('');
    await decompositionFigures();
  },
  lean() {
    console.log('## Lean');
    leanFresh();
  },
  cached() {
    console.log('## Cached re-run');
    cachedRerun();
  },
  verify() {
    console.log('## Cold verify');
    verifyCold();
  },
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(sections)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  await run();
  console.log('');
}
