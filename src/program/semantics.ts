/**
 * The exact semantics of a program, straight from the AST: each tensor element is its step's
 * expression evaluated in the float model, every operation by its registered model (the exact
 * result rounded once), every iterated operation on all its terms' values at once, every constant
 * exact and rounded once. No hoisting, no sharing beyond remembering elements already computed:
 * the reference the gate-level circuits (built from the plan) are checked against.
 */
import type { Params } from '../core/params.js';
import { type Float, decode, encode, floatWidth, isCanonical, moderateFloat, sampleFloat, showFloat } from '../model/float.js';
import type { Model } from '../model/model.js';
import type { Bundle, Expr, Name, Program } from './ast.js';
import { evalAffine } from './affine.js';
import { roundConstant } from './constants.js';
import { bindersDomain, calleeParams, portName, points, repetitions, rootSizes, sizeValues, tensorDomain } from './domain.js';
import { operation, opModel, opParams } from './ops.js';
import { calleePath, drawWeights, weightKey, weightSlots } from './weights.js';

type Tensor = (u: readonly number[]) => Float;

export class ProgramError extends Error {
  override name = 'ProgramError';
}

/**
 * The output tensor's elements (in the order of its domain's points) for the given inputs (each
 * input tensor's elements row-major) and weights (weights.ts keys).
 */
export function evaluateProgram(bundle: Bundle, params: Readonly<Record<Name, number>>, p: number, inputs: ReadonlyMap<Name, readonly Float[]>, weights: ReadonlyMap<string, readonly Float[]>): Float[] {
  const apply = (name: Name, xs: readonly Float[]): Float => {
    const op = operation(bundle, name);
    return decode(opModel(op).evaluate(xs.map((x) => encode(x, p)), opParams(op, xs.length, p))[0]!, p);
  };
  const rowMajor = (shape: readonly number[], values: readonly Float[], what: string): Tensor => (u) => {
    let idx = 0;
    shape.forEach((s, t) => {
      if (u[t]! < 0 || u[t]! >= s) throw new ProgramError(`${what}: index ${u[t]} outside 0..${s - 1}`);
      idx = idx * s + u[t]!;
    });
    return values[idx]!;
  };

  const instance = (program: Program, env: Readonly<Record<Name, number>>, args: readonly Tensor[], path: string): Tensor => {
    const tensors = new Map<Name, Tensor>();
    program.inputs.forEach((t, k) => tensors.set(t.name, args[k]!));
    for (const w of program.weights) {
      const values = weights.get(weightKey(path, w.name));
      if (!values) throw new ProgramError(`no weights for ${weightKey(path, w.name)}`);
      tensors.set(w.name, rowMajor(w.shape.map((s) => evalAffine(s, env)), values, w.name));
    }
    const lookup = (name: Name): Tensor => (u) => tensors.get(name)!(u);
    const expr = (e: Expr, scope: Readonly<Record<Name, number>>): Float => {
      switch (e.kind) {
        case 'read':
          return tensors.get(e.tensor)!(e.at.map((a) => evalAffine(a, scope)));
        case 'const':
          return roundConstant(e.value, scope, p);
        case 'op':
          return apply(e.op, e.args.map((a) => expr(a, scope)));
        case 'reduce': {
          const xs: Float[] = [];
          for (const t of e.terms)
            for (const v of points(bindersDomain(t.binders, scope))) xs.push(expr(t.body, { ...scope, ...Object.fromEntries(t.binders.map((b, j) => [b.index, v[j]!])) }));
          return apply(e.op, xs);
        }
      }
    };
    for (const s of program.steps) {
      if (s.kind === 'define') {
        const memo = new Map<string, Float>();
        tensors.set(s.name, (u) => {
          const key = u.join(',');
          let f = memo.get(key);
          if (f === undefined) {
            const scope: Record<Name, number> = { ...env };
            s.binders.forEach((b, t) => {
              const lo = evalAffine(b.lo, scope);
              const hi = evalAffine(b.hi, scope);
              if (u[t]! < lo || u[t]! > hi) throw new ProgramError(`${s.name}: index ${b.index} = ${u[t]} outside ${lo}..${hi}`);
              scope[b.index] = u[t]!;
            });
            f = expr(s.body, scope);
            memo.set(key, f);
          }
          return f;
        });
        continue;
      }
      const callee = bundle.programs[s.program]!;
      const cenv = sizeValues(callee, calleeParams(s, env));
      let current = s.args.map(lookup);
      for (let r = 0; r < repetitions(s, env); r++) current = [instance(callee, cenv, current, calleePath(path, s.name, s.repeat !== undefined, r))];
      tensors.set(s.name, current[0]!);
    }
    return lookup(program.output);
  };

  const root = bundle.programs[bundle.root]!;
  const env = sizeValues(root, params);
  const args = root.inputs.map((t) => rowMajor(t.shape.map((s) => evalAffine(s, env)), inputs.get(t.name) ?? [], t.name));
  const out = instance(root, env, args, '');
  return [...points(tensorDomain(bundle, root, root.output, env))].map(out);
}

/**
 * The program as a registered-model-like `Model`: input ports `X[i,j]` for every element of every
 * input tensor (in declaration order, row-major), output ports for the output tensor's elements,
 * each a float port of 2p + 2 bits; weights from the seed `w`.
 */
export function programModel(bundle: Bundle): Model {
  const root = bundle.programs[bundle.root]!;
  const shapes = (params: Params) => {
    const sizes = rootSizes(bundle, params);
    const env = sizeValues(root, sizes);
    return {
      sizes,
      inputs: root.inputs.map((t) => ({ name: t.name, points: [...points(tensorDomain(bundle, root, t.name, env))] })),
      outputs: [...points(tensorDomain(bundle, root, root.output, env))],
    };
  };
  return {
    name: `architecture ${bundle.root}`,
    description: root.title,
    signature(params) {
      const s = shapes(params);
      const width = floatWidth(params.p!);
      return {
        inputs: s.inputs.flatMap((t) => t.points.map((u) => ({ name: portName(t.name, u), width }))),
        outputs: s.outputs.map((u) => ({ name: portName(root.output, u), width })),
      };
    },
    domain: (xs, { p }) => xs.every((x) => isCanonical(decode(x, p!), p!)),
    evaluate(xs, params) {
      const p = params.p!;
      const s = shapes(params);
      const inputs = new Map<Name, Float[]>();
      let pos = 0;
      for (const t of s.inputs) inputs.set(t.name, t.points.map(() => decode(xs[pos++]!, p)));
      const weights = drawWeights(weightSlots(bundle, s.sizes), params.w ?? 0, p);
      return evaluateProgram(bundle, s.sizes, p, inputs, weights).map((f) => encode(f, p));
    },
    show: (_port, v, { p }) => showFloat(decode(v, p!)),
    // Inputs of moderate size, like the weights, so that not everything saturates.
    sample: (rng, params) =>
      shapes(params)
        .inputs.flatMap((t) => t.points)
        .map(() => encode(rng.below(8) === 0 ? sampleFloat(rng, params.p!) : moderateFloat(rng, params.p!), params.p!)),
  };
}
