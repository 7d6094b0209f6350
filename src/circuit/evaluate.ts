/**
 * The reference evaluator: one input pattern at a time, straight from the definition of a
 * threshold gate, with BigInt sums. Slow and obviously right; used to replay counterexamples
 * found by the compiled evaluator and to test it.
 */
import { type Circuit, FIRST_INPUT_WIRE, TRUE_WIRE } from './ir.js';

/** Evaluates on port values (unsigned, little-endian bit order inside each port). */
export function evaluatePorts(c: Circuit, inputs: readonly bigint[]): bigint[] {
  const val = new Uint8Array(c.numWires);
  val[TRUE_WIRE] = 1;
  c.inputs.forEach((p, i) => {
    const v = inputs[i] ?? 0n;
    p.wires.forEach((w, b) => {
      val[w] = Number((v >> BigInt(b)) & 1n);
    });
  });
  const base = FIRST_INPUT_WIRE + c.numInputs;
  for (let g = 0; g < c.numGates; g++) {
    let sum = 0n;
    for (let i = c.gateStart[g]!; i < c.gateStart[g + 1]!; i++) if (val[c.faninWires[i]!]) sum += c.faninWeights[i]!;
    val[base + g] = sum >= c.thresholds[g]! ? 1 : 0;
  }
  return c.outputs.map((p) => p.wires.reduce((acc, w, b) => acc | (BigInt(val[w]!) << BigInt(b)), 0n));
}
