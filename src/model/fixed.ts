/**
 * Fixed-point numbers: two's complement with i integer bits and f fractional bits (n = i + f
 * bits in all, value X / 2^f with X in [-2^(n-1), 2^(n-1))), the log-precision setting of Merrill
 * and Sabharwal. Our stated choices: results that do not fit saturate to the nearest end of the
 * range; a product is rounded back to f fractional bits either to nearest with ties to even
 * (`fixed.mul`) or by truncation toward minus infinity (`fixed.mul-trunc`).
 */
import type { Params } from '../core/params.js';
import { Rational } from '../core/rational.js';
import type { Model } from './model.js';
import type { Rng } from './rng.js';
import { roundHalfEven } from './float.js';
import { structuredWord, structuredWords } from './structured.js';

export const fixedWidth = ({ i, f }: Params): number => i! + f!;

export function toSigned(bits: bigint, n: number): bigint {
  return bits >= 1n << BigInt(n - 1) ? bits - (1n << BigInt(n)) : bits;
}
export function toBits(x: bigint, n: number): bigint {
  return x < 0n ? x + (1n << BigInt(n)) : x;
}
export function saturate(x: bigint, n: number): bigint {
  const hi = (1n << BigInt(n - 1)) - 1n;
  const lo = -(1n << BigInt(n - 1));
  return x > hi ? hi : x < lo ? lo : x;
}

/** floor division by 2^f (arithmetic shift). */
const floorShift = (x: bigint, f: number): bigint => Rational.of(x, 1n << BigInt(f)).floor();

/** round half to even of x / 2^f, for any sign. */
export function roundShift(x: bigint, f: number): bigint {
  const q = Rational.of(x, 1n << BigInt(f));
  return q.sign() < 0 ? -roundHalfEven(q.neg()) : roundHalfEven(q);
}

/**
 * Two random operands of n bits. Uniform bits make almost every operand large, so products
 * nearly always saturate and sums nearly never carry far: here each operand's magnitude has a
 * bit length drawn uniformly from 0..n-1 and a random sign, and one time in four the second
 * operand is the first plus or minus a little (comparisons of values that agree on high bits).
 */
export function sampleFixed(rng: Rng, n: number): bigint[] {
  const one = (): bigint => {
    const len = rng.below(n);
    const mag = len === 0 ? 0n : (1n << BigInt(len - 1)) | rng.bits(len - 1);
    return rng.below(2) === 0 ? mag : -mag - BigInt(rng.below(2));
  };
  const lo = -(1n << BigInt(n - 1));
  const hi = (1n << BigInt(n - 1)) - 1n;
  const x = one();
  let y = rng.below(4) === 0 ? x + BigInt(rng.below(5)) - 2n : one();
  if (y < lo) y = lo;
  if (y > hi) y = hi;
  return [toBits(x, n), toBits(y, n)];
}

/**
 * Two structured operands of i + f bits (see `model/structured.ts`): the generic words (0, -1 =
 * all ones, the most negative and largest values around the top bit, powers of two, runs, one
 * related to the other), and one time in four an operand that is +-2^j times one (1.0, 0.5, 2.0
 * ...: products that land exactly on a rounding tie or on the saturation bound).
 */
export function structuredFixed(rng: Rng, i: number, f: number): bigint[] {
  const n = i + f;
  const xs = structuredWords(rng, [n, n]);
  if (rng.below(4) === 0) {
    const j = rng.below(n) - f; // 2^j with 2^(j+f) a bit inside the word
    const one = 1n << BigInt(j + f);
    const v = rng.below(2) === 0 ? one : toBits(-one, n);
    xs[rng.below(2)] = rng.below(3) === 0 ? (v + structuredWord(rng, 2) - 1n) & ((1n << BigInt(n)) - 1n) : v;
  }
  return xs;
}

function fixedModel(name: string, description: string, out: { name: string; width: (p: Params) => number }, op: (x: bigint, y: bigint, params: Params) => bigint): Model {
  return {
    name,
    description,
    signature: (params) => ({
      inputs: [
        { name: 'x', width: fixedWidth(params) },
        { name: 'y', width: fixedWidth(params) },
      ],
      outputs: [{ name: out.name, width: out.width(params) }],
    }),
    evaluate: ([x, y], params) => {
      const n = fixedWidth(params);
      const r = op(toSigned(x!, n), toSigned(y!, n), params);
      return [out.name === 'ge' ? r : toBits(r, n)];
    },
    show: (port, v, params) => (port === 'ge' ? (v ? 'x >= y' : 'x < y') : `${Rational.of(toSigned(v, fixedWidth(params)), 1n << BigInt(params.f!))}`),
    sample: (rng, params) => sampleFixed(rng, fixedWidth(params)),
    structured: (rng, params) => structuredFixed(rng, params.i!, params.f!),
  };
}

const value = { name: 'r', width: fixedWidth };

export const fixedAddModel = fixedModel('fixed.add', 'r = saturate(x + y)', value, (x, y, p) => saturate(x + y, fixedWidth(p)));
export const fixedSubModel = fixedModel('fixed.sub', 'r = saturate(x - y)', value, (x, y, p) => saturate(x - y, fixedWidth(p)));
export const fixedCompareModel = fixedModel('fixed.compare', 'ge = [x >= y]', { name: 'ge', width: () => 1 }, (x, y) => (x >= y ? 1n : 0n));
export const fixedMulModel = fixedModel('fixed.mul', 'r = saturate(round_half_even(x y / 2^f))', value, (x, y, p) => saturate(roundShift(x * y, p.f!), fixedWidth(p)));
export const fixedMulTruncModel = fixedModel('fixed.mul-trunc', 'r = saturate(floor(x y / 2^f))', value, (x, y, p) => saturate(floorShift(x * y, p.f!), fixedWidth(p)));
