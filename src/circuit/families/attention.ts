/**
 * Tensor attention (with or without RoPE) as a circuit family at the operator level: nodes are
 * float operations (multiply, iterated addition of k terms, exp, division) and constants; a
 * node's gate-level circuit is the construction of its operation (float.mul, float.iter-add) or,
 * for exp and division, an assumed TC0 circuit of depth d_exp, d_div.
 *
 * Two independent descriptions of the same family, in the rounding order of
 * src/model/attention.ts:
 * - `generateLayer` builds the graph with nested loops over the matrices, the way one writes it;
 * - `describeNode` is the local description: from a node's index alone, a few comparisons and
 *   divisions give its kind and inputs (the uniformity check compares the two node by node).
 *
 * Weights are hard-wired: a `const` node stands for a weight (or a RoPE cos/sin value, or 1/d)
 * identified by its index; their values are outside the structure (see the uniformity note).
 */

export const OP_KINDS = ['input', 'const', 'mul', 'sum', 'exp', 'div'] as const;
export type OpKind = (typeof OP_KINDS)[number];
const K: Readonly<Record<OpKind, number>> = { input: 0, const: 1, mul: 2, sum: 3, exp: 4, div: 5 };

export interface FamilyParams {
  readonly n: number;
  readonly d: number;
  readonly rope: boolean;
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

/** The layer, written with loops: projections, keys, values, scores, exp, sums, division. */
export function generateLayer({ n, d, rope }: FamilyParams): OpGraph {
  const g = new GraphBuilder();
  const grid = <T>(a: number, b: number, f: (i: number, j: number) => T): T[][] => Array.from({ length: a }, (_, i) => Array.from({ length: b }, (_, j) => f(i, j)));
  const X = grid(n, d, () => g.node('input'));
  const W = Array.from({ length: 5 }, () => grid(d, d, () => g.node('const')));
  // Each projection: all products, then all sums.
  const prods = W.map((w) => grid(n, d, (i, l) => Array.from({ length: d }, (_, k) => g.node('mul', X[i]![k]!, w[k]![l]!))));
  const [Q, K1, K2, V1, V2] = prods.map((pm) => grid(n, d, (i, l) => g.node('sum', ...pm[i]![l]!)));
  const rows = (a: number[][], b: number[][]): number[][] => {
    const out: number[][] = [];
    for (let i2 = 0; i2 < n; i2++) for (let i1 = 0; i1 < n; i1++) out.push(a[i1]!.map((x, l) => g.node('mul', x, b[i2]![l]!)));
    return out;
  };
  let keysFor: (i: number) => number[][];
  if (!rope) {
    const keys = rows(K1!, K2!);
    keysFor = () => keys;
  } else {
    const half = Math.floor(d / 2);
    // cos, sin, -sin for every offset -(n-1)..(n-1) and pair.
    const cst = Array.from({ length: 2 * n - 1 }, () => Array.from({ length: half }, () => [g.node('const'), g.node('const'), g.node('const')] as const));
    const rotProducts = (mat: number[][]) =>
      grid(n, n, (i, j) =>
        Array.from({ length: d }, (_, l) => {
          const t = Math.floor(l / 2);
          const [c, s, ns] = cst[j - i + n - 1]![t]!;
          const a = mat[j]![2 * t]!;
          const b = mat[j]![2 * t + 1]!;
          return l % 2 === 0 ? [g.node('mul', c, a), g.node('mul', ns, b)] : [g.node('mul', s, a), g.node('mul', c, b)];
        }),
      );
    const p1 = rotProducts(K1!);
    const p2 = rotProducts(K2!);
    const rot = [p1, p2].map((pp) => grid(n, n, (i, j) => pp[i]![j]!.map((pair) => g.node('sum', ...pair))));
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
  num.forEach((row, i) => row.forEach((x) => g.node('div', x, D[i]!)));
  return g.graph();
}

interface Stage {
  readonly count: number;
  readonly kind: OpKind;
  /** Writes the inputs of node `t` of the stage into `out`; returns how many. */
  inputs(t: number, out: Int32Array): number;
}

/** The local description's stage table: node ranges and their input formulas. */
export function layerStages({ n, d, rope }: FamilyParams): Stage[] {
  const stages: Stage[] = [];
  let next = 0;
  const add = (count: number, kind: OpKind, inputs: Stage['inputs'] = () => 0): number => {
    const base = next;
    stages.push({ count, kind, inputs });
    next += count;
    return base;
  };
  const put = (out: Int32Array, ...xs: number[]): number => (out.set(xs), xs.length);
  const range = (out: Int32Array, from: number, count: number, step = 1): number => {
    for (let k = 0; k < count; k++) out[k] = from + k * step;
    return count;
  };
  const n2 = n * n;
  const X = add(n * d, 'input');
  const W = add(5 * d * d, 'const');
  const prod = add(5 * n * d * d, 'mul', (t, out) => {
    const k = t % d;
    const l = Math.floor(t / d) % d;
    const i = Math.floor(t / (d * d)) % n;
    const mat = Math.floor(t / (n * d * d));
    return put(out, X + i * d + k, W + mat * d * d + k * d + l);
  });
  const proj = add(5 * n * d, 'sum', (t, out) => range(out, prod + t * d, d));
  const P = (mat: number, i: number, l: number): number => proj + (mat * n + i) * d + l;
  const kron = (a: (row: number, l: number) => number, b: (row: number, l: number) => number) => (t: number, out: Int32Array): number => {
    const l = t % d;
    const c = Math.floor(t / d);
    return put(out, a(c % n, l), b(Math.floor(c / n), l));
  };
  let keyAt: (i: number, c: number, l: number) => number;
  if (!rope) {
    const keys = add(n2 * d, 'mul', kron((r, l) => P(1, r, l), (r, l) => P(2, r, l)));
    keyAt = (_i, c, l) => keys + c * d + l;
  } else {
    const half = Math.floor(d / 2);
    const C = add((2 * n - 1) * half * 3, 'const');
    const cst = (o: number, t: number, which: number): number => C + ((o + n - 1) * half + t) * 3 + which;
    // Products of (mat, i, j, l, side): side 0 reads the pair's first coordinate, 1 the second.
    const rp = add(2 * n2 * d * 2, 'mul', (t, out) => {
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
    const rot = add(2 * n2 * d, 'sum', (t, out) => range(out, rp + 2 * t, 2));
    const R = (mat: number, i: number, j: number, l: number): number => rot + (((mat - 1) * n + i) * n + j) * d + l;
    const keys = add(n * n2 * d, 'mul', (t, out) => {
      const i = Math.floor(t / (n2 * d));
      return kron((r, l) => R(1, i, r, l), (r, l) => R(2, i, r, l))(t % (n2 * d), out);
    });
    keyAt = (i, c, l) => keys + (i * n2 + c) * d + l;
  }
  const values = add(n2 * d, 'mul', kron((r, l) => P(3, r, l), (r, l) => P(4, r, l)));
  const sp = add(n * n2 * d, 'mul', (t, out) => {
    const l = t % d;
    const c = Math.floor(t / d) % n2;
    const i = Math.floor(t / (d * n2));
    return put(out, P(0, i, l), keyAt(i, c, l));
  });
  const score = add(n * n2, 'sum', (t, out) => range(out, sp + t * d, d));
  const invD = add(1, 'const');
  const scaled = add(n * n2, 'mul', (t, out) => put(out, score + t, invD));
  const A = add(n * n2, 'exp', (t, out) => put(out, scaled + t));
  const D = add(n, 'sum', (i, out) => range(out, A + i * n2, n2));
  const np = add(n * d * n2, 'mul', (t, out) => {
    const c = t % n2;
    const l = Math.floor(t / n2) % d;
    const i = Math.floor(t / (n2 * d));
    return put(out, A + i * n2 + c, values + c * d + l);
  });
  const num = add(n * d, 'sum', (t, out) => range(out, np + t * n2, n2));
  add(n * d, 'div', (t, out) => put(out, num + t, D + Math.floor(t / d)));
  return stages;
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
}

export interface FamilyMetrics {
  readonly depth: Required<OpDepth>;
  readonly counts: Readonly<Record<OpKind, number>>;
  /** Total number of inputs of all sums. */
  readonly sumInputs: number;
  readonly nodes: number;
}

/**
 * Longest path with symbolic depths (componentwise maximum at merges: exact when one input
 * dominates, which holds in these graphs, an upper bound otherwise) and node counts.
 */
export function familyMetrics(g: OpGraph, depthOf: (kind: OpKind, k: number) => OpDepth): FamilyMetrics {
  const gd = new Int32Array(g.size);
  const ed = new Int32Array(g.size);
  const dd = new Int32Array(g.size);
  const counts: Record<OpKind, number> = { input: 0, const: 0, mul: 0, sum: 0, exp: 0, div: 0 };
  // Costs by kind and arity, cached in plain numbers (this loop runs over millions of nodes).
  const costs = new Map<number, OpDepth>();
  let sumInputs = 0;
  let [og, oe, od] = [0, 0, 0];
  for (let i = 0; i < g.size; i++) {
    const kind = OP_KINDS[g.kind[i]!]!;
    counts[kind]++;
    const s = g.start[i]!;
    const e = g.start[i + 1]!;
    if (kind === 'sum') sumInputs += e - s;
    let a = 0;
    let b = 0;
    let c = 0;
    for (let j = s; j < e; j++) {
      const x = g.inputs[j]!;
      if (gd[x]! > a) a = gd[x]!;
      if (ed[x]! > b) b = ed[x]!;
      if (dd[x]! > c) c = dd[x]!;
    }
    if (kind !== 'input' && kind !== 'const') {
      const key = g.kind[i]! * 1e9 + (e - s);
      let cost = costs.get(key);
      if (!cost) costs.set(key, (cost = depthOf(kind, e - s)));
      a += cost.gates;
      b += cost.d_exp ?? 0;
      c += cost.d_div ?? 0;
    }
    gd[i] = a;
    ed[i] = b;
    dd[i] = c;
    if (a > og) og = a;
    if (b > oe) oe = b;
    if (c > od) od = c;
  }
  return { depth: { gates: og, d_exp: oe, d_div: od }, counts, sumInputs, nodes: g.size };
}

/** `101 + d_exp + d_div` */
export function showDepth(d: Required<OpDepth>): string {
  const sym = (k: string, v: number): string[] => (v === 0 ? [] : [v === 1 ? k : `${v} ${k}`]);
  return [String(d.gates), ...sym('d_exp', d.d_exp), ...sym('d_div', d.d_div)].join(' + ');
}
