/**
 * Measuring the operator-level tensor-attention family (src/circuit/families/attention.ts) for
 * n = 1..64, and checking its local description.
 *
 * Depths of operations come from the constructions at the given p: float.mul, float.add (and
 * sub), and float.iter-add for sums (a sum of one term uses the 2-term circuit, so every n gets
 * the same design); exp, division and sqrt are the assumed constants d_exp, d_div, d_sqrt. Gate counts are exact where every node's
 * circuit is built (sums of at most 64 terms); beyond, the family is measured in operation nodes.
 */
import type { Params } from '../core/params.js';
import { type Property, type PropertyResult, type PropertyRow, fails } from './model.js';
import { CONSTRUCTIONS } from '../circuit/registry.js';
import { measure } from '../circuit/metrics.js';
import { OP_KINDS, type OpDepth, type OpKind, describeNode, familyMetrics, familyStages, generateFamily, showDepth } from '../circuit/families/attention.js';
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
    case 'add':
    case 'sub':
      return { depth: { gates: built('float.add', { p }).depth }, size: built('float.add', { p }).size };
    case 'sum': {
      const kk = Math.max(2, k);
      const depth = { gates: built('float.iter-add', { k: 2, p }).depth };
      return kk <= MAX_BUILT_SUM ? { depth, size: built('float.iter-add', { k: kk, p }).size } : { depth };
    }
    case 'relu':
      return { depth: { gates: RELU_DEPTH } };
    case 'select':
      return { depth: { gates: SELECT_DEPTH } };
    case 'exp':
      return { depth: { gates: 0, d_exp: 1 } };
    case 'div':
      return { depth: { gates: 0, d_div: 1 } };
    case 'sqrt':
      return { depth: { gates: 0, d_sqrt: 1 } };
    default:
      return { depth: { gates: 0 } };
  }
}

/** relu: one AND gate per bit with the negated sign (src/model/gates.ts). */
const RELU_DEPTH = 1;
/** LayerNorm's constant-row case: a zero test (1) in parallel, then a multiplexer (2). */
const SELECT_DEPTH = 3;

/** The operation depths the stage formulas are written in, measured at p. */
export function opDepths(p: number) {
  return { mul: opCost('mul', 2, p).depth.gates, add: opCost('add', 2, p).depth.gates, plus: opCost('sum', 2, p).depth.gates, relu: RELU_DEPTH, select: SELECT_DEPTH };
}

/**
 * The longest path by stages, as lean/TC0/Attention.lean counts them: the layer (layerDepth,
 * ropeLayerDepth with d_triag = 0) and, for m blocks, m times (layer + add + LayerNorm + MLP + add
 * + LayerNorm) with LayerNorm = sum, scale, centre, square, sum, scale, sqrt, divide, select and
 * MLP = multiply, sum, relu, multiply, sum.
 */
export function familyDepthFormula(p: number, rope: boolean, m: number): Required<OpDepth> {
  const o = opDepths(p);
  const layer = 5 * o.mul + 3 * o.plus + (rope ? o.mul + o.plus : 0);
  if (!m) return { gates: layer, d_exp: 1, d_div: 1, d_sqrt: 0 };
  const layerNorm = 2 * o.plus + 3 * o.mul + o.add + o.select;
  const mlp = 2 * o.mul + 2 * o.plus + o.relu;
  return { gates: m * (layer + 2 * o.add + 2 * layerNorm + mlp), d_exp: m, d_div: 3 * m, d_sqrt: 2 * m };
}

/**
 * The bound of ta_transformer_depth / rope_transformer_depth (lean/TC0/Attention.lean) with
 * d_std the largest standard operation measured at p and d_plus the iterated addition; the
 * measured depth, with each division counted as d_std (the paper's convention), must be below it.
 */
export function leanTransformerBound(p: number, rope: boolean, m: number): { gates: number; d_exp: number; d_sqrt: number; dStd: number; dPlus: number } {
  const o = opDepths(p);
  const dStd = Math.max(o.mul, o.add, o.relu, o.select);
  const layer = rope ? 7 * dStd + 4 * o.plus : 6 * dStd + 3 * o.plus;
  return { gates: (m + 1) * (17 * dStd + 6 * o.plus) + m * layer, d_exp: m, d_sqrt: 2 * (m + 1), dStd, dPlus: o.plus };
}

/** The operations whose gate-level circuit is built here (the others are assumed or trivial). */
const FLOAT_CIRCUITS: ReadonlySet<OpKind> = new Set(['mul', 'sum', 'add', 'sub']);

const sameDepth = (a: OpDepth, b: OpDepth): boolean => (['gates', 'd_exp', 'd_div', 'd_sqrt'] as const).every((k) => (a[k] ?? 0) === (b[k] ?? 0));

export const taFamily: Property = {
  name: 'ta.family',
  description: 'the operator-level (RoPE) tensor-attention layer, or m transformer blocks, for n = 1..nmax: one depth value, equal to the stage formula (and within the Lean bound), operation nodes polynomial in n',
  check({ d, p, rope, nmax, m }: Params): PropertyResult {
    const table: PropertyRow[] = [];
    const depths = new Map<string, Required<OpDepth>>();
    const points: Array<{ x: number; y: number }> = [];
    const blocks = m ?? 0;
    for (let n = 1; n <= (nmax ?? 64); n++) {
      const g = generateFamily({ n, d: d!, rope: rope === 1, m: blocks });
      const fm = familyMetrics(g, (kind, k) => opCost(kind, k, p!).depth);
      // Gates of the built float operations, when every sum is small enough to build.
      let gates = 0;
      let complete = true;
      for (const { kind, arity, count } of fm.shapes) {
        const size = opCost(kind, arity, p!).size;
        if (size !== undefined) gates += size * count;
        else if (FLOAT_CIRCUITS.has(kind)) complete = false;
      }
      depths.set(showDepth(fm.depth), fm.depth);
      points.push({ x: n, y: fm.nodes });
      table.push({ n, depth: showDepth(fm.depth), nodes: fm.nodes, mul: fm.counts.mul, 'sum inputs': fm.sumInputs, exp: fm.counts.exp, div: fm.counts.div, 'gates (float circuits)': complete ? gates : '' });
    }
    const degree = fitDegree(points) ?? 0;
    const cases = table.length;
    if (depths.size > 1) return fails(cases, `the depth is not the same for every n: ${[...depths.keys()].join('; ')}`, { table });
    const [measured] = [...depths.values()] as [Required<OpDepth>];
    const formula = familyDepthFormula(p!, rope === 1, blocks);
    if (!sameDepth(measured, formula)) return fails(cases, `longest path ${showDepth(measured)}, the stage formula gives ${showDepth(formula)}`, { table });
    if (degree > 3.25) return fails(cases, `operation nodes grow like n^${degree}, above n^3`, { table });
    const o = opDepths(p!);
    let lean: string;
    if (!blocks) lean = `${rope === 1 ? `ropeLayerDepth ${o.mul} ${o.plus} d_exp d_div 0` : `layerDepth ${o.mul} ${o.plus} d_exp d_div`} of lean/TC0/Attention.lean with d_mul = ${o.mul}, d_plus = ${o.plus} measured at p = ${p}`;
    else {
      const bound = leanTransformerBound(p!, rope === 1, blocks);
      const asStd = measured.gates + measured.d_div * bound.dStd;
      if (asStd > bound.gates || measured.d_exp > bound.d_exp || measured.d_sqrt > bound.d_sqrt)
        return fails(cases, `depth ${showDepth(measured)} exceeds the Lean bound ${bound.gates} + ${bound.d_exp} d_exp + ${bound.d_sqrt} d_sqrt (d_std = ${bound.dStd}, d_plus = ${bound.dPlus})`, { table });
      lean = `the stage formula; within the Lean bound of ${rope === 1 ? 'rope_' : 'ta_'}transformer_depth: ${asStd} <= ${bound.gates} gate layers with divisions as d_std = ${bound.dStd}, d_plus = ${bound.dPlus}, and ${measured.d_exp} <= ${bound.d_exp} d_exp, ${measured.d_sqrt} <= ${bound.d_sqrt} d_sqrt`;
    }
    return {
      holds: true,
      cases,
      exhaustive: true,
      table,
      note: `depth ${showDepth(measured)} for every n = 1..${nmax ?? 64} (= ${lean}); operation nodes grow like n^${degree} (fitted); exp, division and sqrt are assumed (d_exp, d_div, d_sqrt)`,
    };
  },
};

export const taUniformity: Property = {
  name: 'ta.uniformity',
  description: 'the local description (node index -> kind, inputs by a few divisions) reproduces the generated family member node by node',
  check({ d, rope, nmax, m }: Params): PropertyResult {
    let cases = 0;
    const out = new Int32Array(64 * 64 + 8);
    for (let n = 1; n <= (nmax ?? 64); n++) {
      const fp = { n, d: d!, rope: rope === 1, m: m ?? 0 };
      const g = generateFamily(fp);
      const stages = familyStages(fp);
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
