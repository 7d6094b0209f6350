/**
 * The Lean library's definitions of the circuits some constructions build (`lean/TC0/Arith/Int.lean`, `Fixed.lean`),
 * as a Lean expression at an instance. An instance block of such a construction also proves
 * (kernel `decide`) that the generated circuit *is* that definition at its parameters, so the
 * library's theorems for every parameter are about the very netlist the other backends check.
 */
import type { Params } from '../../core/params.js';

export type LeanFamily = (params: Params) => string;

export const LEAN_FAMILIES: ReadonlyMap<string, LeanFamily> = new Map<string, LeanFamily>([
  ['int.add', ({ p }) => `TC0.Arith.add ${p}`],
  ['int.compare.exp', ({ p }) => `TC0.Arith.compareExp ${p}`],
  ['int.compare.poly', ({ p }) => `TC0.Arith.comparePoly ${p}`],
  ['int.iter-add', ({ k, p }) => `TC0.Arith.iterAdd ${k} ${p}`],
  // The fixed-point circuits depend only on the width n = i + f.
  ['fixed.add', ({ i, f }) => `TC0.Arith.fixedAdd ${i! + f!}`],
  ['fixed.compare', ({ i, f }) => `TC0.Arith.fixedCompare ${i! + f!}`],
]);
