/**
 * Lowering a netlist to word-level operations on bit planes, shared by both targets of the
 * compiled evaluator (`compile.ts`): each threshold gate becomes an adder tree of AND, OR, XOR,
 * NOT and MAJ operations (see `compile.ts` for the scheme), with constant folding, common
 * subexpressions and dead operations removed.
 */
import { type Circuit, FALSE_WIRE, FIRST_INPUT_WIRE, TRUE_WIRE } from './ir.js';
import { bitLength } from '../core/rational.js';

/** Gates per generated function; larger circuits are split into chunks that V8 still optimises. */
const CHUNK_FANIN = 12_000;

/** Word-level operations; operands are values (0: all false, 1: all true, >= 2: results). */
export const OP_AND = 0;
export const OP_OR = 1;
export const OP_XOR = 2;
export const OP_NOT = 3;
/** Majority of three. */
export const OP_MAJ = 4;

/** Values of a chunk: 0 and 1 are the constants, then loaded rows, then results in order. */
export interface LoweredChunk {
  /** Rows read by this chunk: value `2 + i` is row `loads[i]`. */
  readonly loads: readonly number[];
  /** Five ints per operation: op, result value, operands a, b, c (c only for MAJ). */
  readonly code: Int32Array;
  /** Rows written at the end: [row, value]. */
  readonly stores: ReadonlyArray<readonly [number, number]>;
  /** Number of values (constants included). */
  readonly numValues: number;
}

export interface LoweredCircuit {
  readonly rows: number;
  /** Row of each input bit. */
  readonly inputRows: readonly number[];
  /** Row of each output bit; -1 for constant false, -2 for constant true. */
  readonly outputRows: readonly number[];
  readonly chunks: readonly LoweredChunk[];
}

/** Lowers a circuit to word-level operations, in chunks of about CHUNK_FANIN fan-in. */
export function lower(c: Circuit): LoweredCircuit {
  const base = FIRST_INPUT_WIRE + c.numInputs;
  const outWires = c.outputs.flatMap((p) => p.wires);

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
  return {
    rows,
    inputRows: Array.from({ length: c.numInputs }, (_, i) => rowOf[FIRST_INPUT_WIRE + i]!),
    outputRows: outWires.map((w) => (w === FALSE_WIRE ? -1 : w === TRUE_WIRE ? -2 : rowOf[w]!)),
    chunks: chunkBounds.map(([s, e]) => lowerChunk(c, s, e, rowOf)),
  };
}

function lowerChunk(c: Circuit, s: number, e: number, rowOf: Int32Array): LoweredChunk {
  const base = FIRST_INPUT_WIRE + c.numInputs;
  // Rows read by this chunk become the first values after the constants.
  const loads: number[] = [];
  const loaded = new Map<number, number>();
  for (let g = s; g < e; g++)
    for (let i = c.gateStart[g]!; i < c.gateStart[g + 1]!; i++) {
      const w = c.faninWires[i]!;
      if (w > TRUE_WIRE && !(w - base >= s && w - base < e) && !loaded.has(w)) {
        loaded.set(w, 2 + loads.length);
        loads.push(rowOf[w]!);
      }
    }
  const em = new Lowering(2 + loads.length);
  const valueOf = new Map<number, number>(loaded);
  const name = (w: number): number => (w === FALSE_WIRE ? 0 : w === TRUE_WIRE ? 1 : valueOf.get(w)!);
  // Gates of this chunk sharing a weighted sum: key -> number of gates.
  const keyOf: string[] = [];
  const groupSize = new Map<string, number>();
  for (let g = s; g < e; g++) {
    const parts: string[] = [];
    for (let i = c.gateStart[g]!; i < c.gateStart[g + 1]!; i++) parts.push(`${c.faninWires[i]}:${c.faninWeights[i]}`);
    const k = parts.join(',');
    keyOf.push(k);
    groupSize.set(k, (groupSize.get(k) ?? 0) + 1);
  }
  const sharedSums = new Map<string, number[]>();
  const stores: Array<[number, number]> = [];
  for (let g = s; g < e; g++) {
    const lits: Array<[number, bigint]> = [];
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
    let out: number;
    if (t <= 0n) out = 1;
    else if (t > total) out = 0;
    else if (groupSize.get(key)! > 1) {
      let bits = sharedSums.get(key);
      if (!bits) {
        bits = em.sumBits(lits, total);
        sharedSums.set(key, bits);
      }
      out = em.geConst(bits, t);
    } else out = em.threshold(lits, t, total);
    const w = base + g;
    valueOf.set(w, out);
    if (rowOf[w]! >= 0) stores.push([rowOf[w]!, out]);
  }
  return { loads, code: liveCode(em.code, stores, em.numValues), stores, numValues: em.numValues };
}

/** The operations some store depends on (shared sums leave unused bits behind). */
function liveCode(code: readonly number[], stores: ReadonlyArray<readonly [number, number]>, numValues: number): Int32Array {
  const live = new Uint8Array(numValues);
  for (const [, v] of stores) live[v] = 1;
  const keep = new Uint8Array(code.length / 5);
  for (let i = code.length / 5 - 1; i >= 0; i--) {
    if (!live[code[i * 5 + 1]!]) continue;
    keep[i] = 1;
    live[code[i * 5 + 2]!] = live[code[i * 5 + 3]!] = live[code[i * 5 + 4]!] = 1;
  }
  const out: number[] = [];
  for (let i = 0; i < keep.length; i++) if (keep[i]) out.push(...code.slice(i * 5, i * 5 + 5));
  return Int32Array.from(out);
}

/** Emits word-level operations with constant folding and common subexpressions. */
class Lowering {
  readonly code: number[] = [];
  private readonly negs = new Map<number, number>();
  /** Gates over overlapping weighted sums (the bits of one product) share their lower columns. */
  private readonly known = new Map<string, number>();

  constructor(public numValues: number) {}

  private emit(op: number, a: number, b = 0, c = 0): number {
    const key = `${op},${a},${b},${c}`;
    let v = this.known.get(key);
    if (v !== undefined) return v;
    v = this.numValues++;
    this.known.set(key, v);
    this.code.push(op, v, a, b, c);
    return v;
  }
  not(a: number): number {
    if (a <= 1) return 1 - a;
    let r = this.negs.get(a);
    if (r === undefined) {
      r = this.emit(OP_NOT, a);
      this.negs.set(a, r);
      this.negs.set(r, a);
    }
    return r;
  }
  and(a: number, b: number): number {
    if (a === 0 || b === 0) return 0;
    if (a === 1) return b;
    if (b === 1 || a === b) return a;
    return a < b ? this.emit(OP_AND, a, b) : this.emit(OP_AND, b, a);
  }
  or(a: number, b: number): number {
    if (a === 1 || b === 1) return 1;
    if (a === 0) return b;
    if (b === 0 || a === b) return a;
    return a < b ? this.emit(OP_OR, a, b) : this.emit(OP_OR, b, a);
  }
  xor(a: number, b: number): number {
    if (a === 0) return b;
    if (b === 0) return a;
    if (a === 1) return this.not(b);
    if (b === 1) return this.not(a);
    if (a === b) return 0;
    return a < b ? this.emit(OP_XOR, a, b) : this.emit(OP_XOR, b, a);
  }
  maj(a: number, b: number, c: number): number {
    if (a === 0) return this.and(b, c);
    if (b === 0) return this.and(a, c);
    if (c === 0) return this.and(a, b);
    if (a === 1) return this.or(b, c);
    if (b === 1) return this.or(a, c);
    if (c === 1) return this.or(a, b);
    const [x, y, z] = [a, b, c].sort((p, q) => p - q) as [number, number, number];
    return this.emit(OP_MAJ, x, y, z);
  }
  /** Full adder: [sum, carry]. */
  fa(a: number, b: number, c: number): [number, number] {
    const t = this.xor(a, b);
    return [this.xor(t, c), this.or(this.and(a, b), this.and(t, c))];
  }

  /** Bit planes of sum w_i y_i (all w_i > 0), least significant first; `total` = sum of w_i. */
  sumBits(lits: ReadonlyArray<[number, bigint]>, total: bigint): number[] {
    const width = bitLength(total);
    const cols = columns(lits, width);
    const bits: number[] = [];
    for (let j = 0; j < width; j++) {
      const col = cols[j]!;
      while (col.length >= 3) {
        const [sum, carry] = this.fa(col.pop()!, col.pop()!, col.pop()!);
        col.unshift(sum);
        cols[j + 1]?.push(carry);
      }
      if (col.length === 2) {
        const [a, b] = col as [number, number];
        cols[j + 1]?.push(this.and(a, b));
        bits.push(this.xor(a, b));
      } else bits.push(col[0] ?? 0);
    }
    return bits;
  }

  /** [S >= t] for bit planes S (LSB first), 1 <= t < 2^S.length. */
  geConst(bits: readonly number[], t: bigint): number {
    let ge = 1;
    for (let j = 0; j < bits.length; j++) ge = (t >> BigInt(j)) & 1n ? this.and(bits[j]!, ge) : this.or(bits[j]!, ge);
    return ge;
  }

  /** [sum w_i y_i >= t] for 1 <= t <= total, via the carry into column B of sum + 2^B - t. */
  threshold(lits: ReadonlyArray<[number, bigint]>, t: bigint, total: bigint): number {
    if (lits.every(([, w]) => w === lits[0]![1])) {
      const k = (t + lits[0]![1] - 1n) / lits[0]![1];
      if (k === 1n) return lits.reduce((acc, [y]) => this.or(acc, y), 0);
      if (k === BigInt(lits.length)) return lits.reduce((acc, [y]) => this.and(acc, y), 1);
    }
    const width = bitLength(total);
    const cols = columns(lits, width + 1);
    const c = (1n << BigInt(width)) - t;
    for (let j = 0; j < width; j++) if ((c >> BigInt(j)) & 1n) cols[j]!.push(1);
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
    return cols[width]!.reduce((acc, y) => this.or(acc, y), 0);
  }
}

function columns(lits: ReadonlyArray<[number, bigint]>, width: number): number[][] {
  const cols: number[][] = Array.from({ length: width }, () => []);
  for (const [y, w] of lits) {
    let j = 0;
    for (let r = w; r > 0n; r >>= 1n, j++) if (r & 1n) cols[j]!.push(y);
  }
  return cols;
}
