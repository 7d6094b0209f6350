/**
 * The operator-level circuit family of a program: at concrete sizes, the graph whose nodes are
 * float operations (kinds from the operations table), inputs and constants (hard-wired weights,
 * tables, exact constants), built from the plan by nested loops: nodes are numbered as they are
 * created, block after block, each block's points in lexicographic order, and an operand is found
 * by looking its coordinates up in the table of the ids created for that block. (The local
 * description, describe.ts, computes the same numbers from the index alone, by rank arithmetic.)
 * `familyMetrics` measures the graph: node counts and the longest path with symbolic depths.
 */
import { METRIC_CEILING } from '../core/fit.js';
import type { Affine, Name } from './ast.js';
import type { Domain } from './domain.js';
import type { Plan } from './plan.js';

/** A graph in flat arrays: node i has kind `kind[i]` (into `kinds`) and inputs `inputs[start[i] .. start[i+1])`. */
export interface OpGraph {
  readonly kinds: readonly string[];
  readonly size: number;
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly inputs: Int32Array;
}

/** Positional bounds of a domain: for index t, lo = loC[t] + sum_s loA[t][s] u_s over s < t (also over `extra` leading values). */
export interface Compiled {
  readonly k: number;
  readonly loC: Int32Array;
  readonly hiC: Int32Array;
  /** Row-major k x width coefficients, width = the number of variables the bounds may use. */
  readonly loA: Int32Array;
  readonly hiA: Int32Array;
  readonly width: number;
}

/** Affine forms over `names` as rows [constant, coef_0, ..., coef_{width-1}]. */
export function rows(forms: readonly Affine[], names: readonly Name[]): { c: Int32Array; a: Int32Array } {
  const c = new Int32Array(forms.length);
  const a = new Int32Array(forms.length * names.length);
  const pos = new Map(names.map((n, i) => [n, i]));
  forms.forEach((f, t) => {
    c[t] = f.constant;
    for (const [v, x] of Object.entries(f.coefficients)) {
      const i = pos.get(v);
      if (i === undefined) throw new RangeError(`affine form over unknown index ${v} (known: ${names.join(', ')})`);
      a[t * names.length + i] = x;
    }
  });
  return { c, a };
}

/** A domain's bounds over (outer names, then its own names). */
export function compileDomain(d: Domain, outer: readonly Name[] = []): Compiled {
  const names = [...outer, ...d.names];
  const lo = rows(d.lo, names);
  const hi = rows(d.hi, names);
  return { k: d.names.length, loC: lo.c, hiC: hi.c, loA: lo.a, hiA: hi.a, width: names.length };
}

/** Value of row t of (c, a) at the point `u` (first `width` entries used). */
export function evalRow(c: Int32Array, a: Int32Array, t: number, width: number, u: ArrayLike<number>): number {
  let s = c[t]!;
  const o = t * width;
  for (let j = 0; j < width; j++) {
    const x = a[o + j]!;
    if (x !== 0) s += x * u[j]!;
  }
  return s;
}

/** Interval bounds of each index over the whole domain (for id tables). */
export function boundingBox(cd: Compiled, outerBox: ReadonlyArray<readonly [number, number]> = []): Array<[number, number]> {
  const box: Array<[number, number]> = outerBox.map(([a, b]) => [a, b]);
  const off = outerBox.length;
  for (let t = 0; t < cd.k; t++) {
    let lo = cd.loC[t]!;
    let hi = cd.hiC[t]!;
    for (let j = 0; j < off + t; j++) {
      const [a, b] = box[j]!;
      const la = cd.loA[t * cd.width + j]!;
      const ha = cd.hiA[t * cd.width + j]!;
      lo += Math.min(la * a, la * b);
      hi += Math.max(ha * a, ha * b);
    }
    box.push([lo, Math.max(lo, hi)]);
  }
  return box.slice(off);
}

interface IdTable {
  readonly lo: Int32Array;
  readonly stride: Int32Array;
  readonly ids: Int32Array;
}

/** A growable flat graph. */
class Builder {
  size = 0;
  kind = new Uint8Array(1 << 12);
  start = new Int32Array((1 << 12) + 1);
  inputs = new Int32Array(1 << 14);
  used = 0;
  push(kind: number): void {
    // Node ids and operand offsets are Int32: no count reaches the ceiling (rule bound-can-fail).
    if (this.size >= METRIC_CEILING) throw new RangeError(`the family has more than ${METRIC_CEILING} nodes: beyond the Int32 numbering`);
    if (this.size + 1 >= this.kind.length) {
      const k = new Uint8Array(this.kind.length * 2);
      k.set(this.kind);
      this.kind = k;
      const s = new Int32Array(this.start.length * 2);
      s.set(this.start);
      this.start = s;
    }
    this.kind[this.size] = kind;
    this.start[++this.size] = this.used;
  }
  input(x: number): void {
    if (this.used >= METRIC_CEILING) throw new RangeError(`the family has more than ${METRIC_CEILING} operands: beyond the Int32 numbering`);
    if (this.used === this.inputs.length) {
      const i = new Int32Array(this.inputs.length * 2);
      i.set(this.inputs);
      this.inputs = i;
    }
    this.inputs[this.used++] = x;
    this.start[this.size] = this.used;
  }
}

/**
 * An index into a box (offsets `lo`, strides `stride`) at coordinates given by affine rows is
 * itself affine in the point: K + sum_s g_s u_s.
 */
export function composeIndex(c: Int32Array, a: Int32Array, width: number, lo: ArrayLike<number>, stride: ArrayLike<number>): { K: number; g: Float64Array } {
  let K = 0;
  const g = new Float64Array(width);
  for (let t = 0; t < c.length; t++) {
    K += stride[t]! * (c[t]! - lo[t]!);
    for (let s = 0; s < width; s++) g[s]! += stride[t]! * a[t * width + s]!;
  }
  return { K, g };
}

/** K + sum_s g_s u_s. */
export function dot(K: number, g: Float64Array, u: ArrayLike<number>): number {
  let x = K;
  for (let s = 0; s < g.length; s++) x += g[s]! * u[s]!;
  return x;
}

/** The family member: nodes created block by block, operands looked up in id tables. */
export function generateFamily(plan: Plan): OpGraph {
  const g = new Builder();
  const tables: IdTable[] = [];
  const lookup = (ref: { block: number; K: number; g: Float64Array }, u: Int32Array): number => {
    const id = tables[ref.block]!.ids[dot(ref.K, ref.g, u)];
    if (id === undefined || id < 0) throw new RangeError(`block ${ref.block}: no node at the coordinates of an operand`);
    return id;
  };
  const flat = (block: number, at: readonly Affine[], names: readonly Name[]) => {
    const r = rows(at, names);
    const tab = tables[block]!;
    return { block, ...composeIndex(r.c, r.a, names.length, tab.lo, tab.stride) };
  };
  for (const block of plan.blocks) {
    const cd = compileDomain(block.domain);
    const box = boundingBox(cd);
    const lo = Int32Array.from(box.map(([a]) => a));
    const stride = new Int32Array(cd.k);
    let volume = 1;
    for (let t = cd.k - 1; t >= 0; t--) {
      stride[t] = volume;
      volume *= box[t]![1] - box[t]![0] + 1;
    }
    const ids = new Int32Array(volume).fill(-1);
    const names = block.domain.names;
    const args = block.args.map((r) => flat(r.block, r.at, names));
    const terms = block.terms.map((t) => ({ cd: compileDomain(t.domain, names), body: flat(t.body.block, t.body.at, [...names, ...t.domain.names]) }));
    const u = new Int32Array(Math.max(cd.k, ...terms.map((t) => t.cd.width)) + 1);
    const termHi = new Int32Array(64);
    // A run of a term's last index: consecutive id-table entries `step` apart.
    const runs = terms.map((term) => {
      const last = term.cd.width - 1;
      const tab = (): Int32Array => tables[term.body.block]!.ids;
      return (from: number, to: number): void => {
        const ids = tab();
        if (term.cd.k > 0) u[last] = from;
        let x = dot(term.body.K, term.body.g, u);
        const step = term.cd.k > 0 ? term.body.g[last]! : 0;
        for (let v = from; v <= to; v++, x += step) {
          const id = ids[x];
          if (id === undefined || id < 0) throw new RangeError(`block ${term.body.block}: no node at the coordinates of a summand`);
          g.input(id);
        }
      };
    });
    const emit = (): void => {
      const id = g.size;
      g.push(block.kind);
      let idx = 0;
      for (let t = 0; t < cd.k; t++) idx += (u[t]! - lo[t]!) * stride[t]!;
      ids[idx] = id;
      for (const a of args) g.input(lookup(a, u));
      for (let j = 0; j < terms.length; j++) forEachRun(terms[j]!.cd, u, cd.k, termHi, runs[j]!);
    };
    forEachPoint(cd, u, 0, new Int32Array(cd.k), emit);
    tables.push({ lo, stride, ids });
  }
  return { kinds: plan.kinds, size: g.size, kind: g.kind.subarray(0, g.size), start: g.start.subarray(0, g.size + 1), inputs: g.inputs.subarray(0, g.used) };
}

/**
 * Calls `f(from, to)` for every run of the domain's points that differ only in the last index
 * (which runs from..to; the other indices are in u[offset ..], u[0 .. offset) fixed); a domain
 * without indices is one run of one point, `f(0, 0)`. `hi` is scratch.
 */
export function forEachRun(cd: Compiled, u: Int32Array, offset: number, hi: Int32Array, f: (from: number, to: number) => void): void {
  const k = cd.k;
  if (k === 0) {
    f(0, 0);
    return;
  }
  let t = 0;
  u[offset] = evalRow(cd.loC, cd.loA, 0, cd.width, u);
  hi[0] = evalRow(cd.hiC, cd.hiA, 0, cd.width, u);
  for (;;) {
    if (u[offset + t]! > hi[t]!) {
      if (t === 0) return;
      t--;
      u[offset + t]!++;
      continue;
    }
    if (t === k - 1) {
      const from = u[offset + t]!;
      if (from <= hi[t]!) f(from, hi[t]!);
      u[offset + t] = hi[t]! + 1;
      continue;
    }
    t++;
    u[offset + t] = evalRow(cd.loC, cd.loA, t, cd.width, u);
    hi[t] = evalRow(cd.hiC, cd.hiA, t, cd.width, u);
  }
}

/** Calls `f` for every point of the domain, written into u[offset ..] (u[0 .. offset) fixed); `hi` is scratch. */
export function forEachPoint(cd: Compiled, u: Int32Array, offset: number, hi: Int32Array, f: () => void): void {
  const last = offset + cd.k - 1;
  forEachRun(cd, u, offset, hi, (from, to) => {
    for (let v = from; v <= to; v++) {
      if (cd.k > 0) u[last] = v;
      f();
    }
    if (cd.k > 0) u[last] = to;
  });
}

// ---------------------------------------------------------------------------------------------

/** A node's depth: gate layers plus multiples of the symbols of assumed operations. */
export type DepthVector = Readonly<Record<string, number>>;

export interface FamilyMetrics {
  /** Longest path: `gates` and one entry per assumed symbol (componentwise maximum at merges). */
  readonly depth: DepthVector;
  /** Nodes of each kind. */
  readonly counts: Readonly<Record<string, number>>;
  /** Operands of all nodes of each variadic kind (the summands of all sums, ...). */
  readonly operands: Readonly<Record<string, number>>;
  readonly nodes: number;
  /** Operation nodes by kind and number of operands. */
  readonly shapes: ReadonlyArray<{ readonly kind: string; readonly arity: number; readonly count: number }>;
}

/**
 * Longest path (each node costs its kind's depth after its latest operand; a vector of gate
 * layers and symbols, componentwise maximum at merges: exact when one operand dominates, an
 * upper bound otherwise) and counts.
 */
export function familyMetrics(g: OpGraph, cost: (kind: string) => DepthVector): FamilyMetrics {
  const symbols = [...new Set(g.kinds.flatMap((k) => Object.keys(cost(k))))].sort((a, b) => (a === 'gates' ? -1 : b === 'gates' ? 1 : a < b ? -1 : 1));
  const parts = symbols.includes('gates') ? symbols : ['gates', ...symbols];
  const P = parts.length;
  const costs = g.kinds.map((k) => parts.map((s) => cost(k)[s] ?? 0));
  const depth = new Int32Array(g.size * P);
  const deepest = new Array<number>(P).fill(0);
  const counts = new Array<number>(g.kinds.length).fill(0);
  const operands = new Array<number>(g.kinds.length).fill(0);
  const shapes = new Map<number, number>();
  for (let i = 0; i < g.size; i++) {
    const kind = g.kind[i]!;
    counts[kind]!++;
    const s = g.start[i]!;
    const e = g.start[i + 1]!;
    operands[kind]! += e - s;
    const o = i * P;
    for (let j = s; j < e; j++) {
      const x = g.inputs[j]! * P;
      for (let q = 0; q < P; q++) if (depth[x + q]! > depth[o + q]!) depth[o + q] = depth[x + q]!;
    }
    const c = costs[kind]!;
    for (let q = 0; q < P; q++) {
      depth[o + q]! += c[q]!;
      if (depth[o + q]! > deepest[q]!) deepest[q] = depth[o + q]!;
    }
    if (kind > 1) shapes.set(kind * 1e9 + (e - s), (shapes.get(kind * 1e9 + (e - s)) ?? 0) + 1);
  }
  const byKind = (xs: number[]): Record<string, number> => Object.fromEntries(g.kinds.map((k, i) => [k, xs[i]!]));
  return {
    depth: Object.fromEntries(parts.map((s, q) => [s, deepest[q]!])),
    counts: byKind(counts),
    operands: byKind(operands),
    nodes: g.size,
    shapes: [...shapes].map(([key, count]) => ({ kind: g.kinds[Math.floor(key / 1e9)]!, arity: key % 1e9, count })),
  };
}

/** `101 + d_exp + d_div`: gate layers, then each symbol. */
export function showDepthVector(d: DepthVector): string {
  const parts = [String(d.gates ?? 0)];
  for (const [s, v] of Object.entries(d)) if (s !== 'gates' && v !== 0) parts.push(v === 1 ? s : `${v} ${s}`);
  return parts.join(' + ');
}

