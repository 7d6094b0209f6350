/**
 * Constant-depth building blocks shared by the integer and float constructions.
 *
 * The workhorse is `linearBits`: the binary digits of any integer linear form
 * `L = sum w_j x_j + offset` in depth 2 (Siu-Roychowdhury-Kailath; the adder and iterated adder of
 * docs/paper.md are its special cases). Bit i of L only depends on L mod 2^(i+1), so every weight is
 * first reduced modulo 2^(i+1); then bit i is 1 exactly when the reduced sum lies in one of the
 * intervals [r 2^(i+1) + 2^i, (r+1) 2^(i+1)). Layer 1 has one gate per interval end, layer 2 adds
 * them with weights +1/-1: the intervals are disjoint and ordered, so the sum is 0 or 1.
 */
import { type CircuitBuilder, FALSE, type Signal, type Term, TRUE, not } from './builder.js';

const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m;

/**
 * Bits 0..width-1 of `(sum w_j x_j + offset) mod 2^width`, least significant first. When the true
 * value lies in [-2^(width-1), 2^(width-1)) these are its two's-complement bits. Depth <= 2.
 */
export function linearBits(b: CircuitBuilder, terms: readonly Term[], width: number, offset: bigint = 0n): Signal[] {
  const bits: Signal[] = [];
  for (let i = 0; i < width; i++) {
    const m = 1n << BigInt(i + 1);
    const half = 1n << BigInt(i);
    const reduced: Term[] = [];
    let max = mod(offset, m);
    const off = max;
    for (const [x, w] of terms) {
      const r = mod(BigInt(w), m);
      if (r !== 0n) {
        reduced.push([x, r]);
        max += r;
      }
    }
    // [L >= theta] as a gate on the reduced form (the constant part moves into the threshold).
    const atLeast = (theta: bigint): Signal => b.threshold(reduced, theta - off);
    const layer2: Term[] = [];
    for (let r = 0n; r * m + half <= max; r++) {
      layer2.push([atLeast(r * m + half), 1]);
      if ((r + 1n) * m <= max) layer2.push([atLeast((r + 1n) * m), -1]);
    }
    bits.push(b.threshold(layer2, 1));
  }
  return bits;
}

/**
 * The same linear form with every weight non-negative: `w x` with `w < 0` becomes `|w| (not x)`
 * and `w` moves into the offset (`w x = w + |w| (1 - x)`). `linearBits` reduces weights modulo
 * 2^(i+1), where a small negative weight turns into a large positive one and multiplies the
 * interval tests; in this form each reduced weight stays as small as the weight itself.
 */
export function nonNegativeForm(terms: readonly Term[], offset: bigint = 0n): { terms: Term[]; offset: bigint } {
  let off = offset;
  const out: Term[] = terms.map(([x, w0]) => {
    const w = BigInt(w0);
    if (w >= 0n) return [x, w] as const;
    off += w;
    return [not(x), -w] as const;
  });
  return { terms: out, offset: off };
}

/** Unsigned value of little-endian bits as linear terms scaled by `scale` (default 1). */
export function weighted(bits: readonly Signal[], scale: bigint = 1n): Term[] {
  return bits.map((s, i) => [s, scale << BigInt(i)] as const);
}

/** Two's-complement value of little-endian bits as linear terms (the top bit weighs -2^(n-1)). */
export function weightedSigned(bits: readonly Signal[], scale: bigint = 1n): Term[] {
  return bits.map((s, i) => [s, (i === bits.length - 1 ? -scale : scale) << BigInt(i)] as const);
}

/** Constant little-endian bits of an unsigned value. */
export function constBits(value: bigint, width: number): Signal[] {
  return Array.from({ length: width }, (_, i) => ((value >> BigInt(i)) & 1n ? TRUE : FALSE));
}

/** Bitwise `sel ? a : b` in depth 2. */
export function muxBits(b: CircuitBuilder, sel: Signal, a: readonly Signal[], c: readonly Signal[]): Signal[] {
  return a.map((x, i) => b.mux(sel, x, c[i]!));
}

/** [x = value] for the little-endian bits x: one AND gate over literals (depth 1). */
export function equalsConst(b: CircuitBuilder, x: readonly Signal[], value: bigint): Signal {
  return b.and(x.map((s, i) => ((value >> BigInt(i)) & 1n ? s : not(s))));
}

/**
 * A lookup table in depth 2: one AND gate per listed input pattern (its minterm), then one OR per
 * output bit over the patterns whose value has that bit set. Exponential in the input width:
 * only for tiny formats (exp and division at p = 2, where no polynomial construction is built).
 * Inputs not listed give 0.
 */
export function lookupTable(b: CircuitBuilder, inputs: readonly Signal[], entries: ReadonlyArray<readonly [bigint, bigint]>, outWidth: number): Signal[] {
  const minterms = entries.map(([x, y]) => [equalsConst(b, inputs, x), y] as const);
  return Array.from({ length: outWidth }, (_, j) => b.or(minterms.filter(([, y]) => (y >> BigInt(j)) & 1n).map(([m]) => m)));
}
