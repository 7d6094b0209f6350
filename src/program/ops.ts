/**
 * The operations of a bundle's table, bound to code: the registered model (exact semantics) and
 * construction (gate-level circuit) each names, the construction parameters for a node with k
 * operands, and the depth a node of each kind costs in a family at precision p.
 */
import type { Params } from '../core/params.js';
import type { Circuit } from '../circuit/ir.js';
import type { Construction } from '../circuit/construction.js';
import { CONSTRUCTIONS } from '../circuit/registry.js';
import { measure } from '../circuit/metrics.js';
import type { Model } from '../model/model.js';
import { MODEL_CONSTRUCTIONS, MODELS } from '../model/registry.js';
import type { Bundle, Name, Operation } from './ast.js';
import type { DepthVector } from './family.js';

/** A gate-level circuit was asked of an operation the table gives no construction. */
export class NoConstructionError extends Error {
  override name = 'NoConstructionError';
}

export function operation(bundle: Bundle, name: Name): Operation {
  const op = bundle.operations.operations.find((o) => o.name === name);
  if (!op) throw new RangeError(`operation ${name} is not in the bundle's table`);
  return op;
}

export function opModel(op: Operation): Model {
  const m = MODELS.get(op.model);
  if (!m) throw new RangeError(`operation ${op.name}: no model ${op.model}`);
  return m;
}

export function opConstruction(op: Operation): Construction {
  const c = op.construction ? (CONSTRUCTIONS.get(op.construction) ?? MODEL_CONSTRUCTIONS.get(op.construction)) : undefined;
  if (!c) throw new NoConstructionError(`operation '${op.name}' has no construction in the operations table (specs/operations.yaml), so no gate-level circuit can be built for it`);
  return c;
}

/** The model's and construction's parameters for a node with k operands. */
export const opParams = (op: Operation, k: number, p: number): Params => (op.arity === 'variadic' ? { k, p } : { p });

const built = new Map<string, Circuit>();
/** The operation's circuit for k operands at precision p (built once). */
export function opCircuit(op: Operation, k: number, p: number): Circuit {
  const params = { ...opParams(op, k, p) };
  const key = `${op.construction}:${JSON.stringify(params)}`;
  let c = built.get(key);
  if (!c) {
    c = opConstruction(op).build(params);
    built.set(key, c);
  }
  return c;
}

const depths = new Map<string, number>();
/** The measured depth of an operation's construction at p (with its `depthAt` parameters). */
export function measuredDepth(op: Operation, p: number): number {
  const params = { ...opParams(op, 2, p), ...op.depthAt };
  const key = `${op.construction}:${JSON.stringify(params)}`;
  let d = depths.get(key);
  if (d === undefined) {
    d = measure(opConstruction(op).build(params)).depth;
    depths.set(key, d);
  }
  return d;
}

/** The depth of a family node of each kind: measured gate layers, or an assumed operation's symbol. */
export function depthCosts(bundle: Bundle, p: number): (kind: string) => DepthVector {
  const costs = new Map<string, DepthVector>([
    ['input', {}],
    ['const', {}],
  ]);
  for (const op of bundle.operations.operations) costs.set(op.name, op.assumed ? { [op.depth]: 1 } : { gates: measuredDepth(op, p) });
  return (kind) => costs.get(kind) ?? {};
}

/** The value of each built operation's depth symbol at p (d_mul = depth of float.mul, ...). */
export function measuredSymbols(bundle: Bundle, p: number): Map<Name, number> {
  const out = new Map<Name, number>();
  for (const op of bundle.operations.operations) if (!op.assumed) out.set(op.depth, Math.max(out.get(op.depth) ?? 0, measuredDepth(op, p)));
  return out;
}
