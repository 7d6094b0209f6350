/**
 * `tc0`: argument parsing, the single top-level catch, and exit codes.
 *   0  every obligation as expected      1  some obligation not as expected
 *   2  invalid specs or usage            3  internal error (a bug)
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { BACKENDS, type Backend } from './core/verdict.js';
import { InternalError, SpecError, UsageError, formatProblem, printable } from './core/errors.js';
import { createProgress } from './verify/progress.js';
import { SRC_DIR, checkFolders, knownNames, loadSpecSet, mutate, verify } from './verify/session.js';
import { type Interrupt, catchSignals, exitCodeOf } from './verify/interrupt.js';
import type { MutantKind } from './verify/mutate.js';
import { mutationSummaryLine } from './report/mutation.js';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fsReason } from './core/paths.js';
import { MAX_SAMPLES, MAX_TIMEOUT_S } from './spec/schema.js';
import { SPEC_STATUSES, buildReport, type Report } from './report/model.js';
import { renderJson } from './report/json.js';
import { renderMarkdown } from './report/markdown.js';
import { renderHtml } from './report/html.js';
import { renderJunit } from './report/junit.js';
import { scaffold } from './verify/scaffold.js';
import { specJsonSchema } from './spec/schema.js';
import { architectureJsonSchema } from './program/load.js';
import { doctor } from './verify/doctor.js';

const HELP = `tc0: a verification workbench for circuit-complexity claims about transformers

Usage:
  tc0 verify [flags]     check every spec, write reports (npm run verify)
  tc0 report [flags]     re-render the reports from the results store; runs no checker
                         (an obligation without a stored verdict shows as not yet checked)
  tc0 mutate [flags]     mutation testing: mutants of every construction the specs name, run
                         through the specs' checks; survivors classified as equivalent or a gap
  tc0 new <id> [--construction NAME | --architecture NAME] [--file PATH] [--specs DIR]
                         scaffold a spec file with every field explained (and, with
                         --construction, a stub construction reported as not implemented;
                         with --architecture, an architecture program NAME.arch.yaml to edit)
  tc0 doctor [--json]    which backends can run here, their versions, why one cannot
  tc0 schema [--architecture]
                         print the JSON Schema of spec files (of *.arch.yaml programs)
  tc0 --help | --version

verify flags:
  --specs DIR        spec folder (default specs)
  --out DIR          report folder (default reports)
  --filter PATTERN   only specs whose id matches: comma-separated globs (int.*,float.add);
                     a plain id also selects its sub-ids (int selects int.add)
  --backend LIST     only these backends: comma-separated of ${BACKENDS.join(', ')}
  --jobs N           obligations run in parallel (default: number of cores)
  --timeout S        seconds per obligation, overriding every default and spec timeout
                     (at most ${MAX_TIMEOUT_S})
  --budget BITS      exhaustive evaluation up to this many input bits (default 24, at most 40)
  --samples N        inputs sampled beyond the budget (default 2000)
  --seed N           seed of the sampler (default 1, at most 2^32 - 1)
  --store DIR        results store (default .tc0/store)
  --solvers LIST     SMT solvers for z3 obligations: auto (a native z3 at least as new as the
                     bundled z3-solver, else that Wasm build) or a list of z3-wasm, z3, cvc5
  --no-cache         ignore the results store (neither read nor write)
  --ci               read-only results store: a missing verdict is an error
  --allow-empty      accept a run that selects no obligation (otherwise a usage error)
  --json             print report.json to stdout instead of progress lines

report flags: --specs, --out, --filter, --backend, --budget, --samples, --seed, --store,
  --solvers, --allow-empty, --json as for verify (they select which stored verdicts are shown).

mutate flags (and --specs, --out, --filter, --jobs, --budget, --samples, --seed, --store,
  --solvers, --no-cache, --json as for verify; --filter matches spec ids or construction names):
  --kinds LIST       circuit (a gate of the built circuit changed), source (the construction's
                     TypeScript changed); default circuit,source
  --mutants N        mutants per construction and kind (default 12)
  --backend LIST     backends whose checks run on mutants (default model,measure,z3)
  --timeout S        seconds per Z3 or Lean obligation on a mutant, at most the check's own
                     (default 60; evaluation and measurement keep their own limits)
  --time-budget S    no mutant starts after S seconds (default 3600); the rest are not run

Reports written to --out: report.json (the contract), report.md, index.html (open it from
disk: graph, details, plots), junit.xml (one test case per obligation).

Exit codes: 0 all as expected; 1 something unexpected (an obligation, or a verdict the results
store could not keep); 2 invalid specs or usage; 3 internal error (a bug).`;

/** Most parallel jobs (each may hold a solver or a Lean process). */
const MAX_JOBS = 256;

function int(name: string, v: string | undefined, dflt: number, min: number, max: number): number {
  if (v === undefined) return dflt;
  const n = /^\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} needs a whole number from ${min} to ${max}, got '${printable(v)}'`);
  return n;
}

function parseBackends(v: string | undefined): Set<Backend> | undefined {
  if (v === undefined) return undefined;
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((b) => !(BACKENDS as readonly string[]).includes(b));
  if (bad.length > 0 || list.length === 0) throw new UsageError(`--backend: unknown backend ${printable(bad.join(', ')) || '(empty)'}; known: ${BACKENDS.join(', ')}`);
  return new Set(list as Backend[]);
}

/** `--NAME S`: a positive decimal number of seconds, at most a day (setTimeout holds 2^31 ms). */
function seconds(name: string, v: string | undefined, dflt?: number): number | undefined {
  if (v === undefined) return dflt;
  const n = /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : Number.NaN;
  if (!(n > 0) || n > MAX_TIMEOUT_S) throw new UsageError(`--${name} needs a number of seconds above 0 and at most ${MAX_TIMEOUT_S}, got '${printable(v)}'`);
  return n;
}

/** Flags that verify, report and mutate share. */
const RUN_FLAGS = {
  specs: { type: 'string', default: 'specs' },
  out: { type: 'string', default: 'reports' },
  filter: { type: 'string' },
  backend: { type: 'string' },
  jobs: { type: 'string' },
  timeout: { type: 'string' },
  budget: { type: 'string' },
  samples: { type: 'string' },
  seed: { type: 'string' },
  store: { type: 'string', default: '.tc0/store' },
  solvers: { type: 'string', default: 'auto' },
  'no-cache': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

async function cmdVerify(argv: string[], mode: 'verify' | 'report', interrupt: Interrupt): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: { ...RUN_FLAGS, ci: { type: 'boolean', default: false }, 'allow-empty': { type: 'boolean', default: false } },
  });
  if (positionals.length > 0) throw new UsageError(`${mode} takes no positional arguments (got ${printable(positionals.join(' '))})`);
  if (mode === 'report') for (const f of ['jobs', 'timeout', 'no-cache', 'ci'] as const) if (values[f] !== undefined && values[f] !== false) throw new UsageError(`report runs no checker: --${f} does not apply`);
  const backends = parseBackends(values.backend);
  if (values.ci && values['no-cache']) throw new UsageError('--ci and --no-cache contradict each other (--ci reads the store)');
  if (values.filter !== undefined && values.filter.split(',').every((p) => p.trim() === '')) throw new UsageError('--filter needs at least one pattern');
  const options = {
    specsDir: values.specs,
    outDir: values.out,
    storeDir: values.store,
    filter: values.filter,
    backends,
    jobs: int('jobs', values.jobs, Math.min(availableParallelism(), MAX_JOBS), 1, MAX_JOBS),
    timeoutMs: ((t) => (t === undefined ? undefined : t * 1000))(seconds('timeout', values.timeout)),
    noCache: values['no-cache'],
    ci: values.ci,
    budgetBits: int('budget', values.budget, 24, 1, 40),
    samples: int('samples', values.samples, 2000, 1, MAX_SAMPLES),
    seed: int('seed', values.seed, 1, 0, 2 ** 32 - 1),
    solvers: values.solvers,
    storeOnly: mode === 'report',
    allowEmpty: values['allow-empty'],
  };
  // Every folder the run writes into is checked before any spec is read or any check runs.
  checkFolders(options);
  const specSet = loadSpecSet(values.specs);
  for (const w of specSet.warnings) process.stderr.write(`tc0: warning: ${formatProblem(w)}\n`);
  const progress = createProgress(process.stderr, values.json);
  const run = await verify(specSet, { ...options, progress, interrupt: interrupt.signal });
  const report = buildReport({
    specSet,
    specs: run.specs,
    results: run.results,
    trustBases: run.trustBases,
    tools: run.tools,
    generatedAt: new Date().toISOString(),
    run: { interrupted: interrupt.received(), notStored: run.notStored.count, warnings: specSet.warnings.map(formatProblem) },
    mutation: null,
  });
  const unwritten = await writeReports(report, values.out);
  if (values.json) process.stdout.write(renderJson(report));
  else {
    const s = report.summary;
    process.stderr.write(
      `${s.specs} specs, ${s.obligations} obligations: ${s.proved} proved, ${s.refuted} refuted, ${s.unknown} unknown, ${s.timeout} timeout, ${s.error} error, ${s.skipped} skipped; ${s.cached} cached; ${s.unexpected} unexpected.${unwritten ? '' : ` Reports in ${values.out}/`}\n`,
    );
    const byStatus = SPEC_STATUSES.filter((k) => s.specStatuses[k] > 0).reverse();
    process.stderr.write(`specs: ${byStatus.map((k) => `${s.specStatuses[k]} ${k}`).join(', ')} (proved = for all parameters, with nothing unproved underneath)\n`);
  }
  if (unwritten) process.stderr.write(`tc0: the reports could not be written to ${values.out}: ${unwritten}\n`);
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

/**
 * `tc0 mutate`: mutants through the checks, then every report re-rendered with a mutation
 * section (the verdicts of the specs themselves are read from the store, as `tc0 report` does).
 * Exit 1 when a survivor is a gap or undecided.
 */
async function cmdMutate(argv: string[], interrupt: Interrupt): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: { ...RUN_FLAGS, kinds: { type: 'string', default: 'circuit,source' }, mutants: { type: 'string' }, 'time-budget': { type: 'string' } },
  });
  if (positionals.length > 0) throw new UsageError(`mutate takes no positional arguments (got ${printable(positionals.join(' '))})`);
  const kinds = values.kinds.split(',').map((s) => s.trim()).filter(Boolean);
  const badKinds = kinds.filter((k) => k !== 'circuit' && k !== 'source');
  if (kinds.length === 0 || badKinds.length > 0) throw new UsageError(`--kinds: unknown kind ${badKinds.join(', ') || '(empty)'}; known: circuit, source`);
  const common = {
    specsDir: values.specs,
    outDir: values.out,
    storeDir: values.store,
    filter: values.filter,
    jobs: int('jobs', values.jobs, Math.min(availableParallelism(), MAX_JOBS), 1, MAX_JOBS),
    noCache: values['no-cache'],
    budgetBits: int('budget', values.budget, 24, 1, 40),
    samples: int('samples', values.samples, 2000, 1, MAX_SAMPLES),
    seed: int('seed', values.seed, 1, 0, 2 ** 32 - 1),
    solvers: values.solvers,
  };
  checkFolders({ ...common, ci: false });
  const specSet = loadSpecSet(values.specs);
  for (const w of specSet.warnings) process.stderr.write(`tc0: warning: ${formatProblem(w)}\n`);
  const quiet = values.json;
  const tty = process.stderr.isTTY === true && !quiet;
  const backends = parseBackends(values.backend) ?? new Set<Backend>(['model', 'measure', 'z3']);
  const { report: mutation, tools } = await mutate(specSet, {
    ...common,
    interrupt: interrupt.signal,
    backends,
    kinds: new Set(kinds as MutantKind[]),
    perConstruction: int('mutants', values.mutants, 12, 1, 100000),
    timeoutMs: seconds('timeout', values.timeout, 60)! * 1000,
    timeBudgetMs: seconds('time-budget', values['time-budget'], 3600)! * 1000,
    progress: {
      mutant: (r, done, total) => {
        if (quiet) return;
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
  const run = await verify(specSet, { ...common, filter: covered || '-', backends: reportBackends, ci: false, storeOnly: true, allowEmpty: true, progress: createProgress(process.stderr, true) });
  const report = buildReport({ specSet, specs: run.specs, results: run.results, trustBases: run.trustBases, tools: { ...run.tools, z3: tools.z3 ?? run.tools.z3 }, generatedAt: new Date().toISOString(), mutation, run: { interrupted: interrupt.received(), notStored: run.notStored.count, warnings: specSet.warnings.map(formatProblem) } });
  const unwritten = await writeReports(report, values.out);
  if (values.json) process.stdout.write(renderJson(report));
  else process.stderr.write(`${mutationSummaryLine(mutation)}.${unwritten ? '' : ` Reports in ${values.out}/`}\n`);
  if (unwritten) process.stderr.write(`tc0: the reports could not be written to ${values.out}: ${unwritten}\n`);
  const stoppedBy = interrupt.received();
  if (stoppedBy) return exitCodeOf(stoppedBy);
  return mutation.summary.gaps + mutation.summary.unknown > 0 || unwritten ? 1 : 0;
}

/**
 * Every report file, rendered from one report model, each written under a temporary name and
 * renamed, so a reader never sees half a file. Returns why a write failed, if one did.
 */
async function writeReports(report: Report, outDir: string): Promise<string | undefined> {
  const files: Array<[string, string]> = [
    ['report.json', renderJson(report)],
    ['report.md', renderMarkdown(report)],
    ['index.html', await renderHtml(report)],
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

export async function main(argv: string[]): Promise<number> {
  try {
    const [cmd, ...rest] = argv;
    switch (cmd) {
      case 'verify':
        return await withSignals((i) => cmdVerify(rest, 'verify', i));
      case 'report':
        return await withSignals((i) => cmdVerify(rest, 'report', i));
      case 'mutate':
        return await withSignals((i) => cmdMutate(rest, i));
      case 'new': {
        const { values, positionals } = parseArgs({
          args: rest,
          strict: true,
          allowPositionals: true,
          options: { construction: { type: 'string' }, architecture: { type: 'string' }, file: { type: 'string' }, specs: { type: 'string', default: 'specs' } },
        });
        if (positionals.length !== 1) throw new UsageError('usage: tc0 new <id> [--construction NAME | --architecture NAME] [--file PATH]');
        const made = scaffold({ id: positionals[0]!, construction: values.construction, architecture: values.architecture, file: values.file, specsDir: values.specs, srcDir: SRC_DIR, known: knownNames() });
        for (const f of made) process.stdout.write(`wrote ${f}\n`);
        return 0;
      }
      case 'doctor': {
        const { values } = parseArgs({ args: rest, strict: true, options: { json: { type: 'boolean', default: false } } });
        const rows = await doctor();
        if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        else for (const r of rows) process.stdout.write(`${r.backend.padEnd(8)} ${r.tool.padEnd(12)} ${(r.available ? 'available' : 'unavailable').padEnd(12)} ${r.detail}\n`);
        return 0;
      }
      case 'schema': {
        const { values } = parseArgs({ args: rest, strict: true, options: { architecture: { type: 'boolean', default: false } } });
        process.stdout.write(`${JSON.stringify(values.architecture ? architectureJsonSchema() : specJsonSchema(), null, 2)}\n`);
        return 0;
      }
      case '--version':
        process.stdout.write('tc0 0.1.0\n');
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(`${HELP}\n`);
        return cmd === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${cmd}' (see tc0 --help)`);
    }
  } catch (e) {
    if (e instanceof SpecError) {
      process.stderr.write(`invalid specs (${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}):\n${e.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\nNothing was checked.\n`);
      return 2;
    }
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`tc0: ${printable(e.message)}\n`);
      return 2;
    }
    const what = e instanceof InternalError ? 'internal error (a bug)' : 'unexpected failure (a bug)';
    process.stderr.write(`tc0: ${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) process.exitCode = await main(process.argv.slice(2));
