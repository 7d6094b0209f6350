import { describe, expect, it } from 'vitest';
import { exactPolynomial, fitDegree } from '../../src/core/fit.js';
import { polyText } from '../../src/report/markdown.js';

const pts = (f: (x: number) => number, xs: number[]) => xs.map((x) => ({ x, y: f(x) }));
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('growth fits', () => {
  it('recovers exact polynomials', () => {
    expect(exactPolynomial(pts((p) => 4 * p + 1, range(1, 10)))!.map(String)).toEqual(['1', '4']);
    expect(exactPolynomial(pts((p) => 3 * p * p - p + 7, range(2, 12)))!.map(String)).toEqual(['7', '-1', '3']);
    expect(exactPolynomial(pts((p) => 2 ** p, range(1, 12)))).toBeUndefined();
    expect(exactPolynomial(pts((p) => p, [1, 2, 4]))).toBeUndefined(); // not consecutive
    expect(polyText(['7', '-1', '3'], 'p')).toBe('3p^2 - p + 7');
  });
  it('fits the degree over the upper half of the range', () => {
    expect(fitDegree(pts((n) => n ** 3 + 10 * n, range(1, 64)))).toBeCloseTo(3, 1);
    expect(fitDegree(pts(() => 5, range(1, 64)))).toBe(0);
    // n log n fits as about 1.25 over 32..64: the slack DEGREE_SLACK allows for such log factors.
    expect(fitDegree(pts((n) => 2 * n * Math.log2(n + 1), range(2, 64)))!).toBeLessThan(1.3);
  });
});
