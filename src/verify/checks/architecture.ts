/**
 * The checks of architecture programs (specs with `architecture:`), each from the program alone:
 *
 * - `checkFamily` (the `measure` backend): at every grid point, the operator-level family is
 *   generated and measured, and must have exactly the depth the symbolic depth gives there
 *   (built operations at their constructions' measured depths, assumed ones as symbols) and
 *   exactly the node counts of the symbolic size; then the spec's claims are checked on the
 *   formulas (depth constant, depth below a bound, size degree, size below a bound).
 * - `checkUniformity` (property `uniformity`): the local description against the generated
 *   member, node by node.
 * The gate-level check (circuit against exact model) is an ordinary equivalence check
 * (tasks.ts), with the program's circuit and model.
 */
import { type Params, cartesian, gridKey } from '../../core/params.js';
import type { CheckResult, Checker, SeriesRow } from '../../core/verdict.js';
import { type Expr, evalExpr } from '../../core/expr.js';
import { Rational } from '../../core/rational.js';
import { fitSeries } from '../../core/fit.js';
import type { MetricClaim, MetricName } from '../../spec/types.js';
import type { Bundle, Name } from '../../program/ast.js';
import { compile } from '../../program/plan.js';
import { type DepthVector, familyMetrics, generateFamily, showDepthVector } from '../../program/family.js';
import { LocalDescription } from '../../program/describe.js';
import { depthCosts, measuredSymbols } from '../../program/ops.js';
import { evaluateDepth, showDepth, symbolicDepth } from '../../program/depth.js';
import { evalCount, operationCount, symbolicSize } from '../../program/size.js';
import { rootSizes } from '../../program/domain.js';
import { Poly } from '../../program/poly.js';

export const ARCHITECTURE_CHECKER: Checker = { name: 'tc0-architecture', version: 'program/1' };

const sameVector = (a: DepthVector, b: DepthVector): boolean => [...new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => (a[k] ?? 0) === (b[k] ?? 0));

/** Linear form of a bound: constant and coefficients of the symbols left symbolic. */
function linear(e: Expr, env: Readonly<Record<Name, number>>, symbols: ReadonlySet<Name>): { constant: Rational; coef: Map<Name, Rational> } {
  const lin = (x: Expr): { constant: Rational; coef: Map<Name, Rational> } => {
    const c = (q: Rational) => ({ constant: q, coef: new Map<Name, Rational>() });
    switch (x.kind) {
      case 'num':
        return c(Rational.of(x.value));
      case 'var':
        if (symbols.has(x.name)) return { constant: Rational.ZERO, coef: new Map([[x.name, Rational.ONE]]) };
        return c(evalExpr(x, env));
      case 'neg': {
        const a = lin(x.arg);
        return { constant: a.constant.neg(), coef: new Map([...a.coef].map(([k, v]) => [k, v.neg()])) };
      }
      case 'bin': {
        const a = lin(x.left);
        const b = lin(x.right);
        const plain = (f: { coef: Map<Name, Rational> }) => f.coef.size === 0;
        if (x.op === '+' || x.op === '-') {
          const s = x.op === '+' ? Rational.ONE : Rational.of(-1);
          const coef = new Map(a.coef);
          for (const [k, v] of b.coef) coef.set(k, (coef.get(k) ?? Rational.ZERO).add(v.mul(s)));
          return { constant: a.constant.add(b.constant.mul(s)), coef };
        }
        if (x.op === '*' && (plain(a) || plain(b))) {
          const [k, f] = plain(a) ? [a.constant, b] : [b.constant, a];
          return { constant: f.constant.mul(k), coef: new Map([...f.coef].map(([n, v]) => [n, v.mul(k)])) };
        }
        if (plain(a) && plain(b)) return c(evalExpr(x, env));
        throw new RangeError(`a depth bound must be linear in the depth symbols (${x.op} of symbols)`);
      }
      case 'call':
        if (x.args.some((a) => lin(a).coef.size > 0)) throw new RangeError(`a depth bound may apply ${x.fn} to numbers only`);
        return c(evalExpr(x, env));
    }
  };
  return lin(e);
}

/**
 * Whether the measured depth (gates + assumed symbols) is at most the bound for every value of
 * the assumed symbols, with a class symbol (d_std) bounding its members: at least the largest
 * measured member, and at least each assumed member (so an assumed member counts as the class
 * symbol, the worst case).
 */
function withinBound(measured: DepthVector, bound: { constant: Rational; coef: Map<Name, Rational> }, classes: ReadonlyMap<Name, { members: Name[]; floor: number }>): string | undefined {
  const d = new Map<Name, Rational>(Object.entries(measured).filter(([k]) => k !== 'gates').map(([k, v]) => [k, Rational.of(v)]));
  for (const [c, info] of classes) {
    if (!bound.coef.has(c)) continue;
    for (const s of info.members)
      if (d.has(s)) {
        d.set(c, (d.get(c) ?? Rational.ZERO).add(d.get(s)!));
        d.delete(s);
      }
  }
  let slack = bound.constant.sub(Rational.of(measured.gates ?? 0));
  for (const s of new Set([...d.keys(), ...bound.coef.keys()])) {
    const diff = (bound.coef.get(s) ?? Rational.ZERO).sub(d.get(s) ?? Rational.ZERO);
    if (diff.sign() < 0) return `${s} has coefficient ${d.get(s)} in the depth but ${bound.coef.get(s) ?? 0} in the bound`;
    const cls = classes.get(s);
    if (cls) slack = slack.add(diff.mul(Rational.of(cls.floor)));
  }
  return slack.sign() < 0 ? `the gate layers exceed the bound by ${slack.neg()}` : undefined;
}

export function checkFamily(bundle: Bundle, grid: Readonly<Record<string, readonly number[]>>, claims: Readonly<Partial<Record<MetricName, MetricClaim>>>): CheckResult {
  const terms = symbolicDepth(bundle);
  const size = symbolicSize(bundle);
  const ops = operationCount(size);
  const formula = showDepth(terms, bundle);
  const series: SeriesRow[] = [];
  const table: Array<Record<string, string | number>> = [];
  const depthTexts = new Set<string>();
  const violations: string[] = [];
  let firstBad: Params | undefined;
  const fail = (params: Params, why: string): void => {
    violations.push(why);
    firstBad ??= params;
  };
  const symbols = new Set(bundle.operations.operations.map((o) => o.depth));
  for (const c of bundle.operations.classes) symbols.add(c.name);
  for (const params of cartesian(grid)) {
    const p = params.p!;
    const sizes = rootSizes(bundle, params);
    const t0 = performance.now();
    const graph = generateFamily(compile(bundle, sizes));
    const t1 = performance.now();
    const fm = familyMetrics(graph, depthCosts(bundle, p));
    const t2 = performance.now();
    const measuredSym = measuredSymbols(bundle, p);
    const predicted = evaluateDepth(terms, sizes, measuredSym);
    const where = Object.entries(params).map(([k, v]) => `${k}=${v}`).join(', ');
    if (!sameVector(fm.depth, predicted)) fail(params, `at ${where} the family's longest path is ${showDepthVector(fm.depth)}, the symbolic depth ${formula} gives ${showDepthVector(predicted)}`);
    for (const kind of graph.kinds) {
      const want = evalCount(size.counts.get(kind) ?? Poly.ZERO, sizes);
      if (want !== fm.counts[kind]) fail(params, `at ${where} the family has ${fm.counts[kind]} ${kind} nodes, the symbolic size ${size.counts.get(kind) ?? 0} gives ${want}`);
      const wantOps = size.operands.get(kind);
      if (wantOps && evalCount(wantOps, sizes) !== fm.operands[kind]) fail(params, `at ${where} the ${kind} nodes have ${fm.operands[kind]} operands, the symbolic size ${wantOps} gives ${evalCount(wantOps, sizes)}`);
    }
    const depthText = showDepthVector(fm.depth);
    depthTexts.add(depthText);
    const opCount = evalCount(ops, sizes);
    series.push({ params, depth: fm.depth.gates ?? 0, size: opCount, maxFanIn: Math.max(0, ...fm.shapes.map((s) => s.arity)), maxWeight: '0', extra: { nodes: fm.nodes } });
    table.push({
      ...params,
      depth: depthText,
      nodes: fm.nodes,
      operations: opCount,
      ...Object.fromEntries(graph.kinds.filter((k) => k !== 'input' && k !== 'const').map((k) => [k, fm.counts[k] ?? 0])),
      ...Object.fromEntries([...size.operands.keys()].map((k) => [`${k} operands`, fm.operands[k] ?? 0])),
      'generate ms': Math.round(t1 - t0),
      'measure ms': Math.round(t2 - t1),
    });
    const depthClaim = claims.depth;
    if (depthClaim?.max) {
      const env = { ...params, ...Object.fromEntries(measuredSym) };
      const assumed = new Set([...symbols].filter((s) => !measuredSym.has(s)));
      const classes = new Map(
        bundle.operations.classes.map((c) => {
          const members = c.members.map((m) => bundle.operations.operations.find((o) => o.name === m)?.depth).filter((s): s is Name => s !== undefined);
          return [c.name, { members, floor: Math.max(0, ...members.map((s) => measuredSym.get(s) ?? 0)) }] as const;
        }),
      );
      let why: string | undefined;
      try {
        why = withinBound(fm.depth, linear(depthClaim.max.expr, env, assumed), classes);
      } catch (e) {
        why = (e as Error).message;
      }
      if (why) fail(params, `at ${where} the depth ${depthText} exceeds the claimed ${depthClaim.max.text}: ${why}`);
    }
    const sizeClaim = claims.size;
    if (sizeClaim?.max) {
      const bound = evalExpr(sizeClaim.max.expr, params);
      if (Rational.of(opCount).cmp(bound) > 0) fail(params, `at ${where} ${opCount} operations exceed the claimed ${sizeClaim.max.text} = ${bound}`);
    }
  }
  if (claims.depth?.constant && depthTexts.size > 1) violations.push(`the depth is not constant over ${gridKey(grid)}: ${[...depthTexts].join('; ')}`);
  if (claims.size?.degree !== undefined)
    for (const [name, values] of Object.entries(grid)) {
      if (values.length < 2) continue;
      const deg = ops.degreeIn(name);
      if (deg > claims.size.degree) violations.push(`the operations grow like ${name}^${deg} (exactly: ${ops}), above the claimed degree ${claims.size.degree}`);
    }
  const fits = Object.entries(grid).flatMap(([name, values]) => {
    if (values.length < 3) return [];
    const others = Object.entries(grid).filter(([n]) => n !== name);
    const rowsAt = series.filter((r) => others.every(([n, vs]) => r.params[n] === Math.max(...vs)));
    const f = fitSeries(name, 'size', rowsAt.map((r) => ({ x: r.params[name]!, y: r.size })));
    return f ? [f] : [];
  });
  const perKind = [...size.counts].filter(([k]) => k !== 'input' && k !== 'const').map(([k, poly]) => `${k} ${poly}`).join(', ');
  const summary = `depth ${formula}${depthTexts.size === 1 ? ` (${[...depthTexts][0]} at the measured constants)` : ''} at every member over ${gridKey(grid)}, equal to the generated family's longest path; operations ${ops} (${perKind}), equal to the family's counts`;
  if (violations.length > 0)
    return {
      outcome: { status: 'refuted', checker: ARCHITECTURE_CHECKER, trust: `the generated operator-level family of ${bundle.root} against its symbolic depth and size`, counterexample: { inputs: {}, note: violations.slice(0, 5).join('; '), ...(firstBad ? { params: firstBad } : {}) } },
      series,
      fits,
      table,
    };
  return { outcome: { status: 'proved', checker: ARCHITECTURE_CHECKER, trust: summary }, series, fits, table, notes: [`depth: ${formula}`, `operations: ${ops}`] };
}


export function checkUniformity(bundle: Bundle, params: Params): CheckResult {
  const sizes = rootSizes(bundle, params);
  const plan = compile(bundle, sizes);
  const g = generateFamily(plan);
  const local = new LocalDescription(plan);
  const where = Object.entries(sizes).map(([k, v]) => `${k} = ${v}`).join(', ');
  const fails = (note: string): CheckResult => ({ outcome: { status: 'refuted', checker: ARCHITECTURE_CHECKER, trust: 'the local description against the generated family, node by node', counterexample: { inputs: {}, note, params } } });
  if (local.size !== g.size) return fails(`at ${where} the description has ${local.size} nodes, the family ${g.size}`);
  let out = new Int32Array(1024);
  for (let i = 0; i < g.size; i++) {
    const s = g.start[i]!;
    const e = g.start[i + 1]!;
    if (out.length < e - s + 1) out = new Int32Array(2 * (e - s + 1));
    const count = local.describe(i, out);
    let same = count === e - s && local.kind === g.kind[i];
    for (let j = 0; same && j < count; j++) same = out[j] === g.inputs[s + j];
    if (!same)
      return fails(`at ${where} node ${i}: generated ${g.kinds[g.kind[i]!]}(${[...g.inputs.subarray(s, e)].join(', ')}), described ${count < 0 ? 'nothing' : `${g.kinds[local.kind]}(${[...out.subarray(0, count)].join(', ')})`}`);
    for (let j = s; j < e; j++) if (g.inputs[j]! >= i) return fails(`at ${where} node ${i} reads the later node ${g.inputs[j]}`);
  }
  return { outcome: { status: 'proved', checker: ARCHITECTURE_CHECKER, trust: `the local description (block by the first index, point by inverting the rank, operands by affine maps and ranks) reproduces all ${g.size} nodes of ${bundle.root} at ${where}, each reading only earlier nodes` }, inputs: { checked: g.size, exhaustive: true, inputBits: 0 } };
}
