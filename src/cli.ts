/**
 * `tc0`: the command table, the single top-level catch, and exit codes.
 *   0  every obligation as expected      1  some obligation not as expected
 *   2  invalid specs or usage            3  internal error (a bug)
 *
 * Every command is one entry of `COMMANDS` (name, summary, positionals, flags, run): the parser,
 * `--help`/`-h`, the "did you mean" for mistyped commands, flags and values, and `tc0 --help` all
 * come from that table. A new command or flag is added there and nowhere else.
 */
import { availableParallelism } from 'node:os';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BACKENDS, type Backend } from './core/verdict.js';
import { InternalError, SpecError, UsageError, formatProblem, printable } from './core/errors.js';
import { fsReason } from './core/paths.js';
import { MAX_SAMPLES, MAX_TIMEOUT_S } from './spec/schema.js';
import { didYouMean } from './core/suggest.js';
import { formatMs } from './core/duration.js';
import { type Args, type Flag, HELP_FLAG, type Positional, helpText, parseArgs } from './cli/args.js';
import { createProgress, useColour } from './verify/progress.js';
import { type Interrupt, catchSignals, exitCodeOf } from './verify/interrupt.js';
import { SRC_DIR, type VerifyOptions, type VerifyOutcome, checkFolders, estimatorFor, knownNames, listPlan, loadSpecSet, mutate, verify } from './verify/session.js';
import type { MutantKind, MutationReport } from './verify/mutate.js';
import { mutationSummaryLine } from './report/mutation.js';
import type { SpecSet } from './spec/types.js';
import { indexLeanLibrary, mentioned } from './verify/lean-index.js';
import { LEAN_DIR } from './verify/drivers/lean.js';
import { History } from './verify/history.js';
import { SPEC_STATUSES, buildReport, type Report } from './report/model.js';
import { renderJson } from './report/json.js';
import { renderMarkdown } from './report/markdown.js';
import { renderHtml } from './report/html.js';
import { renderJunit } from './report/junit.js';
import { renderSpecText } from './report/text.js';
import { scaffold } from './verify/scaffold.js';
import { specJsonSchema } from './spec/schema.js';
import { architectureJsonSchema } from './program/load.js';
import { doctor } from './verify/doctor.js';
import { CLEAN_TARGETS, type CleanTarget, clean } from './verify/clean.js';
import { SOLVER_NAMES } from './verify/solvers.js';
import { parseShard } from './verify/shard.js';
import { mergeStores } from './verify/merge.js';

const VERSION = '0.1.0';
/** Quiet progress shows no ETA. */
const NO_ESTIMATE = (): { ms: number; known: boolean } => ({ ms: 0, known: false });
/** Most parallel jobs (each may hold a solver or a Lean process). */
const MAX_JOBS = 256;
const PROJECT_ROOT = resolve(SRC_DIR, '..');

interface Command {
  readonly name: string;
  /** One line for `tc0 --help`. */
  readonly summary: string;
  /** More text for `tc0 CMD --help`. */
  readonly details?: string;
  readonly positionals: readonly Positional[];
  readonly flags: readonly Flag[];
  /** Flags of a related command that make no sense here, and why (a clearer line than "unknown flag"). */
  readonly refuses?: { readonly flags: readonly string[]; readonly why: string };
  run(args: Args): Promise<number>;
}

// ---- flags shared by several commands ------------------------------------------------------

const F = {
  specs: { name: 'specs', type: 'string', metavar: 'DIR', default: 'specs', help: 'spec folder' },
  out: { name: 'out', type: 'string', metavar: 'DIR', default: 'reports', help: 'report folder' },
  filter: { name: 'filter', type: 'string', metavar: 'PATTERN', help: 'only specs whose id matches: comma-separated globs (int.*,float.add);\na plain id also selects its sub-ids (int selects int.add)' },
  backend: { name: 'backend', type: 'list', metavar: 'LIST', choices: BACKENDS, item: 'backend', help: `only these backends: comma-separated of ${BACKENDS.join(', ')}` },
  jobs: { name: 'jobs', type: 'int', metavar: 'N', min: 1, max: MAX_JOBS, help: `obligations run in parallel (default: number of cores, at most ${MAX_JOBS})` },
  timeout: { name: 'timeout', type: 'seconds', metavar: 'S', max: MAX_TIMEOUT_S, help: `seconds per obligation, overriding every default and spec timeout\n(at most ${MAX_TIMEOUT_S})` },
  budget: { name: 'budget', type: 'int', metavar: 'BITS', min: 1, max: 40, default: 24, help: 'exhaustive evaluation up to this many input bits (at most 40)' },
  samples: { name: 'samples', type: 'int', metavar: 'N', min: 1, max: MAX_SAMPLES, default: 2000, help: 'inputs sampled beyond the budget' },
  seed: { name: 'seed', type: 'int', metavar: 'N', min: 0, max: 2 ** 32 - 1, default: 1, help: 'seed of the sampler (at most 2^32 - 1)' },
  store: { name: 'store', type: 'string', metavar: 'DIR', default: '.tc0/store', help: 'results store' },
  solvers: {
    name: 'solvers',
    type: 'string',
    metavar: 'LIST',
    default: 'auto',
    help: 'SMT solvers for z3 obligations: auto (a native z3 at least as new as the\nbundled z3-solver, else that Wasm build) or a list of z3-wasm, z3, cvc5',
  },
  noCache: { name: 'no-cache', type: 'boolean', help: 'ignore the results store (neither read nor write)' },
  ci: { name: 'ci', type: 'boolean', help: 'read-only results store: a missing verdict is an error' },
  json: { name: 'json', type: 'boolean', help: 'print JSON to stdout instead of text' },
  allowEmpty: { name: 'allow-empty', type: 'boolean', help: 'accept a run that selects no obligation (otherwise a usage error)' },
} as const satisfies Record<string, Flag>;

/** How obligations are checked and where verdicts are kept (verify and mutate). */
const CHECKING: readonly Flag[] = [F.budget, F.samples, F.seed, F.store, F.solvers, F.noCache];

/** Flags that decide which obligations there are and which stored verdicts match them. */
const SELECT: readonly Flag[] = [F.specs, F.filter, F.backend, F.budget, F.samples, F.seed, F.store, F.solvers];

// ---- verify, report, show -----------------------------------------------------------------

/** `VerifyOptions` from parsed flags (shared by verify, report, show). */
function runOptions(a: Args, mode: 'verify' | 'report' | 'show' | 'merge', progress: VerifyOptions['progress'], history: History): VerifyOptions {
  const timeout = a.num('timeout');
  const shard = a.str('shard');
  return {
    specsDir: a.str('specs')!,
    outDir: a.str('out') ?? 'reports',
    storeDir: a.str('store')!,
    filter: a.str('filter'),
    backends: a.list('backend') ? new Set(a.list('backend') as Backend[]) : undefined,
    jobs: a.num('jobs') ?? Math.min(availableParallelism(), MAX_JOBS),
    timeoutMs: timeout === undefined ? undefined : timeout * 1000,
    noCache: a.bool('no-cache'),
    ci: a.bool('ci'),
    budgetBits: a.num('budget')!,
    samples: a.num('samples')!,
    seed: a.num('seed')!,
    solvers: a.str('solvers')!,
    storeOnly: mode !== 'verify',
    merged: mode === 'merge',
    allowEmpty: mode === 'show' || a.bool('allow-empty'),
    progress,
    history,
    ...(shard !== undefined ? { shard: parseShard(shard) } : {}),
  };
}

function checkSolvers(a: Args): void {
  const v = a.str('solvers')!;
  if (v === 'auto') return;
  for (const n of v.split(',').map((s) => s.trim()))
    if (!(SOLVER_NAMES as readonly string[]).includes(n)) throw new UsageError(`--solvers: unknown solver '${n}'${didYouMean(n, ['auto', ...SOLVER_NAMES])} (known: auto, ${SOLVER_NAMES.join(', ')})`);
}

async function cmdVerify(a: Args, mode: 'verify' | 'report' | 'merge', interrupt: Interrupt): Promise<number> {
  if (a.bool('ci') && a.bool('no-cache')) throw new UsageError('--ci and --no-cache contradict each other (--ci reads the store)');
  if (a.str('shard') !== undefined) parseShard(a.str('shard')!);
  const filter = a.str('filter');
  if (filter !== undefined && filter.split(',').every((p) => p.trim() === '')) throw new UsageError('--filter needs at least one pattern');
  checkSolvers(a);
  const store = a.str('store')!;
  const json = a.bool('json');
  let history = History.load(store);
  const jobs = a.num('jobs') ?? Math.min(availableParallelism(), MAX_JOBS);
  const quiet = createProgress(process.stderr, { quiet: true, jobs, estimate: NO_ESTIMATE });
  // Every folder the run writes into is checked before any spec is read or any check runs.
  if (!a.bool('list')) checkFolders(runOptions(a, mode, quiet, history));
  const specSet = loadSpecSet(a.str('specs')!);
  for (const w of specSet.warnings) process.stderr.write(`tc0: warning: ${formatProblem(w)}\n`);
  if (a.bool('list')) return listCommand(a, specSet, history);
  // Merged only once flags, folders and specs are valid: a usage error writes nothing.
  if (mode === 'merge') {
    const m = mergeStores(store, a.positionals);
    for (const p of m.problems) process.stderr.write(`tc0 merge: ${p}\n`);
    process.stderr.write(`tc0 merge: ${m.copied} verdicts from ${a.positionals.length} store${a.positionals.length === 1 ? '' : 's'} into ${store}${m.present > 0 ? ` (${m.present} already there)` : ''}\n`);
    history = History.load(store);
  }
  const progress = json || mode !== 'verify' ? quiet : createProgress(process.stderr, { quiet: false, jobs, estimate: estimatorFor(a.str('specs')!, history), stepEstimate: (s) => history.step(s)?.ms });
  if (history.problem) progress.message(history.problem);
  const run = await verify(specSet, { ...runOptions(a, mode, progress, history), interrupt: interrupt.signal });
  const report = reportOf(specSet, run, null, interrupt);
  const out = a.str('out')!;
  const unwritten = await writeReports(report, out);
  if (json) process.stdout.write(renderJson(report));
  else {
    const s = report.summary;
    const paint = useColour(process.stderr);
    const line = `${s.specs} specs, ${s.obligations} obligations: ${s.proved} proved, ${s.refuted} refuted, ${s.unknown} unknown, ${s.timeout} timeout, ${s.error} error, ${s.skipped} skipped; ${s.cached} cached; ${s.unexpected} unexpected.${unwritten ? '' : ` Reports in ${out}/`}`;
    process.stderr.write(`${paint ? `\x1b[1;${s.unexpected > 0 ? '31' : '32'}m${line}\x1b[0m` : line}\n`);
    const byStatus = SPEC_STATUSES.filter((k) => s.specStatuses[k] > 0).reverse();
    process.stderr.write(`specs: ${byStatus.map((k) => `${s.specStatuses[k]} ${k}`).join(', ')} (proved = for all parameters, with nothing unproved underneath)\n`);
  }
  if (unwritten) process.stderr.write(`tc0: the reports could not be written to ${out}: ${unwritten}\n`);
  if (run.notStored.count > 0)
    process.stderr.write(`tc0: the results store was not updated: ${run.notStored.count} verdict${run.notStored.count === 1 ? '' : 's'} could not be written (${run.notStored.first}); they are in the report, and will be checked again next time\n`);
  const stoppedBy = interrupt.received();
  if (stoppedBy) return exitCodeOf(stoppedBy);
  return report.summary.unexpected > 0 || run.notStored.count > 0 || unwritten ? 1 : 0;
}

/** Runs a command during which SIGINT, SIGTERM and SIGHUP stop the run cleanly (see verify/interrupt.ts). */
async function withSignals(command: (interrupt: Interrupt) => Promise<number>): Promise<number> {
  const interrupt = catchSignals((line) => void process.stderr.write(`\n${line}\n`));
  try {
    return await command(interrupt);
  } finally {
    interrupt.release();
  }
}

async function listCommand(a: Args, specSet: SpecSet, history: History): Promise<number> {
  const quiet = createProgress(process.stderr, { quiet: true, jobs: 1, estimate: NO_ESTIMATE });
  const rows = await listPlan(specSet, runOptions(a, 'verify', quiet, history));
  if (a.bool('json')) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const toRun = rows.filter((r) => r.state === 'to run');
  const jobs = a.num('jobs') ?? availableParallelism();
  const known = toRun.filter((r) => r.estimateMs !== null);
  const work = known.reduce((s, r) => s + r.estimateMs!, 0);
  const lines = rows.map((r) => {
    const what = r.state === 'cached' ? `${r.status}` : r.state === 'decided' ? `${r.status}: ${r.reason}` : r.last ? `last run ${formatMs(r.estimateMs!)}, ${r.last.status}${r.last.sameVersion ? '' : ' (an earlier version)'}` : 'never run here';
    return `${r.state.padEnd(7)} ${r.backend.padEnd(7)} ${r.id}  ${what}`;
  });
  const estimate = toRun.length === 0 ? '' : known.length === 0 ? '; no past timings' : `; about ${formatMs(Math.max(work / jobs, ...known.map((r) => r.estimateMs!)))} at --jobs ${jobs}${known.length < toRun.length ? ` (${toRun.length - known.length} never timed here)` : ''}`;
  process.stdout.write(`${lines.join('\n')}\n${rows.length} obligations: ${rows.filter((r) => r.state === 'cached').length} cached, ${toRun.length} to run${estimate}, ${rows.filter((r) => r.state === 'decided').length} decided without a checker\n`);
  return 0;
}

async function cmdShow(a: Args): Promise<number> {
  checkSolvers(a);
  const id = a.positionals[0]!;
  const store = a.str('store')!;
  const specSet = loadSpecSet(a.str('specs')!);
  const ids = specSet.specs.map((s) => s.id as string);
  const specId = ids.includes(id) ? id : ids.find((s) => id.startsWith(`${s}/`));
  if (!specId) throw new UsageError(`no spec or obligation '${id}'${didYouMean(id, ids)}`);
  const history = History.load(store);
  const quiet = createProgress(process.stderr, { quiet: true, jobs: 1, estimate: NO_ESTIMATE });
  const run = await verify(specSet, { ...runOptions(a, 'show', quiet, history), filter: undefined, specIds: new Set([specId]) });
  const report = reportOf(specSet, run);
  if (a.bool('json')) process.stdout.write(`${JSON.stringify({ spec: report.specs[0], obligations: report.obligations }, null, 2)}\n`);
  else process.stdout.write(renderSpecText(report, specId, { colour: useColour(process.stdout), obligation: id === specId ? undefined : id }));
  return report.summary.unexpected > 0 ? 1 : 0;
}

const MUTANT_KINDS = ['circuit', 'source'] as const;

/**
 * `tc0 mutate`: mutants through the checks, then every report re-rendered with a mutation
 * section (the verdicts of the specs themselves are read from the store, as `tc0 report` does).
 * Exit 1 when a survivor is a gap or undecided.
 */
async function cmdMutate(a: Args, interrupt: Interrupt): Promise<number> {
  checkSolvers(a);
  const filter = a.str('filter');
  if (filter !== undefined && filter.split(',').every((p) => p.trim() === '')) throw new UsageError('--filter needs at least one pattern');
  const out = a.str('out')!;
  const common = {
    specsDir: a.str('specs')!,
    outDir: out,
    storeDir: a.str('store')!,
    filter,
    jobs: a.num('jobs') ?? Math.min(availableParallelism(), MAX_JOBS),
    noCache: a.bool('no-cache'),
    budgetBits: a.num('budget')!,
    samples: a.num('samples')!,
    seed: a.num('seed')!,
    solvers: a.str('solvers')!,
  };
  checkFolders({ ...common, ci: false });
  const specSet = loadSpecSet(common.specsDir);
  for (const w of specSet.warnings) process.stderr.write(`tc0: warning: ${formatProblem(w)}\n`);
  const json = a.bool('json');
  const tty = process.stderr.isTTY === true && !json;
  const backends = new Set((a.list('backend') ?? ['model', 'measure', 'z3']) as Backend[]);
  const kinds = new Set((a.list('kinds') ?? MUTANT_KINDS) as MutantKind[]);
  const { report: mutation, tools } = await mutate(specSet, {
    ...common,
    interrupt: interrupt.signal,
    backends,
    kinds,
    perConstruction: a.num('mutants')!,
    timeoutMs: a.num('timeout')! * 1000,
    timeBudgetMs: a.num('time-budget')! * 1000,
    progress: {
      mutant: (r, done, total) => {
        if (json) return;
        const line = `[${done}/${total}] ${r.status.padEnd(8)} ${r.id} ${r.class ? `(${r.class}) ` : ''}at ${r.at}: ${r.killedBy[0] ?? r.evidence}`;
        process.stderr.write(tty ? `\r\x1b[2K${line.slice(0, (process.stderr.columns ?? 100) - 1)}` : `${line}\n`);
      },
      message: (l) => void process.stderr.write(`${l}\n`),
    },
  });
  if (tty) process.stderr.write('\r\x1b[2K');
  // The specs' own verdicts, as stored (nothing is checked again; Lean's only if --backend has lean,
  // since looking its verdicts up may start Lean once to learn its version).
  const covered = [...new Set(mutation.constructions.flatMap((c) => c.specs))].join(',');
  const reportBackends = new Set(BACKENDS.filter((b) => b !== 'lean' || backends.has('lean')));
  const quiet = createProgress(process.stderr, { quiet: true, jobs: 1, estimate: NO_ESTIMATE });
  const run = await verify(specSet, { ...common, filter: covered || undefined, specIds: covered ? undefined : new Set(), backends: reportBackends, ci: false, storeOnly: true, allowEmpty: true, progress: quiet });
  const report = reportOf(specSet, { ...run, tools: { ...run.tools, z3: tools.z3 ?? run.tools.z3 } }, mutation, interrupt);
  const unwritten = await writeReports(report, out);
  if (json) process.stdout.write(renderJson(report));
  else process.stderr.write(`${mutationSummaryLine(mutation)}.${unwritten ? '' : ` Reports in ${out}/`}\n`);
  if (unwritten) process.stderr.write(`tc0: the reports could not be written to ${out}: ${unwritten}\n`);
  const stoppedBy = interrupt.received();
  if (stoppedBy) return exitCodeOf(stoppedBy);
  return mutation.summary.gaps + mutation.summary.unknown > 0 || unwritten ? 1 : 0;
}

function reportOf(specSet: SpecSet, run: VerifyOutcome, mutation: MutationReport | null = null, interrupt?: Interrupt): Report {
  const leanIndex = indexLeanLibrary(LEAN_DIR, PROJECT_ROOT);
  return buildReport({
    specSet,
    specs: run.specs,
    results: run.results,
    trustBases: run.trustBases,
    tools: run.tools,
    mutation,
    generatedAt: new Date().toISOString(),
    run: { interrupted: interrupt?.received() ?? null, notStored: run.notStored.count, warnings: specSet.warnings.map(formatProblem) },
    leanIndex,
    mentions: (t) => mentioned(t, leanIndex),
  });
}

/**
 * Every report file, rendered from one report model, each written under a temporary name and
 * renamed, so a reader never sees half a file. Returns why a write failed, if one did.
 */
async function writeReports(report: Report, outDir: string): Promise<string | undefined> {
  // Links from index.html: spec files are named as given (relative to here), Lean files relative to the project.
  const from = resolve(outDir);
  const links = { specBase: relative(from, process.cwd()) || '.', leanBase: relative(from, PROJECT_ROOT) || '.' };
  const files: Array<[string, string]> = [
    ['report.json', renderJson(report)],
    ['report.md', renderMarkdown(report)],
    ['index.html', await renderHtml(report, links)],
    ['junit.xml', renderJunit(report)],
  ];
  try {
    mkdirSync(outDir, { recursive: true });
    for (const [name, text] of files) {
      const file = join(outDir, name);
      const tmp = `${file}.tmp-${process.pid}`;
      try {
        writeFileSync(tmp, text);
        renameSync(tmp, file);
      } finally {
        rmSync(tmp, { force: true });
      }
    }
    return undefined;
  } catch (e) {
    return fsReason(e);
  }
}

// ---- the table -----------------------------------------------------------------------------

const COMMANDS: readonly Command[] = [
  {
    name: 'verify',
    summary: 'check every spec and write the reports (what npm run verify runs)',
    details:
      'Reports written to --out: report.json (the contract), report.md, index.html (open it from\ndisk), junit.xml. On a terminal a live display shows what runs; in CI one line per obligation.\nExit 0 when every obligation is as its spec expects, 1 when one is not.',
    positionals: [],
    flags: [
      F.specs,
      F.out,
      F.filter,
      F.backend,
      F.jobs,
      F.timeout,
      ...CHECKING,
      F.ci,
      F.allowEmpty,
      {
        name: 'shard',
        type: 'string',
        metavar: 'I/N',
        help: 'only part I of N of the planned obligations (balanced by expected time, the\nsame on every machine); give each shard its own --store, then tc0 merge',
      },
      { name: 'list', type: 'boolean', help: 'list the planned obligations, which the store answers and the\nexpected time of the rest; run nothing' },
      { ...F.json, help: 'print report.json to stdout instead of progress lines (with --list: the list)' },
    ],
    run: (a) => withSignals((i) => cmdVerify(a, 'verify', i)),
  },
  {
    name: 'report',
    summary: 're-render the reports from the results store; runs no checker',
    details: 'An obligation with no stored verdict shows as not yet checked; one whose last run ended in\nan error or a time-out shows as that. Exit codes as for verify.',
    positionals: [],
    flags: [...SELECT, F.out, F.allowEmpty, { ...F.json, help: 'print report.json to stdout' }],
    refuses: { flags: ['jobs', 'timeout', 'no-cache', 'ci', 'list'], why: 'report runs no checker' },
    run: (a) => withSignals((i) => cmdVerify(a, 'report', i)),
  },
  {
    name: 'mutate',
    summary: 'mutation testing: mutants of every construction run through the specs\' checks',
    details:
      'Survivors are classified as equivalent (a miter proves them the same circuit) or a gap in the\nspecs. The specs\' own verdicts come from the store, as for report. --filter matches spec ids or\nconstruction names. Exit 1 when a survivor is a gap or undecided.',
    positionals: [],
    flags: [
      F.specs,
      F.out,
      { ...F.filter, help: 'only constructions whose specs (or names) match: comma-separated globs' },
      { ...F.backend, help: `backends whose checks run on mutants: comma-separated of ${BACKENDS.join(', ')}\n(default model,measure,z3)` },
      F.jobs,
      { ...F.timeout, default: 60, help: "seconds per Z3 or Lean obligation on a mutant, at most the check's own\n(evaluation and measurement keep their own limits)" },
      ...CHECKING,
      { name: 'kinds', type: 'list', metavar: 'LIST', choices: MUTANT_KINDS, item: 'kind', help: "circuit (a gate of the built circuit changed), source (the construction's\nTypeScript changed) (default circuit,source)" },
      { name: 'mutants', type: 'int', metavar: 'N', min: 1, max: 100000, default: 12, help: 'mutants per construction and kind' },
      { name: 'time-budget', type: 'seconds', metavar: 'S', max: MAX_TIMEOUT_S, default: 3600, help: 'no mutant starts after S seconds; the rest are not run' },
      { ...F.json, help: 'print report.json (with its mutation section) to stdout' },
    ],
    run: (a) => withSignals((i) => cmdMutate(a, i)),
  },
  {
    name: 'merge',
    summary: 'combine the results stores of several runs (the shards of a CI matrix) into one report',
    details:
      'Copies every verdict (each checked as it is read) and the run histories of the given stores into\n--store, then renders the reports from it like tc0 report, except that an obligation no store\nanswers is an error: every shard must have run. Exit codes as for verify.',
    positionals: [{ name: 'store', required: true, variadic: true }],
    flags: [...SELECT, F.out, F.allowEmpty, { ...F.json, help: 'print report.json to stdout' }],
    run: (a) => withSignals((i) => cmdVerify(a, 'merge', i)),
  },
  {
    name: 'show',
    summary: 'one spec (or obligation) from the store: statement, trust base, verdicts, artifacts',
    details: 'Runs no checker. <id> is a spec id (int.add) or an obligation id (int.add/model/p=3).',
    positionals: [{ name: 'id', required: true }],
    flags: [...SELECT.filter((f) => f.name !== 'filter'), F.out, { ...F.json, help: 'print the spec and its obligations as JSON' }],
    run: cmdShow,
  },
  {
    name: 'clean',
    summary: 'remove the results store, the Lean staging folder and stale temporary folders',
    details: 'Whatever is removed is rebuilt by the next run (the Lean staging costs about 1.5 min to unpack).\nA staging folder in use by a running tc0 is left alone.',
    positionals: [],
    flags: [
      F.store,
      { name: 'only', type: 'list', metavar: 'LIST', choices: CLEAN_TARGETS, item: 'target', help: `only these: comma-separated of ${CLEAN_TARGETS.join(', ')}` },
      { name: 'dry-run', type: 'boolean', help: 'say what would be removed, remove nothing' },
    ],
    async run(a) {
      const done = clean({ storeDir: a.str('store')!, targets: new Set((a.list('only') ?? CLEAN_TARGETS) as CleanTarget[]), dryRun: a.bool('dry-run') });
      for (const l of done) process.stdout.write(`${l}\n`);
      return 0;
    },
  },
  {
    name: 'new',
    summary: 'scaffold a spec file with every field explained',
    details:
      'Writes specs/<first word of id>/<id>.yaml; with --construction also a stub construction,\nreported as not implemented (skipped) until it builds a circuit; with --architecture an\narchitecture program NAME.arch.yaml to edit, next to the spec.',
    positionals: [{ name: 'id', required: true }],
    flags: [
      { name: 'construction', type: 'string', metavar: 'NAME', help: 'also write and register a stub construction NAME' },
      { name: 'architecture', type: 'string', metavar: 'NAME', help: 'also write an architecture program NAME.arch.yaml (not with --construction)' },
      { name: 'file', type: 'string', metavar: 'PATH', help: 'write the spec here instead' },
      F.specs,
    ],
    async run(a) {
      const made = scaffold({ id: a.positionals[0]!, construction: a.str('construction'), architecture: a.str('architecture'), file: a.str('file'), specsDir: a.str('specs')!, srcDir: SRC_DIR, known: knownNames() });
      for (const f of made) process.stdout.write(`wrote ${f}\n`);
      return 0;
    },
  },
  {
    name: 'doctor',
    summary: 'what can run here: backends and versions, the Lean library, a browser, cores, disk',
    positionals: [],
    flags: [F.store, { ...F.json, help: 'print the findings as JSON' }],
    async run(a) {
      const json = a.bool('json');
      const rows = await doctor({ storeDir: a.str('store')!, say: json ? () => {} : (l) => process.stderr.write(`${l}\n`) });
      if (json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else for (const r of rows) process.stdout.write(`${r.backend.padEnd(8)} ${r.tool.padEnd(14)} ${(r.available ? 'available' : 'unavailable').padEnd(12)} ${r.detail}\n`);
      return 0;
    },
  },
  {
    name: 'schema',
    summary: 'print the JSON Schema of spec files (or of *.arch.yaml programs)',
    positionals: [],
    flags: [{ name: 'architecture', type: 'boolean', help: 'the schema of architecture programs (*.arch.yaml) instead' }],
    async run(a) {
      process.stdout.write(`${JSON.stringify(a.bool('architecture') ? architectureJsonSchema() : specJsonSchema(), null, 2)}\n`);
      return 0;
    },
  },
  {
    name: 'help',
    summary: 'this overview, or the help of one command',
    positionals: [{ name: 'command', required: false }],
    flags: [],
    async run(a) {
      const name = a.positionals[0];
      if (name === undefined) process.stdout.write(`${overview()}\n`);
      else process.stdout.write(`${helpText(commandNamed(name))}\n`);
      return 0;
    },
  },
];

function commandNamed(name: string): Command {
  const c = COMMANDS.find((x) => x.name === name);
  if (!c) throw new UsageError(`unknown command '${name}'${didYouMean(name, COMMANDS.map((x) => x.name))} (tc0 --help lists the commands)`);
  return c;
}

function overview(): string {
  const w = Math.max('--version'.length, ...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    'tc0: a verification workbench for circuit-complexity claims about transformers',
    '',
    'Usage: tc0 <command> [flags]      tc0 <command> --help for its flags',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(w)}${c.summary}`),
    `  ${'--version'.padEnd(w)}print the version`,
    '',
    'Exit codes: 0 all as expected, 1 something unexpected, 2 invalid specs or usage, 3 internal error;',
    '130, 143 or 129 a run stopped by SIGINT, SIGTERM or SIGHUP.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  let where = 'tc0';
  try {
    if (name === undefined) {
      process.stdout.write(`${overview()}\n`);
      return 2;
    }
    if (name === '--help' || name === '-h') {
      process.stdout.write(`${overview()}\n`);
      return 0;
    }
    if (name === '--version' || name === '-V') {
      process.stdout.write(`tc0 ${VERSION}\n`);
      return 0;
    }
    if (name.startsWith('-')) throw new UsageError(`a command comes first, then its flags (got '${name}'; tc0 --help lists the commands)`);
    const cmd = commandNamed(name);
    where = `tc0 ${cmd.name}`;
    for (const arg of rest.slice(0, rest.includes('--') ? rest.indexOf('--') : undefined)) {
      const flag = /^--([^=]+)/.exec(arg)?.[1];
      if (flag !== undefined && cmd.refuses?.flags.includes(flag)) throw new UsageError(`${cmd.refuses.why}: --${flag} does not apply`);
    }
    const flags = [...cmd.flags, HELP_FLAG];
    const args = parseArgs(cmd.name, flags, cmd.positionals, rest);
    if (args.bool('help')) {
      process.stdout.write(`${helpText({ ...cmd, flags })}\n`);
      return 0;
    }
    return await cmd.run(args);
  } catch (e) {
    if (e instanceof SpecError) {
      process.stderr.write(`invalid specs (${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}):\n${e.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\nNothing was checked.\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`${where}: ${printable(e.message)}\n`);
      return 2;
    }
    const what = e instanceof InternalError ? 'internal error (a bug)' : 'unexpected failure (a bug)';
    process.stderr.write(`${where}: ${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) process.exitCode = await main(process.argv.slice(2));
