/**
 * Lookup-table circuits for tiny formats, built from the exact model: `float.exp.table`,
 * `float.div.table`, `float.sqrt.table` (depth 2, size exponential in p: p <= 3 only). In TC0
 * these operations are assumed (d_exp, d_div, d_sqrt); the operations table
 * (specs/operations.yaml) names these circuits for the gate-level circuits of programs.
 */
import { CircuitBuilder } from '../circuit/builder.js';
import type { Construction } from '../circuit/construction.js';
import { lookupTable } from '../circuit/blocks.js';
import { type Float, encode, fdiv, floatWidth } from './float.js';
import { fexp, fsqrt } from './float-fns.js';
import { allFloats } from './float-reference.js';

const MAX_TABLE_P = 3;

function table(name: string, description: string, arity: 1 | 2, f: (xs: Float[], p: number) => Float): Construction {
  return {
    name,
    description,
    build({ p }) {
      const P = p!;
      if (P > MAX_TABLE_P) throw new RangeError(`${name} is a lookup table: p <= ${MAX_TABLE_P} only (got ${P})`);
      const b = new CircuitBuilder();
      const ins = arity === 1 ? [b.input('a', floatWidth(P))] : [b.input('a', floatWidth(P)), b.input('b', floatWidth(P))];
      const all = allFloats(P);
      const tuples = arity === 1 ? all.map((x) => [x]) : all.flatMap((x) => all.map((y) => [x, y]));
      const entries = tuples.map((xs) => [xs.reduce((acc, x, i) => acc | (encode(x, P) << BigInt(i * floatWidth(P))), 0n), encode(f(xs, P), P)] as const);
      b.output('r', lookupTable(b, ins.flat(), entries, floatWidth(P)));
      return b.finish();
    },
  };
}

export const floatExpTable = table('float.exp.table', 'round_p(e^a) as a lookup table over every canonical float (depth 2, size exponential in p: tiny p only)', 1, ([a], p) => fexp(a!, p));
export const floatSqrtTable = table('float.sqrt.table', 'round_p(sqrt(a)), 0 for a < 0, as a lookup table (tiny p only)', 1, ([a], p) => fsqrt(a!, p));
export const floatDivTable = table('float.div.table', 'round_p(a / b) as a lookup table over every pair of canonical floats (depth 2, tiny p only)', 2, ([a, b], p) => fdiv(a!, b!, p));
