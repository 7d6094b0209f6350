/**
 * Measuring the operator-level tensor-attention family (src/circuit/families/attention.ts) for
 * n = 1..64, and checking its local description.
 *
 * Depths of operations come from the constructions at the given p: float.mul, and float.iter-add
 * for sums (a sum of one term uses the 2-term circuit, so every n gets the same design); exp and
 * division are the assumed constants d_exp and d_div. Gate counts are exact where every node's
 * circuit is built (sums of at most 64 terms); beyond, the family is measured in operation nodes.
 */
import type { Params } from '../core/params.js';
import { type Property, type PropertyResult, type PropertyRow, fails } from './model.js';
import { CONSTRUCTIONS } from '../circuit/registry.js';
import { measure } from '../circuit/metrics.js';
import { OP_KINDS, type OpDepth, type OpKind, describeNode, familyMetrics, generateLayer, layerStages, showDepth } from '../circuit/families/attention.js';
import { fitDegree } from '../core/fit.js';

const MAX_BUILT_SUM = 64;

const cache = new Map<string, { depth: number; size: number }>();
function built(name: string, params: Params): { depth: number; size: number } {
  const key = `${name}:${JSON.stringify(params)}`;
  let v = cache.get(key);
  if (!v) {
    const m = measure(CONSTRUCTIONS.get(name)!.build(params));
    v = { depth: m.depth, size: m.size };
    cache.set(key, v);
  }
  return v;
}

/** Depth and gate count of one operation at precision p (undefined size: not built). */
export function opCost(kind: OpKind, k: number, p: number): { depth: OpDepth; size?: number } {
  switch (kind) {
    case 'mul':
      return { depth: { gates: built('float.mul', { p }).depth }, size: built('float.mul', { p }).size };
    case 'sum': {
      const kk = Math.max(2, k);
      const depth = { gates: built('float.iter-add', { k: 2, p }).depth };
      return kk <= MAX_BUILT_SUM ? { depth, size: built('float.iter-add', { k: kk, p }).size } : { depth };
    }
    case 'exp':
      return { depth: { gates: 0, d_exp: 1 } };
    case 'div':
      return { depth: { gates: 0, d_div: 1 } };
    default:
      return { depth: { gates: 0 } };
  }
}

/** layerDepth / ropeLayerDepth of lean/TC0/Attention.lean in the family's notation. */
export function layerDepthFormula(dMul: number, dPlus: number, rope: boolean): string {
  const gates = 5 * dMul + 3 * dPlus + (rope ? dMul + dPlus : 0);
  return showDepth({ gates, d_exp: 1, d_div: 1 });
}

export const taFamily: Property = {
  name: 'ta.family',
  description: 'the operator-level (RoPE) tensor-attention layer for n = 1..64: one depth value, operation nodes polynomial in n',
  check({ d, p, rope, nmax }: Params): PropertyResult {
    const table: PropertyRow[] = [];
    const depths = new Set<string>();
    const points: Array<{ x: number; y: number }> = [];
    for (let n = 1; n <= (nmax ?? 64); n++) {
      const g = generateLayer({ n, d: d!, rope: rope === 1 });
      const m = familyMetrics(g, (kind, k) => opCost(kind, k, p!).depth);
      // Gates of the built operations (multiplications and sums), when every sum is small enough to build.
      let gates = 0;
      let complete = true;
      for (let i = 0; i < g.size; i++) {
        const kind = OP_KINDS[g.kind[i]!]!;
        if (kind !== 'mul' && kind !== 'sum') continue;
        const size = opCost(kind, g.start[i + 1]! - g.start[i]!, p!).size;
        if (size === undefined) complete = false;
        else gates += size;
      }
      const depth = showDepth(m.depth);
      depths.add(depth);
      points.push({ x: n, y: m.nodes });
      table.push({ n, depth, nodes: m.nodes, mul: m.counts.mul, 'sum inputs': m.sumInputs, exp: m.counts.exp, div: m.counts.div, 'gates (mul and sum nodes)': complete ? gates : '' });
    }
    const degree = fitDegree(points) ?? 0;
    const cases = table.length;
    // The stage formula of lean/TC0/Attention.lean (layerDepth, ropeLayerDepth with d_triag = 0:
    // cos and sin are hard-wired) at the measured operation depths must be the longest path.
    const dMul = opCost('mul', 2, p!).depth.gates;
    const dPlus = opCost('sum', 2, p!).depth.gates;
    const formula = layerDepthFormula(dMul, dPlus, rope === 1);
    if (depths.size === 1 && [...depths][0] !== formula)
      return fails(cases, `longest path ${[...depths][0]}, the Lean stage formula gives ${formula}`, { table });
    if (depths.size > 1)
      return fails(cases, `the depth is not the same for every n: ${[...depths].join('; ')}`, { table });
    if (degree > 3.25) return fails(cases, `operation nodes grow like n^${degree}, above n^3`, { table });
    const lean = rope === 1 ? `ropeLayerDepth ${dMul} ${dPlus} d_exp d_div 0` : `layerDepth ${dMul} ${dPlus} d_exp d_div`;
    return {
      holds: true,
      cases,
      exhaustive: true,
      table,
      note: `depth ${formula} for every n = 1..${nmax ?? 64} (= ${lean} of lean/TC0/Attention.lean with d_mul = ${dMul}, d_plus = ${dPlus} measured at p = ${p}); operation nodes grow like n^${degree} (fitted); exp and division are assumed (d_exp, d_div)`,
    };
  },
};

export const taUniformity: Property = {
  name: 'ta.uniformity',
  description: 'the local description (node index -> kind, inputs by a few divisions) reproduces the generated family member node by node',
  check({ d, rope, nmax }: Params): PropertyResult {
    let cases = 0;
    const out = new Int32Array(64 * 64 + 8);
    for (let n = 1; n <= (nmax ?? 64); n++) {
      const fp = { n, d: d!, rope: rope === 1 };
      const g = generateLayer(fp);
      const stages = layerStages(fp);
      if (out.length < n * n + 8) throw new RangeError('scratch too small');
      for (let i = 0; i < g.size; i++) {
        cases++;
        const local = describeNode(stages, i, out);
        const s = g.start[i]!;
        const e = g.start[i + 1]!;
        const kind = OP_KINDS[g.kind[i]!]!;
        let same = local !== undefined && local.kind === kind && local.count === e - s;
        for (let j = 0; same && j < e - s; j++) same = out[j] === g.inputs[s + j];
        if (!same)
          return fails(cases, `node ${i} of n = ${n}: generated ${kind}(${[...g.inputs.subarray(s, e)].join(', ')}), described ${local ? `${local.kind}(${[...out.subarray(0, local.count)].join(', ')})` : 'nothing'}`, {
            params: { n, node: i },
          });
        // Inputs come before the node: the graph is acyclic in index order.
        for (let j = s; j < e; j++) if (g.inputs[j]! >= i) return fails(cases, `node ${i} of n = ${n} reads a later node`);
      }
      if (describeNode(stages, g.size, out) !== undefined) return fails(cases, `n = ${n}: the description has nodes past the end`);
    }
    return { holds: true, cases, exhaustive: true, note: `every node of every member n = 1..${nmax ?? 64}` };
  },
};
