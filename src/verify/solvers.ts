/**
 * Which SMT solvers check z3 obligations (`--solvers`): `auto` (a native z3 on PATH if there is
 * one, else the z3-solver Wasm build), or a comma-separated list of `z3-wasm`, `z3`, `cvc5` that
 * all run on every query (their answers must agree; the report says which answered what).
 */
import { UsageError } from '../core/errors.js';
import type { SmtSolver } from '../backend/smt.js';
import { Z3Wasm, z3WasmVersion } from '../backend/z3-wasm.js';
import { NativeSmt, nativeVersion } from '../backend/native-smt.js';

export const SOLVER_NAMES = ['z3-wasm', 'z3', 'cvc5'] as const;
export type SolverName = (typeof SOLVER_NAMES)[number];

export interface SolverAvailability {
  readonly name: SolverName;
  readonly version?: string;
  readonly reason?: string;
}

export function solverAvailability(name: SolverName): SolverAvailability {
  if (name === 'z3-wasm') {
    const v = z3WasmVersion();
    return v ? { name, version: v } : { name, reason: 'the z3-solver package is not installed' };
  }
  const v = nativeVersion(name);
  return v ? { name, version: v } : { name, reason: `no ${name} on PATH` };
}

export function selectSolvers(choice: string, threads: number): SmtSolver[] {
  const names: SolverName[] =
    choice === 'auto'
      ? [solverAvailability('z3').version ? 'z3' : 'z3-wasm']
      : choice.split(',').map((s) => {
          const n = s.trim();
          if (!(SOLVER_NAMES as readonly string[]).includes(n)) throw new UsageError(`--solvers: unknown solver '${n}'; known: auto, ${SOLVER_NAMES.join(', ')}`);
          return n as SolverName;
        });
  return names.map((n) => {
    const a = solverAvailability(n);
    if (!a.version) throw new UsageError(`--solvers: ${n} is not available (${a.reason})`);
    return n === 'z3-wasm' ? new Z3Wasm(a.version, threads) : new NativeSmt(n, a.version);
  });
}
