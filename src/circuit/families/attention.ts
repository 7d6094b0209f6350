/**
 * Tensor attention (with or without RoPE), alone or in m transformer blocks, as a circuit family
 * at the operator level: nodes are float operations (multiply, add, subtract, iterated addition
 * of k terms, relu, exp, division, sqrt, LayerNorm's constant-row select) and constants; a node's
 * gate-level circuit is the construction of its operation (float.mul, float.add, float.iter-add)
 * or, for exp, division and sqrt, an assumed TC0 circuit of depth d_exp, d_div, d_sqrt.
 *
 * Two independent descriptions of the same family, in the rounding order of
 * src/model/attention.ts:
 * - `generateFamily` builds the graph with nested loops over the matrices, the way one writes it;
 * - `describeNode` over `familyStages` is the local description: from a node's index alone, a few
 *   comparisons and divisions give its kind and inputs (the uniformity check compares the two
 *   node by node).
 *
 * Weights are hard-wired: a `const` node stands for a weight (or a RoPE cos/sin value, or 1/d)
 * identified by its index; their values are outside the structure (see the uniformity note).
 */

export const OP_KINDS = ['input', 'const', 'mul', 'sum', 'exp', 'div', 'add', 'sub', 'relu', 'sqrt', 'select'] as const;
export type OpKind = (typeof OP_KINDS)[number];
const K = Object.fromEntries(OP_KINDS.map((k, i) => [k, i])) as Readonly<Record<OpKind, number>>;

export interface FamilyParams {
  readonly n: number;
  readonly d: number;
  readonly rope: boolean;
  /** Transformer blocks; absent or 0: the attention layer alone. */
  readonly m?: number;
}

/** A graph in flat arrays: node i has kind `kind[i]` and inputs `inputs[start[i] .. start[i+1])`. */
export interface OpGraph {
  readonly size: number;
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly inputs: Int32Array;
}

class GraphBuilder {
  size = 0;
  private kind = new Uint8Array(1024);
  private start = new Int32Array(1025);
  private inputs = new Int32Array(4096);
  private used = 0;
  node(kind: OpKind, ...ins: number[]): number {
    if (this.size + 1 >= this.kind.length) {
      const k = new Uint8Array(this.kind.length * 2);
      k.set(this.kind);
      this.kind = k;
      const s = new Int32Array(this.start.length * 2);
      s.set(this.start);
      this.start = s;
    }
    if (this.used + ins.length > this.inputs.length) {
      const i = new Int32Array(Math.max(this.inputs.length * 2, this.used + ins.length));
      i.set(this.inputs);
      this.inputs = i;
    }
    this.kind[this.size] = K[kind];
    this.inputs.set(ins, this.used);
    this.used += ins.length;
    this.start[++this.size] = this.used;
    return this.size - 1;
  }
  graph(): OpGraph {
    return { size: this.size, kind: this.kind.subarray(0, this.size), start: this.start.subarray(0, this.size + 1), inputs: this.inputs.subarray(0, this.used) };
  }
}

type Grid = number[][];
const grid = (a: number, b: number, f: (i: number, j: number) => number): Grid => Array.from({ length: a }, (_, i) => Array.from({ length: b }, (_, j) => f(i, j)));

/** X W for a constant d x d matrix W: all products, then all sums. */
function matmulNodes(g: GraphBuilder, X: Grid, d: number): Grid {
  const W = grid(d, d, () => g.node('const'));
  const prods = X.map((row) => grid(d, d, (l, k) => g.node('mul', row[k]!, W[k]![l]!)));
  return prods.map((byL) => byL.map((ps) => g.node('sum', ...ps)));
}

/** One (RoPE) tensor-attention layer on X: projections, keys, values, scores, exp, sums, division. */
function attentionNodes(g: GraphBuilder, X: Grid, d: number, rope: boolean): Grid {
  const n = X.length;
  const W = Array.from({ length: 5 }, () => grid(d, d, () => g.node('const')));
  // Each projection: all products, then all sums.
  const prods = W.map((w) => X.map((row) => grid(d, d, (l, k) => g.node('mul', row[k]!, w[k]![l]!))));
  const [Q, K1, K2, V1, V2] = prods.map((pm) => pm.map((byL) => byL.map((ps) => g.node('sum', ...ps))));
  const rows = (a: Grid, b: Grid): Grid => {
    const out: Grid = [];
    for (let i2 = 0; i2 < n; i2++) for (let i1 = 0; i1 < n; i1++) out.push(a[i1]!.map((x, l) => g.node('mul', x, b[i2]![l]!)));
    return out;
  };
  let keysFor: (i: number) => Grid;
  if (!rope) {
    const keys = rows(K1!, K2!);
    keysFor = () => keys;
  } else {
    const half = Math.floor(d / 2);
    // cos, sin, -sin for every offset -(n-1)..(n-1) and pair.
    const cst = Array.from({ length: 2 * n - 1 }, () => Array.from({ length: half }, () => [g.node('const'), g.node('const'), g.node('const')] as const));
    const rotProducts = (mat: Grid) =>
      Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) =>
          Array.from({ length: d }, (_, l) => {
            const t = Math.floor(l / 2);
            const [c, s, ns] = cst[j - i + n - 1]![t]!;
            const a = mat[j]![2 * t]!;
            const b = mat[j]![2 * t + 1]!;
            return l % 2 === 0 ? [g.node('mul', c, a), g.node('mul', ns, b)] : [g.node('mul', s, a), g.node('mul', c, b)];
          }),
        ),
      );
    const p1 = rotProducts(K1!);
    const p2 = rotProducts(K2!);
    const rot = [p1, p2].map((pp) => pp.map((byJ) => byJ.map((byL) => byL.map((pair) => g.node('sum', ...pair)))));
    const keys = Array.from({ length: n }, (_, i) => rows(rot[0]![i]!, rot[1]![i]!));
    keysFor = (i) => keys[i]!;
  }
  const values = rows(V1!, V2!);
  const scoreProducts = Q!.map((q, i) => keysFor(i).map((k) => q.map((x, l) => g.node('mul', x, k[l]!))));
  const scores = scoreProducts.map((row) => row.map((ps) => g.node('sum', ...ps)));
  const invD = g.node('const');
  const scaled = scores.map((row) => row.map((s) => g.node('mul', s, invD)));
  const A = scaled.map((row) => row.map((s) => g.node('exp', s)));
  const D = A.map((row) => g.node('sum', ...row));
  const numProducts = A.map((row) => grid(d, n * n, (l, c) => g.node('mul', row[c]!, values[c]![l]!)));
  const num = numProducts.map((byL) => byL.map((ps) => g.node('sum', ...ps)));
  return num.map((row, i) => row.map((x) => g.node('div', x, D[i]!)));
}

/** LayerNorm of each row: mean, centred entries, variance, sqrt, division; zeros for a constant row. */
function layerNormNodes(g: GraphBuilder, X: Grid): Grid {
  const invD = g.node('const');
  const rowSums = X.map((row) => g.node('sum', ...row));
  const means = rowSums.map((s) => g.node('mul', s, invD));
  const diffs = X.map((row, i) => row.map((x) => g.node('sub', x, means[i]!)));
  const squares = diffs.map((row) => row.map((x) => g.node('mul', x, x)));
  const varSums = squares.map((row) => g.node('sum', ...row));
  const variances = varSums.map((s) => g.node('mul', s, invD));
  const sds = variances.map((v) => g.node('sqrt', v));
  const quotients = diffs.map((row, i) => row.map((x) => g.node('div', x, sds[i]!)));
  return quotients.map((row, i) => row.map((q) => g.node('select', variances[i]!, q)));
}

const addNodes = (g: GraphBuilder, a: Grid, b: Grid): Grid => a.map((row, i) => row.map((x, l) => g.node('add', x, b[i]![l]!)));

/**
 * The family member, written with loops: one (RoPE) tensor-attention layer when `m` is absent or
 * 0, else `m` transformer blocks H = LN(X + TA(X)), LN(H + MLP(H)) with MLP(H) = relu(H W1) W2
 * (the model's src/model/attention.ts, node by node).
 */
export function generateFamily({ n, d, rope, m }: FamilyParams): OpGraph {
  const g = new GraphBuilder();
  let X = grid(n, d, () => g.node('input'));
  if (!m) {
    attentionNodes(g, X, d, rope);
    return g.graph();
  }
  for (let block = 0; block < m; block++) {
    const H = layerNormNodes(g, addNodes(g, X, attentionNodes(g, X, d, rope)));
    const hidden = matmulNodes(g, H, d).map((row) => row.map((x) => g.node('relu', x)));
    X = layerNormNodes(g, addNodes(g, H, matmulNodes(g, hidden, d)));
  }
  return g.graph();
}

interface Stage {
  readonly count: number;
  readonly kind: OpKind;
  /** Writes the inputs of node `t` of the stage into `out`; returns how many. */
  inputs(t: number, out: Int32Array): number;
}

/** A matrix of nodes known by a formula: the node of entry (i, l). */
type At = (i: number, l: number) => number;

/** Builds a stage table: each `add` appends a stage and returns the index of its first node. */
class StageTable {
  readonly stages: Stage[] = [];
  private next = 0;
  add(count: number, kind: OpKind, inputs: Stage['inputs'] = () => 0): number {
    const base = this.next;
    this.stages.push({ count, kind, inputs });
    this.next += count;
    return base;
  }
}

const put = (out: Int32Array, ...xs: number[]): number => (out.set(xs), xs.length);
const range = (out: Int32Array, from: number, count: number, step = 1): number => {
  for (let k = 0; k < count; k++) out[k] = from + k * step;
  return count;
};

function matmulStages(st: StageTable, X: At, n: number, d: number): At {
  const W = st.add(d * d, 'const');
  const prod = st.add(n * d * d, 'mul', (t, out) => {
    const k = t % d;
    const l = Math.floor(t / d) % d;
    const i = Math.floor(t / (d * d));
    return put(out, X(i, k), W + k * d + l);
  });
  const sums = st.add(n * d, 'sum', (t, out) => range(out, prod + t * d, d));
  return (i, l) => sums + i * d + l;
}

function attentionStages(st: StageTable, X: At, n: number, d: number, rope: boolean): At {
  const n2 = n * n;
  const W = st.add(5 * d * d, 'const');
  const prod = st.add(5 * n * d * d, 'mul', (t, out) => {
    const k = t % d;
    const l = Math.floor(t / d) % d;
    const i = Math.floor(t / (d * d)) % n;
    const mat = Math.floor(t / (n * d * d));
    return put(out, X(i, k), W + mat * d * d + k * d + l);
  });
  const proj = st.add(5 * n * d, 'sum', (t, out) => range(out, prod + t * d, d));
  const P = (mat: number, i: number, l: number): number => proj + (mat * n + i) * d + l;
  const kron = (a: At, b: At) => (t: number, out: Int32Array): number => {
    const l = t % d;
    const c = Math.floor(t / d);
    return put(out, a(c % n, l), b(Math.floor(c / n), l));
  };
  let keyAt: (i: number, c: number, l: number) => number;
  if (!rope) {
    const keys = st.add(n2 * d, 'mul', kron((r, l) => P(1, r, l), (r, l) => P(2, r, l)));
    keyAt = (_i, c, l) => keys + c * d + l;
  } else {
    const half = Math.floor(d / 2);
    const C = st.add((2 * n - 1) * half * 3, 'const');
    const cst = (o: number, t: number, which: number): number => C + ((o + n - 1) * half + t) * 3 + which;
    // Products of (mat, i, j, l, side): side 0 reads the pair's first coordinate, 1 the second.
    const rp = st.add(2 * n2 * d * 2, 'mul', (t, out) => {
      const side = t % 2;
      const l = Math.floor(t / 2) % d;
      const j = Math.floor(t / (2 * d)) % n;
      const i = Math.floor(t / (2 * d * n)) % n;
      const mat = 1 + Math.floor(t / (2 * d * n2));
      const pair = Math.floor(l / 2);
      const even = l % 2 === 0;
      const c = side === 0 ? (even ? 0 : 1) : even ? 2 : 0;
      return put(out, cst(j - i, pair, c), P(mat, j, 2 * pair + side));
    });
    const rot = st.add(2 * n2 * d, 'sum', (t, out) => range(out, rp + 2 * t, 2));
    const R = (mat: number, i: number, j: number, l: number): number => rot + (((mat - 1) * n + i) * n + j) * d + l;
    const keys = st.add(n * n2 * d, 'mul', (t, out) => {
      const i = Math.floor(t / (n2 * d));
      return kron((r, l) => R(1, i, r, l), (r, l) => R(2, i, r, l))(t % (n2 * d), out);
    });
    keyAt = (i, c, l) => keys + (i * n2 + c) * d + l;
  }
  const values = st.add(n2 * d, 'mul', kron((r, l) => P(3, r, l), (r, l) => P(4, r, l)));
  const sp = st.add(n * n2 * d, 'mul', (t, out) => {
    const l = t % d;
    const c = Math.floor(t / d) % n2;
    const i = Math.floor(t / (d * n2));
    return put(out, P(0, i, l), keyAt(i, c, l));
  });
  const score = st.add(n * n2, 'sum', (t, out) => range(out, sp + t * d, d));
  const invD = st.add(1, 'const');
  const scaled = st.add(n * n2, 'mul', (t, out) => put(out, score + t, invD));
  const A = st.add(n * n2, 'exp', (t, out) => put(out, scaled + t));
  const D = st.add(n, 'sum', (i, out) => range(out, A + i * n2, n2));
  const np = st.add(n * d * n2, 'mul', (t, out) => {
    const c = t % n2;
    const l = Math.floor(t / n2) % d;
    const i = Math.floor(t / (n2 * d));
    return put(out, A + i * n2 + c, values + c * d + l);
  });
  const num = st.add(n * d, 'sum', (t, out) => range(out, np + t * n2, n2));
  const div = st.add(n * d, 'div', (t, out) => put(out, num + t, D + Math.floor(t / d)));
  return (i, l) => div + i * d + l;
}

function layerNormStages(st: StageTable, X: At, n: number, d: number): At {
  const invD = st.add(1, 'const');
  const rowSums = st.add(n, 'sum', (i, out) => {
    for (let l = 0; l < d; l++) out[l] = X(i, l);
    return d;
  });
  const means = st.add(n, 'mul', (i, out) => put(out, rowSums + i, invD));
  const diffs = st.add(n * d, 'sub', (t, out) => put(out, X(Math.floor(t / d), t % d), means + Math.floor(t / d)));
  const squares = st.add(n * d, 'mul', (t, out) => put(out, diffs + t, diffs + t));
  const varSums = st.add(n, 'sum', (i, out) => range(out, squares + i * d, d));
  const variances = st.add(n, 'mul', (i, out) => put(out, varSums + i, invD));
  const sds = st.add(n, 'sqrt', (i, out) => put(out, variances + i));
  const quotients = st.add(n * d, 'div', (t, out) => put(out, diffs + t, sds + Math.floor(t / d)));
  const selected = st.add(n * d, 'select', (t, out) => put(out, variances + Math.floor(t / d), quotients + t));
  return (i, l) => selected + i * d + l;
}

function addStage(st: StageTable, a: At, b: At, n: number, d: number): At {
  const base = st.add(n * d, 'add', (t, out) => put(out, a(Math.floor(t / d), t % d), b(Math.floor(t / d), t % d)));
  return (i, l) => base + i * d + l;
}

/** The local description's stage table: node ranges and their input formulas. */
export function familyStages({ n, d, rope, m }: FamilyParams): Stage[] {
  const st = new StageTable();
  const input = st.add(n * d, 'input');
  let X: At = (i, l) => input + i * d + l;
  if (!m) {
    attentionStages(st, X, n, d, rope);
    return st.stages;
  }
  for (let block = 0; block < m; block++) {
    const att = attentionStages(st, X, n, d, rope);
    const H = layerNormStages(st, addStage(st, X, att, n, d), n, d);
    const lin = matmulStages(st, H, n, d);
    const relu = st.add(n * d, 'relu', (t, out) => put(out, lin(Math.floor(t / d), t % d)));
    const mlp = matmulStages(st, (i, l) => relu + i * d + l, n, d);
    X = layerNormStages(st, addStage(st, H, mlp, n, d), n, d);
  }
  return st.stages;
}

/** Node `index` from the stage table alone: its kind and inputs (written into `out`). */
export function describeNode(stages: readonly Stage[], index: number, out: Int32Array): { kind: OpKind; count: number } | undefined {
  let base = 0;
  for (const s of stages) {
    if (index < base + s.count) return { kind: s.kind, count: s.inputs(index - base, out) };
    base += s.count;
  }
  return undefined;
}

/** Depth of an operation: gate layers plus multiples of the assumed constants. */
export interface OpDepth {
  readonly gates: number;
  readonly d_exp?: number;
  readonly d_div?: number;
  readonly d_sqrt?: number;
}

/** The assumed constants a depth may carry, in the order they are shown. */
export const SYMBOLS = ['d_exp', 'd_div', 'd_sqrt'] as const;
const PARTS = ['gates', ...SYMBOLS] as const;

export interface FamilyMetrics {
  readonly depth: Required<OpDepth>;
  readonly counts: Readonly<Record<OpKind, number>>;
  /** Total number of inputs of all sums. */
  readonly sumInputs: number;
  readonly nodes: number;
  /** How many operation nodes there are of each kind and number of inputs. */
  readonly shapes: ReadonlyArray<{ readonly kind: OpKind; readonly arity: number; readonly count: number }>;
}

/**
 * Longest path with symbolic depths (componentwise maximum at merges: exact when one input
 * dominates, which holds in these graphs, an upper bound otherwise) and node counts.
 */
export function familyMetrics(g: OpGraph, depthOf: (kind: OpKind, k: number) => OpDepth): FamilyMetrics {
  // One depth array per part (gate layers, then each symbol), flat numbers: millions of nodes.
  const depth = PARTS.map(() => new Int32Array(g.size));
  const deepest = PARTS.map(() => 0);
  const counts = Object.fromEntries(OP_KINDS.map((k) => [k, 0])) as Record<OpKind, number>;
  const costs = new Map<number, readonly number[]>();
  const shapeCounts = new Map<number, number>();
  let sumInputs = 0;
  const here = PARTS.map(() => 0);
  for (let i = 0; i < g.size; i++) {
    const kind = OP_KINDS[g.kind[i]!]!;
    counts[kind]++;
    const s = g.start[i]!;
    const e = g.start[i + 1]!;
    if (kind === 'sum') sumInputs += e - s;
    here.fill(0);
    for (let j = s; j < e; j++) {
      const x = g.inputs[j]!;
      for (let q = 0; q < PARTS.length; q++) if (depth[q]![x]! > here[q]!) here[q] = depth[q]![x]!;
    }
    if (kind !== 'input' && kind !== 'const') {
      const key = g.kind[i]! * 1e9 + (e - s);
      shapeCounts.set(key, (shapeCounts.get(key) ?? 0) + 1);
      let cost = costs.get(key);
      if (!cost) {
        const c = depthOf(kind, e - s);
        costs.set(key, (cost = PARTS.map((part) => c[part] ?? 0)));
      }
      for (let q = 0; q < PARTS.length; q++) here[q]! += cost[q]!;
    }
    for (let q = 0; q < PARTS.length; q++) {
      depth[q]![i] = here[q]!;
      if (here[q]! > deepest[q]!) deepest[q] = here[q]!;
    }
  }
  const [gates, d_exp, d_div, d_sqrt] = deepest as [number, number, number, number];
  const shapes = [...shapeCounts].map(([key, count]) => ({ kind: OP_KINDS[Math.floor(key / 1e9)]!, arity: key % 1e9, count }));
  return { depth: { gates, d_exp, d_div, d_sqrt }, counts, sumInputs, nodes: g.size, shapes };
}

/** `101 + d_exp + d_div` */
export function showDepth(d: OpDepth): string {
  const sym = (k: (typeof SYMBOLS)[number]): string[] => {
    const v = d[k] ?? 0;
    return v === 0 ? [] : [v === 1 ? k : `${v} ${k}`];
  };
  return [String(d.gates), ...SYMBOLS.flatMap(sym)].join(' + ');
}
