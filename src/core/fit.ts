/**
 * Growth fits for measured series. The fitted degree is a measurement, not a proof: the
 * least-squares slope of log(metric) against log(x) over the upper half of the measured range,
 * on three points at least (`fitWindow`). When the values are exactly a polynomial of degree <= 4
 * in x (finite differences vanish, with at least two points to spare), that polynomial is
 * reported exactly.
 */
import { Rational } from './rational.js';
import type { Fit } from './verdict.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Slack allowed between a claimed degree and the fitted slope (log factors, lower-order terms). */
export const DEGREE_SLACK = 0.25;

/** Fewest points a degree is fitted on: through two points any slope fits, so it would say nothing. */
export const MIN_FIT_POINTS = 3;

/**
 * The largest value a measured depth, size or fan-in can take: a circuit (src/circuit/ir.ts) and
 * an architecture's family (src/program/family.ts) number their wires, gates and nodes in Int32
 * arrays and refuse to grow beyond this, so no count exceeds it (depth <= size, fan-in <= total
 * fan-in). A bound at or above it cannot fail.
 */
export const METRIC_CEILING = 2 ** 31 - 1;

/**
 * The x values a degree fit uses, ascending: the positive ones in the upper half of their range,
 * or the largest MIN_FIT_POINTS of them when the upper half has fewer; none when there are fewer
 * than MIN_FIT_POINTS positive values.
 */
export function fitWindow(xs: readonly number[]): number[] {
  const pos = [...new Set(xs.filter((x) => x > 0))].sort((a, b) => a - b);
  if (pos.length < MIN_FIT_POINTS) return [];
  const mid = pos[0]! + (pos[pos.length - 1]! - pos[0]!) / 2;
  const upper = pos.filter((x) => x >= mid);
  return upper.length >= MIN_FIT_POINTS ? upper : pos.slice(-MIN_FIT_POINTS);
}

/** Least-squares slope of ys against xs, rounded to three decimals, as fits report it. */
function slope(xs: readonly number[], ys: readonly number[]): number | undefined {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i]! - my);
    den += (x - mx) ** 2;
  });
  return den === 0 ? undefined : Math.round((num / den) * 1000) / 1000;
}

export function fitDegree(points: readonly Point[]): number | undefined {
  const pts = points.filter((p) => p.x > 0 && p.y > 0);
  const window = new Set(fitWindow(pts.map((p) => p.x)));
  const used = pts.filter((p) => window.has(p.x));
  if (used.length < MIN_FIT_POINTS) return undefined;
  return slope(used.map((p) => Math.log(p.x)), used.map((p) => Math.log(p.y)));
}

/**
 * The largest degree a fit over these x values can report for a metric between 1 and
 * METRIC_CEILING: the least-squares slope is linear in the log-values, so it is largest with the
 * values at the ceiling above the mean log x and at 1 below it. Undefined when nothing is fitted.
 */
export function largestFittedDegree(xs: readonly number[]): number | undefined {
  const window = fitWindow(xs);
  if (window.length === 0) return undefined;
  const lx = window.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  return slope(lx, lx.map((x) => (x > mx ? Math.log(METRIC_CEILING) : 0)));
}

/** Coefficients (lowest first) of the exact polynomial through the points, if there is one. */
export function exactPolynomial(points: readonly Point[], maxDegree = 4): Rational[] | undefined {
  const pts = [...points].sort((a, b) => a.x - b.x);
  for (let i = 1; i < pts.length; i++) if (pts[i]!.x !== pts[i - 1]!.x + 1) return undefined;
  for (let d = 0; d <= maxDegree; d++) {
    if (pts.length < d + 3) return undefined;
    let diff = pts.map((p) => BigInt(p.y));
    for (let k = 0; k <= d; k++) diff = diff.slice(1).map((v, i) => v - diff[i]!);
    if (diff.every((v) => v === 0n)) return interpolate(pts.slice(0, d + 1));
  }
  return undefined;
}

/** Monomial coefficients of the polynomial through the given points (Lagrange, exact). */
function interpolate(pts: readonly Point[]): Rational[] {
  const n = pts.length;
  let coeffs: Rational[] = Array.from({ length: n }, () => Rational.ZERO);
  for (let i = 0; i < n; i++) {
    // basis_i(x) = prod_{j != i} (x - x_j) / (x_i - x_j)
    let basis: Rational[] = [Rational.ONE];
    let denom = Rational.ONE;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const xj = Rational.of(pts[j]!.x);
      const next: Rational[] = Array.from({ length: basis.length + 1 }, () => Rational.ZERO);
      basis.forEach((c, k) => {
        next[k + 1] = next[k + 1]!.add(c);
        next[k] = next[k]!.sub(c.mul(xj));
      });
      basis = next;
      denom = denom.mul(Rational.of(pts[i]!.x - pts[j]!.x));
    }
    const scale = Rational.of(pts[i]!.y).div(denom);
    coeffs = coeffs.map((c, k) => c.add((basis[k] ?? Rational.ZERO).mul(scale)));
  }
  while (coeffs.length > 1 && coeffs[coeffs.length - 1]!.sign() === 0) coeffs.pop();
  return coeffs;
}

/** `3*p^2 + p - 1` from coefficients, lowest first. */
export function showPolynomial(coeffs: readonly Rational[], x: string): string {
  const terms: string[] = [];
  for (let k = coeffs.length - 1; k >= 0; k--) {
    const c = coeffs[k]!;
    if (c.sign() === 0) continue;
    const mag = c.abs();
    const pow = k === 0 ? '' : k === 1 ? x : `${x}^${k}`;
    const body = k === 0 ? mag.toString() : mag.eq(Rational.ONE) ? pow : `${mag}*${pow}`;
    terms.push(terms.length === 0 ? (c.sign() < 0 ? `-${body}` : body) : `${c.sign() < 0 ? '-' : '+'} ${body}`);
  }
  return terms.length === 0 ? '0' : terms.join(' ');
}

export function fitSeries(parameter: string, metric: 'size' | 'depth', points: readonly Point[]): Fit | undefined {
  const degree = fitDegree(points);
  if (degree === undefined) return undefined;
  const exact = exactPolynomial(points);
  return exact ? { parameter, metric, degree, exact: exact.map(String) } : { parameter, metric, degree };
}
