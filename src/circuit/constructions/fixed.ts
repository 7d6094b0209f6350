/**
 * Fixed-point circuits from the integer blocks: the exact result is a linear form in the input
 * bits (or in partial products), its bits come from `linearBits`, and saturation is one more
 * layer: a gate on the same linear form says "above the range" or "below the range", and each
 * output bit is [bit - below + 2 above >= 1] (or the mirror image for the sign bit).
 */
import { CircuitBuilder, type Signal, type Term } from '../builder.js';
import type { Construction } from '../construction.js';
import { linearBits, nonNegativeForm, weightedSigned } from '../blocks.js';


/** Saturating output of the value `sum(terms) + offset` shifted right by `shift` (floor), n bits. */
function saturated(b: CircuitBuilder, terms: readonly Term[], n: number, shift: number, offset = 0n): Signal[] {
  const S = BigInt(shift);
  const hi = ((1n << BigInt(n - 1)) - 1n) << S; // floor(v / 2^s) > 2^(n-1) - 1  <=>  v >= 2^(n-1+s)
  const above = b.threshold(terms, hi + (1n << S) - offset);
  const below = b.threshold(terms.map(([x, w]) => [x, -BigInt(w)] as const), (1n << BigInt(n - 1 + shift)) + 1n + offset); // v < -2^(n-1+s)
  const bits = linearBits(b, terms, n + shift, offset).slice(shift);
  return bits.map((x, j) =>
    j < n - 1
      ? b.threshold([[x, 1], [below, -1], [above, 2]], 1)
      : b.threshold([[x, 1], [below, 2], [above, -1]], 1),
  );
}

function binary(name: string, description: string, out: 'r' | 'ge', body: (b: CircuitBuilder, x: Signal[], y: Signal[], i: number, f: number) => Signal[]): Construction {
  return {
    name,
    description,
    build({ i, f }) {
      const b = new CircuitBuilder();
      const x = b.input('x', i! + f!);
      const y = b.input('y', i! + f!);
      b.output(out, body(b, x, y, i!, f!));
      return b.finish();
    },
  };
}

export const fixedAdd = binary('fixed.add', 'x + y as a linear form, depth-2 bits, one saturation layer (depth 3)', 'r', (b, x, y) =>
  saturated(b, [...weightedSigned(x), ...weightedSigned(y)], x.length, 0),
);

/**
 * -Y has a negative weight on every bit but the top one, and `linearBits` reduces weights modulo
 * 2^(j+1), where -2^i turns into 2^(j+1) - 2^i: bit j then needs about 2j interval tests. In the
 * non-negative form (-2^i y_i = 2^i (not y_i) - 2^i) every reduced weight is the weight itself and
 * each bit needs about four, as in fixed.add: 81 gates instead of 306 at i = f = 8, and Z3 proves
 * it about 16 times faster (0.4 s of CPU against 6.4 s, z3-solver 5.2 Wasm).
 */
export const fixedSub = binary('fixed.sub', 'x - y as a linear form (non-negative weights), depth-2 bits, one saturation layer (depth 3)', 'r', (b, x, y) => {
  const { terms, offset } = nonNegativeForm([...weightedSigned(x), ...weightedSigned(y, -1n)]);
  return saturated(b, terms, x.length, 0, offset);
});

export const fixedCompare = binary('fixed.compare', '[x - y >= 0] as one gate with two\'s complement weights (depth 1)', 'ge', (b, x, y) => [
  b.threshold([...weightedSigned(x), ...weightedSigned(y, -1n)], 0),
]);

/** Signed partial products: x_a y_b with the weight of bit a of x times the weight of bit b of y. */
function products(b: CircuitBuilder, x: readonly Signal[], y: readonly Signal[]): Term[] {
  const wx = weightedSigned(x);
  const wy = weightedSigned(y);
  return wx.flatMap(([xa, wa]) => wy.map(([yb, wb]) => [b.and([xa, yb]), BigInt(wa) * BigInt(wb)] as const));
}

export const fixedMulTrunc = binary('fixed.mul-trunc', 'partial products (depth 1), floor(x y / 2^f) bits (depth 3), saturation (depth 4)', 'r', (b, x, y, _i, f) =>
  saturated(b, products(b, x, y), x.length, f),
);

/**
 * Round half to even of P / 2^f equals floor((P + 2^(f-1) - 1 + P_f) / 2^f) where P_f is bit f
 * of P (the last kept bit): below half rounds down, above rounds up, a tie goes up exactly when
 * the kept part is odd. P_f comes from the depth-3 product bits, the final sum adds 2 more.
 */
export const fixedMul = binary('fixed.mul', 'partial products, then floor((P + 2^(f-1) - 1 + P_f) / 2^f) (round half to even), saturation', 'r', (b, x, y, _i, f) => {
  const P = products(b, x, y);
  if (f === 0) return saturated(b, P, x.length, 0);
  const pf = linearBits(b, P, f + 1)[f]!;
  return saturated(b, [...P, [pf, 1n]], x.length, f, (1n << BigInt(f - 1)) - 1n);
});



