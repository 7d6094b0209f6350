/**
 * Phase 3 of spec validation: named semantic rules over the whole spec set. Each rule returns
 * problems located at the offending field; the rule name is printed with every message.
 */
import type { SpecProblem } from '../core/errors.js';
import { ExprError, evalExpr, exprVars } from '../core/expr.js';
import { DEGREE_SLACK, METRIC_CEILING, MIN_FIT_POINTS, fitWindow, largestFittedDegree } from '../core/fit.js';
import { type Params, paramsKey } from '../core/params.js';
import { Rational } from '../core/rational.js';
import type { ArchitectureInfo, Assumption, Check, KnownNames, Location, MetricClaim, MetricName, Spec } from './types.js';
import type { SpecSource } from './load.js';

type Path = ReadonlyArray<string | number>;
type Rule = (sources: readonly SpecSource[], assumptions: ReadonlyMap<string, Assumption>, known: KnownNames, architectures: ReadonlyMap<string, ArchitectureInfo>) => SpecProblem[];

const problem = (loc: Location, path: Path, rule: string, message: string): SpecProblem => ({
  file: loc.file,
  line: loc.line,
  column: loc.column,
  field: path.join('.'),
  rule,
  message,
});

const at = (s: SpecSource, path: Path, rule: string, message: string): SpecProblem => problem(s.locate(path), path, rule, message);

/**
 * A check compares the spec's construction with its model, or an architecture's gate-level
 * circuit with its exact semantics (rather than a property, a theorem or a measurement).
 */
export const isEquivalenceCheck = (c: Check): boolean => c.backend !== 'measure' && !c.property && !c.theorem;

/** Parameters every architecture spec may declare besides the program's sizes. */
export const ARCHITECTURE_PARAMETERS: Readonly<Record<string, string>> = {
  p: 'precision of the floats (significand bits)',
  w: 'seed of the hard-wired weights (gate-level and model checks)',
};

const suggest = (name: string, known: ReadonlySet<string>): string => {
  const near = [...known].filter((k) => k.split('.')[0] === name.split('.')[0]).slice(0, 5);
  return near.length > 0 ? ` (registered: ${near.join(', ')})` : ` (${known.size} registered; see README "Registered names")`;
};

const idUnique: Rule = (sources) => {
  const seen = new Map<string, SpecSource>();
  const out: SpecProblem[] = [];
  for (const s of sources) {
    const first = seen.get(s.spec.id);
    if (first) out.push(at(s, ['id'], 'id-unique', `spec id '${s.spec.id}' is already used in ${first.spec.file}:${first.spec.location.line}`));
    else seen.set(s.spec.id, s);
  }
  return out;
};

const usesExist: Rule = (sources) => {
  const ids = new Set(sources.map((s) => s.spec.id as string));
  return sources.flatMap((s) =>
    s.spec.uses.flatMap((u, i) => (ids.has(u) ? [] : [at(s, ['uses', i], 'uses-exist', `uses unknown spec '${u}'`)])),
  );
};

const noCycles: Rule = (sources) => {
  const byId = new Map(sources.map((s) => [s.spec.id as string, s]));
  const state = new Map<string, 'active' | 'done'>();
  const out: SpecProblem[] = [];
  const visit = (id: string, stack: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'active') {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      const s = byId.get(cycle[0]!)!;
      const i = s.spec.uses.indexOf(cycle[1]! as never);
      out.push(at(s, ['uses', i], 'no-cycles', `dependency cycle: ${cycle.join(' -> ')}`));
      return;
    }
    const s = byId.get(id);
    if (!s) return;
    state.set(id, 'active');
    for (const u of s.spec.uses) visit(u, [...stack, id]);
    state.set(id, 'done');
  };
  for (const s of sources) visit(s.spec.id, []);
  return out;
};

const namesRegistered: Rule = (sources, _a, known) =>
  sources.flatMap((s) => {
    const out: SpecProblem[] = [];
    const { construction, model } = s.spec;
    if (construction && !known.constructions.has(construction))
      out.push(at(s, ['construction'], 'construction-registered', `no construction named '${construction}'${suggest(construction, known.constructions)}`));
    if (model && !known.models.has(model)) out.push(at(s, ['model'], 'model-registered', `no model named '${model}'${suggest(model, known.models)}`));
    s.spec.checks.forEach((c) => {
      if (c.property && !s.spec.architecture && !known.properties.has(c.property))
        out.push(at(s, ['checks', c.index, 'property'], 'property-registered', `no property named '${c.property}'${suggest(c.property, new Set(known.properties.keys()))}`));
    });
    return out;
  });

const checkShape: Rule = (sources, _a, known) =>
  sources.flatMap((s) =>
    s.spec.checks.flatMap((c) => {
      const out: SpecProblem[] = [];
      const here = (field: string, rule: string, msg: string): void => void out.push(at(s, ['checks', c.index, field], rule, msg));
      if (c.property && c.backend !== 'model') here('property', 'check-shape', `a property is checked by the model backend, not '${c.backend}'`);
      if (c.theorem && c.backend !== 'lean') here('theorem', 'check-shape', `a theorem is checked by the lean backend, not '${c.backend}'`);
      if (c.theorem && Object.keys(c.grid).length > 0) here('params', 'check-shape', 'a theorem check is general: it takes no params');
      if (c.covers && !c.theorem) here('covers', 'covers-needs-theorem', 'only a Lean theorem check can cover a spec for all parameters (covers: true); instances are never all parameters');
      if (c.covers && c.theorem && c.expect === 'refuted') here('covers', 'covers-needs-theorem', 'a check that expects a refutation cannot cover the spec');
      if (s.spec.architecture) {
        // Gate-level against exact semantics (model), the family (measure), properties, theorems.
        if (c.backend === 'z3' || c.backend === 'auto') here('backend', 'backend-encoding', `architecture programs have no SMT-LIB encoding: check '${s.spec.architecture}' with the model backend`);
        // A lean check without a theorem is the bridge (gen/lean/bridge.ts): one instance per size.
        if (c.backend === 'lean' && !c.theorem && c.instances.length === 0) here('params', 'check-shape', 'a lean bridge check of an architecture program needs params: the sizes (and repetition counts) to compare the Lean program with its TypeScript family at');
        return out;
      }
      if (isEquivalenceCheck(c)) {
        if (!s.spec.construction) here('backend', 'check-needs-construction', `a ${c.backend} check compares a construction with a model, but the spec names no construction`);
        if (!s.spec.model) here('backend', 'check-needs-model', `a ${c.backend} check compares a construction with a model, but the spec names no model`);
        const m = s.spec.model;
        if (m && (c.backend === 'z3' || c.backend === 'auto') && !known.smtModels.has(m))
          here('backend', 'backend-encoding', `model '${m}' has no SMT-LIB encoding (src/gen/smt/models.ts), so z3 cannot check it`);
        if (m && c.backend === 'lean' && !known.leanModels.has(m))
          here('backend', 'backend-encoding', `model '${m}' has no Lean encoding (src/gen/lean/models.ts), so lean cannot check it`);
      }
      if (c.backend === 'measure') {
        if (!s.spec.construction) here('backend', 'check-needs-construction', 'a measure check measures a construction, but the spec names no construction');
        if (Object.keys(s.spec.claims).length === 0) here('backend', 'measure-needs-claims', 'a measure check needs claims (depth, size, fanIn or weight) to check');
      }
      return out;
    }),
  );

/** A spec about an architecture: the program exists, its parameters and assumptions are declared. */
const architectureRules: Rule = (sources, _a, known, architectures) =>
  sources.flatMap((s) => {
    const name = s.spec.architecture;
    if (!name) return [];
    const out: SpecProblem[] = [];
    if (s.spec.construction) out.push(at(s, ['construction'], 'check-shape', 'a spec names an architecture or a construction, not both'));
    if (s.spec.model) out.push(at(s, ['model'], 'check-shape', 'a spec names an architecture or a model, not both (the program is its own exact model)'));
    const info = architectures.get(name);
    if (!info) {
      out.push(at(s, ['architecture'], 'architecture-known', `no architecture program named '${name}'${architectures.size > 0 ? ` (programs: ${[...architectures.keys()].sort().join(', ')})` : ' (programs live in specs/**/*.arch.yaml)'}`));
      return out;
    }
    const allowed = new Map<string, string>([...info.sizes.map((n) => [n, `a size of ${name}`] as const), ...Object.entries(ARCHITECTURE_PARAMETERS).filter(([k]) => k !== 'w' || info.weighted)]);
    for (const c of s.spec.checks) {
      const prop = c.property ? known.architectureProperties?.get(c.property) : undefined;
      if (c.property && !prop)
        out.push(at(s, ['checks', c.index, 'property'], 'property-registered', `no architecture property named '${c.property}' (architecture specs check: ${[...(known.architectureProperties?.keys() ?? [])].join(', ')})`));
      for (const p of Object.keys(prop?.params ?? {})) allowed.set(p, `a parameter of property ${c.property}`);
      const against = prop?.against;
      if (c.against && !against) out.push(at(s, ['checks', c.index, 'against'], 'check-shape', `'against' belongs to the architecture properties that compare (${[...(known.architectureProperties ?? new Map())].filter(([, v]) => v.against).map(([k]) => k).join(', ')})`));
      if (against && !c.against) out.push(at(s, ['checks', c.index], 'check-shape', `property ${c.property} compares with another ${against}: name it in 'against'`));
      if (against === 'architecture' && c.against && !architectures.has(c.against)) out.push(at(s, ['checks', c.index, 'against'], 'architecture-known', `no architecture program named '${c.against}'`));
      if (against === 'construction' && c.against && !known.constructions.has(c.against)) out.push(at(s, ['checks', c.index, 'against'], 'construction-registered', `no construction named '${c.against}'${suggest(c.against, known.constructions)}`));
    }
    for (const p of Object.keys(s.spec.parameters))
      if (!allowed.has(p))
        out.push(at(s, ['parameters', p], 'params-declared', `parameter '${p}' means nothing to architecture '${name}': its parameters are ${[...allowed].map(([k, why]) => `${k} (${why})`).join(', ')}`));
    for (const p of info.sizes) if (!(p in s.spec.parameters)) out.push(at(s, ['parameters'], 'params-declared', `a spec about architecture '${name}' declares its size '${p}'`));
    if (s.spec.checks.some((c) => !c.theorem && !c.property) && !('p' in s.spec.parameters))
      out.push(at(s, ['parameters'], 'params-declared', "gate-level and family checks of an architecture need the float precision 'p' among the parameters"));
    if (info.weighted && s.spec.checks.some((c) => isEquivalenceCheck(c) && c.backend === 'model') && !('w' in s.spec.parameters))
      out.push(at(s, ['parameters'], 'params-declared', `a gate-level check of '${name}' needs the weight seed 'w' among the parameters (it has weights)`));
    if (!info.weighted && 'w' in s.spec.parameters) out.push(at(s, ['parameters', 'w'], 'params-declared', `'${name}' has no weights: the seed 'w' means nothing to it`));
    // A family's depth counts an assumed operation as its symbol: constant depth rests on the assumption.
    if (s.spec.checks.some((c) => c.backend === 'measure'))
      for (const a of info.assumptions)
        if (!s.spec.assumptions.includes(a))
          out.push(at(s, ['assumptions'], 'architecture-assumptions', `the family of '${name}' uses an operation assumed to be in TC0: list the assumption '${a}' under assumptions`));
    return out;
  });

const paramsValid: Rule = (sources) =>
  sources.flatMap((s) => {
    const out: SpecProblem[] = [];
    const declared = s.spec.parameters;
    for (const c of s.spec.checks) {
      if (c.theorem) continue;
      for (const [name, values] of Object.entries(c.grid)) {
        const p = declared[name];
        if (!p) {
          out.push(at(s, ['checks', c.index, 'params', name], 'params-declared', `parameter '${name}' is not declared under parameters`));
          continue;
        }
        const allowed = new Set(p.values);
        const bad = values.filter((v) => !allowed.has(v));
        if (bad.length > 0)
          out.push(at(s, ['checks', c.index, 'params', name], 'params-in-range', `value${bad.length > 1 ? 's' : ''} ${bad.slice(0, 5).join(', ')} outside the declared range ${p.lo}..${p.hi} of '${name}'`));
      }
      for (const name of Object.keys(declared))
        if (!(name in c.grid)) out.push(at(s, ['checks', c.index, 'params'], 'params-complete', `check gives no value for parameter '${name}'`));
    }
    return out;
  });

/** A property check gives exactly the parameters the property reads, within their ranges. */
const propertyParams: Rule = (sources, _a, known) =>
  sources.flatMap((s) =>
    s.spec.checks.flatMap((c) => {
      const info = c.property && !s.spec.architecture ? known.properties.get(c.property) : undefined;
      if (!info) return [];
      const out: SpecProblem[] = [];
      const wanted = Object.keys(info.params);
      const takes = wanted.length > 0 ? `it takes ${wanted.join(', ')}` : 'it takes no parameters';
      for (const [name, values] of Object.entries(c.grid)) {
        const decl = info.params[name];
        if (!decl) {
          out.push(at(s, ['checks', c.index, 'params', name], 'property-params', `property ${c.property} has no parameter '${name}' (${takes})`));
          continue;
        }
        const bad = values.filter((v) => v < decl.min || (decl.max !== undefined && v > decl.max));
        if (bad.length > 0) out.push(at(s, ['checks', c.index, 'params', name], 'property-params', `property ${c.property} takes ${name} in ${decl.min}..${decl.max ?? 'any'}, not ${bad.slice(0, 5).join(', ')}`));
      }
      for (const name of wanted) if (!(name in c.grid)) out.push(at(s, ['checks', c.index, 'params'], 'property-params', `property ${c.property} needs its parameter '${name}' (${takes})`));
      return out;
    }),
  );

const claimVars: Rule = (sources, _a, _k, architectures) =>
  sources.flatMap((s) =>
    Object.entries(s.spec.claims).flatMap(([metric, claim]) => {
      if (!claim.max) return [];
      const symbols = new Set(s.spec.architecture ? (architectures.get(s.spec.architecture)?.symbols ?? []) : []);
      const unknown = [...exprVars(claim.max.expr)].filter((v) => !(v in s.spec.parameters) && !(metric === 'depth' && symbols.has(v)));
      return unknown.length > 0 ? [at(s, ['claims', metric, 'max'], 'claim-vars-declared', `'${claim.max.text}' mentions undeclared ${unknown.join(', ')}${symbols.size > 0 ? ` (depth symbols: ${[...symbols].join(', ')})` : ''}`)] : [];
    }),
  );

/**
 * Every bound evaluates, at every instance of every check, to a whole number >= 0: division by
 * zero, a value too large to compute (`2^(2^(4*p))`), a negative or fractional bound is found
 * here, with the field and the instance named, not when a checker meets it.
 */
const boundsEvaluate: Rule = (sources) =>
  sources.flatMap((s) =>
    Object.entries(s.spec.claims).flatMap(([metric, claim]) => {
      if (!claim.max || [...exprVars(claim.max.expr)].some((v) => !(v in s.spec.parameters))) return [];
      const out: SpecProblem[] = [];
      const vars = [...exprVars(claim.max.expr)];
      for (const c of s.spec.checks) {
        if (vars.some((v) => !(v in c.grid))) continue; // reported by params-complete
        for (const params of c.instances) {
          let why: string | undefined;
          try {
            const v = evalExpr(claim.max.expr, params);
            if (!v.isInteger()) why = `it is ${v}, not a whole number (round it with floor or ceil)`;
            else if (v.sign() < 0) why = `it is negative (${v})`;
          } catch (e) {
            if (!(e instanceof ExprError)) throw e;
            why = e.message;
          }
          if (why) {
            out.push(at(s, ['claims', metric, 'max'], 'bounds-evaluate', `'${claim.max.text}' at ${paramsKey(params)} (an instance of checks.${c.index}): ${why}`));
            break;
          }
        }
      }
      return out;
    }),
  );

type ClaimPart = 'max' | 'constant' | 'degree';

/** What an architecture's family check tests (src/verify/checks/architecture.ts); it ignores the rest. */
const FAMILY_TESTS: ReadonlySet<string> = new Set(['depth.max', 'depth.constant', 'size.max', 'size.degree']);

/**
 * The checks of a spec that test one part of one claim: `measure` checks (of a construction:
 * every part, except a degree of fan-in or weight, which is never fitted; of an architecture:
 * FAMILY_TESTS), and Lean instance checks, which prove the depth and size bounds by `decide`.
 */
function checksTesting(spec: Spec, metric: MetricName, part: ClaimPart): Check[] {
  return spec.checks.filter((c) => {
    if (c.theorem || c.property) return false;
    if (spec.architecture) return c.backend === 'measure' && FAMILY_TESTS.has(`${metric}.${part}`);
    if (c.backend === 'measure') return part !== 'degree' || metric === 'size' || metric === 'depth';
    return c.backend === 'lean' && part === 'max' && (metric === 'size' || metric === 'depth');
  });
}

const claimParts = (claim: MetricClaim): ClaimPart[] => [...(claim.max ? ['max' as const] : []), ...(claim.constant ? ['constant' as const] : []), ...(claim.degree !== undefined ? ['degree' as const] : [])];

function untestedWhy(spec: Spec, metric: MetricName, part: ClaimPart): string {
  const counted = metric === 'size' || metric === 'depth';
  if (spec.architecture)
    return FAMILY_TESTS.has(`${metric}.${part}`) ? 'the spec has no measure check (the family check tests it)' : `the family check of an architecture tests ${[...FAMILY_TESTS].join(', ')} only`;
  if (part === 'degree' && !counted) return 'degrees are fitted for size and depth only';
  if (!counted) return 'the spec has no measure check (Lean instance checks prove depth and size bounds only)';
  return part === 'max' ? 'the spec has no measure check and no Lean instance check' : 'the spec has no measure check';
}

/** Every part of every claim is tested by some check: a claim nothing tests would read as holding. */
const claimTested: Rule = (sources) =>
  sources.flatMap((s) =>
    Object.entries(s.spec.claims).flatMap(([metric, claim]) => {
      if (claimParts(claim).length === 0) return [at(s, ['claims', metric], 'claim-tested', `the ${metric} claim states nothing: give max, constant: true or degree`)];
      return claimParts(claim).flatMap((part) => {
        if (checksTesting(s.spec, metric as MetricName, part).length > 0) return [];
        return [at(s, ['claims', metric, part], 'claim-tested', `no check tests ${metric}.${part}: ${untestedWhy(s.spec, metric as MetricName, part)}`)];
      });
    }),
  );

/** A `constant` claim is tested on a grid of two distinct points at least: over one it cannot fail. */
const constantGrid: Rule = (sources) =>
  sources.flatMap((s) =>
    Object.entries(s.spec.claims).flatMap(([metric, claim]) => {
      if (!claim.constant) return [];
      const checks = checksTesting(s.spec, metric as MetricName, 'constant');
      if (checks.length === 0 || checks.some((c) => new Set(c.instances.map(paramsKey)).size >= 2)) return [];
      return [at(s, ['claims', metric, 'constant'], 'constant-grid', `${metric} is claimed constant, but every check testing it measures one point (${checks.map((c) => `checks.${c.index} at ${c.instances[0] ? paramsKey(c.instances[0]) : 'no instance'}`).join('; ')}): constancy cannot fail there; give a measure check two values of a parameter at least`)];
    }),
  );

/** A degree claim is tested along a parameter with MIN_FIT_POINTS positive values at least. */
const degreePoints: Rule = (sources) =>
  sources.flatMap((s) =>
    Object.entries(s.spec.claims).flatMap(([metric, claim]) => {
      if (claim.degree === undefined) return [];
      const checks = checksTesting(s.spec, metric as MetricName, 'degree');
      if (checks.length === 0 || checks.some((c) => Object.values(c.grid).some((v) => fitWindow(v).length > 0))) return [];
      const most = (c: Check): number => Math.max(...Object.values(c.grid).map((v) => v.filter((x) => x > 0).length));
      return [at(s, ['claims', metric, 'degree'], 'degree-points', `the ${metric} degree would be fitted on fewer than ${MIN_FIT_POINTS} points in every check testing it (${checks.map((c) => `checks.${c.index}: at most ${most(c)} positive values of a parameter`).join('; ')}): give a measure check ${MIN_FIT_POINTS} positive values of a parameter at least`)];
    }),
  );

/**
 * A bound can fail somewhere on the grid of a check testing it. Decided without building
 * anything: a depth, size or fan-in bound at or above METRIC_CEILING at every tested instance
 * (no circuit or family the workbench can hold exceeds it), and a fitted degree at or above the
 * largest slope a fit over its grid can report (`largestFittedDegree`), cannot fail. Loose but
 * finite bounds pass: whether a bound is tight is a question about the construction.
 */
const boundCanFail: Rule = (sources) =>
  sources.flatMap((s) =>
    Object.entries(s.spec.claims).flatMap(([metric, claim]) => {
      const out: SpecProblem[] = [];
      if (claim.max && metric !== 'weight' && !(s.spec.architecture && metric === 'depth')) {
        const checks = checksTesting(s.spec, metric as MetricName, 'max');
        const instances = checks.flatMap((c) => c.instances);
        const canFail = (params: Params): boolean => {
          try {
            return evalExpr(claim.max!.expr, params).cmp(Rational.of(METRIC_CEILING)) < 0;
          } catch (e) {
            if (e instanceof ExprError) return true; // reported by bounds-evaluate
            throw e;
          }
        };
        if (instances.length > 0 && [...exprVars(claim.max.expr)].every((v) => v in s.spec.parameters) && !instances.some(canFail))
          out.push(at(s, ['claims', metric, 'max'], 'bound-can-fail', `'${claim.max.text}' is at least 2^31 - 1 at every instance tested: no ${metric} the workbench can build exceeds that, so the bound cannot fail`));
      }
      if (claim.degree !== undefined && !s.spec.architecture) {
        const reach = checksTesting(s.spec, metric as MetricName, 'degree').flatMap((c) => Object.values(c.grid).map(largestFittedDegree)).filter((d): d is number => d !== undefined);
        if (reach.length > 0 && reach.every((d) => d <= claim.degree! + DEGREE_SLACK))
          out.push(at(s, ['claims', metric, 'degree'], 'bound-can-fail', `no fit over the grids tested can exceed degree ${claim.degree} + ${DEGREE_SLACK} (at most ${Math.max(...reach)} for a ${metric} below 2^31): the claim cannot fail`));
      }
      return out;
    }),
  );

const assumptionsKnown: Rule = (sources, assumptions) =>
  sources.flatMap((s) => [
    ...s.spec.assumptions.flatMap((a, i) =>
      assumptions.has(a) ? [] : [at(s, ['assumptions', i], 'assumption-known', `unknown assumption '${a}' (define it in assumptions.yaml)`)],
    ),
    ...s.spec.refutes.flatMap((a, i) =>
      assumptions.has(a) ? [] : [at(s, ['refutes', i], 'assumption-known', `unknown assumption '${a}' (define it in assumptions.yaml)`)],
    ),
  ]);

/** A spec that refutes an assumption must expect a refutation somewhere, or it could never refute it. */
const refutesExpectsRefuted: Rule = (sources) =>
  sources.flatMap((s) =>
    s.spec.refutes.length > 0 && !s.spec.checks.some((c) => c.expect === 'refuted')
      ? [at(s, ['refutes'], 'refutes-expects-refuted', 'a spec that refutes an assumption needs a check that expects refuted (expect: refuted)')]
      : [],
  );

/** Every rule, in the order they run. */
export const RULES: ReadonlyArray<readonly [string, Rule]> = [
  ['id-unique', idUnique],
  ['uses-exist', usesExist],
  ['no-cycles', noCycles],
  ['names-registered', namesRegistered],
  ['check-shape', checkShape],
  ['architecture', architectureRules],
  ['params-valid', paramsValid],
  ['property-params', propertyParams],
  ['claim-vars-declared', claimVars],
  ['bounds-evaluate', boundsEvaluate],
  ['claim-tested', claimTested],
  ['constant-grid', constantGrid],
  ['degree-points', degreePoints],
  ['bound-can-fail', boundCanFail],
  ['assumption-known', assumptionsKnown],
  ['refutes-expects-refuted', refutesExpectsRefuted],
];

export function runRules(sources: readonly SpecSource[], assumptions: ReadonlyMap<string, Assumption>, known: KnownNames, architectures: ReadonlyMap<string, ArchitectureInfo> = new Map()): SpecProblem[] {
  return RULES.flatMap(([, rule]) => rule(sources, assumptions, known, architectures));
}
