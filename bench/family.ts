/**
 * Operator-level tensor-attention family: time to generate and measure one member, and the
 * local-description check, for n = 64 (target: seconds, not minutes).
 */
import { familyMetrics, generateFamily, showDepth } from '../src/circuit/families/attention.js';
import { opCost, taUniformity } from '../src/model/attention-family.js';

export function familyFigures(): void {
  const p = 2;
  // Warm the float circuits the depths come from, so the figures are the family's own cost.
  opCost('mul', 2, p);
  opCost('sum', 2, p);
  for (const [rope, m] of [[false, 0], [true, 0], [false, 2], [true, 2]] as const) {
    const t0 = performance.now();
    const g = generateFamily({ n: 64, d: 2, rope, m });
    const t1 = performance.now();
    const fm = familyMetrics(g, (kind, k) => opCost(kind, k, p).depth);
    const t2 = performance.now();
    const what = `${rope ? 'RoPE ' : ''}${m ? `transformer, m = ${m}` : 'layer'}`;
    console.log(`${what.padEnd(22)} n=64 d=2 p=${p}: ${fm.nodes} nodes, depth ${showDepth(fm.depth)}; generate ${(t1 - t0).toFixed(0)} ms, measure ${(t2 - t1).toFixed(0)} ms`);
  }
  const t = performance.now();
  const r = taUniformity.check({ d: 2, rope: 0, nmax: 64 }, { budgetBits: 0, samples: 0, seed: 1 });
  console.log(`local description vs generated, n = 1..64: ${r.cases} nodes compared in ${((performance.now() - t) / 1000).toFixed(1)} s (${r.holds ? 'all equal' : 'MISMATCH'})`);
  console.log('target: generating and measuring n = 64 in seconds');
}
