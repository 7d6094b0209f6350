/**
 * Bit-sliced compiled evaluation: the netlist is lowered once to word-level operations on bit
 * planes (AND, OR, XOR, NOT, MAJ over words whose bit j belongs to input pattern j), and the
 * operations become code for one of two targets:
 * - `js`: JavaScript over int32 words (32 patterns a word; docs/backends.md: 15-19e9 gate evaluations/s,
 *   against ~1e9 for an interpreter);
 * - `wasm`: WebAssembly SIMD over v128 words (128 patterns a word), emitted as a binary module
 *   (`wasm.ts`): no toolchain, nothing fetched.
 *
 * A threshold gate `[sum w_i y_i >= T]` (weights made positive by negating literals) is computed
 * as an adder tree over bit planes: the literal y_i is added into every column where w_i has a
 * one bit, the constant `2^B - T` is added too, columns are compressed with full adders, and the
 * answer is the carry into column B (B = bit length of sum w_i). Gates that read the same weighted
 * sum with different thresholds (the first layer of every depth-2 adder) compute the sum bits
 * once and compare them with each threshold.
 *
 * Values live in one Int32Array of rows (one row of `batchWords` int32 words per input bit, per
 * output bit and per gate that crosses a chunk boundary), the same layout for both targets (a
 * v128 word is four consecutive int32 words); inside a chunk every wire is a local value.
 */
import type { Circuit } from './ir.js';
import { type LoweredChunk, OP_AND, OP_NOT, OP_OR, OP_XOR, lower } from './lower.js';
import { wasmEvaluator } from './wasm.js';

export type EvalTarget = 'js' | 'wasm';

export interface CompiledCircuit {
  readonly target: EvalTarget;
  readonly numInputs: number;
  readonly numOutputs: number;
  readonly numGates: number;
  /** Int32 words per row: `run` evaluates up to 32 * batchWords patterns. */
  readonly batchWords: number;
  readonly values: Int32Array;
  /** Offset of the row of input bit i (in port order, little-endian within a port). */
  inputOffset(i: number): number;
  /** Offset of the row of output bit j (in port order). */
  outputOffset(j: number): number;
  /** Evaluates the first `words` words of every row (wasm: rounded up to a multiple of 4). */
  run(words: number): void;
  /**
   * Fills the input rows with patterns `32 * firstWord .. 32 * (firstWord + words) - 1` (input
   * bit i of pattern n is bit i of n) and evaluates them: the inner loop of an exhaustive scan.
   * `firstWord` must be a multiple of 4.
   */
  runCounting(firstWord: number, words: number): void;
}

export interface CompileOptions {
  readonly target?: EvalTarget;
  /** Int32 words per row (a multiple of 4). */
  readonly batchWords?: number;
}

export function compile(c: Circuit, opts: CompileOptions = {}): CompiledCircuit {
  const { target = 'js', batchWords = 256 } = opts;
  if (batchWords % 4 !== 0 || batchWords <= 0) throw new RangeError(`batchWords must be a positive multiple of 4, got ${batchWords}`);
  const lowered = lower(c);
  const B = batchWords;
  const common = {
    target,
    numInputs: c.numInputs,
    numOutputs: lowered.outputRows.length,
    numGates: c.numGates,
    batchWords: B,
    inputOffset: (i: number) => lowered.inputRows[i]! * B,
    // Constant outputs have no row: -1 stands for false, -2 for true.
    outputOffset: (j: number) => {
      const r = lowered.outputRows[j]!;
      return r < 0 ? r : r * B;
    },
  };
  if (target === 'wasm') {
    const w = wasmEvaluator(lowered, B);
    return { ...common, values: w.values, run: w.run, runCounting: w.runCounting };
  }
  const values = new Int32Array(lowered.rows * B);
  const fns = lowered.chunks.map((ch) => jsChunk(ch, B));
  const run = (words: number): void => {
    for (const f of fns) f(values, words);
  };
  return {
    ...common,
    values,
    run,
    runCounting(firstWord, words) {
      fillCounting(values, lowered.inputRows, B, firstWord, words);
      run(words);
    },
  };
}

/** Reads output bit j of pattern `pattern` after `run` (handles constant outputs). */
export function outputBit(cc: CompiledCircuit, j: number, pattern: number): number {
  const off = cc.outputOffset(j);
  if (off < 0) return off === -1 ? 0 : 1;
  return (cc.values[off + (pattern >>> 5)]! >>> (pattern & 31)) & 1;
}

/** Lane patterns of input bits 0..4 inside a 32-pattern word. */
export const LANE_PATTERNS: readonly number[] = [0xaaaaaaaa | 0, 0xcccccccc | 0, 0xf0f0f0f0 | 0, 0xff00ff00 | 0, 0xffff0000 | 0];

/** The input rows of patterns 32 firstWord ... (see `runCounting`), for the JavaScript target. */
function fillCounting(values: Int32Array, inputRows: readonly number[], B: number, firstWord: number, words: number): void {
  for (let i = 0; i < inputRows.length; i++) {
    const off = inputRows[i]! * B;
    if (i < 5) values.fill(LANE_PATTERNS[i]!, off, off + words);
    else for (let k = 0; k < words; k++) values[off + k] = Math.floor((firstWord + k) / 2 ** (i - 5)) % 2 === 1 ? -1 : 0;
  }
}

type ChunkFn = (v: Int32Array, words: number) => void;

function jsChunk(ch: LoweredChunk, B: number): ChunkFn {
  const name = (v: number): string => (v === 0 ? '0' : v === 1 ? '-1' : `t${v}`);
  const lines = ch.loads.map((row, i) => `const t${i + 2}=v[${row * B}+k];`);
  const code = ch.code;
  for (let i = 0; i < code.length; i += 5) {
    const [op, d, a, b, c] = [code[i]!, code[i + 1]!, name(code[i + 2]!), name(code[i + 3]!), name(code[i + 4]!)];
    const expr = op === OP_AND ? `${a}&${b}` : op === OP_OR ? `${a}|${b}` : op === OP_XOR ? `${a}^${b}` : op === OP_NOT ? `~${a}` : `(${a}&${b})|(${c}&(${a}|${b}))`;
    lines.push(`const t${d}=${expr};`);
  }
  for (const [row, v] of ch.stores) lines.push(`v[${row * B}+k]=${name(v)};`);
  return new Function('v', 'words', `for(let k=0;k<words;k++){${lines.join('')}}`) as ChunkFn;
}

