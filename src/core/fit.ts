/**
 * Growth fits for measured series. The fitted degree is a measurement, not a proof: the
 * least-squares slope of log(metric) against log(x) over the upper half of the measured range.
 * When the values are exactly a polynomial of degree <= 4 in x (finite differences vanish, with
 * at least two points to spare), that polynomial is reported exactly.
 */
import { Rational } from './rational.js';
import type { Fit } from './verdict.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Slack allowed between a claimed degree and the fitted slope (log factors, lower-order terms). */
export const DEGREE_SLACK = 0.25;

export function fitDegree(points: readonly Point[]): number | undefined {
  const pts = [...points].filter((p) => p.x > 0 && p.y > 0).sort((a, b) => a.x - b.x);
  if (pts.length < 2) return undefined;
  const mid = pts[0]!.x + (pts[pts.length - 1]!.x - pts[0]!.x) / 2;
  let upper = pts.filter((p) => p.x >= mid);
  if (upper.length < 2) upper = pts.slice(-2);
  const xs = upper.map((p) => Math.log(p.x));
  const ys = upper.map((p) => Math.log(p.y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i]! - my);
    den += (x - mx) ** 2;
  });
  if (den === 0) return undefined;
  return Math.round((num / den) * 1000) / 1000;
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
