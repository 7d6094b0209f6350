/**
 * The gate-level circuit of a program for small sizes: the plan's nodes, each the registered
 * construction of its operation instantiated on its operands' bits (constant operands fold away),
 * inputs as float ports `X[i,j]` (2p + 2 bits each), weights and constants as constant bits, the
 * output tensor's elements as ports `Y[i,j]`.
 */
import type { Params } from '../core/params.js';
import { CircuitBuilder, type Signal } from '../circuit/builder.js';
import { constBits } from '../circuit/blocks.js';
import { instantiate } from '../circuit/compose.js';
import type { Circuit } from '../circuit/ir.js';
import { encode, floatWidth } from '../model/float.js';
import type { Bundle, Name } from './ast.js';
import { evalAffine } from './affine.js';
import { roundConstant } from './constants.js';
import { bindDomain, portName, points, rootSizes } from './domain.js';
import { opCircuit, operation } from './ops.js';
import { type BlockRef, compile } from './plan.js';
import { coord } from './groups.js';
import { drawWeights, weightSlots } from './weights.js';

export function buildCircuit(bundle: Bundle, params: Params): Circuit {
  const p = params.p!;
  const sizes = rootSizes(bundle, params);
  const plan = compile(bundle, sizes);
  const weights = drawWeights(weightSlots(bundle, sizes), params.w ?? 0, p);
  const b = new CircuitBuilder();
  const width = floatWidth(p);
  const values: Array<Map<string, Signal[]>> = [];
  const at = (block: number, u: readonly number[]): Signal[] => {
    const s = values[block]!.get(u.join(','));
    if (!s) throw new RangeError(`block ${block} has no node at (${u.join(', ')})`);
    return s;
  };
  const target = (ref: BlockRef, env: Readonly<Record<Name, number>>): Signal[] => at(ref.block, ref.at.map((a) => evalAffine(a, env)));
  for (const block of plan.blocks) {
    const kind = plan.kinds[block.kind]!;
    const mine = new Map<string, Signal[]>();
    values.push(mine);
    let row = 0;
    for (const u of points(block.domain)) {
      const env = Object.fromEntries(block.domain.names.map((n, t) => [n, u[t]!]));
      let s: Signal[];
      if (kind === 'input') s = b.input(portName(block.input!, u), width);
      else if (kind === 'const') {
        const f = block.weight ? weights.get(block.weight)![row++]! : roundConstant(block.constant!.value, { ...block.constant!.env, ...env }, p);
        s = constBits(encode(f, p), width);
      } else {
        const operands: Signal[][] = block.args.map((r) => target(r, env));
        for (const t of block.terms)
          for (const v of points(bindDomain(t.domain, env))) operands.push(target(t.body, { ...env, ...Object.fromEntries(t.domain.names.map((n, j) => [n, v[j]!])) }));
        s = instantiate(b, opCircuit(operation(bundle, kind), operands.length, p), operands.flat());
      }
      mine.set(u.join(','), s);
    }
  }
  const root = bundle.programs[bundle.root]!;
  for (const u of points(plan.output.domain)) {
    const env = Object.fromEntries(u.map((x, t) => [coord(t), x]));
    b.output(portName(root.output, u), target(plan.output.ref, env));
  }
  return b.finish();
}

