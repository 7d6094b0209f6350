/**
 * The S5 word problem in logarithmic depth (the depth contrast of docs/paper.md's hardness part).
 *
 * A letter is a permutation of five points as a 5 x 5 permutation matrix (25 bits, row-major:
 * bit 5i + j is [p(i) = j]). Products are read left to right, p first then q:
 * (PQ)[i][k] = OR_j P[i][j] AND Q[j][k], an AND layer and an OR layer. A balanced tree of
 * products over n letters has depth 2 ceil(log2 n); one more gate asks whether the product is
 * the identity (AND of the diagonal). Fan-in: 2 for the ANDs, 5 for the ORs, 5 for the last AND.
 */
import { CircuitBuilder, type Signal } from '../builder.js';
import type { Construction } from '../construction.js';

type Matrix = Signal[][];

function product(b: CircuitBuilder, p: Matrix, q: Matrix): Matrix {
  return p.map((_, i) => q.map((__, k) => b.or(p[i]!.map((x, j) => b.and([x, q[j]![k]!])))));
}

/** Balanced product tree; a lone matrix passes up unchanged. */
function productTree(b: CircuitBuilder, ms: Matrix[]): Matrix {
  let level = ms;
  while (level.length > 1) {
    const next: Matrix[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(product(b, level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}

export const s5WordTree: Construction = {
  name: 'hard.s5-word.tree',
  description: 'is the left-to-right product of n permutations of five points (5 x 5 matrices) the identity? Balanced product tree, depth 2 ceil(log2 n) + 1',
  build({ n }) {
    const b = new CircuitBuilder();
    const letters: Matrix[] = Array.from({ length: n! }, (_, t) => {
      const bits = b.input(`x${t}`, 25);
      return Array.from({ length: 5 }, (_, i) => bits.slice(5 * i, 5 * i + 5));
    });
    const prod = productTree(b, letters);
    b.output('id', [b.and(prod.map((row, i) => row[i]!))]);
    return b.finish();
  },
};
