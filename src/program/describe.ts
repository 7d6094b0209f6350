/**
 * The local description of a program's family (uniformity): from a node's index alone, its kind
 * and its operands, by arithmetic on the index. The node numbering is the plan's: blocks one after
 * another, each block's points in lexicographic order. Here a block's first index is the sum of
 * the earlier blocks' volumes, and a point's position within its block is its rank, both closed
 * forms (polynomials of the nested ranges, Faulhaber); a node's point comes back from its index
 * by inverting the rank (division per index for rectangular blocks, a binary search per index
 * otherwise); an operand's index is the operand block's first index plus the rank of the
 * operand's coordinates. No table of nodes is built: the description holds only constants of the
 * program at these sizes (block bounds, affine maps, rank polynomials), so its work per node does
 * not grow with the family beyond listing the node's operands.
 */
import { Rational } from '../core/rational.js';
import type { Name } from './ast.js';
import type { Domain } from './domain.js';
import { type Compiled, compileDomain, composeIndex, dot, evalRow, forEachRun, rows } from './family.js';
import type { Plan } from './plan.js';
import { Poly, volume } from './poly.js';

/** A polynomial with integer coefficients over indexed variables, divided by a common denominator. */
interface IntPoly {
  readonly den: number;
  /** Terms: coefficient, then (variable position, exponent) pairs. */
  readonly terms: ReadonlyArray<{ readonly c: number; readonly vars: readonly number[]; readonly exps: readonly number[] }>;
}

function intPoly(p: Poly, names: readonly Name[]): IntPoly {
  const pos = new Map(names.map((n, i) => [n, i]));
  let den = 1n;
  for (const { c } of p.terms.values()) den = (den * c.den) / gcd(den, c.den);
  const terms = [...p.terms.values()].map(({ m, c }) => {
    const scaled = c.mul(Rational.of(den));
    return { c: Number(scaled.num), vars: m.map(([v]) => pos.get(v)!), exps: m.map(([, e]) => e) };
  });
  return { den: Number(den), terms };
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

function evalInt(p: IntPoly, u: ArrayLike<number>): number {
  let s = 0;
  for (const t of p.terms) {
    let x = t.c;
    for (let j = 0; j < t.vars.length; j++) x *= u[t.vars[j]!]! ** t.exps[j]!;
    s += x;
  }
  return s / p.den;
}

/** Rank and unrank for the points of one domain. */
class Ranker {
  readonly volume: number;
  private readonly k: number;
  private readonly cd: Compiled;
  /** Rectangular: every bound is a constant. */
  private readonly strides?: Int32Array;
  /** Otherwise: prefix[t](u_0..u_t) = the number of points before (u_0..u_t, lo, ...) among those with prefix u_0..u_{t-1}. */
  private readonly prefix?: IntPoly[];

  constructor(d: Domain) {
    this.k = d.names.length;
    this.cd = compileDomain(d);
    this.volume = Number(volume(d.names, d.lo, d.hi).eval({}).num);
    const rectangular = [...d.lo, ...d.hi].every((a) => Object.keys(a.coefficients).length === 0);
    if (rectangular) {
      const strides = new Int32Array(this.k);
      let v = 1;
      for (let t = this.k - 1; t >= 0; t--) {
        strides[t] = v;
        v *= d.hi[t]!.constant - d.lo[t]!.constant + 1;
      }
      this.strides = strides;
      return;
    }
    // vol[t] = points of levels t.. given u_0..u_{t-1}; prefix[t] sums vol[t+1] over lo_t..u_t - 1.
    const vol: Poly[] = new Array(this.k + 1);
    vol[this.k] = Poly.constant(1);
    for (let t = this.k - 1; t >= 0; t--) vol[t] = vol[t + 1]!.sumOver(d.names[t]!, Poly.fromAffine(d.lo[t]!), Poly.fromAffine(d.hi[t]!));
    this.prefix = d.names.map((name, t) => {
      const v = '#v';
      const p = vol[t + 1]!.subst(name, Poly.variable(v)).sumOver(v, Poly.fromAffine(d.lo[t]!), Poly.variable(name).sub(Poly.constant(1)));
      return intPoly(p, d.names);
    });
  }

  /** For a rectangular domain: the rank is affine, base + sum stride_t (x_t - lo_t); composed with affine coordinates. */
  affineRank(base: number, c: Int32Array, a: Int32Array, width: number): { K: number; g: Float64Array } | undefined {
    if (!this.strides) return undefined;
    const r = composeIndex(c, a, width, this.cd.loC, this.strides);
    return { K: r.K + base, g: r.g };
  }

  rank(u: ArrayLike<number>): number {
    let r = 0;
    if (this.strides) {
      for (let t = 0; t < this.k; t++) r += (u[t]! - this.cd.loC[t]!) * this.strides[t]!;
      return r;
    }
    for (let t = 0; t < this.k; t++) r += evalInt(this.prefix![t]!, u);
    return r;
  }

  /** The point of rank r, written into u[0 .. k). */
  unrank(r: number, u: Int32Array): void {
    let rest = r;
    if (this.strides) {
      for (let t = 0; t < this.k; t++) {
        const q = Math.floor(rest / this.strides[t]!);
        u[t] = this.cd.loC[t]! + q;
        rest -= q * this.strides[t]!;
      }
      return;
    }
    for (let t = 0; t < this.k; t++) {
      let lo = evalRow(this.cd.loC, this.cd.loA, t, this.cd.width, u);
      let hi = evalRow(this.cd.hiC, this.cd.hiA, t, this.cd.width, u);
      const p = this.prefix![t]!;
      // The largest u_t with prefix(u_t) <= rest (prefix is increasing in u_t).
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        u[t] = mid;
        if (evalInt(p, u) <= rest) lo = mid;
        else hi = mid - 1;
      }
      u[t] = lo;
      rest -= evalInt(p, u);
    }
  }
}

/** An operand: the target block's node at affine coordinates; `index` set when its index is affine too (rectangular target). */
interface OperandRef {
  readonly block: number;
  readonly c: Int32Array;
  readonly a: Int32Array;
  readonly width: number;
  readonly index?: { readonly K: number; readonly g: Float64Array };
}

interface Described {
  readonly kind: number;
  /** The block's number of indices. */
  readonly k: number;
  readonly base: number;
  readonly ranker: Ranker;
  readonly args: readonly OperandRef[];
  readonly terms: ReadonlyArray<{ readonly cd: Compiled; readonly body: OperandRef; readonly run: (from: number, to: number) => void }>;
}

export class LocalDescription {
  readonly kinds: readonly string[];
  /** Number of nodes (the sum of the block volumes). */
  readonly size: number;
  /** The kind of the node last described. */
  kind = -1;
  private readonly blocks: Described[];
  private readonly bases: Float64Array;
  private readonly u = new Int32Array(64);
  private readonly v = new Int32Array(64);
  private readonly hi = new Int32Array(64);

  constructor(plan: Plan) {
    this.kinds = plan.kinds;
    let base = 0;
    const made: Described[] = [];
    const operand = (block: number, at: Parameters<typeof rows>[0], names: readonly Name[]): OperandRef => {
      const r = rows(at, names);
      const target = made[block]!;
      const index = target.ranker.affineRank(target.base, r.c, r.a, names.length);
      return { block, ...r, width: names.length, ...(index ? { index } : {}) };
    };
    for (const b of plan.blocks) {
      const ranker = new Ranker(b.domain);
      const names = b.domain.names;
      made.push({
        kind: b.kind,
        k: names.length,
        base,
        ranker,
        args: b.args.map((r) => operand(r.block, r.at, names)),
        terms: b.terms.map((t) => {
          const cd = compileDomain(t.domain, names);
          const body = operand(t.body.block, t.body.at, [...names, ...t.domain.names]);
          return { cd, body, run: this.runOf(cd, body) };
        }),
      });
      base += ranker.volume;
    }
    this.blocks = made;
    this.size = base;
    this.bases = Float64Array.from(this.blocks.map((b) => b.base));
  }

  /** Where `describe` writes operands. */
  private out: Int32Array = new Int32Array(0);
  private n = 0;

  /** Writes the operands of one run of a term's last index (an arithmetic progression when the operand's index is affine). */
  private runOf(cd: Compiled, body: OperandRef): (from: number, to: number) => void {
    const last = cd.width - 1;
    const u = this.u;
    return (from, to) => {
      const out = this.out;
      if (cd.k > 0) u[last] = from;
      if (body.index) {
        const step = cd.k > 0 ? body.index.g[last]! : 0;
        for (let v = from, x = dot(body.index.K, body.index.g, u); v <= to; v++, x += step) out[this.n++] = x;
      } else
        for (let v = from; v <= to; v++) {
          u[last] = v;
          out[this.n++] = this.indexOf(body, u);
        }
    };
  }

  private indexOf(ref: OperandRef, u: Int32Array): number {
    if (ref.index) return dot(ref.index.K, ref.index.g, u);
    const target = this.blocks[ref.block]!;
    const v = this.v;
    const k = ref.c.length;
    for (let t = 0; t < k; t++) v[t] = evalRow(ref.c, ref.a, t, ref.width, u);
    return target.base + target.ranker.rank(v);
  }

  /** Writes the operands of node `index` into `out`, returns how many (-1: no such node); sets `kind`. */
  describe(index: number, out: Int32Array): number {
    if (index < 0 || index >= this.size) return -1;
    // The block: the last whose first index is <= index.
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.bases[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    const b = this.blocks[lo]!;
    this.kind = b.kind;
    const u = this.u;
    b.ranker.unrank(index - b.base, u);
    this.out = out;
    this.n = 0;
    for (const a of b.args) out[this.n++] = this.indexOf(a, u);
    for (const t of b.terms) forEachRun(t.cd, u, b.k, this.hi, t.run);
    return this.n;
  }
}
