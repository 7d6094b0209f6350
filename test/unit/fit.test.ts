import { describe, expect, it } from 'vitest';
import { METRIC_CEILING, exactPolynomial, fitDegree, fitWindow, largestFittedDegree } from '../../src/core/fit.js';
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
  it('fits on three points at least', () => {
    expect(fitWindow([1, 2])).toEqual([]);
    expect(fitWindow([0, 1, 2])).toEqual([]);
    expect(fitWindow(range(2, 5))).toEqual([3, 4, 5]);
    expect(fitWindow(range(1, 8))).toEqual([5, 6, 7, 8]);
    expect(fitDegree(pts((x) => x * x, [1, 2]))).toBeUndefined();
    expect(fitDegree(pts((x) => x * x, [1, 2, 3]))).toBe(2);
    expect(fitDegree(pts((x) => (x < 3 ? 0 : x), range(1, 4)))).toBeUndefined(); // a metric of 0 drops its point
  });
  it('bounds the degree a fit can report for a metric below the ceiling', () => {
    const xs = range(1, 64);
    const top = largestFittedDegree(xs)!;
    expect(top).toBeGreaterThan(47);
    expect(top).toBeLessThan(48);
    // The extreme series reaches it: 1 at and below the mean log x, the ceiling above.
    const window = fitWindow(xs);
    const mean = window.reduce((a, x) => a + Math.log(x), 0) / window.length;
    expect(fitDegree(xs.map((x) => ({ x, y: Math.log(x) > mean ? METRIC_CEILING : 1 })))).toBe(top);
    expect(largestFittedDegree([1, 2])).toBeUndefined();
  });
});
