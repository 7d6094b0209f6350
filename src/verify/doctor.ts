/** `tc0 doctor`: which backends can run here, their versions, and why one cannot. */
import { detectLean, findNode24, stagingRoot } from '../backend/lean.js';
import { EVALUATOR } from './checks/equivalence.js';
import { MEASURER } from './checks/measure.js';
import { SOLVER_NAMES, solverAvailability } from './solvers.js';

export interface DoctorRow {
  readonly backend: string;
  readonly tool: string;
  readonly available: boolean;
  /** Version when available, the reason otherwise. */
  readonly detail: string;
}

export async function doctor(): Promise<DoctorRow[]> {
  const rows: DoctorRow[] = [
    { backend: 'model', tool: EVALUATOR.name, available: true, detail: EVALUATOR.version },
    { backend: 'measure', tool: MEASURER.name, available: true, detail: MEASURER.version },
  ];
  for (const n of SOLVER_NAMES) {
    const a = solverAvailability(n);
    rows.push({ backend: 'z3', tool: n, available: a.version !== undefined, detail: a.version ?? a.reason! });
  }
  const lean = await detectLean();
  if (lean.ok) {
    const tc = lean.toolchain;
    const how = tc.kind === 'wasm' ? `; Node 24 at ${findNode24()}; staging ${stagingRoot()}` : '';
    rows.push({ backend: 'lean', tool: tc.checker.name, available: true, detail: `${tc.checker.version}${how}${tc.notes.length ? `; ${tc.notes.join('; ')}` : ''}` });
  } else rows.push({ backend: 'lean', tool: 'lean', available: false, detail: `${lean.reason}${lean.notes.length ? ` (${lean.notes.join('; ')})` : ''}` });
  return rows;
}
