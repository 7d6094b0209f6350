/**
 * The `measure` backend: builds a construction at every instance of a grid, computes its exact
 * metrics, and checks the spec's metric claims (bounds at each instance, constancy across the
 * grid, fitted growth degree per varying parameter).
 */
import { type Params, cartesian, gridKey, paramsKey } from '../../core/params.js';
import type { CheckResult, Checker, Fit, SeriesRow } from '../../core/verdict.js';
import { describeThrown } from '../../core/errors.js';
import { evalExpr } from '../../core/expr.js';
import { Rational } from '../../core/rational.js';
import { NotImplementedError, type Construction } from '../../circuit/construction.js';
import { measure } from '../../circuit/metrics.js';
import type { MetricClaim, MetricName } from '../../spec/types.js';
import { DEGREE_SLACK, MIN_FIT_POINTS, fitSeries, fitWindow } from '../../core/fit.js';

export const MEASURER: Checker = { name: 'tc0-measure', version: 'metrics/2' };

const metricOf = (row: SeriesRow, m: MetricName): Rational =>
  m === 'weight' ? Rational.of(BigInt(row.maxWeight)) : Rational.of(m === 'fanIn' ? row.maxFanIn : row[m]);

export function checkMeasure(construction: Construction, grid: Readonly<Record<string, readonly number[]>>, claims: Readonly<Partial<Record<MetricName, MetricClaim>>>): CheckResult {
  const series: SeriesRow[] = [];
  for (const params of cartesian(grid)) {
    try {
      const m = measure(construction.build(params));
      series.push({ params, depth: m.depth, size: m.size, maxFanIn: m.maxFanIn, maxWeight: m.maxWeight.toString() });
    } catch (e) {
      if (e instanceof NotImplementedError) return { outcome: { status: 'skipped', checker: MEASURER, reason: `construction ${construction.name} is not implemented: ${e.message}` } };
      return { outcome: { status: 'error', checker: MEASURER, reason: `construction ${construction.name} threw at ${JSON.stringify(params)}: ${describeThrown(e)}` }, series };
    }
  }
  const fits = computeFits(grid, series);
  const violations: string[] = [];
  const untested: string[] = [];
  const unfitted: string[] = [];
  let firstBad: Params | undefined;
  for (const [metric, claim] of Object.entries(claims) as Array<[MetricName, MetricClaim]>) {
    if (claim.max) {
      for (const row of series) {
        const bound = evalExpr(claim.max.expr, row.params);
        const v = metricOf(row, metric);
        if (v.cmp(bound) > 0) {
          violations.push(`${metric} ${v} > ${claim.max.text} = ${bound} at ${paramText(row.params)}`);
          firstBad ??= row.params;
          break;
        }
      }
    }
    // Validation makes some check of the spec able to refute each claim (README "Vacuous
    // claims"); what this grid cannot test is said in the verdict, never passed over.
    if (claim.constant && new Set(series.map((r) => paramsKey(r.params))).size < 2) untested.push(`${metric} constant (one point)`);
    if (claim.constant) {
      const values = new Set(series.map((r) => metricOf(r, metric).toString()));
      if (values.size > 1) {
        violations.push(`${metric} is not constant over ${gridKey(grid)}: takes ${[...values].join(', ')}`);
        firstBad ??= series.find((r) => metricOf(r, metric).toString() !== metricOf(series[0]!, metric).toString())?.params;
      }
    }
    if (claim.degree !== undefined && (metric === 'size' || metric === 'depth')) {
      const mine = fits.filter((x) => x.metric === metric);
      for (const f of mine)
        if (f.degree > claim.degree + DEGREE_SLACK) violations.push(`${metric} grows like ${f.parameter}^${f.degree} (fitted), above the claimed degree ${claim.degree}`);
      const fittable = Object.keys(grid).filter((n) => fitWindow(grid[n]!).length > 0);
      const lost = fittable.filter((n) => !mine.some((f) => f.parameter === n));
      if (lost.length > 0) unfitted.push(`the ${metric} degree claim cannot be fitted along ${lost.join(', ')}: fewer than ${MIN_FIT_POINTS} points with a positive ${metric}`);
      if (fittable.length === 0) untested.push(`${metric} degree (no parameter with ${MIN_FIT_POINTS} positive values)`);
    }
  }
  const last = series[series.length - 1]!;
  const metrics = { depth: last.depth, size: last.size, maxFanIn: last.maxFanIn, maxWeight: last.maxWeight, wires: 0 };
  if (violations.length > 0)
    return {
      outcome: {
        status: 'refuted',
        checker: MEASURER,
        trust: `exact metrics of the constructed circuits over ${gridKey(grid)}`,
        counterexample: { inputs: {}, note: violations.join('; '), ...(firstBad ? { params: firstBad } : {}) },
      },
      series,
      fits,
      metrics,
    };
  if (unfitted.length > 0) return { outcome: { status: 'error', checker: MEASURER, reason: unfitted.join('; ') }, series, fits, metrics };
  const fitText = fits.length > 0 ? `; fitted ${fits.map((f) => `${f.metric} ~ ${f.parameter}^${f.degree}`).join(', ')} (a measurement)` : '';
  const untestedText = untested.length > 0 ? `; not tested on this grid: ${untested.join(', ')}` : '';
  return {
    outcome: { status: 'proved', checker: MEASURER, trust: `exact metrics of ${series.length} constructed circuits over ${gridKey(grid)} meet every bound${fitText}${untestedText}` },
    series,
    fits,
    metrics,
  };
}

/** Fits along each parameter that varies, with the other parameters at their largest value. */
function computeFits(grid: Readonly<Record<string, readonly number[]>>, series: readonly SeriesRow[]): Fit[] {
  const fits: Fit[] = [];
  for (const [name, values] of Object.entries(grid)) {
    if (values.length < MIN_FIT_POINTS) continue;
    const others = Object.entries(grid).filter(([n]) => n !== name);
    const rows = series.filter((r) => others.every(([n, vs]) => r.params[n] === Math.max(...vs)));
    for (const metric of ['size', 'depth'] as const) {
      const f = fitSeries(name, metric, rows.map((r) => ({ x: r.params[name]!, y: r[metric] })));
      if (f) fits.push(f);
    }
  }
  return fits;
}

const paramText = (p: Params): string => Object.entries(p).map(([k, v]) => `${k}=${v}`).join(', ');
