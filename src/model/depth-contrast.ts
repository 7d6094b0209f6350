/**
 * The depth contrast behind the lower bound, measured: the S5 word problem's product-tree circuit
 * grows like 2 log2 n in depth, the tensor-attention family's depth does not grow with n. This
 * illustrates the gap; it proves nothing about lower bounds (no claim beyond the measured rows).
 */
import type { Params } from '../core/params.js';
import { type Property, type PropertyResult, type PropertyRow, fails } from './model.js';
import { CONSTRUCTIONS } from '../circuit/registry.js';
import { measure } from '../circuit/metrics.js';
import { ceilLog2 } from '../core/rational.js';
import { familyMetrics, generateFamily, showDepth } from '../circuit/families/attention.js';
import { opCost } from './attention-family.js';

export const depthContrast: Property = {
  name: 'hard.depth-contrast',
  description: 'depth of the S5 word-problem tree (expected 2 ceil(log2 n) + 1) next to the tensor-attention layer family (constant), for n = 1, 2, 4, ..., nmax',
  check({ nmax, p }: Params): PropertyResult {
    const table: PropertyRow[] = [];
    const taDepths = new Set<string>();
    for (let n = 1; n <= nmax!; n *= 2) {
      const s5 = measure(CONSTRUCTIONS.get('hard.s5-word.tree')!.build({ n }));
      const expected = 2 * ceilLog2(BigInt(n)) + 1;
      const ta = showDepth(familyMetrics(generateFamily({ n, d: 2, rope: false }), (kind, k) => opCost(kind, k, p!).depth).depth);
      taDepths.add(ta);
      table.push({ n, 's5 word tree depth': s5.depth, '2 ceil(log2 n) + 1': expected, 's5 gates': s5.size, [`ta.layer depth (d = 2, p = ${p})`]: ta });
      if (s5.depth !== expected) return fails(table.length, `S5 tree depth ${s5.depth}, expected ${expected}`, { params: { n }, table });
    }
    if (taDepths.size !== 1) return fails(table.length, `the attention depth varies: ${[...taDepths].join('; ')}`, { table });
    return { holds: true, cases: table.length, exhaustive: true, table, note: `S5 word tree: 2 ceil(log2 n) + 1 for every n measured; tensor attention: ${[...taDepths][0]} for every n` };
  },
};
