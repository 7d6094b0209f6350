/**
 * Constant-depth threshold circuits for p-bit floats (format and rounding: src/model/float.ts).
 *
 * Every operation computes an exact non-negative integer V (as bits), a sign, and a linear form B
 * with value = (-1)^sign V 2^B, then `roundBlock` normalises and rounds V to p bits and applies
 * the range policy. Each block has constant depth, so each operation does too; the measured
 * depths are the paper's d_std (one operation) and d_plus (iterated addition).
 */
import { CircuitBuilder, FALSE, type Signal, type Term, not } from '../builder.js';
import type { Construction } from '../construction.js';
import { linearBits, muxBits, weighted, weightedSigned } from '../blocks.js';

interface FloatSignals {
  readonly m: Signal[];
  readonly e: Signal[];
  readonly s: Signal;
}

/** Splits a float port (|m|: p bits, e: p + 1 bits two's complement, sign) into its fields. */
export function fields(bits: readonly Signal[], p: number): FloatSignals {
  return { m: bits.slice(0, p), e: bits.slice(p, 2 * p + 1), s: bits[2 * p + 1]! };
}

const at = (bits: readonly Signal[], i: number): Signal => (i >= 0 && i < bits.length ? bits[i]! : FALSE);

/**
 * Normalise, round and range-check: the float nearest to (-1)^sign V 2^B (V's bits `mag`, B the
 * linear form `expTerms + expOffset`), rounded to nearest with ties to even, saturating above the
 * exponent range and flushing to zero below it. `lead` limits the positions where V's leading
 * one can be (when the caller knows, e.g. a product of normalised significands). Depth 7.
 */
export function roundBlock(b: CircuitBuilder, mag: readonly Signal[], sign: Signal, expTerms: readonly Term[], expOffset: bigint, p: number, lead: readonly [number, number] = [0, mag.length - 1]): Signal[] {
  const P = BigInt(p);
  const zero = b.threshold(mag.map((x) => [x, -1] as const), 0);
  const positions = Array.from({ length: lead[1] - lead[0] + 1 }, (_, i) => lead[0] + i);
  // lead_t: bit t is the highest one.
  const leadAt = positions.map((t) => b.threshold([[mag[t]!, 1], ...mag.slice(t + 1).map((x) => [x, -1] as const)], 1));
  // The p-bit window below the leading one, the round bit, and "sticky or odd" for ties.
  const win = Array.from({ length: p }, (_, j) => b.or(positions.map((t, i) => b.and([leadAt[i]!, at(mag, t - p + 1 + j)]))));
  const inc = b.or(
    positions.map((t, i) => {
      const below = [...mag.slice(0, Math.max(0, t - p)), at(mag, t - p + 1)];
      return b.and([leadAt[i]!, at(mag, t - p), b.or(below)]);
    }),
  );
  // N = window + increment, in [2^(p-1), 2^p]; N = 2^p means the rounding carried out.
  const N: Term[] = [...weighted(win), [inc, 1n]];
  const carry = b.threshold(N, 1n << P);
  const nBits = linearBits(b, N, p);
  const m = [...nBits.slice(0, p - 1), b.or([nBits[p - 1]!, carry])];
  // Exponent of the rounded value: B + (t - p + 1) for the leading position t, plus the carry.
  const E: Term[] = [...expTerms, ...positions.map((t, i) => [leadAt[i]!, BigInt(t - p + 1)] as const), [carry, 1n]];
  const over = b.threshold(E, (1n << P) - expOffset);
  const under = b.threshold(
    E.map(([x, w]) => [x, -BigInt(w)] as const),
    (1n << P) + 1n + expOffset,
  );
  const e = linearBits(b, E, p + 1, expOffset);
  // Zero and underflow give canonical zero; overflow gives the largest magnitude <2^p - 1, 2^p - 1>.
  const pick = (x: Signal, onOverflow: 0 | 1): Signal =>
    b.threshold([[x, 1], [zero, -4], [under, -2], [over, onOverflow ? 2 : -2]], 1);
  return [...m.map((x) => pick(x, 1)), ...e.map((x, j) => pick(x, j < p ? 1 : 0)), b.threshold([[sign, 1], [zero, -2], [under, -2]], 1)];
}

/** rank(x): a non-negative key whose order is the order of |x| (zero lowest). */
function rank(f: FloatSignals, p: number): Term[] {
  const P = BigInt(p);
  return [...weightedSigned(f.e, 1n << P), ...weighted(f.m), [f.m[p - 1]!, 1n << (2n * P + 1n)]];
}

function binaryFloat(name: string, description: string, body: (b: CircuitBuilder, a: FloatSignals, c: FloatSignals, p: number) => Signal[], out = 'r'): Construction {
  return {
    name,
    description,
    build({ p }) {
      const b = new CircuitBuilder();
      const a = fields(b.input('a', 2 * p! + 2), p!);
      const c = fields(b.input('b', 2 * p! + 2), p!);
      b.output(out, body(b, a, c, p!));
      return b.finish();
    },
  };
}

/**
 * a + b: X is the operand of larger magnitude (one gate on rank), Y is shifted right by
 * d = e_X - e_Y into a window of 2p + 3 bits (exact for d <= p + 2; beyond, Y only matters as a
 * sticky bit in position 0, which keeps round-to-nearest-even exact), V = X' +- Y' >= 0.
 */
function addBody(b: CircuitBuilder, a: FloatSignals, c0: FloatSignals, p: number, negate: boolean): Signal[] {
  const c = negate ? { ...c0, s: not(c0.s) } : c0;
  const G = p + 2; // guard positions below X's significand
  const cmp = b.threshold([...rank(a, p), ...rank(c, p).map(([x, w]) => [x, -BigInt(w)] as const)], 0);
  const sub = b.xor(a.s, c.s);
  const sign = b.mux(cmp, a.s, c.s);
  const diff = (x: FloatSignals, y: FloatSignals): Term[] => [...weightedSigned(x.e), ...weightedSigned(y.e, -1n)];
  // Y' bits: for each case (X = a or X = b) and shift k, bit j of Y's significand lands at j + G - k.
  const yAt: Signal[][] = Array.from({ length: G + p }, () => []);
  for (const [isA, x, y] of [[true, a, c], [false, c, a]] as const) {
    const d = diff(x, y);
    const mine = isA ? cmp : not(cmp);
    for (let k = 0; k <= G; k++) {
      const ge = b.threshold(d, k);
      const le = b.threshold(d.map(([s, w]) => [s, -BigInt(w)] as const), -k);
      for (let j = 0; j < p; j++) yAt[j + G - k]!.push(b.and([ge, le, mine, y.m[j]!]));
    }
    yAt[0]!.push(b.and([b.threshold(d, G + 1), mine, y.m[p - 1]!])); // sticky
  }
  const yBits = yAt.map((list) => b.or(list));
  const V: Term[] = [
    ...a.m.map((x, j) => [b.and([cmp, x]), 1n << BigInt(j + G)] as const),
    ...c.m.map((x, j) => [b.and([not(cmp), x]), 1n << BigInt(j + G)] as const),
    ...yBits.map((y, i) => [b.and([y, not(sub)]), 1n << BigInt(i)] as const),
    ...yBits.map((y, i) => [b.and([y, sub]), -(1n << BigInt(i))] as const),
  ];
  const mag = linearBits(b, V, 2 * p + 3);
  const expX: Term[] = [
    ...a.e.map((x, j) => [b.and([cmp, x]), (j === p ? -1n : 1n) << BigInt(j)] as const),
    ...c.e.map((x, j) => [b.and([not(cmp), x]), (j === p ? -1n : 1n) << BigInt(j)] as const),
  ];
  return roundBlock(b, mag, sign, expX, -BigInt(G), p);
}

export const floatAdd = binaryFloat('float.add', 'align by the larger magnitude in a 2p+3-bit window with sticky, exact sum, round (depth 13)', (b, a, c, p) => addBody(b, a, c, p, false));
export const floatSub = binaryFloat('float.sub', 'float.add with the sign of b flipped', (b, a, c, p) => addBody(b, a, c, p, true));

/** a b: the 2p-bit product of the significands (depth 3), exponent e_a + e_b, round. */
export const floatMul = binaryFloat('float.mul', 'significand product in depth 3, exponent e_a + e_b, round (depth 10)', (b, a, c, p) => {
  const V: Term[] = a.m.flatMap((x, i) => c.m.map((y, j) => [b.and([x, y]), 1n << BigInt(i + j)] as const));
  const mag = linearBits(b, V, 2 * p);
  return roundBlock(b, mag, b.xor(a.s, c.s), [...weightedSigned(a.e), ...weightedSigned(c.e)], 0n, p, [2 * p - 2, 2 * p - 1]);
});

/**
 * [a >= b] in depth 2: ord(x) = (1 - 2 s) rank(x) is 0 for zero, positive and increasing for
 * positive x, negative and decreasing in |x| for negative x. The products s * (rank bits) are
 * AND gates; one gate then compares ord(a) with ord(b).
 */
function atLeast(b: CircuitBuilder, a: FloatSignals, c: FloatSignals, p: number, t = 0): Signal {
  const ord = (f: FloatSignals, scale: bigint): Term[] =>
    rank(f, p).flatMap(([x, w]) => [
      [x, BigInt(w) * scale] as const,
      [b.and([f.s, x]), -2n * BigInt(w) * scale] as const,
    ]);
  return b.threshold([...ord(a, 1n), ...ord(c, -1n)], t);
}

export const floatCompare = binaryFloat('float.compare', 'signed order key with AND gates for the sign products, then one comparison gate (depth 2)', (b, a, c, p) => [atLeast(b, a, c, p)], 'ge');

/** The float 1 when `bit`, else 0: |m| = 2^(p-1), e = -(p-1), sign 0 (no gates: wires and constants). */
function oneIf(bit: Signal, p: number): Signal[] {
  const e = (1n << BigInt(p + 1)) - BigInt(p - 1); // -(p - 1) in p + 1 bits, two's complement
  return [...Array.from({ length: p }, (_, j) => (j === p - 1 ? bit : FALSE)), ...Array.from({ length: p + 1 }, (_, j) => ((e >> BigInt(j)) & 1n ? bit : FALSE)), FALSE];
}

/** The registered name comes first (the linker reads it from the call). */
const comparison = (name: string, description: string, holds: (b: CircuitBuilder, a: FloatSignals, c: FloatSignals, p: number) => Signal): Construction =>
  binaryFloat(name, description, (b, a, c, p) => oneIf(holds(b, a, c, p), p));
export const floatGe = comparison('float.ge', '1 if a >= b else 0: the comparison gate of float.compare, encoded as a float (depth 2)', (b, a, c, p) => atLeast(b, a, c, p));
export const floatGt = comparison('float.gt', '1 if a > b else 0: [ord(a) - ord(b) >= 1] (depth 2)', (b, a, c, p) => atLeast(b, a, c, p, 1));
export const floatLe = comparison('float.le', '1 if a <= b else 0: [b >= a] (depth 2)', (b, a, c, p) => atLeast(b, c, a, p));
export const floatLt = comparison('float.lt', '1 if a < b else 0: [ord(b) - ord(a) >= 1] (depth 2)', (b, a, c, p) => atLeast(b, c, a, p, 1));
export const floatEq = comparison('float.eq', '1 if a = b else 0: [a >= b] and [b >= a] (depth 3)', (b, a, c, p) => b.and([atLeast(b, a, c, p), atLeast(b, c, a, p)]));
export const floatNe = comparison('float.ne', '1 if a != b else 0: [a > b] or [b > a] (depth 3)', (b, a, c, p) => b.or([atLeast(b, a, c, p, 1), atLeast(b, c, a, p, 1)]));

/** One float input port `a`, output `r`. */
function unaryFloat(name: string, description: string, body: (b: CircuitBuilder, bits: Signal[], a: FloatSignals, p: number) => Signal[]): Construction {
  return {
    name,
    description,
    build({ p }) {
      const b = new CircuitBuilder();
      const bits = b.input('a', 2 * p! + 2);
      b.output('r', body(b, bits, fields(bits, p!), p!));
      return b.finish();
    },
  };
}

/** -a: the sign flips unless a is zero, [sum |m|_j - p s >= 1] (depth 1). */
export const floatNeg = unaryFloat('float.neg', 'flip the sign unless a is zero: one gate (depth 1)', (b, bits, a, p) => [
  ...bits.slice(0, 2 * p + 1),
  b.threshold([...a.m.map((x) => [x, 1] as const), [a.s, -p]], 1),
]);

/** max(a, 0): every bit ANDed with the negated sign, so a negative a becomes the zero encoding (depth 1). */
export const floatRelu = unaryFloat('float.relu', 'every bit AND not sign (depth 1)', (b, bits, a) => bits.map((x) => b.and([x, not(a.s)])));

/** `c != 0 ? a : b`: c is non-zero exactly when |m_c| is (canonical zero), one OR gate, then a multiplexer (depth 3). */
export const floatSelect: Construction = {
  name: 'float.select',
  description: 'non-zero test of c (one OR gate over |m|), then a multiplexer per bit (depth 3)',
  build({ p }) {
    const b = new CircuitBuilder();
    const c = fields(b.input('c', 2 * p! + 2), p!);
    const x = b.input('a', 2 * p! + 2);
    const y = b.input('b', 2 * p! + 2);
    const nz = b.or(c.m);
    b.output('r', muxBits(b, nz, x, y));
    return b.finish();
  },
};

/** Two's-complement value range of an exponent port: every e in [-2^p, 2^p). */
const exponents = (p: number): bigint[] => Array.from({ length: 2 ** (p + 1) }, (_, i) => BigInt(i) - (1n << BigInt(p)));

/**
 * floor(a): for e >= 0 a is already an integer (passed through); for -p < e < 0 the integer part
 * of |m| is m >> -e, plus 1 for a negative a with a non-zero fraction; for e <= -p the result is 0
 * or -1. That integer (at most 2^(p-1) in magnitude, so exact) goes through roundBlock to be
 * normalised; a final multiplexer picks a or it (depth 13).
 */
export const floatFloor: Construction = {
  name: 'float.floor',
  description: 'integer part by exponent cases (decoded with one gate each), normalised by roundBlock, multiplexed with the pass-through (depth 13)',
  build({ p }) {
    const P = p!;
    const b = new CircuitBuilder();
    const bits = b.input('a', 2 * P + 2);
    const a = fields(bits, P);
    const eTerms = weightedSigned(a.e);
    const big = b.threshold(eTerms, 0);
    const small = b.threshold(eTerms.map(([x, w]) => [x, -BigInt(w)] as const), P);
    const terms: Term[] = [[b.and([small, a.s, a.m[P - 1]!]), 1n]];
    for (let sh = 1; sh < P; sh++) {
      const ind = b.and(a.e.map((x, j) => ((BigInt(-sh) >> BigInt(j)) & 1n ? x : not(x))));
      for (let j = 0; j + sh < P; j++) terms.push([b.and([ind, a.m[j + sh]!]), 1n << BigInt(j)]);
      terms.push([b.and([ind, a.s, b.or(a.m.slice(0, sh))]), 1n]);
    }
    const rounded = roundBlock(b, linearBits(b, terms, P), a.s, [], 0n, P);
    b.output('r', rounded.map((x, i) => b.mux(big, bits[i]!, x)));
    return b.finish();
  },
};

/** Width of the exact accumulator of k terms: every exponent gets its own position. */
export const accumulatorWidth = (k: number, p: number): number => (BigInt(k) * ((1n << BigInt(p)) - 1n) << BigInt(2 ** (p + 1) - 1)).toString(2).length;

/**
 * x_0 + ... + x_{k-1}, exact, rounded once. Each term's significand is placed by its exponent
 * into an accumulator whose position 0 has weight 2^(-2^p) (decoding the exponent costs one gate
 * per value, an OR per position selects the bit). Per position, the numbers of positive and of
 * negative terms with a one there are counted (depth-2 iterated addition of unit weights); the
 * signed sum of those counts is the exact sum, whose magnitude goes through roundBlock.
 *
 * Depth is constant in k and p. Size is polynomial in k but grows like 2^p: the accumulator
 * spans the whole exponent range [-2^p, 2^p) of the format (see the report's finding).
 */
export const floatIterAdd: Construction = {
  name: 'float.iter-add',
  description: 'exact fixed-point accumulator over the exponent range, column counts, signed sum, round (depth constant in k and p)',
  build({ k, p }) {
    const K = k!;
    const P = p!;
    const b = new CircuitBuilder();
    const xs = Array.from({ length: K }, (_, i) => fields(b.input(`x${i}`, 2 * P + 2), P));
    const es = exponents(P);
    const width = P + es.length - 1;
    const plus: Signal[][] = Array.from({ length: width }, () => []);
    const minus: Signal[][] = Array.from({ length: width }, () => []);
    for (const x of xs) {
      const at: Signal[][] = Array.from({ length: width }, () => []);
      es.forEach((e, shift) => {
        const ind = b.and(x.e.map((bit, j) => (((e + (1n << BigInt(P + 1))) >> BigInt(j)) & 1n ? bit : not(bit))));
        x.m.forEach((mj, j) => at[j + shift]!.push(b.and([ind, mj])));
      });
      at.forEach((list, pos) => {
        const bit = b.or(list);
        plus[pos]!.push(b.and([bit, not(x.s)]));
        minus[pos]!.push(b.and([bit, x.s]));
      });
    }
    const countWidth = Math.max(1, K.toString(2).length);
    const V: Term[] = [];
    for (let pos = 0; pos < width; pos++) {
      for (const [list, sign] of [[plus[pos]!, 1n], [minus[pos]!, -1n]] as const) {
        const count = linearBits(b, list.map((x) => [x, 1n] as const), countWidth);
        count.forEach((c, j) => V.push([c, sign << BigInt(pos + j)]));
      }
    }
    const W = accumulatorWidth(K, P);
    const nonNegative = b.threshold(V, 0);
    const pos = linearBits(b, V, W);
    const neg = linearBits(b, V.map(([x, w]) => [x, -BigInt(w)] as const), W);
    const mag = pos.map((x, i) => b.mux(nonNegative, x, neg[i]!));
    b.output('r', roundBlock(b, mag, not(nonNegative), [], es[0]!, P));
    return b.finish();
  },
};
