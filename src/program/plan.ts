/**
 * A program at concrete sizes as a list of node blocks (the groups of groups.ts, instantiated:
 * calls unrolled, repetitions unrolled, sizes substituted). A block's nodes are the points of
 * nested ranges; an operand is another block's node at affine coordinates of this block's indices.
 * The gate-level circuit, the operator-level family and the local description all read a plan.
 */
import type { Affine, Bundle, Name, Real } from './ast.js';
import { type Domain, bindAffine, calleeParams, repetitions, sizeValues, tensorDomain } from './domain.js';
import { type Lowered, type Ref, coord, lower, substAffine } from './groups.js';
import { calleePath, weightKey } from './weights.js';

/** A block's nodes at coordinates `at` (affine in the referring block's index names). */
export interface BlockRef {
  readonly block: number;
  readonly at: readonly Affine[];
}

export interface PlanTerm {
  /** Extra indices, iterated after the block's own (bounds over the block's and earlier extra names). */
  readonly domain: Domain;
  readonly body: BlockRef;
}

export interface Block {
  /** Index into `Plan.kinds`: 0 `input`, 1 `const`, then the operations. */
  readonly kind: number;
  readonly domain: Domain;
  readonly args: readonly BlockRef[];
  /** Reductions: the terms whose values are the operands, in order. */
  readonly terms: readonly PlanTerm[];
  /** What a `const` node is: an exact constant (at the instance's sizes) or a weight (row-major). */
  readonly constant?: { readonly value: Real; readonly env: Readonly<Record<Name, number>> };
  readonly weight?: string;
  /** The input tensor an `input` block holds. */
  readonly input?: Name;
}

export interface Plan {
  readonly kinds: readonly string[];
  readonly blocks: readonly Block[];
  /** The output tensor's domain and where each element is (`ref` over coordinates `$0, $1, ...`). */
  readonly output: { readonly domain: Domain; readonly ref: BlockRef };
}

const KIND_INPUT = 0;
const KIND_CONST = 1;

/** Compiles a bundle at the root program's parameter values. */
export function compile(bundle: Bundle, params: Readonly<Record<Name, number>>): Plan {
  const kinds = ['input', 'const', ...bundle.operations.operations.map((o) => o.name)];
  const kindOf = new Map(kinds.map((k, i) => [k, i]));
  const blocks: Block[] = [];
  const add = (b: Block): number => blocks.push(b) - 1;

  /** A view (coordinates over `$t`) read at `at`. */
  const compose = (view: BlockRef, at: readonly Affine[]): BlockRef => {
    const sub = Object.fromEntries(at.map((a, t) => [coord(t), a]));
    return { block: view.block, at: view.at.map((a) => substAffine(a, sub)) };
  };

  const instance = (lowered: Lowered, env: Record<Name, number>, inputs: readonly BlockRef[], path: string): BlockRef => {
    const { program } = lowered;
    const weights = new Map<Name, BlockRef>();
    for (const w of program.weights) {
      const domain = tensorDomain(bundle, program, w.name, env);
      const block = add({ kind: KIND_CONST, domain, args: [], terms: [], weight: weightKey(path, w.name) });
      weights.set(w.name, { block, at: domain.names.map((n) => ({ constant: 0, coefficients: { [n]: 1 } })) });
    }
    const groupBlock: number[] = [];
    const callOut: BlockRef[] = [];
    const resolve = (ref: Ref): BlockRef => {
      const at = ref.at.map((a) => bindAffine(a, env));
      switch (ref.source.kind) {
        case 'group':
          return { block: groupBlock[ref.source.id]!, at };
        case 'input':
          return compose(inputs[ref.source.index]!, at);
        case 'weight':
          return compose(weights.get(ref.source.name)!, at);
        case 'call':
          return compose(callOut[ref.source.index]!, at);
      }
    };
    for (const item of lowered.items) {
      if (item.kind === 'call') {
        const { step } = item.call;
        const callee = bundle.programs[step.program]!;
        const cenv = sizeValues(callee, calleeParams(step, env));
        let args = item.call.args.map(resolve);
        const reps = repetitions(step, env);
        for (let r = 0; r < reps; r++) {
          const out = instance(lower(callee, bundle), cenv, args, calleePath(path, step.name, step.repeat !== undefined, r));
          args = [out];
        }
        callOut.push(args[0]!);
        continue;
      }
      const g = item.group;
      const domain = { names: g.vars.map((b) => b.index), lo: g.vars.map((b) => bindAffine(b.lo, env)), hi: g.vars.map((b) => bindAffine(b.hi, env)) };
      switch (g.kind) {
        case 'const':
          groupBlock[g.id] = add({ kind: KIND_CONST, domain, args: [], terms: [], constant: { value: g.value, env } });
          break;
        case 'op':
          groupBlock[g.id] = add({ kind: kindOf.get(g.op)!, domain, args: g.args.map(resolve), terms: [] });
          break;
        case 'reduce':
          groupBlock[g.id] = add({
            kind: kindOf.get(g.op)!,
            domain,
            args: [],
            terms: g.terms.map((t) => ({
              domain: { names: t.binders.map((b) => b.index), lo: t.binders.map((b) => bindAffine(b.lo, env)), hi: t.binders.map((b) => bindAffine(b.hi, env)) },
              body: resolve(t.body),
            })),
          });
      }
    }
    return resolve(lowered.output);
  };

  const root = bundle.programs[bundle.root]!;
  const env = sizeValues(root, params);
  const inputs = root.inputs.map((t) => {
    const domain = tensorDomain(bundle, root, t.name, env);
    const block = add({ kind: KIND_INPUT, domain, args: [], terms: [], input: t.name });
    return { block, at: domain.names.map((n) => ({ constant: 0, coefficients: { [n]: 1 } })) };
  });
  const ref = instance(lower(root, bundle), env, inputs, '');
  return { kinds, blocks, output: { domain: tensorDomain(bundle, root, root.output, env), ref } };
}
