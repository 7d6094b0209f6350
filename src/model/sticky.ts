/**
 * The sticky division finding (docs/paper.md weak point 1). Float division in the paper's source
 * computes a quotient q = a / b with a sticky bit: "a // b = a/b + 1/8 when a/b is not a multiple
 * of 1/4". For the result to round and compare like q, the sticky value must (1) be a dyadic
 * number with at most three fractional bits, and (2) lie on the same side of every multiple of
 * 1/4 as q (so rounding to the nearest half or integer, ties included, and comparisons with
 * such values are unchanged).
 *
 * Taken literally (q + 1/8) this fails: 9/20 + 1/8 = 23/40 is not dyadic and lies above 1/2,
 * where 9/20 lies below (so it rounds to 1 instead of 0). Truncating to quarters first,
 * floor(4q)/4 + 1/8, satisfies both. The properties check every a < 2^(p+2), 1 <= b < 2^p.
 */
import type { Params } from '../core/params.js';
import { Rational } from '../core/rational.js';
import { type Property, type PropertyResult, fails } from './model.js';
import { roundHalfEven } from './float.js';

const QUARTER = Rational.of(1, 4);
const EIGHTH = Rational.of(1, 8);

export const stickyLiteral = (q: Rational): Rational => (q.div(QUARTER).isInteger() ? q : q.add(EIGHTH));
export const stickyTruncated = (q: Rational): Rational => (q.div(QUARTER).isInteger() ? q : Rational.of(q.mul(Rational.of(4)).floor(), 4).add(EIGHTH));

/** Why s fails to stand in for q, or undefined when it does. */
export function stickyProblem(q: Rational, s: Rational): string | undefined {
  if (roundHalfEven(s) !== roundHalfEven(q)) return `${s} rounds to ${roundHalfEven(s)} but ${q} rounds to ${roundHalfEven(q)}`;
  const k = q.mul(Rational.of(4)).floor(); // q lies in [k/4, (k+1)/4)
  const onQuarter = q.mul(Rational.of(4)).isInteger();
  const sk = s.mul(Rational.of(4)).floor();
  const sOnQuarter = s.mul(Rational.of(4)).isInteger();
  if (k !== sk || onQuarter !== sOnQuarter) return `${s} and ${q} lie on different sides of a multiple of 1/4`;
  if (!s.mul(Rational.of(8)).isInteger()) return `${s} has more than three fractional bits`;
  return undefined;
}

function stickyProperty(name: string, description: string, sticky: (q: Rational) => Rational): Property {
  return {
    name,
    description,
    params: { p: { description: 'significand bits of the divisor (dividends below 2^(p+2))', min: 1, max: 12 } },
    check({ p }: Params): PropertyResult {
      let cases = 0;
      let first: { a: bigint; b: bigint; why: string } | undefined;
      let failures = 0;
      let roundingFailures = 0;
      for (let a = 0n; a < 1n << BigInt(p! + 2); a++)
        for (let b = 1n; b < 1n << BigInt(p!); b++) {
          cases++;
          const q = Rational.of(a, b);
          const s = sticky(q);
          const why = stickyProblem(q, s);
          if (why) {
            failures++;
            if (roundHalfEven(s) !== roundHalfEven(q)) roundingFailures++;
            // Report the paper's own example when it is in range, else the first failure.
            if (!first || (a === 9n && b === 20n)) first = { a, b, why };
          }
        }
      const table = [{ p: p!, pairs: cases, failures, 'wrong rounding to integers': roundingFailures }];
      if (!first) return { holds: true, cases, exhaustive: true, table };
      const q = Rational.of(first.a, first.b);
      return fails(cases, `a/b = ${q}: the sticky quotient is ${sticky(q)}; ${first.why}. ${failures} of ${cases} pairs fail, ${roundingFailures} of them round to a different integer.`, {
        inputs: { a: { value: `${first.a}`, bits: first.a.toString(2) }, b: { value: `${first.b}`, bits: first.b.toString(2) } },
        table,
      });
    },
  };
}

export const stickyLiteralProperty = stickyProperty('sticky.literal', 'a // b = a/b + 1/8 unless a/b is a multiple of 1/4 (the definition taken literally)', stickyLiteral);
export const stickyTruncatedProperty = stickyProperty('sticky.truncated', 'a // b = floor(4a/b)/4 + 1/8 unless a/b is a multiple of 1/4 (truncate to quarters first)', stickyTruncated);
