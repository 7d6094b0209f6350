/**
 * The miter of two circuits with the same ports: one circuit whose single output `diff` is 1
 * exactly on the inputs where they differ. Gates are shared where both circuits compute the same
 * gate on the same signals (structural hashing, after the builder's constant folding), so the
 * miter of a circuit and a mutant of it holds the circuit once plus the mutated gate's fan-out
 * cone; when the two are structurally equal, `diff` is the constant 0.
 */
import { CircuitBuilder, FALSE, type Signal, TRUE, not } from './builder.js';
import { FALSE_WIRE, TRUE_WIRE, type Circuit } from './ir.js';
import { signatureMismatch } from './validate.js';

export function miter(a: Circuit, b: Circuit): Circuit {
  const mismatch = signatureMismatch(a.signature(), b.signature());
  if (mismatch.length > 0) throw new RangeError(`miter of circuits with different ports: ${mismatch.join('; ')}`);
  const bld = new CircuitBuilder({ share: true });
  const ports = a.inputs.map((p) => bld.input(p.name, p.wires.length));
  const copy = (c: Circuit): Signal[] => {
    const sig: Signal[] = new Array<Signal>(c.numWires);
    sig[FALSE_WIRE] = FALSE;
    sig[TRUE_WIRE] = TRUE;
    c.inputs.forEach((p, i) => p.wires.forEach((w, j) => (sig[w] = ports[i]![j]!)));
    for (let g = 0; g < c.numGates; g++) sig[c.gateWire(g)] = bld.threshold(c.fanin(g).map(([w, x]) => [sig[w]!, x] as const), c.thresholds[g]!);
    return c.outputs.flatMap((p) => p.wires.map((w) => sig[w]!));
  };
  const outA = copy(a);
  const outB = copy(b);
  const differs = outA.flatMap((x, i) => (x === outB[i] ? [] : [x === not(outB[i]!) ? TRUE : bld.xor(x, outB[i]!)]));
  bld.output('diff', [bld.or(differs)]);
  return bld.finish();
}

/** Whether a miter's output is the constant 0 (the two circuits are structurally equal). */
export const miterIsTrivial = (m: Circuit): boolean => m.outputs[0]!.wires[0] === FALSE_WIRE;
