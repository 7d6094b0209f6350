/**
 * Operator-level families of the architecture programs: time to generate and measure the n = 64
 * member of each, and the local-description check over n = 1..64 (target: seconds, not minutes).
 */
import { join } from 'node:path';
import { loadSpecs } from '../src/spec/load.js';
import { knownNames } from '../src/verify/session.js';
import type { Bundle } from '../src/program/ast.js';
import { compile } from '../src/program/plan.js';
import { familyMetrics, generateFamily, showDepthVector } from '../src/program/family.js';
import { depthCosts } from '../src/program/ops.js';
import { checkUniformity } from '../src/verify/checks/architecture.js';

const FAMILIES: ReadonlyArray<readonly [string, Readonly<Record<string, number>>]> = [
  ['tensor-attention', { n: 64, d: 2 }],
  ['rope-tensor-attention', { n: 64, d: 2 }],
  ['ta-transformer', { n: 64, d: 2, m: 2 }],
  ['rope-ta-transformer', { n: 64, d: 2, m: 2 }],
  ['softmax-attention', { n: 64, d: 2 }],
  ['causal-softmax-attention', { n: 64, d: 2 }],
  ['rope-attention', { n: 64, d: 2 }],
  ['rope-transformer', { n: 64, d: 2, m: 2 }],
];

export function familyFigures(): void {
  const p = 2;
  const architectures = loadSpecs(join(import.meta.dirname, '..', 'specs'), knownNames()).architectures;
  const bundle = (name: string): Bundle => architectures.get(name)!.bundle as Bundle;
  for (const [name, sizes] of FAMILIES) {
    const b = bundle(name);
    // The float circuits the depths come from are built first, so the figures are the family's own cost.
    const cost = depthCosts(b, p);
    const t0 = performance.now();
    const g = generateFamily(compile(b, sizes));
    const t1 = performance.now();
    const fm = familyMetrics(g, cost);
    const t2 = performance.now();
    const at = Object.entries(sizes).map(([k, v]) => `${k}=${v}`).join(' ');
    console.log(`${name.padEnd(26)} ${at} p=${p}: ${fm.nodes} nodes, depth ${showDepthVector(fm.depth)}; generate ${(t1 - t0).toFixed(0)} ms, measure ${(t2 - t1).toFixed(0)} ms`);
  }
  const t = performance.now();
  let nodes = 0;
  let equal = true;
  for (let n = 1; n <= 64; n++) {
    const r = checkUniformity(bundle('tensor-attention'), { n, d: 2 });
    nodes += r.inputs?.checked ?? 0;
    equal &&= r.outcome.status === 'proved';
  }
  console.log(`tensor-attention: local description vs generated, n = 1..64: ${nodes} nodes compared in ${((performance.now() - t) / 1000).toFixed(1)} s (${equal ? 'all equal' : 'MISMATCH'})`);
  console.log('target: generating and measuring n = 64 in seconds');
}
