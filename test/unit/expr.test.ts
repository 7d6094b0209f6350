import { describe, expect, it } from 'vitest';
import { ExprError, evalExpr, exprVars, parseExpr } from '../../src/core/expr.js';
import { Rational, bitLength, ceilLog2, floorLog2 } from '../../src/core/rational.js';

const ev = (s: string, env: Record<string, number> = {}): string => evalExpr(parseExpr(s), env).toString();

describe('bound expressions', () => {
  it('evaluates with precedence, right-associative powers and exact division', () => {
    expect(ev('4*p + 1', { p: 12 })).toBe('49');
    expect(ev('3 * 2^(p-1)', { p: 5 })).toBe('48');
    expect(ev('2^3^2')).toBe('512');
    expect(ev('-2^2')).toBe('-4');
    expect(ev('7/2')).toBe('7/2');
    expect(ev('(2*k + 1) * (p + clog2(k) + 1)', { k: 5, p: 4 })).toBe(`${11 * (4 + 3 + 1)}`);
    expect(ev('flog2(8) + clog2(9) + min(3, p) + max(3, p)', { p: 10 })).toBe(`${3 + 4 + 3 + 10}`);
    expect(ev('ceil(7/2) + floor(-7/2)')).toBe('0');
  });
  it('lists variables and rejects malformed input', () => {
    expect([...exprVars(parseExpr('k * p^2 + clog2(k)'))].sort()).toEqual(['k', 'p']);
    for (const bad of ['4*p +', '(1', 'log(2)', 'p $ 2', 'min(1)', '1 2']) expect(() => parseExpr(bad), bad).toThrow(ExprError);
    expect(() => ev('q + 1')).toThrow(/unknown variable 'q'/);
    expect(() => ev('clog2(0)')).toThrow(ExprError);
    expect(() => ev('1/0')).toThrow(/division by zero/);
  });
  it('refuses values too large to compute, fast, and every failure is an ExprError', () => {
    const t = Date.now();
    for (const [src, msg] of [
      ['2^(2^(4*p))', /too large/],
      ['(3^p)^(p*p) * 7^p', /too large/],
      ['2^65536', /too large/],
      ['0^(0-1)', /0 to a negative power/],
      ['2^(1/2)', /non-integer exponent/],
    ] as const)
      expect(() => ev(src, { p: 100 }), src).toThrow(msg);
    expect(Date.now() - t).toBeLessThan(5000);
    expect(ev('1^(2^(2^p))', { p: 5 })).toBe('1');
    expect(ev('(0-1)^(2^20)')).toBe('1');
    expect(ev('2^(0-3)')).toBe('1/8');
  });
});

describe('rationals', () => {
  it('keeps lowest terms and orders exactly', () => {
    expect(Rational.of(6, -4).toString()).toBe('-3/2');
    expect(Rational.of(-3, 2).floor()).toBe(-2n);
    expect(Rational.of(-3, 2).ceil()).toBe(-1n);
    expect(Rational.of(1, 3).add(Rational.of(1, 6)).toString()).toBe('1/2');
    expect(Rational.pow2(3n, -2).toString()).toBe('3/4');
    expect(Rational.of(9, 20).cmp(Rational.of(1, 2))).toBe(-1);
    expect(() => Rational.of(1, 0)).toThrow(RangeError);
  });
  it('computes integer logarithms', () => {
    expect([1n, 2n, 3n, 4n, 1024n, 1025n].map(floorLog2)).toEqual([0, 1, 1, 2, 10, 10]);
    expect([1n, 2n, 3n, 4n, 1024n, 1025n].map(ceilLog2)).toEqual([0, 1, 2, 2, 10, 11]);
    expect([0n, 1n, 255n, 256n].map(bitLength)).toEqual([0, 1, 8, 9]);
  });
});
