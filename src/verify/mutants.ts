/**
 * Mutants as obligations (`tc0 mutate`). An obligation may carry a mutant: its circuit is then
 * built from the mutated construction, and it is checked either against the spec's model (one of
 * the spec's checks, run on the mutant) or against the original construction (is the mutant
 * equivalent? the miter of both must be 0 on the model's domain). Everything else (planning,
 * hashing, the results store, the model, measure and z3 backends) is the ordinary machinery;
 * this file only says what circuit and what model such an obligation is about.
 */
import { pathToFileURL } from 'node:url';
import type { Params } from '../core/params.js';
import { paramsKey } from '../core/params.js';
import type { Construction } from '../circuit/construction.js';
import { Circuit } from '../circuit/ir.js';
import { type CircuitMutation, applyMutation } from '../circuit/mutate.js';
import { miter } from '../circuit/miter.js';
import type { Model } from '../model/model.js';
import { MODELS } from '../model/registry.js';
import type { SmtModelEncoder } from '../gen/smt/models.js';
import { SMT_MODELS } from '../gen/smt/models.js';
import { ALL_CONSTRUCTIONS } from './registries.js';

/** One change to the source of the construction code (see source-mutants.ts). */
export interface SourceChange {
  readonly kind: 'source';
  /** File under src/, e.g. `circuit/constructions/float.ts`. */
  readonly file: string;
  /** Top-level declaration the change is in, and the offset of the change inside it. */
  readonly declaration: string;
  readonly offset: number;
  readonly original: string;
  readonly replacement: string;
  /** The operator, e.g. `bigint-shift-to-int32`. */
  readonly operator: string;
  /** Hash of the mutated declaration's text: together with the construction's code hash it pins the mutant. */
  readonly hash: string;
}

/** One change to the circuit built at `params` (other instances are built as they are). */
export interface CircuitChange {
  readonly kind: 'circuit';
  readonly params: Params;
  readonly mutation: CircuitMutation;
}

export interface MutantRef {
  /** E.g. `float.add~c3` (circuit) or `float.add~s7` (source). */
  readonly id: string;
  readonly construction: string;
  readonly change: CircuitChange | SourceChange;
}

/** What a mutant obligation checks the mutant against. */
export interface MutantUse {
  readonly ref: MutantRef;
  readonly against: 'model' | 'original';
  /** Directory of a source mutant's mutated tree (where it was written; not part of any hash). */
  readonly tree?: string;
}

/**
 * Constructions of source mutants, by mutant id: loaded (imported from the mutated copy of the
 * circuit folder) before any obligation of that mutant is run, in each thread that runs one.
 */
const sourceMutants = new Map<string, Construction>();

/** Imports a source mutant's construction from its mutated tree (`dir/circuit/registry.ts`). */
export async function loadSourceMutant(ref: MutantRef, dir: string): Promise<void> {
  if (sourceMutants.has(ref.id)) return;
  const mod = (await import(pathToFileURL(`${dir}/circuit/registry.ts`).href)) as { CONSTRUCTIONS: ReadonlyMap<string, Construction> };
  const c = mod.CONSTRUCTIONS.get(ref.construction);
  if (!c) throw new Error(`the mutated tree ${dir} has no construction ${ref.construction}`);
  sourceMutants.set(ref.id, c);
}

/**
 * A circuit built by a mutated tree, as this tree's `Circuit`: the netlist is its data (gate
 * fan-ins, weights, thresholds, ports), and every check reads it through this tree's methods. A
 * mutant of a `Circuit` method (in the mutated copy of ir.ts) thus counts only where the builder
 * calls that method while building, as it would in `tc0 verify`; otherwise the miter (which reads
 * fan-ins through `fanin()`) and the evaluator (which reads the arrays) would see two circuits.
 */
function asCircuit(c: Circuit): Circuit {
  return new Circuit(c.numInputs, c.gateStart, c.faninWires, c.faninWeights, c.thresholds, c.inputs, c.outputs);
}

/** The construction a mutant stands for. */
export function mutantConstruction(ref: MutantRef): Construction | undefined {
  const original = ALL_CONSTRUCTIONS.get(ref.construction);
  if (!original) return undefined;
  const change = ref.change;
  if (change.kind === 'source') {
    const c = sourceMutants.get(ref.id);
    return c && { ...c, build: (params) => asCircuit(c.build(params)) };
  }
  const at = paramsKey(change.params);
  return {
    name: `${original.name} (mutant ${ref.id})`,
    description: original.description,
    build: (params) => (paramsKey(params) === at ? applyMutation(original.build(params), change.mutation) : original.build(params)),
  };
}

/** The construction an obligation's circuit comes from: the registered one, a mutant, or the miter of both. */
export function constructionOf(name: string, mutant: MutantUse | undefined): Construction | undefined {
  const original = ALL_CONSTRUCTIONS.get(name);
  if (!mutant || !original) return original;
  const m = mutantConstruction(mutant.ref);
  if (!m || mutant.against === 'model') return m;
  return { name: `${name} vs mutant ${mutant.ref.id}`, description: 'miter of the construction and a mutant of it', build: (params) => miter(original.build(params), m.build(params)) };
}

/** The model an obligation is checked against: the registered one, or "the mutant equals the original". */
export function modelOf(name: string, mutant: MutantUse | undefined): Model | undefined {
  const model = MODELS.get(name);
  return model && mutant?.against === 'original' ? sameAsOriginal(model) : model;
}

/** The SMT-LIB encoding of `modelOf`. */
export function smtModelOf(name: string, mutant: MutantUse | undefined): SmtModelEncoder | undefined {
  const enc = SMT_MODELS.get(name);
  const model = MODELS.get(name);
  if (!enc || !model || mutant?.against !== 'original') return enc;
  return (params) => {
    const m = enc(params, model.signature(params));
    return { defs: m.defs, outputs: ['#b0'], ...(m.domain ? { domain: m.domain } : {}), ...(m.logic ? { logic: m.logic } : {}) };
  };
}

/** The miter's model: `diff` is 0 on every input of the original model's domain. */
function sameAsOriginal(m: Model): Model {
  return {
    name: `${m.name}/same-as-original`,
    description: `the mutant agrees with the original construction on the domain of model ${m.name}`,
    signature: (params) => ({ inputs: m.signature(params).inputs, outputs: [{ name: 'diff', width: 1 }] }),
    ...(m.domain ? { domain: m.domain } : {}),
    evaluate: () => [0n],
    show: (port, v, params) => (port === 'diff' ? (v ? 'the mutant differs from the original' : 'the same') : (m.show?.(port, v, params) ?? v.toString())),
    ...(m.sample ? { sample: m.sample } : {}),
    ...(m.structured ? { structured: m.structured } : {}),
  };
}
