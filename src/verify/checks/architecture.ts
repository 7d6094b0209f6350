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
import type { CheckResult, Checker } from '../../core/verdict.js';
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
import { buildCircuit } from '../../program/gates.js';
import { NoConstructionError } from '../../program/ops.js';
import { programModel } from '../../program/semantics.js';
import { describeThrown } from '../../core/errors.js';
import { type Float, isCanonical, moderateFloat, toRational } from '../../model/float.js';
import { Rng } from '../../model/rng.js';
import { measure } from '../../circuit/metrics.js';
import { ALL_CONSTRUCTIONS } from '../registries.js';
import { evaluateProgram } from '../../program/semantics.js';
import { weightSlots } from '../../program/weights.js';
import { sizeValues } from '../../program/domain.js';
import { evalAffine } from '../../program/affine.js';
import { EVALUATOR, type EvalLimits, checkEquivalence } from './equivalence.js';
import { Poly } from '../../program/poly.js';

export const ARCHITECTURE_CHECKER: Checker = { name: 'tc0-architecture', version: 'program/1' };

/** An obligation about an architecture program, as a worker task (all data). */
export interface ArchitectureTask {
  readonly kind: 'architecture';
  readonly check: 'equivalence' | 'family' | 'property';
  readonly architecture: Bundle;
  readonly property?: string;
  /** `agrees`: the other program; `depth-contrast`: a construction's name. */
  readonly against?: Bundle | string;
  readonly params: Params;
  readonly grid?: Readonly<Record<string, readonly number[]>>;
  readonly claims: Readonly<Partial<Record<MetricName, MetricClaim>>>;
  readonly limits: EvalLimits;
}

/** The properties an architecture spec can check, with their parameters beyond the program's sizes. */
export interface ArchitectureProperty {
  readonly params: Readonly<Record<string, string>>;
  /** What `against` names, for properties that compare. */
  readonly against?: 'architecture' | 'construction';
}
export const ARCHITECTURE_PROPERTIES: ReadonlyMap<string, ArchitectureProperty> = new Map<string, ArchitectureProperty>([
  ['uniformity', { params: {} }],
  ['agrees', { params: { shift: 'exponent offset of the sampled inputs and weights (negative: smaller values, so that nothing overflows)' }, against: 'architecture' }],
  ['depth-contrast', { params: {}, against: 'construction' }],
]);

/** Runs one architecture check (never throws: a failure to build is an `error` verdict). */
export function runArchitectureCheck(task: ArchitectureTask): CheckResult {
  const b = task.architecture;
  try {
    switch (task.check) {
      case 'equivalence': {
        let circuit;
        try {
          circuit = buildCircuit(b, task.params);
        } catch (e) {
          if (e instanceof NoConstructionError) return { outcome: { status: 'error', checker: EVALUATOR, reason: `${b.root}: ${e.message}` } };
          throw e;
        }
        return checkEquivalence(circuit, programModel(b), task.params, task.limits);
      }
      case 'family':
        return checkFamily(b, task.grid!, task.claims);
      case 'property':
        if (task.property === 'uniformity') {
          let nodes = 0;
          const members = cartesian(task.grid!);
          for (const params of members) {
            const r = checkUniformity(b, params);
            if (r.outcome.status !== 'proved') return r;
            nodes += r.inputs?.checked ?? 0;
          }
          return {
            outcome: { status: 'proved', checker: ARCHITECTURE_CHECKER, trust: `the local description (block by the first index, point by inverting the rank, operands by affine maps and ranks) reproduces all ${nodes} nodes of the ${members.length} members of ${b.root} over ${gridKey(task.grid!)}, each node reading only earlier nodes` },
            inputs: { checked: nodes, exhaustive: true, inputBits: 0 },
          };
        }
        if (task.property === 'agrees' && typeof task.against === 'object') return checkAgreement(b, task.against, task.grid!, task.limits);
        if (task.property === 'depth-contrast' && typeof task.against === 'string') return checkDepthContrast(b, task.against, task.grid!);
        return { outcome: { status: 'error', checker: ARCHITECTURE_CHECKER, reason: `unknown architecture property ${task.property} (or nothing to compare against)` } };
    }
  } catch (e) {
    return { outcome: { status: 'error', checker: task.check === 'equivalence' ? EVALUATOR : ARCHITECTURE_CHECKER, reason: `${b.root}: ${describeThrown(e)}` } };
  }
}

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
  const points: Array<{ params: Params; ops: number }> = [];
  const measuredAt = new Map<number, ReadonlyMap<Name, number>>();
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
    const graph = generateFamily(compile(bundle, sizes));
    const fm = familyMetrics(graph, depthCosts(bundle, p));
    const measuredSym = measuredSymbols(bundle, p);
    measuredAt.set(p, measuredSym);
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
    points.push({ params, ops: opCount });
    table.push({
      ...params,
      depth: depthText,
      nodes: fm.nodes,
      operations: opCount,
      ...Object.fromEntries(graph.kinds.filter((k) => k !== 'input' && k !== 'const').map((k) => [k, fm.counts[k] ?? 0])),
      ...Object.fromEntries([...size.operands.keys()].map((k) => [`${k} operands`, fm.operands[k] ?? 0])),
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
  // What this tests of the claims is FAMILY_TESTS in src/spec/rules.ts: keep the two in step.
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
    const rowsAt = points.filter((r) => others.every(([n, vs]) => r.params[n] === Math.max(...vs)));
    const f = fitSeries(name, 'size', rowsAt.map((r) => ({ x: r.params[name]!, y: r.ops })));
    return f ? [f] : [];
  });
  const perKind = [...size.counts].filter(([k]) => k !== 'input' && k !== 'const').map(([k, poly]) => `${k} ${poly}`).join(', ');
  const constants = [...measuredAt].map(([p, m]) => `${[...m].map(([sym, v]) => `${sym} = ${v}`).join(', ')} measured at p = ${p}`).join('; ');
  const claimed = [
    claims.depth?.constant ? 'depth constant' : '',
    claims.depth?.max ? `depth <= ${claims.depth.max.text}` : '',
    claims.size?.max ? `operations <= ${claims.size.max.text}` : '',
    claims.size?.degree !== undefined ? `operations of degree <= ${claims.size.degree}` : '',
  ].filter(Boolean);
  const summary = `depth ${formula}${depthTexts.size === 1 ? ` = ${[...depthTexts][0]}` : ''} (${constants}) at every member over ${gridKey(grid)}, equal to the generated family's longest path; operations ${ops} (${perKind}), equal to the family's counts${claimed.length > 0 ? `; claims hold: ${claimed.join(', ')}` : ''}`;
  if (violations.length > 0)
    return {
      outcome: { status: 'refuted', checker: ARCHITECTURE_CHECKER, trust: `the generated operator-level family of ${bundle.root} against its symbolic depth and size`, counterexample: { inputs: {}, note: violations.slice(0, 5).join('; '), ...(firstBad ? { params: firstBad } : {}) } },
      fits,
      table,
    };
  return { outcome: { status: 'proved', checker: ARCHITECTURE_CHECKER, trust: summary }, fits, table, notes: [`depth: ${formula}`, `operations: ${ops}`] };
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

/**
 * `agrees`: the exact models of two programs on the same sampled inputs and weights (each
 * sample draws both afresh, exponents shifted by `shift`): the programs must have the same input
 * tensors and weights of the same shapes in the same draw order.
 */
export function checkAgreement(a: Bundle, b: Bundle, grid: Readonly<Record<string, readonly number[]>>, limits: EvalLimits): CheckResult {
  let cases = 0;
  for (const params of cartesian(grid)) {
    const p = params.p!;
    const sizes = rootSizes(a, params);
    const slotsA = weightSlots(a, sizes);
    const slotsB = weightSlots(b, rootSizes(b, params));
    const shapes = (xs: readonly { shape: readonly number[] }[]) => JSON.stringify(xs.map((x) => x.shape));
    if (shapes(slotsA) !== shapes(slotsB)) return { outcome: { status: 'error', checker: ARCHITECTURE_CHECKER, reason: `${a.root} and ${b.root} draw weights of different shapes (${shapes(slotsA)} vs ${shapes(slotsB)}): they cannot share weights` } };
    const ia = a.programs[a.root]!.inputs;
    const ib = b.programs[b.root]!.inputs;
    if (JSON.stringify(ia) !== JSON.stringify(ib)) return { outcome: { status: 'error', checker: ARCHITECTURE_CHECKER, reason: `${a.root} and ${b.root} take different inputs` } };
    const rng = new Rng(limits.seed);
    const draw = (count: number): Float[] =>
      Array.from({ length: count }, () => {
        const f = moderateFloat(rng, p);
        const g = { ...f, e: f.e + BigInt(params.shift ?? 0) };
        if (!isCanonical(g, p)) throw new RangeError(`shift ${params.shift} takes a float out of the format at p = ${p}`);
        return g;
      });
    const env = sizeValues(a.programs[a.root]!, sizes);
    for (let t = 0; t < Math.min(limits.samples, 200); t++) {
      const inputs = new Map(ia.map((x) => [x.name, draw(x.shape.reduce((s, d) => s * evalAffine(d, env), 1))] as const));
      const values = slotsA.map((s) => draw(s.shape.reduce((x, y) => x * y, 1)));
      const ya = evaluateProgram(a, sizes, p, inputs, new Map(slotsA.map((s, i) => [s.key, values[i]!])));
      const yb = evaluateProgram(b, rootSizes(b, params), p, inputs, new Map(slotsB.map((s, i) => [s.key, values[i]!])));
      cases++;
      const bad = ya.findIndex((y, i) => y.s !== yb[i]!.s || y.m !== yb[i]!.m || y.e !== yb[i]!.e);
      if (bad >= 0)
        return {
          outcome: {
            status: 'refuted',
            checker: ARCHITECTURE_CHECKER,
            trust: `the exact models of ${a.root} and ${b.root} on the same sampled inputs and weights`,
            counterexample: { inputs: {}, note: `sample ${t} at ${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(', ')}: output element ${bad} is ${toRational(ya[bad]!)} in ${a.root}, ${toRational(yb[bad]!)} in ${b.root}`, params },
          },
          inputs: { checked: cases, exhaustive: false, inputBits: 0 },
        };
    }
  }
  return { outcome: { status: 'unknown', checker: ARCHITECTURE_CHECKER, sampled: cases, reason: `${a.root} and ${b.root} agree on ${cases} sampled inputs and weights over ${gridKey(grid)} (seed ${limits.seed}); sampled, not exhaustive` }, inputs: { checked: cases, exhaustive: false, inputBits: 0 } };
}

/**
 * `depth-contrast`: the family's depth next to a construction's (built with the same parameters),
 * along the grid: the family's must be one value while the construction's grows.
 */
export function checkDepthContrast(bundle: Bundle, construction: string, grid: Readonly<Record<string, readonly number[]>>): CheckResult {
  const c = ALL_CONSTRUCTIONS.get(construction);
  if (!c) return { outcome: { status: 'error', checker: ARCHITECTURE_CHECKER, reason: `unregistered construction ${construction}` } };
  const table: Array<Record<string, string | number>> = [];
  const family = new Set<string>();
  const theirs: number[] = [];
  for (const params of cartesian(grid)) {
    const fm = familyMetrics(generateFamily(compile(bundle, rootSizes(bundle, params))), depthCosts(bundle, params.p!));
    const d = measure(c.build(params)).depth;
    family.add(showDepthVector(fm.depth));
    theirs.push(d);
    table.push({ ...params, [`${construction} depth`]: d, [`${bundle.root} depth`]: showDepthVector(fm.depth) });
  }
  const note = `${bundle.root}: ${[...family].join('; ')} for every member; ${construction}: ${theirs.join(', ')}`;
  if (family.size !== 1) return { outcome: { status: 'refuted', checker: ARCHITECTURE_CHECKER, trust: 'measured depths', counterexample: { inputs: {}, note: `the family's depth varies: ${note}` } }, table };
  if (!(theirs[theirs.length - 1]! > theirs[0]!)) return { outcome: { status: 'refuted', checker: ARCHITECTURE_CHECKER, trust: 'measured depths', counterexample: { inputs: {}, note: `${construction}'s depth does not grow: ${note}` } }, table };
  return { outcome: { status: 'proved', checker: ARCHITECTURE_CHECKER, trust: `measured at every grid point: ${note} (a measurement of two constructions, not a lower bound)` }, table };
}
