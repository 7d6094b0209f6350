/**
 * Gate-level circuits that need the exact model to be built:
 * - `float.exp.table`, `float.div.table`: exp and division of tiny formats as lookup tables
 *   (depth 2, exponential size: for p <= 3 only; in TC0 these are the assumed d_exp, d_div);
 * - `ta.layer.gates`, `rope.ta-layer.gates`: a whole (RoPE) tensor-attention layer for tiny
 *   n, d, p, with weights from a seed hard-wired as constants, built by instantiating the float
 *   circuits in exactly the rounding order of src/model/attention.ts.
 */
import type { Params } from '../core/params.js';
import { Rational } from '../core/rational.js';
import { CircuitBuilder, type Signal, not } from '../circuit/builder.js';
import type { Construction } from '../circuit/construction.js';
import type { Circuit } from '../circuit/ir.js';
import { constBits, equalsConst, lookupTable, muxBits } from '../circuit/blocks.js';
import { instantiate } from '../circuit/compose.js';
import { CONSTRUCTIONS } from '../circuit/registry.js';
import { type Float, ZERO, encode, fdiv, floatWidth } from './float.js';
import { fexp, fsqrt } from './float-fns.js';
import { allFloats } from './float-reference.js';
import { type LayerWeights, type Mat, type TAWeights, fromRational, ropeConstants, seededWeights } from './attention.js';

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

/** Float operations as circuit instances inside one builder, with circuits built once per shape. */
class FloatOps {
  private readonly cache = new Map<string, Circuit>();
  constructor(
    private readonly b: CircuitBuilder,
    private readonly p: number,
  ) {}
  private circuit(name: string, params: Params): Circuit {
    const key = `${name}:${JSON.stringify(params)}`;
    let c = this.cache.get(key);
    if (!c) {
      const con = CONSTRUCTIONS.get(name) ?? MODEL_TABLES.get(name)!;
      c = con.build(params);
      this.cache.set(key, c);
    }
    return c;
  }
  constant(f: Float): Signal[] {
    return constBits(encode(f, this.p), floatWidth(this.p));
  }
  mul(a: Signal[], c: Signal[]): Signal[] {
    return instantiate(this.b, this.circuit('float.mul', { p: this.p }), [...a, ...c]);
  }
  /** round_p of the exact sum; a single term is already a float (the sum is the term). */
  sum(xs: Signal[][]): Signal[] {
    if (xs.length === 1) return xs[0]!;
    return instantiate(this.b, this.circuit('float.iter-add', { k: xs.length, p: this.p }), xs.flat());
  }
  exp(a: Signal[]): Signal[] {
    return instantiate(this.b, this.circuit('float.exp.table', { p: this.p }), a);
  }
  div(a: Signal[], c: Signal[]): Signal[] {
    return instantiate(this.b, this.circuit('float.div.table', { p: this.p }), [...a, ...c]);
  }
  sqrt(a: Signal[]): Signal[] {
    return instantiate(this.b, this.circuit('float.sqrt.table', { p: this.p }), a);
  }
  add(a: Signal[], c: Signal[]): Signal[] {
    return instantiate(this.b, this.circuit('float.add', { p: this.p }), [...a, ...c]);
  }
  sub(a: Signal[], c: Signal[]): Signal[] {
    return instantiate(this.b, this.circuit('float.sub', { p: this.p }), [...a, ...c]);
  }
}

type SMat = Signal[][][];

/** The matrix operations of src/model/attention.ts on signals, in the same rounding order. */
class MatrixOps {
  readonly ops: FloatOps;
  constructor(
    readonly b: CircuitBuilder,
    readonly p: number,
  ) {
    this.ops = new FloatOps(b, p);
  }
  inputs(n: number, d: number): SMat {
    return Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, l) => this.b.input(`x${i}_${l}`, floatWidth(this.p))));
  }
  outputs(y: SMat): void {
    y.forEach((row, i) => row.forEach((v, l) => this.b.output(`y${i}_${l}`, v)));
  }
  constant(m: Mat): SMat {
    return m.map((row) => row.map((f) => this.ops.constant(f)));
  }
  matmul(a: SMat, c: SMat): SMat {
    return a.map((row) => c[0]!.map((_, j) => this.ops.sum(row.map((x, k) => this.ops.mul(x, c[k]![j]!)))));
  }
  colKron(a: SMat, c: SMat): SMat {
    const out: SMat = [];
    for (let i2 = 0; i2 < c.length; i2++) for (let i1 = 0; i1 < a.length; i1++) out.push(a[i1]!.map((x, l) => this.ops.mul(x, c[i2]![l]!)));
    return out;
  }
  add(a: SMat, c: SMat): SMat {
    return a.map((row, i) => row.map((x, l) => this.ops.add(x, c[i]![l]!)));
  }
  /** relu: the sign bit clears every bit (a negative float becomes the zero encoding). */
  relu(a: SMat): SMat {
    return a.map((row) => row.map((x) => x.map((bit) => this.b.and([bit, not(x[x.length - 1]!)]))));
  }
  mlp(x: SMat, w1: Mat, w2: Mat): SMat {
    return this.matmul(this.relu(this.matmul(x, this.constant(w1))), this.constant(w2));
  }
  /** LayerNorm of each row; a row with variance 0 gives zeros (the model's choice). */
  layerNorm(x: SMat): SMat {
    const { ops, p } = this;
    return x.map((row) => {
      const invD = ops.constant(fromRational(Rational.of(1, row.length), p));
      const mean = ops.mul(ops.sum(row), invD);
      const diff = row.map((v) => ops.sub(v, mean));
      const variance = ops.mul(ops.sum(diff.map((v) => ops.mul(v, v))), invD);
      const flat = equalsConst(this.b, variance.slice(0, p), 0n);
      const sd = ops.sqrt(variance);
      const zero = ops.constant(ZERO);
      return diff.map((v) => muxBits(this.b, flat, zero, ops.div(v, sd)));
    });
  }
  attention(x: SMat, w: TAWeights, rope: boolean): SMat {
    const { ops, p } = this;
    const d = x[0]!.length;
    const [Q, K1, K2, V1, V2] = [w.q, w.k1, w.k2, w.v1, w.v2].map((m) => this.matmul(x, this.constant(m)));
    const rotate = (v: Signal[][], k: number): Signal[][] => {
      const out: Signal[][] = [];
      for (let t = 0; 2 * t + 1 < v.length; t++) {
        const { cos, sin } = ropeConstants(k, t, d, p);
        const [c, s, ns] = [ops.constant(cos), ops.constant(sin), ops.constant(sin.m === 0n ? sin : { ...sin, s: (1 - sin.s) as 0 | 1 })];
        const [a, bb] = [v[2 * t]!, v[2 * t + 1]!];
        out.push(ops.sum([ops.mul(c, a), ops.mul(ns, bb)]), ops.sum([ops.mul(s, a), ops.mul(c, bb)]));
      }
      return out;
    };
    const plainKeys = rope ? undefined : this.colKron(K1!, K2!);
    const keysFor = (i: number): SMat => plainKeys ?? this.colKron(K1!.map((row, j) => rotate(row, j - i)), K2!.map((row, j) => rotate(row, j - i)));
    const KV = this.colKron(V1!, V2!);
    const invD = ops.constant(fromRational(Rational.of(1, d), p));
    return Q!.map((q, i) => {
      const A = keysFor(i).map((k) => ops.exp(ops.mul(ops.sum(q.map((v, l) => ops.mul(v, k[l]!))), invD)));
      const den = ops.sum(A);
      return KV[0]!.map((_, l) => ops.div(ops.sum(A.map((a, c) => ops.mul(a, KV[c]![l]!))), den));
    });
  }
  /** One block of the transformer: H = LN(X + TA(X)), then LN(H + MLP(H)). */
  block(x: SMat, w: LayerWeights, rope: boolean): SMat {
    const h = this.layerNorm(this.add(x, this.attention(x, w, rope)));
    return this.layerNorm(this.add(h, this.mlp(h, w.w1, w.w2)));
  }
}

/** A gate-level construction over an n x d float matrix, weights from the seed `w`. */
function matrixGates(name: string, description: string, body: (m: MatrixOps, x: SMat, params: Params) => SMat): Construction {
  return {
    name,
    description,
    build(params) {
      const m = new MatrixOps(new CircuitBuilder(), params.p!);
      m.outputs(body(m, m.inputs(params.n!, params.d!), params));
      return m.b.finish();
    },
  };
}

const weightsOf = ({ w, d, p }: Params): LayerWeights => seededWeights(w!, d!, p!);

export const taMatmulGates = matrixGates('ta.matmul.gates', 'X W for a d x d weight matrix: products rounded, then one iterated addition per entry (hard-wired weights)', (m, x, params) => m.matmul(x, m.constant(weightsOf(params).q)));
export const taMlpGates = matrixGates('ta.mlp.gates', 'relu(X W1) W2 with hard-wired weights', (m, x, params) => {
  const { w1, w2 } = weightsOf(params);
  return m.mlp(x, w1, w2);
});
export const taLayerNormGates = matrixGates('ta.layernorm.gates', 'LayerNorm of every row, zeros for a constant row; sqrt by lookup table (tiny p)', (m, x) => m.layerNorm(x));
export const taLayerGates = matrixGates(
  'ta.layer.gates',
  'a tensor-attention layer as one threshold circuit: float circuits instantiated in the model rounding order, weights hard-wired, exp and division by lookup tables (tiny n, d, p)',
  (m, x, params) => m.attention(x, weightsOf(params), false),
);
export const ropeLayerGates = matrixGates('rope.ta-layer.gates', 'a RoPE tensor-attention layer as one threshold circuit (keys rotated by their offset from the query, cos/sin hard-wired)', (m, x, params) =>
  m.attention(x, weightsOf(params), true),
);
const stack = (rope: boolean) => (m: MatrixOps, x: SMat, { w, d, p, m: layers }: Params): SMat =>
  Array.from({ length: layers! }, (_, i) => seededWeights(w! + i, d!, p!)).reduce((h, lw) => m.block(h, lw, rope), x);
export const taTransformerGates = matrixGates('ta.transformer.gates', 'm blocks LN(X + TA(X)), LN(H + MLP(H)) as one threshold circuit (tiny n, d, p)', stack(false));
export const ropeTransformerGates = matrixGates('rope.transformer.gates', 'as ta.transformer.gates with RoPE tensor attention', stack(true));

const MODEL_TABLES = new Map<string, Construction>([floatExpTable, floatDivTable, floatSqrtTable].map((c) => [c.name, c]));
