/**
 * Structured samples: inputs built to sit on the boundaries where arithmetic circuits are
 * decided, drawn by the sampled model check next to its uniform (or model-shaped) samples.
 *
 * A threshold gate `[sum w x >= T]` inside a wide adder, multiplier or comparator only shows a
 * weight or threshold off by one when its weighted sum lands within one weight of T; for
 * uniform operands of 32 or 64 bits that is a fraction of inputs far below 1 / 2000. The sums
 * land there on operands that are equal or differ by one or by a power of two, on long runs of
 * ones and zeros (carry and borrow chains), on complements (`x + ~x` is all ones), and at the
 * extremes (0, the largest value, the most negative, powers of two and their neighbours). Every
 * draw comes from the seeded `Rng`, so a structured counterexample is found again.
 */
import type { Rng } from './rng.js';
import {
  type Float,
  ZERO,
  eMax,
  eMin,
  largest,
} from './float.js';

/** Every `STRUCTURED_EVERY`-th sampled input is structured (the others stay as they were). */
export const STRUCTURED_EVERY = 2;

const mask = (w: number): bigint => (w <= 0 ? 0n : (1n << BigInt(w)) - 1n);
const pow2 = (k: number): bigint => 1n << BigInt(k);

/** One structured w-bit word: an extreme, a power of two or a neighbour, a run of ones or zeros. */
export function structuredWord(rng: Rng, w: number): bigint {
  if (w <= 0) return 0n;
  const k = rng.below(w + 1); // 0..w
  const i = rng.below(w + 1);
  const [lo, hi] = i <= k ? [i, k] : [k, i];
  const run = mask(hi) ^ mask(lo); // ones at bits lo..hi-1
  switch (rng.below(10)) {
    case 0:
      return 0n;
    case 1:
      return mask(w);
    case 2:
      return pow2(Math.min(k, w - 1));
    case 3:
      return mask(k);
    case 4:
      return (pow2(Math.min(k, w - 1)) + BigInt(rng.below(3)) - 1n) & mask(w);
    case 5:
      return run;
    case 6:
      return mask(w) ^ run;
    case 7:
      return rng.bits(w) | mask(k); // a random top over a carry chain of k ones
    case 8:
      return rng.bits(w) & ~mask(k) & mask(w); // a random top over k zeros
    default:
      return (pow2(w - 1) + BigInt(rng.below(3)) - 1n) & mask(w); // around the top bit (signed min / max)
  }
}

/** A w-bit word related to x: equal, off by one or by a power of two, its complement or negation, or agreeing with it above a bit. */
export function relatedWord(rng: Rng, x: bigint, w: number): bigint {
  if (w <= 0) return 0n;
  const k = rng.below(w);
  const m = mask(w);
  switch (rng.below(10)) {
    case 0:
      return x;
    case 1:
      return (x + 1n) & m;
    case 2:
      return (x - 1n) & m;
    case 3:
      return (x + pow2(k)) & m;
    case 4:
      return (x - pow2(k)) & m;
    case 5:
      return ~x & m; // x + ~x = 2^w - 1: every carry position decided by the chain
    case 6:
      return -x & m; // x + (-x) = 2^w
    case 7:
      return (x & ~mask(k)) | rng.bits(k); // agrees with x above bit k
    case 8:
      return x ^ pow2(k);
    default:
      return structuredWord(rng, w);
  }
}

/**
 * Structured values for ports of the given widths: the first a structured word (or, one time in
 * four, a uniform one), every later one either related to an earlier port of the same width or
 * (one time in five) a fresh structured word; one time in eight all ports of a width are equal.
 */
export function structuredWords(rng: Rng, widths: readonly number[]): bigint[] {
  const out: bigint[] = [];
  const allEqual = rng.below(8) === 0;
  widths.forEach((w, i) => {
    const earlier = out.map((_, j) => j).filter((j) => widths[j] === w);
    if (earlier.length === 0 || rng.below(5) === 0) {
      out.push(i === 0 && rng.below(4) === 0 ? rng.bits(w) : structuredWord(rng, w));
      return;
    }
    const base = out[allEqual ? earlier[0]! : earlier[rng.below(earlier.length)]!]!;
    out.push(allEqual ? base : relatedWord(rng, base, w));
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Floats (canonical encodings only: zero is <0, 0> with sign 0, so -0 is outside the domain)

const clampE = (e: bigint, p: number): bigint => (e < eMin(p) ? eMin(p) : e > eMax(p) ? eMax(p) : e);

/** A structured canonical float: zero, the largest and smallest magnitudes, 1, powers of two and their neighbours, exponents at the ends of the range. */
export function structuredFloat(rng: Rng, p: number): Float {
  const half = pow2(p - 1);
  const s = rng.below(2) as 0 | 1;
  const ms = [half, half + 1n, 2n * half - 1n, 2n * half - 2n, half + (half >> 1n)];
  const m = rng.below(4) === 0 ? half + rng.bits(p - 1) : ms[rng.below(ms.length)]!;
  const es = [eMin(p), eMin(p) + 1n, eMax(p), eMax(p) - 1n, 0n, -1n, BigInt(-(p - 1)), BigInt(-p), BigInt(rng.below(2 * p + 1) - p)];
  switch (rng.below(6)) {
    case 0:
      return ZERO;
    case 1:
      return largest(p, s);
    case 2:
      return { s, m: half, e: eMin(p) }; // the smallest magnitude
    default:
      return { s, m, e: clampE(es[rng.below(es.length)]!, p) };
  }
}

/** The next (+1) or previous (-1) canonical encoding of the same sign (a neighbour in magnitude); zero's neighbour is the smallest magnitude. */
function neighbour(f: Float, dir: 1 | -1, p: number): Float {
  const half = pow2(p - 1);
  if (f.m === 0n) return { s: 0, m: half, e: eMin(p) };
  let m = f.m + BigInt(dir);
  let e = f.e;
  if (m === 2n * half) {
    m = half;
    e += 1n;
  } else if (m < half) {
    m = 2n * half - 1n;
    e -= 1n;
  }
  if (e > eMax(p)) return largest(p, f.s);
  if (e < eMin(p)) return ZERO;
  return { s: f.s, m, e };
}

/** A canonical float related to x: equal, of equal magnitude and the other sign, a neighbouring encoding, or the same significand a few binades away. */
export function relatedFloat(rng: Rng, x: Float, p: number): Float {
  switch (rng.below(7)) {
    case 0:
      return x;
    case 1:
      return x.m === 0n ? x : { ...x, s: (1 - x.s) as 0 | 1 };
    case 2:
      return neighbour(x, 1, p);
    case 3:
      return neighbour(x, -1, p);
    case 4: {
      const y = neighbour(x, rng.below(2) === 0 ? 1 : -1, p);
      return y.m === 0n ? y : { ...y, s: (1 - y.s) as 0 | 1 };
    }
    case 5:
      return x.m === 0n ? structuredFloat(rng, p) : { ...x, e: clampE(x.e + BigInt(rng.below(2 * p + 5) - (p + 2)), p) };
    default:
      return structuredFloat(rng, p);
  }
}

/** k structured canonical operands: the first structured, each later one related to an earlier one (or, one time in four, structured itself). */
export function structuredFloats(rng: Rng, p: number, k: number): Float[] {
  const out: Float[] = [];
  for (let i = 0; i < k; i++) out.push(i === 0 || rng.below(4) === 0 ? structuredFloat(rng, p) : relatedFloat(rng, out[rng.below(out.length)]!, p));
  return out;
}
