/**
 * Which SMT solvers check z3 obligations (`--solvers`): `auto` (a native z3 on PATH if it is at
 * least as new as the bundled z3-solver build, else that Wasm build), or a comma-separated list
 * of `z3-wasm`, `z3`, `cvc5` that all run on every query (their answers must agree; the report
 * says which answered what). Older native z3 is not preferred: Debian's 4.8.12 needed over a
 * minute for a float-adder query with every input fixed that z3-solver 5.2 answers in 0.2 s.
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

const majorMinor = (v: string | undefined): number => {
  const m = /^(\d+)\.(\d+)/.exec(v ?? '');
  return m ? Number(m[1]) * 1000 + Number(m[2]) : -1;
};

/** `auto`: native z3 when it is not older than the bundled Wasm build. */
export function autoSolver(): SolverName {
  const native = solverAvailability('z3').version;
  const wasm = solverAvailability('z3-wasm').version;
  return native && majorMinor(native) >= majorMinor(wasm) ? 'z3' : 'z3-wasm';
}

export function selectSolvers(choice: string, threads: number): SmtSolver[] {
  const names: SolverName[] =
    choice === 'auto'
      ? [autoSolver()]
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
