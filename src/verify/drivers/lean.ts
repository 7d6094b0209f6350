/**
 * The lean backend. Every obligation becomes one block for the library's checker
 * (`lean/TC0/Check.lean`, see `gen/lean/emit.ts`): a spec's theorem reaches Lean only as string
 * literals, and each block ends in one verdict message of the checker, read here:
 * - `proved` with the axioms the audit found, and no error or sorry warning in the block: `proved`,
 *   with exactly those axioms in the trust text;
 * - `error` with the checker's reason, or any error message in the block: `error`;
 * - no verdict message: `timeout` if Lean was stopped, otherwise `error` (Lean crashed before it).
 * An obligation's artifact is its own file (header, block, end sentinel), checkable alone; its
 * hash is the store key. A run checks the blocks of several obligations in one file per job,
 * which the checker keeps apart (see `gen/lean/emit.ts`), after the library is compiled (once
 * per content hash).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckResult, Checker } from '../../core/verdict.js';
import { evalExpr } from '../../core/expr.js';
import { LEAN_MODELS } from '../../gen/lean/models.js';
import { LEAN_FAMILIES } from '../../gen/lean/families.js';
import { type CheckerText, LIBRARY_ROOT, assemble, blockNamespace, emitInstance, emitTheorem, parseChecker, verdictTag } from '../../gen/lean/emit.js';
import { bridgeBlock, bridgeData } from '../../gen/lean/bridge.js';
import type { Bundle } from '../../program/ast.js';
import { describeThrown } from '../../core/errors.js';
import { type Detection, type LeanMessage, type LeanModule, type LeanRun, buildLibrary, checkLeanFile, forbiddenIn, readLibrary } from '../../backend/lean.js';
import type { BackendDriver, Prepared } from '../run.js';
import type { Obligation } from '../plan.js';
import type { InstanceBuilder } from './instance.js';

export const LEAN_DIR = fileURLToPath(new URL('../../../lean', import.meta.url));
/** The checker every generated file carries (see `gen/lean/emit.ts`), relative to the library folder. */
export const CHECKER_FILE = 'Checker.lean';

/** The name of the library build in progress displays and in the run history (its timing). */
export const LEAN_LIBRARY_STEP = 'lean library';

/** Expected time of a cold library build (one core), when the run history has none. */
export const LIBRARY_BUILD_MS = 60_000;
/**
 * The least time limit of one library module's compile. A module is compiled once per machine and
 * cached, and the largest (TC0.ClosureTable, kernel decide over the 120-word table) takes 4-5 min
 * of one core on a loaded 2-core machine: an obligation's limit (300 s) would turn a slow first
 * build into timeouts of every Lean obligation. Still finite, so a looping module ends; an explicit
 * `--timeout` replaces it.
 */
export const LIBRARY_MODULE_MIN_MS = 1_200_000;

const artifactPath = (obligation: string): string => `artifacts/lean/${obligation.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '')}.lean`;

/** `moduleTimeoutMs`: the user's `--timeout`, which then also limits each library module's compile. */
export function leanDriver(detection: Detection, jobs: number, builder: InstanceBuilder, moduleTimeoutMs?: number, libraryDir = LEAN_DIR): BackendDriver {
  const checker: Checker | { unavailable: string } = detection.ok ? detection.toolchain.checker : { unavailable: `Lean is not available: ${detection.reason}` };
  // The root module only re-exports the others; generated files import those directly.
  let library: LeanModule[] | undefined;
  const modules = (): LeanModule[] => (library ??= readLibrary(libraryDir, LIBRARY_ROOT).filter((m) => m.name !== LIBRARY_ROOT));
  let checkerText: CheckerText | undefined;
  const checkerOf = (): CheckerText => (checkerText ??= parseChecker(readFileSync(join(libraryDir, CHECKER_FILE), 'utf8')));
  /** Each obligation's block, by obligation id: the batch files are made of them. */
  const blocks = new Map<string, string>();
  return {
    backend: 'lean',
    checker,
    batchSize: Number.POSITIVE_INFINITY,
    async prepare(o) {
      const meta = { spec: o.spec, obligation: o.id, params: o.params };
      let block: string;
      if (o.kind === 'theorem') block = emitTheorem(o.theorem!, meta);
      else if (o.kind === 'bridge') {
        // The right-hand sides come from the TypeScript family (small sizes: milliseconds).
        try {
          const bundle = o.architecture as Bundle;
          block = bridgeBlock(bridgeData(bundle, o.params), o.id, blockNamespace(o.id), `${bundle.root} (spec ${o.spec})`);
        } catch (e) {
          return { error: `the bridge obligation cannot be generated: ${describeThrown(e)}` };
        }
        const bad = forbiddenIn(block);
        if (bad.length > 0) return { error: `forbidden construct${bad.length > 1 ? 's' : ''} in the generated Lean text: ${bad.join(', ')}` };
      } else {
        // Built in a worker under the obligation's time limit (the construction is user code).
        const inst = await builder.build(o);
        if ('error' in inst) return inst;
        const enc = LEAN_MODELS.get(inst.modelName);
        if (!enc) return { error: `model ${inst.modelName} has no Lean encoding` };
        const bound = (m: 'depth' | 'size'): bigint | undefined => {
          const max = o.claims?.[m]?.max;
          return max ? evalExpr(max.expr, o.params).floor() : undefined;
        };
        // A mutant is not the library's circuit: only the original construction is linked to it.
        const family = o.mutant ? undefined : LEAN_FAMILIES.get(o.construction ?? '')?.(inst.params);
        block = emitInstance(inst.circuit, enc(inst.params, inst.circuit.signature()), meta, { depth: bound('depth'), size: bound('size') }, family);
        // Defence in depth only: generated instance text never contains these (the checker's audit decides).
        const bad = forbiddenIn(block);
        if (bad.length > 0) return { error: `forbidden construct${bad.length > 1 ? 's' : ''} in the generated Lean text: ${bad.join(', ')}` };
      }
      blocks.set(o.id, block);
      return { text: assemble([block], `obligation ${o.id} (spec ${o.spec})`, modules().map((m) => m.name), checkerOf()).text, path: artifactPath(o.id) };
    },
    async run(batch, done, events, cores) {
      if (!detection.ok) return;
      const tc = detection.toolchain;
      // One cause, one message: every obligation carries the same reason, which the progress
      // display prints in full once (then "same cause as ...").
      const fail = (status: 'error' | 'timeout', cause: string, detail: string): void => {
        const reason = `not checked: ${cause} (${batch.length} Lean obligation${batch.length === 1 ? '' : 's'} share this cause)${detail ? `: ${detail}` : ''}`;
        batch.forEach((p) => done(p, { outcome: { status, checker: tc.checker, reason } }, 0));
      };
      const forbidden = modules().flatMap((m) => forbiddenIn(m.source).map((w) => `${m.name}: ${w}`));
      if (forbidden.length > 0) return fail('error', 'the Lean library uses forbidden constructs', forbidden.join('; '));
      const timeout = moduleTimeoutMs ?? Math.max(LIBRARY_MODULE_MIN_MS, ...batch.map((p) => p.obligation.limits.timeoutMs));
      const step = LEAN_LIBRARY_STEP;
      events.step(step, `${modules().length} modules to compile (or reuse)`);
      // Everything Lean checks waits on the library: its build goes first on the cores.
      const waiting = batch.reduce((ms, p) => ms + p.estimateMs, LIBRARY_BUILD_MS);
      const lib = await buildLibrary(
        tc,
        modules(),
        jobs,
        timeout,
        (pr) => events.step(step, `${pr.done}/${pr.total} modules compiled${pr.compiling.length > 0 ? `; compiling ${pr.compiling.join(', ')}` : ''}`),
        (work) => cores.run(waiting, work),
      );
      events.step(step, null);
      if (!lib.cached && lib.ok) events.message(`lean: library compiled (${modules().length} modules) in ${(lib.ms / 1000).toFixed(1)} s`);
      if (!lib.ok)
        return lib.timedOut
          ? fail('timeout', 'the Lean library build timed out', lib.problems.slice(0, 5).join('; '))
          : fail('error', 'the Lean library does not compile', lib.problems.slice(0, 5).join('; '));
      const groups = split(batch, Math.max(1, Math.min(jobs, batch.length)), (p) => blocks.get(p.obligation.id)!.length);
      await Promise.all(
        groups.map(async (group, gi) => {
          const file = assemble(group.map((p) => blocks.get(p.obligation.id)!), `check batch ${gi}`, modules().map((m) => m.name), checkerOf());
          const fileTimeout = Math.min(group.reduce((s, p) => s + p.obligation.limits.timeoutMs, 0), 3_600_000);
          const run = await cores.run(
            group.reduce((ms, p) => ms + p.estimateMs, 0),
            () => {
              for (const p of group) events.started(p);
              return checkLeanFile(tc, `Check${gi}`, file.text, lib.oleanDir, fileTimeout);
            },
          );
          const share = Math.round(run.ms / group.length);
          const outside = run.messages.filter((m) => m.severity === 'error' && !file.ranges.some(([s, e]) => m.line >= s && m.line <= e));
          group.forEach((p, i) => {
            const [s, e] = file.ranges[i]!;
            const mine = run.messages.filter((m) => m.line >= s && m.line <= e);
            done(p, verdictOf(p.obligation, mine, outside, run, tc.checker, s), share);
          });
        }),
      );
    },
  };
}

/** The verdict message of the checker, split into its lines after the tag. */
function checkerVerdict(o: Obligation, messages: readonly LeanMessage[]): { verdict: string; rest: string[]; severity: LeanMessage['severity'] } | 'none' | 'several' {
  const tag = `${verdictTag(o.id)}\n`;
  const found = messages.filter((m) => m.text.startsWith(tag));
  if (found.length === 0) return 'none';
  if (found.length > 1) return 'several';
  const [verdict, ...rest] = found[0]!.text.slice(tag.length).split('\n');
  return { verdict: verdict!, rest, severity: found[0]!.severity };
}

function verdictOf(o: Obligation, messages: readonly LeanMessage[], outside: readonly LeanMessage[], run: Pick<LeanRun, 'timedOut' | 'stray' | 'killed'>, checker: Checker, firstLine: number): CheckResult {
  const error = (reason: string): CheckResult => ({ outcome: { status: 'error', checker, reason } });
  const show = (m: LeanMessage): string => `line ${m.line - firstLine + 1}: ${m.text.split('\n').slice(0, 3).join(' ')}`;
  const v = checkerVerdict(o, messages);
  const tag = verdictTag(o.id);
  const errors = [...outside, ...messages.filter((m) => m.severity === 'error' && !m.text.startsWith(tag))];
  const reported = errors.slice(0, 3).map(show).join('; ');
  if (typeof v === 'object' && v.verdict === 'error') return error(`Lean: ${v.rest.join(' ')}${errors.length > 0 ? `; Lean also reports: ${reported}` : ''}`);
  const sorry = messages.filter((m) => m.severity === 'warning' && /declaration uses .sorry./.test(m.text));
  if (errors.length > 0) return error(`Lean: ${reported}`);
  if (sorry.length > 0) return error(`Lean: a declaration uses sorry (${sorry.map(show).join('; ')})`);
  if (v === 'several') return error('Lean: more than one verdict message for this obligation (the checker prints exactly one)');
  if (v === 'none') {
    if (run.timedOut) return { outcome: { status: 'timeout', checker, reason: 'Lean was stopped at the time limit before finishing this block' } };
    // A known cause (the memory cap, an interruption, a signal) is named; otherwise Lean ended on its own.
    if (run.killed) return error(`Lean did not finish this block: ${run.killed}`);
    return error(`Lean stopped before finishing this block (crash?): ${run.stray.split('\n').slice(-3).join(' ') || 'no output'}`);
  }
  const axioms = /^axioms: (.*)$/.exec(v.rest[0] ?? '');
  const shipped = /^shipped: (\d+)$/.exec(v.rest[1] ?? '');
  if (v.verdict !== 'proved' || !axioms || !shipped || v.rest.length !== 2 || v.severity !== 'information')
    return error(`Lean: the checker's verdict message is unreadable: ${[v.verdict, ...v.rest].join(' ')}`);
  const family = o.kind !== 'theorem' && o.kind !== 'bridge' && !o.mutant ? LEAN_FAMILIES.get(o.construction ?? '')?.(o.params) : undefined;
  const what =
    o.kind === 'theorem'
      ? `theorem ${o.theorem!.name}`
      : o.kind === 'bridge'
        ? `the library's program at ${Object.entries(o.params).map(([k, v]) => `${k} = ${v}`).join(', ')}, computed in Lean (the precision does not enter: the operation circuits are arbitrary), has the TypeScript family's size (input elements plus, per operation and number of operands, its node count times the operation circuit's gates, for every choice of operation circuits, also for the compiled circuit) and the depth bound of its node blocks (for every choice of operation depths)`
        : `well-formedness, correctness on every input (kernel decide), depth and size bounds${family ? `, equality with the library's ${family}` : ''}`;
  return { outcome: { status: 'proved', checker, trust: `Lean kernel (${checker.name} ${checker.version}): ${what}; axioms used: ${axioms[1]}; ${shipped[1]} constants of Lean's library taken as shipped (this build has their statements, not their proofs); audited: no sorry, no native evaluation, no unsafe, partial, opaque or extern constant, nothing declared outside the check` } };
}

/** Splits obligations into groups of similar total cost (inputs times the length of the instance block; every file carries the same checker, which does not count). */
function split(batch: readonly Prepared[], n: number, blockLength: (p: Prepared) => number): Prepared[][] {
  const cost = (p: Prepared): number => (p.obligation.kind === 'theorem' ? 1 : p.obligation.kind === 'bridge' ? blockLength(p) : blockLength(p) * 2 ** Object.values(p.obligation.params).reduce((s, v) => s + v, 0));
  const groups: Prepared[][] = Array.from({ length: n }, () => []);
  const load = new Array<number>(n).fill(0);
  for (const p of [...batch].sort((a, b) => cost(b) - cost(a))) {
    const i = load.indexOf(Math.min(...load));
    groups[i]!.push(p);
    load[i]! += cost(p);
  }
  return groups.filter((g) => g.length > 0);
}
