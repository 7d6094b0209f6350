/**
 * The `wasm` target of the compiled evaluator: lowered word-level operations (`compile.ts`)
 * emitted directly as a WebAssembly binary module with SIMD (v128: 128 input patterns a word),
 * compiled by the engine's own WebAssembly compiler; no toolchain, nothing fetched.
 *
 * Module layout: one memory holding the rows (the layout of the JavaScript target: a v128 word is
 * four consecutive int32 words); one function per chunk, `(param words i32)`, looping over the v128
 * words of every row it touches (values in v128 locals, reused once dead); `run(words)` calls the
 * chunks in order; `count(firstWord, words)` fills the input rows with consecutive patterns for
 * exhaustive scans, so those cost no JavaScript per word. MAJ is one `v128.bitselect`:
 * maj(a, b, c) = a where a = b, else c.
 */
import { type LoweredChunk, type LoweredCircuit, OP_AND, OP_MAJ, OP_NOT, OP_OR, OP_XOR } from './lower.js';

/** The part of the engine's WebAssembly API used here (the ES2023 lib does not declare it). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
};

export interface WasmEvaluator {
  readonly values: Int32Array;
  run(words: number): void;
  runCounting(firstWord: number, words: number): void;
}

const I32 = 0x7f;
const V128 = 0x7b;
const SIMD = 0xfd;
const V128_LOAD = 0x00;
const V128_STORE = 0x0b;
const V128_CONST = 0x0c;
const I32X4_SPLAT = 0x11;
const V128_NOT = 0x4d;
const V128_AND = 0x4e;
const V128_OR = 0x50;
const V128_XOR = 0x51;
const V128_BITSELECT = 0x52;

/** Byte sink with LEB128 helpers. */
class Bytes {
  private buf = new Uint8Array(1024);
  length = 0;
  byte(b: number): this {
    if (this.length === this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = b;
    return this;
  }
  bytes(bs: ArrayLike<number>): this {
    for (let i = 0; i < bs.length; i++) this.byte(bs[i]!);
    return this;
  }
  u32(n: number): this {
    do {
      let b = n & 0x7f;
      n = Math.floor(n / 128);
      if (n !== 0) b |= 0x80;
      this.byte(b);
    } while (n !== 0);
    return this;
  }
  s32(n: number): this {
    for (;;) {
      const b = n & 0x7f;
      n >>= 7;
      if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return this.byte(b);
      this.byte(b | 0x80);
    }
  }
  simd(op: number): this {
    return this.byte(SIMD).u32(op);
  }
  name(s: string): this {
    const e = new TextEncoder().encode(s);
    return this.u32(e.length).bytes(e);
  }
  /** A length-prefixed copy (sections, function bodies). */
  sized(inner: Bytes): this {
    return this.u32(inner.length).bytes(inner.view());
  }
  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const END = 0x0b;

/** Lane patterns of pattern bits 0..6 inside one v128 word (as four int32 lanes). */
function lanePattern(bit: number): Uint8Array {
  const out = new Uint8Array(16);
  for (let lane = 0; lane < 128; lane++) if ((lane >> bit) & 1) out[lane >> 3] = out[lane >> 3]! | (1 << (lane & 7));
  return out;
}

/** Function body of one chunk. Locals: 0 words, 1 byte offset, 2 end offset, then v128 values. */
function chunkBody(ch: LoweredChunk, B: number): Bytes {
  const code = ch.code;
  const nOps = code.length / 5;
  // Last use of every value (stores count after the last operation).
  const last = new Int32Array(ch.numValues).fill(-1);
  for (let i = 0; i < nOps; i++) for (let j = 2; j < 5; j++) last[code[i * 5 + j]!] = i;
  ch.stores.forEach(([, v]) => (last[v] = nOps));
  const local = new Int32Array(ch.numValues).fill(-1);
  const free: number[] = [];
  let nLocals = 0;
  const alloc = (): number => free.pop() ?? 3 + nLocals++;

  const body = new Bytes();
  const get = (v: number): void => {
    if (v <= 1) {
      body.simd(V128_CONST).bytes(new Uint8Array(16).fill(v === 0 ? 0 : 0xff));
      return;
    }
    if (local[v] === -1) {
      // A row read by the chunk, loaded at its first use.
      const row = ch.loads[v - 2]!;
      body.byte(LOCAL_GET).u32(1).simd(V128_LOAD).u32(4).u32(row * B * 4);
      local[v] = alloc();
      body.byte(0x22).u32(local[v]!); // local.tee
      return;
    }
    body.byte(LOCAL_GET).u32(local[v]!);
  };
  const release = (v: number, at: number): void => {
    if (v > 1 && last[v] === at && local[v]! >= 0) free.push(local[v]!);
  };

  // words (int32) -> end byte offset; loop while offset < end.
  body.byte(LOCAL_GET).u32(0).byte(0x41).s32(4).byte(0x6c).byte(LOCAL_SET).u32(2);
  body.byte(0x02).byte(0x40).byte(0x03).byte(0x40);
  body.byte(LOCAL_GET).u32(1).byte(LOCAL_GET).u32(2).byte(0x4f).byte(0x0d).u32(1); // i32.ge_u; br_if 1
  for (let i = 0; i < nOps; i++) {
    const op = code[i * 5]!;
    const d = code[i * 5 + 1]!;
    const a = code[i * 5 + 2]!;
    const b = code[i * 5 + 3]!;
    const c = code[i * 5 + 4]!;
    switch (op) {
      case OP_NOT:
        get(a);
        body.simd(V128_NOT);
        break;
      case OP_AND:
      case OP_OR:
      case OP_XOR:
        get(a);
        get(b);
        body.simd(op === OP_AND ? V128_AND : op === OP_OR ? V128_OR : V128_XOR);
        break;
      case OP_MAJ:
        get(c);
        get(a);
        get(a);
        get(b);
        body.simd(V128_XOR).simd(V128_BITSELECT);
        break;
      default:
        throw new Error(`unknown operation ${op}`);
    }
    for (const v of op === OP_NOT ? [a] : op === OP_MAJ ? [a, b, c] : [a, b]) release(v, i);
    local[d] = alloc();
    body.byte(LOCAL_SET).u32(local[d]!);
  }
  for (const [row, v] of ch.stores) {
    body.byte(LOCAL_GET).u32(1);
    get(v);
    body.simd(V128_STORE).u32(4).u32(row * B * 4);
  }
  body.byte(LOCAL_GET).u32(1).byte(0x41).s32(16).byte(0x6a).byte(LOCAL_SET).u32(1); // offset += 16
  body.byte(0x0c).u32(0).byte(END).byte(END); // br 0; end loop; end block

  const fn = new Bytes();
  fn.u32(2).u32(2).byte(I32).u32(nLocals).byte(V128);
  fn.bytes(body.view()).byte(END);
  return fn;
}

/** `count(firstWord, words)`: the input rows of consecutive patterns. Locals: 0 firstWord, 1 words, 2 offset, 3 end, 4 v128 index. */
function countBody(inputRows: readonly number[], B: number): Bytes {
  const body = new Bytes();
  body.byte(LOCAL_GET).u32(1).byte(0x41).s32(4).byte(0x6c).byte(LOCAL_SET).u32(3);
  body.byte(LOCAL_GET).u32(0).byte(0x41).s32(2).byte(0x76).byte(LOCAL_SET).u32(4); // index = firstWord >> 2
  body.byte(0x02).byte(0x40).byte(0x03).byte(0x40);
  body.byte(LOCAL_GET).u32(2).byte(LOCAL_GET).u32(3).byte(0x4f).byte(0x0d).u32(1);
  inputRows.forEach((row, i) => {
    body.byte(LOCAL_GET).u32(2);
    if (i < 7) body.simd(V128_CONST).bytes(lanePattern(i));
    else {
      // -((index >> (i - 7)) & 1), splatted: all ones where pattern bit i is set.
      body.byte(0x41).s32(0).byte(LOCAL_GET).u32(4).byte(0x41).s32(i - 7).byte(0x76).byte(0x41).s32(1).byte(0x71).byte(0x6b);
      body.simd(I32X4_SPLAT);
    }
    body.simd(V128_STORE).u32(4).u32(row * B * 4);
  });
  body.byte(LOCAL_GET).u32(2).byte(0x41).s32(16).byte(0x6a).byte(LOCAL_SET).u32(2);
  body.byte(LOCAL_GET).u32(4).byte(0x41).s32(1).byte(0x6a).byte(LOCAL_SET).u32(4);
  body.byte(0x0c).u32(0).byte(END).byte(END);
  const fn = new Bytes();
  fn.u32(1).u32(3).byte(I32).bytes(body.view()).byte(END);
  return fn;
}

/** The binary module of a lowered circuit with rows of B int32 words. */
export function emitWasm(lowered: LoweredCircuit, B: number): Uint8Array {
  const m = lowered.chunks.length;
  const out = new Bytes().bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const section = (id: number, content: Bytes): void => void out.byte(id).sized(content);
  // Types: 0 = (i32) -> (), 1 = (i32, i32) -> ().
  section(1, new Bytes().u32(2).byte(0x60).u32(1).byte(I32).u32(0).byte(0x60).u32(2).byte(I32).byte(I32).u32(0));
  const funcs = new Bytes().u32(m + 2);
  for (let i = 0; i <= m; i++) funcs.u32(0);
  funcs.u32(1);
  section(3, funcs);
  const pages = Math.max(1, Math.ceil((lowered.rows * B * 4) / 65536));
  section(5, new Bytes().u32(1).byte(0x00).u32(pages));
  section(7, new Bytes().u32(3).name('memory').byte(0x02).u32(0).name('run').byte(0x00).u32(m).name('count').byte(0x00).u32(m + 1));
  const codes = new Bytes().u32(m + 2);
  for (const ch of lowered.chunks) codes.sized(chunkBody(ch, B));
  const run = new Bytes().u32(0);
  for (let i = 0; i < m; i++) run.byte(LOCAL_GET).u32(0).byte(0x10).u32(i);
  codes.sized(run.byte(END));
  codes.sized(countBody(lowered.inputRows, B));
  section(10, codes);
  return out.view().slice();
}

export function wasmEvaluator(lowered: LoweredCircuit, B: number): WasmEvaluator {
  const module = new WebAssembly.Module(emitWasm(lowered, B));
  const instance = new WebAssembly.Instance(module, {});
  const exp = instance.exports as { memory: { buffer: ArrayBuffer }; run(words: number): void; count(firstWord: number, words: number): void };
  const values = new Int32Array(exp.memory.buffer, 0, lowered.rows * B);
  const round = (words: number): number => Math.min(B, Math.ceil(words / 4) * 4);
  return {
    values,
    run: (words) => exp.run(round(words)),
    runCounting(firstWord, words) {
      exp.count(firstWord, round(words));
      exp.run(round(words));
    },
  };
}
