/**
 * `tc0 doctor`: what can run here and what a first run will cost. Backends with versions (and
 * why one cannot run), the solver `--solvers auto` picks, whether the Lean library is compiled
 * for this toolchain, whether a browser is there for the report's browser test, cores and free
 * disk. Staging Lean for the first time takes about a minute and a half; `say` is told first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statfsSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { detectLean, findNode24, libraryBuilt, nativeLeanVersion, readLibrary, stagingRoot, stdlibStaged } from '../backend/lean.js';
import { LIBRARY_ROOT } from '../gen/lean/emit.js';
import { EVALUATOR } from './checks/equivalence.js';
import { MEASURER } from './checks/measure.js';
import { LEAN_DIR } from './drivers/lean.js';
import { SOLVER_NAMES, autoSolver, solverAvailability } from './solvers.js';

export interface DoctorRow {
  /** What the row is about: a backend, or `lean lib`, `browser`, `machine`. */
  readonly backend: string;
  readonly tool: string;
  readonly available: boolean;
  /** Version when available, the reason otherwise. */
  readonly detail: string;
}

export interface DoctorOptions {
  readonly storeDir: string;
  /** Told what takes long before it starts (the first staging of Lean). */
  readonly say: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}

/** The browser the report test drives: CHROMIUM_PATH, else Debian's chromium. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
}

const gb = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(1)} GB`;

/** Free space of the file system holding `path` (or its nearest existing parent). */
function freeSpace(path: string): number | undefined {
  let p = resolve(path);
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  try {
    const s = statfsSync(p);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

export async function doctor(opts: DoctorOptions): Promise<DoctorRow[]> {
  const env = opts.env ?? process.env;
  const rows: DoctorRow[] = [
    { backend: 'model', tool: EVALUATOR.name, available: true, detail: EVALUATOR.version },
    { backend: 'measure', tool: MEASURER.name, available: true, detail: MEASURER.version },
  ];
  for (const n of SOLVER_NAMES) {
    const a = solverAvailability(n);
    rows.push({ backend: 'z3', tool: n, available: a.version !== undefined, detail: a.version ?? a.reason! });
  }
  const auto = autoSolver();
  rows.push({ backend: 'z3', tool: '--solvers auto', available: solverAvailability(auto).version !== undefined, detail: `picks ${auto}${auto === 'z3-wasm' ? ' (no native z3 on PATH at least as new as the bundled build)' : ' (a native z3 at least as new as the bundled build)'}` });

  const staged = stdlibStaged();
  if (staged === false && !nativeLeanVersion()) opts.say(`lean: unpacking the Lean standard library into ${stagingRoot()} (first run only, about 1.5 minutes) ...`);
  const lean = await detectLean();
  if (lean.ok) {
    const tc = lean.toolchain;
    const how = tc.kind === 'wasm' ? `; Node 24 at ${findNode24()}; staging ${stagingRoot()}` : '';
    rows.push({ backend: 'lean', tool: tc.checker.name, available: true, detail: `${tc.checker.version}${how}${tc.notes.length ? `; ${tc.notes.join('; ')}` : ''}` });
    const modules = readLibrary(LEAN_DIR, LIBRARY_ROOT).filter((m) => m.name !== LIBRARY_ROOT);
    const built = libraryBuilt(tc, modules);
    rows.push({ backend: 'lean lib', tool: `${modules.length} modules`, available: built, detail: built ? 'compiled for this toolchain and these sources (reused)' : 'not compiled yet: the next run with Lean obligations compiles it first (about a minute on 2 cores)' });
  } else rows.push({ backend: 'lean', tool: 'lean', available: false, detail: `${lean.reason}${lean.notes.length ? ` (${lean.notes.join('; ')})` : ''}` });

  const chromium = findChromium(env);
  const version = chromium ? spawnSync(chromium, ['--version'], { encoding: 'utf8', timeout: 20_000 }).stdout?.trim() : undefined;
  rows.push({
    backend: 'browser',
    tool: 'chromium',
    available: chromium !== undefined,
    detail: chromium ? `${version || 'version unknown'} at ${chromium} (the report's browser test runs)` : 'none found (apt-get install chromium, or set CHROMIUM_PATH): the browser test of the report is skipped outside CI',
  });
  const disk = [
    ['store', opts.storeDir],
    ['staging', stagingRoot()],
  ].map(([what, p]) => {
    const free = freeSpace(p!);
    return `${free === undefined ? 'unknown' : gb(free)} free for the ${what} (${p})`;
  });
  rows.push({ backend: 'machine', tool: `${availableParallelism()} cores`, available: true, detail: `${gb(totalmem())} memory (each Lean process takes about 3.5 GB); ${disk.join('; ')}` });
  return rows;
}
