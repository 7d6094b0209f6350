/**
 * Bit-sliced compiled evaluation: the netlist becomes JavaScript that evaluates 32 input
 * patterns per int32 word (see docs/backends.md: 15-19e9 gate evaluations/s for this scheme, against ~1e9
 * for an interpreter).
 *
 * A threshold gate `[sum w_i y_i >= T]` (weights made positive by negating literals) is computed
 * as an adder tree over bit planes: the literal y_i is added into every column where w_i has a
 * one bit, the constant `2^B - T` is added too, columns are compressed with full adders, and the
 * answer is the carry into column B (B = bit length of sum w_i). Gates that read the same weighted
 * sum with different thresholds (the first layer of every depth-2 adder) compute the sum bits
 * once and compare them with each threshold.
 *
 * Values live in one Int32Array of rows (one row of `batchWords` words per input bit, per output
 * bit and per gate that crosses a chunk boundary); inside a chunk every wire is a local constant.
 */
import { type Circuit, FALSE_WIRE, FIRST_INPUT_WIRE, TRUE_WIRE } from './ir.js';
import { bitLength } from '../core/rational.js';

/** Gates per generated function; larger circuits are split into chunks that V8 still optimises. */
const CHUNK_FANIN = 12_000;

export interface CompiledCircuit {
  readonly numInputs: number;
  readonly numOutputs: number;
  readonly numGates: number;
  /** Words per row: `run` evaluates up to 32 * batchWords patterns. */
  readonly batchWords: number;
  readonly values: Int32Array;
  /** Offset of the row of input bit i (in port order, little-endian within a port). */
  inputOffset(i: number): number;
  /** Offset of the row of output bit j (in port order). */
  outputOffset(j: number): number;
  /** Evaluates the first `words` words of every row. */
  run(words: number): void;
}

export function compile(c: Circuit, batchWords = 256): CompiledCircuit {
  const base = FIRST_INPUT_WIRE + c.numInputs;
  const outWires = c.outputs.flatMap((p) => p.wires);

  // Split gates into chunks by accumulated fan-in.
  const chunkOf = new Int32Array(c.numGates);
  const chunkBounds: Array<[number, number]> = [];
  let start = 0;
  let acc = 0;
  for (let g = 0; g < c.numGates; g++) {
    acc += c.gateStart[g + 1]! - c.gateStart[g]! + 1;
    chunkOf[g] = chunkBounds.length;
    if (acc >= CHUNK_FANIN || g === c.numGates - 1) {
      chunkBounds.push([start, g + 1]);
      start = g + 1;
      acc = 0;
    }
  }

  // A wire needs a row if it is an input, an output, or read by a later chunk than its own.
  const rowOf = new Int32Array(c.numWires).fill(-1);
  let rows = 0;
  const giveRow = (w: number): void => {
    if (w > TRUE_WIRE && rowOf[w] === -1) rowOf[w] = rows++;
  };
  for (let i = 0; i < c.numInputs; i++) giveRow(FIRST_INPUT_WIRE + i);
  for (const w of outWires) giveRow(w);
  for (let g = 0; g < c.numGates; g++)
    for (let i = c.gateStart[g]!; i < c.gateStart[g + 1]!; i++) {
      const w = c.faninWires[i]!;
      const src = w - base;
      if (src >= 0 && chunkOf[src] !== chunkOf[g]) giveRow(w);
    }
  rows = Math.max(rows, 1);
  const values = new Int32Array(rows * batchWords);

  const chunkFns = chunkBounds.map(([s, e]) => compileChunk(c, s, e, rowOf, batchWords));

  return {
    numInputs: c.numInputs,
    numOutputs: outWires.length,
    numGates: c.numGates,
    batchWords,
    values,
    inputOffset: (i) => rowOf[FIRST_INPUT_WIRE + i]! * batchWords,
    // Constant outputs have no row: -1 stands for false, -2 for true.
    outputOffset: (j) => {
      const w = outWires[j]!;
      return w <= TRUE_WIRE ? -1 - w : rowOf[w]! * batchWords;
    },
    run(words: number): void {
      for (const f of chunkFns) f(values, words);
    },
  };
}

/** Reads output bit j of pattern `pattern` after `run` (handles constant outputs). */
export function outputBit(cc: CompiledCircuit, j: number, pattern: number): number {
  const off = cc.outputOffset(j);
  if (off < 0) return off === -1 ? 0 : 1; // -1 - FALSE_WIRE = -1, -1 - TRUE_WIRE = -2
  return (cc.values[off + (pattern >>> 5)]! >>> (pattern & 31)) & 1;
}

type ChunkFn = (v: Int32Array, words: number) => void;

function compileChunk(c: Circuit, s: number, e: number, rowOf: Int32Array, B: number): ChunkFn {
  const base = FIRST_INPUT_WIRE + c.numInputs;
  const em = new Emitter();
  const loads = new Map<number, string>();
  const name = (w: number): string => {
    if (w === FALSE_WIRE) return '0';
    if (w === TRUE_WIRE) return '-1';
    const g = w - base;
    if (g >= s && g < e) return `g${w}`;
    let n = loads.get(w);
    if (!n) {
      n = `w${w}`;
      loads.set(w, n);
    }
    return n;
  };
  // Gates of this chunk sharing a weighted sum: key -> gates.
  const groups = new Map<string, number[]>();
  const keyOf: string[] = [];
  for (let g = s; g < e; g++) {
    const parts: string[] = [];
    for (let i = c.gateStart[g]!; i < c.gateStart[g + 1]!; i++) parts.push(`${c.faninWires[i]}:${c.faninWeights[i]}`);
    const k = parts.join(',');
    keyOf.push(k);
    const arr = groups.get(k);
    if (arr) arr.push(g);
    else groups.set(k, [g]);
  }
  const sharedSums = new Map<string, string[]>();
  const stores: string[] = [];
  for (let g = s; g < e; g++) {
    const lits: Array<[string, bigint]> = [];
    let t = c.thresholds[g]!;
    let total = 0n;
    for (let i = c.gateStart[g]!; i < c.gateStart[g + 1]!; i++) {
      const w = c.faninWeights[i]!;
      const x = name(c.faninWires[i]!);
      if (w > 0n) lits.push([x, w]);
      else {
        lits.push([em.not(x), -w]);
        t += -w;
      }
      total += w > 0n ? w : -w;
    }
    const key = keyOf[g - s]!;
    let out: string;
    if (t <= 0n) out = '-1';
    else if (t > total) out = '0';
    else if (groups.get(key)!.length > 1) {
      let bits = sharedSums.get(key);
      if (!bits) {
        bits = em.sumBits(lits, total);
        sharedSums.set(key, bits);
      }
      out = em.geConst(bits, t);
    } else out = em.threshold(lits, t, total);
    const w = base + g;
    em.line(`const g${w}=${out};`);
    if (rowOf[w]! >= 0) stores.push(`v[${rowOf[w]! * B}+k]=g${w};`);
  }
  const loadLines = [...loads].map(([w, n]) => `const ${n}=v[${rowOf[w]! * B}+k];`);
  const src = `for(let k=0;k<words;k++){${loadLines.join('')}${em.body.join('')}${stores.join('')}}`;
  return new Function('v', 'words', src) as ChunkFn;
}

/** Emits word-level code with constant folding ('0' = all patterns false, '-1' = all true). */
class Emitter {
  readonly body: string[] = [];
  private n = 0;
  private readonly negs = new Map<string, string>();
  /** Common subexpressions: gates over overlapping weighted sums (the bits of one product) share their lower columns. */
  private readonly known = new Map<string, string>();

  line(s: string): void {
    this.body.push(s);
  }
  private let(expr: string): string {
    let v = this.known.get(expr);
    if (v) return v;
    v = `t${this.n++}`;
    this.known.set(expr, v);
    this.body.push(`const ${v}=${expr};`);
    return v;
  }
  /** Operands of a commutative operator in a canonical order, so `a&b` and `b&a` are one expression. */
  private op(a: string, o: string, b: string): string {
    return this.let(a < b ? `${a}${o}${b}` : `${b}${o}${a}`);
  }
  not(a: string): string {
    if (a === '0') return '-1';
    if (a === '-1') return '0';
    let r = this.negs.get(a);
    if (!r) {
      r = this.let(`~${a}`);
      this.negs.set(a, r);
      this.negs.set(r, a);
    }
    return r;
  }
  and(a: string, b: string): string {
    if (a === '0' || b === '0') return '0';
    if (a === '-1') return b;
    if (b === '-1' || a === b) return a;
    return this.op(a, '&', b);
  }
  or(a: string, b: string): string {
    if (a === '-1' || b === '-1') return '-1';
    if (a === '0') return b;
    if (b === '0' || a === b) return a;
    return this.op(a, '|', b);
  }
  xor(a: string, b: string): string {
    if (a === '0') return b;
    if (b === '0') return a;
    if (a === '-1') return this.not(b);
    if (b === '-1') return this.not(a);
    if (a === b) return '0';
    return this.op(a, '^', b);
  }
  maj(a: string, b: string, c: string): string {
    if (a === '0') return this.and(b, c);
    if (b === '0') return this.and(a, c);
    if (c === '0') return this.and(a, b);
    if (a === '-1') return this.or(b, c);
    if (b === '-1') return this.or(a, c);
    if (c === '-1') return this.or(a, b);
    const [x, y, z] = [a, b, c].sort() as [string, string, string];
    return this.let(`(${x}&${y})|(${z}&(${x}|${y}))`);
  }
  /** Full adder: [sum, carry]. */
  fa(a: string, b: string, c: string): [string, string] {
    const t = this.xor(a, b);
    return [this.xor(t, c), this.or(this.and(a, b), this.and(t, c))];
  }

  /** Bit planes of sum w_i y_i (all w_i > 0), least significant first; `total` = sum of w_i. */
  sumBits(lits: ReadonlyArray<[string, bigint]>, total: bigint): string[] {
    const width = bitLength(total);
    const cols = columns(lits, width);
    const bits: string[] = [];
    for (let j = 0; j < width; j++) {
      const col = cols[j]!;
      while (col.length >= 3) {
        const [sum, carry] = this.fa(col.pop()!, col.pop()!, col.pop()!);
        col.unshift(sum);
        cols[j + 1]?.push(carry);
      }
      if (col.length === 2) {
        const [a, b] = col as [string, string];
        cols[j + 1]?.push(this.and(a, b));
        bits.push(this.xor(a, b));
      } else bits.push(col[0] ?? '0');
    }
    return bits;
  }

  /** [S >= t] for bit planes S (LSB first), 1 <= t < 2^S.length. */
  geConst(bits: readonly string[], t: bigint): string {
    let ge = '-1';
    for (let j = 0; j < bits.length; j++) ge = (t >> BigInt(j)) & 1n ? this.and(bits[j]!, ge) : this.or(bits[j]!, ge);
    return ge;
  }

  /** [sum w_i y_i >= t] for 1 <= t <= total, via the carry into column B of sum + 2^B - t. */
  threshold(lits: ReadonlyArray<[string, bigint]>, t: bigint, total: bigint): string {
    if (lits.every(([, w]) => w === lits[0]![1])) {
      const k = (t + lits[0]![1] - 1n) / lits[0]![1];
      if (k === 1n) return lits.reduce((acc, [y]) => this.or(acc, y), '0');
      if (k === BigInt(lits.length)) return lits.reduce((acc, [y]) => this.and(acc, y), '-1');
    }
    const width = bitLength(total);
    const cols = columns(lits, width + 1);
    const c = (1n << BigInt(width)) - t;
    for (let j = 0; j < width; j++) if ((c >> BigInt(j)) & 1n) cols[j]!.push('-1');
    for (let j = 0; j < width; j++) {
      const col = cols[j]!;
      while (col.length > 3) {
        const [sum, carry] = this.fa(col.pop()!, col.pop()!, col.pop()!);
        col.unshift(sum);
        cols[j + 1]!.push(carry);
      }
      // The last sum bit of a column below B never matters: only carries reach column B.
      if (col.length === 3) cols[j + 1]!.push(this.maj(col[0]!, col[1]!, col[2]!));
      else if (col.length === 2) cols[j + 1]!.push(this.and(col[0]!, col[1]!));
    }
    return cols[width]!.reduce((acc, y) => this.or(acc, y), '0');
  }
}

function columns(lits: ReadonlyArray<[string, bigint]>, width: number): string[][] {
  const cols: string[][] = Array.from({ length: width }, () => []);
  for (const [y, w] of lits) {
    let j = 0;
    for (let r = w; r > 0n; r >>= 1n, j++) if (r & 1n) cols[j]!.push(y);
  }
  return cols;
}
