/**
 * Concrete sizes and domains of programs: the values of every size at given parameters, the size
 * parameters a call passes to its callee, and the nested ranges a tensor's indices run over.
 * Shared by the interpreters that run a program at concrete sizes (exact model, plan).
 */
import type { Affine, Binder, Bundle, Name, Program, Step } from './ast.js';
import { Sizes, evalAffine } from './affine.js';

/** Nested ranges: index t runs over lo_t..hi_t, affine in `names[0..t-1]` (sizes substituted). */
export interface Domain {
  readonly names: readonly Name[];
  readonly lo: readonly Affine[];
  readonly hi: readonly Affine[];
}

/** Every size of a program (parameters and derived) at the given parameter values. */
export function sizeValues(program: Program, params: Readonly<Record<Name, number>>): Record<Name, number> {
  return new Sizes(program.sizes, program.derived).values(params);
}

/** Substitutes the values in `env` into an affine form. */
export function bindAffine(a: Affine, env: Readonly<Record<Name, number>>): Affine {
  let constant = a.constant;
  const coefficients: Record<Name, number> = {};
  for (const [v, c] of Object.entries(a.coefficients)) {
    const x = env[v];
    if (x === undefined) coefficients[v] = c;
    else constant += c * x;
  }
  return { constant, coefficients };
}

/** The callee's parameters for a call step evaluated in the caller's sizes. */
export function calleeParams(step: Extract<Step, { kind: 'call' }>, env: Readonly<Record<Name, number>>): Record<Name, number> {
  return Object.fromEntries(Object.entries(step.sizes).map(([k, a]) => [k, evalAffine(a, env)]));
}

/** How many times a call step runs its callee. */
export const repetitions = (step: Extract<Step, { kind: 'call' }>, env: Readonly<Record<Name, number>>): number => (step.repeat ? evalAffine(step.repeat, env) : 1);

/** A domain with values substituted into its bounds (an inner range given its outer indices). */
export const bindDomain = (d: Domain, env: Readonly<Record<Name, number>>): Domain => ({ names: d.names, lo: d.lo.map((a) => bindAffine(a, env)), hi: d.hi.map((a) => bindAffine(a, env)) });

export function bindersDomain(binders: readonly Binder[], env: Readonly<Record<Name, number>>): Domain {
  return { names: binders.map((b) => b.index), lo: binders.map((b) => bindAffine(b.lo, env)), hi: binders.map((b) => bindAffine(b.hi, env)) };
}

function shapeDomain(shape: readonly Affine[], env: Readonly<Record<Name, number>>, prefix: string): Domain {
  return { names: shape.map((_, t) => `${prefix}${t}`), lo: shape.map(() => ({ constant: 0, coefficients: {} })), hi: shape.map((s) => ({ constant: evalAffine(s, env) - 1, coefficients: {} })) };
}

/** The domain of a tensor of `program` (input, weight, step or call result) at sizes `env`. */
export function tensorDomain(bundle: Bundle, program: Program, name: Name, env: Readonly<Record<Name, number>>): Domain {
  const decl = [...program.inputs, ...program.weights].find((t) => t.name === name);
  if (decl) return shapeDomain(decl.shape, env, '$');
  const step = program.steps.find((s) => s.name === name);
  if (!step) throw new RangeError(`no tensor ${name} in ${program.name}`);
  if (step.kind === 'define') return bindersDomain(step.binders, env);
  const callee = bundle.programs[step.program]!;
  return tensorDomain(bundle, callee, callee.output, sizeValues(callee, calleeParams(step, env)));
}

/** Every point of a domain, lexicographically (index 0 slowest). */
export function* points(d: Domain): Generator<number[]> {
  const k = d.names.length;
  const env: Record<Name, number> = {};
  const u = new Array<number>(k);
  function* level(t: number): Generator<number[]> {
    if (t === k) {
      yield [...u];
      return;
    }
    const lo = evalAffine(d.lo[t]!, env);
    const hi = evalAffine(d.hi[t]!, env);
    for (let v = lo; v <= hi; v++) {
      u[t] = v;
      env[d.names[t]!] = v;
      yield* level(t + 1);
    }
    delete env[d.names[t]!];
  }
  yield* level(0);
}

/** The root program's size parameters among `params` (which may also carry p, w, ...). */
export function rootSizes(bundle: Bundle, params: Readonly<Record<Name, number>>): Record<Name, number> {
  return Object.fromEntries(bundle.programs[bundle.root]!.sizes.map((s) => [s.name, params[s.name]!]));
}

/** `X[0,1]`: the port name of a tensor element. */
export const portName = (tensor: Name, u: readonly number[]): string => `${tensor}[${u.join(',')}]`;
