/**
 * Evaluator throughput: gate evaluations per second (gates x input patterns / second) of the
 * compiled bit-sliced evaluator on one core, over every input pattern, best of several runs.
 * The input rows are filled exactly as the exhaustive model check fills them.
 */
import { CONSTRUCTIONS } from '../src/circuit/registry.js';
import { compile } from '../src/circuit/compile.js';

export interface EvalFigure {
  readonly name: string;
  readonly gates: number;
  readonly patterns: number;
  readonly bestMs: number;
  readonly gateEvalsPerSecond: number;
}

const LANES = [0xaaaaaaaa | 0, 0xcccccccc | 0, 0xf0f0f0f0 | 0, 0xff00ff00 | 0, 0xffff0000 | 0];

export function evaluatorThroughput(construction: string, params: Record<string, number>, runs = 5): EvalFigure {
  const circuit = CONSTRUCTIONS.get(construction)!.build(params);
  const cc = compile(circuit);
  const n = circuit.numInputs;
  const total = 2 ** n;
  const perBatch = 32 * cc.batchWords;
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    for (let start = 0; start < total; start += perBatch) {
      const words = Math.ceil(Math.min(perBatch, total - start) / 32);
      for (let i = 0; i < n; i++) {
        const off = cc.inputOffset(i);
        for (let k = 0; k < words; k++) cc.values[off + k] = i < 5 ? LANES[i]! : Math.floor((start / 32 + k) / 2 ** (i - 5)) % 2 === 1 ? -1 : 0;
      }
      cc.run(words);
    }
    best = Math.min(best, performance.now() - t);
  }
  return { name: `${construction} ${JSON.stringify(params)}`, gates: circuit.numGates, patterns: total, bestMs: best, gateEvalsPerSecond: (circuit.numGates * total) / (best / 1000) };
}
