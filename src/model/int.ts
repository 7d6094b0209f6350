/**
 * Exact models of unsigned integer arithmetic on p-bit ports.
 */
import type { Params } from '../core/params.js';
import type { Model } from './model.js';
import { structuredWords } from './structured.js';

const mask = (w: number): bigint => (1n << BigInt(w)) - 1n;

/** Width of the sum of k p-bit numbers (k * (2^p - 1) must fit). */
export function iterAddWidth(k: number, p: number): number {
  const max = BigInt(k) * mask(p);
  return Math.max(1, max.toString(2).length);
}

const binary = (out: string, outWidth: (p: number) => number) => ({ p }: Params) => ({
  inputs: [
    { name: 'a', width: p! },
    { name: 'b', width: p! },
  ],
  outputs: [{ name: out, width: outWidth(p!) }],
});

export const intCompareModel: Model = {
  name: 'int.compare',
  description: 'ge = [a >= b] for unsigned p-bit a, b',
  signature: binary('ge', () => 1),
  evaluate: ([a, b]) => [a! >= b! ? 1n : 0n],
  // Uniform pairs differ in their top bits and are decided there; these agree above a random bit.
  sample: (rng, { p }) => {
    const a = rng.bits(p!);
    const k = rng.below(p! + 1);
    const b = (a >> BigInt(k) << BigInt(k)) | rng.bits(k);
    return rng.below(2) === 0 ? [a, b] : [b, a];
  },
  structured: (rng, { p }) => structuredWords(rng, [p!, p!]),
};

export const intAddModel: Model = {
  name: 'int.add',
  description: 'sum = a + b (p + 1 bits, no overflow) for unsigned p-bit a, b',
  signature: binary('sum', (p) => p + 1),
  evaluate: ([a, b]) => [a! + b!],
};

export const intMulModel: Model = {
  name: 'int.mul',
  description: 'prod = a * b (2p bits) for unsigned p-bit a, b',
  signature: binary('prod', (p) => 2 * p),
  evaluate: ([a, b]) => [a! * b!],
};

export const intIterAddModel: Model = {
  name: 'int.iter-add',
  description: 'sum = x_0 + ... + x_{k-1} for k unsigned p-bit numbers (width bitlength(k (2^p - 1)))',
  signature: ({ k, p }) => ({
    inputs: Array.from({ length: k! }, (_, i) => ({ name: `x${i}`, width: p! })),
    outputs: [{ name: 'sum', width: iterAddWidth(k!, p!) }],
  }),
  evaluate: (xs) => [xs.reduce((s, x) => s + x, 0n)],
};

export const intIterMulModel: Model = {
  name: 'int.iter-mul',
  description: 'prod = x_0 * ... * x_{k-1} for k unsigned p-bit numbers (k p bits)',
  signature: ({ k, p }) => ({
    inputs: Array.from({ length: k! }, (_, i) => ({ name: `x${i}`, width: p! })),
    outputs: [{ name: 'prod', width: k! * p! }],
  }),
  evaluate: (xs) => [xs.reduce((s, x) => s * x, 1n)],
};
