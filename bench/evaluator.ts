/**
 * Evaluator throughput: gate evaluations per second (gates x input patterns / second) of the
 * compiled bit-sliced evaluator on one core, best of several runs, for each target (JavaScript
 * int32 words, WebAssembly v128 words). Patterns are consecutive integers filled by
 * `runCounting`, exactly as the exhaustive model check fills them; a circuit with fewer input
 * bits than log2(patterns) sees its input space several times over.
 */
import { CONSTRUCTIONS } from '../src/circuit/registry.js';
import { compile, type EvalTarget } from '../src/circuit/compile.js';

export interface EvalFigure {
  readonly name: string;
  readonly target: EvalTarget;
  readonly gates: number;
  readonly patterns: number;
  readonly bestMs: number;
  readonly gateEvalsPerSecond: number;
}

export function evaluatorThroughput(construction: string, params: Record<string, number>, target: EvalTarget, patternBits: number, runs = 5): EvalFigure {
  const circuit = CONSTRUCTIONS.get(construction)!.build(params);
  const cc = compile(circuit, { target });
  const total = 2 ** patternBits;
  const perBatch = 32 * cc.batchWords;
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    for (let start = 0; start < total; start += perBatch) cc.runCounting(start / 32, Math.ceil(Math.min(perBatch, total - start) / 32));
    best = Math.min(best, performance.now() - t);
  }
  return { name: `${construction} ${JSON.stringify(params)}`, target, gates: circuit.numGates, patterns: total, bestMs: best, gateEvalsPerSecond: (circuit.numGates * total) / (best / 1000) };
}
