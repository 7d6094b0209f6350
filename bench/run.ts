/**
 * `npm run bench`: the workbench's speed figures, printed (never asserted in tests: these
 * machines are shared and noisy). `npm run bench -- eval z3` runs only those sections
 * (eval, family, z3, lean, cached).
 */
import { evaluatorThroughput } from './evaluator.js';
import { z3Figures } from './z3.js';
import { cachedRerun, leanFresh } from './commands.js';
import { familyFigures } from './family.js';

const sections: Record<string, () => Promise<void> | void> = {
  eval() {
    console.log('## Evaluator throughput (compiled bit-sliced JS, one core, best of 5)');
    for (const [c, p] of [
      ['int.add', { p: 12 }],
      ['int.mul', { p: 8 }],
      ['int.mul', { p: 12 }],
    ] as const) {
      const f = evaluatorThroughput(c, p);
      console.log(`${f.name.padEnd(24)} ${String(f.gates).padStart(6)} gates x 2^${Math.log2(f.patterns)} patterns: ${f.bestMs.toFixed(1).padStart(8)} ms  ${(f.gateEvalsPerSecond / 1e9).toFixed(2)}e9 gate evaluations/s`);
    }
    console.log('target: >= 1e10 gate evaluations/s on one core (p = 12 adder)');
  },
  family() {
    console.log('## Architecture families (operator level)');
    familyFigures();
  },
  async z3() {
    console.log('## Z3 (z3-solver Wasm)');
    await z3Figures();
  },
  lean() {
    console.log('## Lean');
    leanFresh();
  },
  cached() {
    console.log('## Cached re-run');
    cachedRerun();
  },
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(sections)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  await run();
  console.log('');
}
