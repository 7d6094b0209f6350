/**
 * `tc0`: argument parsing, the single top-level catch, and exit codes.
 *   0  every obligation as expected      1  some obligation not as expected
 *   2  invalid specs or usage            3  internal error (a bug)
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { BACKENDS, type Backend } from './core/verdict.js';
import { InternalError, SpecError, UsageError, formatProblem } from './core/errors.js';
import { createProgress } from './verify/progress.js';
import { SRC_DIR, knownNames, loadSpecSet, verify } from './verify/session.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport, type Report } from './report/model.js';
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
  --budget BITS      exhaustive evaluation up to this many input bits (default 24)
  --samples N        inputs sampled beyond the budget (default 2000)
  --seed N           seed of the sampler (default 1)
  --store DIR        results store (default .tc0/store)
  --solvers LIST     SMT solvers for z3 obligations: auto (a native z3 at least as new as the
                     bundled z3-solver, else that Wasm build) or a list of z3-wasm, z3, cvc5
  --no-cache         ignore the results store (neither read nor write)
  --ci               read-only results store: a missing verdict is an error
  --json             print report.json to stdout instead of progress lines

report flags: --specs, --out, --filter, --backend, --budget, --samples, --seed, --store,
  --solvers, --json as for verify (they select which stored verdicts are shown).

Reports written to --out: report.json (the contract), report.md, index.html (open it from
disk: graph, details, plots), junit.xml (one test case per obligation).

Exit codes: 0 all as expected, 1 something unexpected, 2 invalid specs or usage, 3 internal error.`;

function int(name: string, v: string | undefined, dflt: number, min: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} needs an integer >= ${min}, got '${v}'`);
  return n;
}

async function cmdVerify(argv: string[], mode: 'verify' | 'report'): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
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
      ci: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 0) throw new UsageError(`${mode} takes no positional arguments (got ${positionals.join(' ')})`);
  if (mode === 'report') for (const f of ['jobs', 'timeout', 'no-cache', 'ci'] as const) if (values[f] !== undefined && values[f] !== false) throw new UsageError(`report runs no checker: --${f} does not apply`);
  let backends: Set<Backend> | undefined;
  if (values.backend !== undefined) {
    const list = values.backend.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = list.filter((b) => !(BACKENDS as readonly string[]).includes(b));
    if (bad.length > 0 || list.length === 0) throw new UsageError(`--backend: unknown backend ${bad.join(', ') || '(empty)'}; known: ${BACKENDS.join(', ')}`);
    backends = new Set(list as Backend[]);
  }
  if (values.ci && values['no-cache']) throw new UsageError('--ci and --no-cache contradict each other (--ci reads the store)');
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`--timeout needs a positive number of seconds, got '${values.timeout}'`);
  const { specSet, link } = loadSpecSet(values.specs, values.store);
  const progress = createProgress(process.stderr, values.json);
  const run = await verify(specSet, link, {
    specsDir: values.specs,
    outDir: values.out,
    storeDir: values.store,
    filter: values.filter,
    backends,
    jobs: int('jobs', values.jobs, availableParallelism(), 1),
    timeoutMs: timeout === undefined ? undefined : timeout * 1000,
    noCache: values['no-cache'],
    ci: values.ci,
    budgetBits: int('budget', values.budget, 24, 1),
    samples: int('samples', values.samples, 2000, 1),
    seed: int('seed', values.seed, 1, 0),
    solvers: values.solvers,
    storeOnly: mode === 'report',
    progress,
  });
  const report = buildReport({ specSet, specs: run.specs, results: run.results, trustBases: run.trustBases, tools: run.tools, generatedAt: new Date().toISOString() });
  await writeReports(report, values.out);
  const exitCode = report.summary.unexpected > 0 ? 1 : 0;
  if (values.json) process.stdout.write(renderJson(report));
  else {
    const s = report.summary;
    process.stderr.write(
      `${s.specs} specs, ${s.obligations} obligations: ${s.proved} proved, ${s.refuted} refuted, ${s.unknown} unknown, ${s.timeout} timeout, ${s.error} error, ${s.skipped} skipped; ${s.cached} cached; ${s.unexpected} unexpected. Reports in ${values.out}/\n`,
    );
  }
  return exitCode;
}

/** Every report file, rendered from one report model. */
async function writeReports(report: Report, outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'report.json'), renderJson(report));
  writeFileSync(join(outDir, 'report.md'), renderMarkdown(report));
  writeFileSync(join(outDir, 'index.html'), await renderHtml(report));
  writeFileSync(join(outDir, 'junit.xml'), renderJunit(report));
}

export async function main(argv: string[]): Promise<number> {
  try {
    const [cmd, ...rest] = argv;
    switch (cmd) {
      case 'verify':
        return await cmdVerify(rest, 'verify');
      case 'report':
        return await cmdVerify(rest, 'report');
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
        const rows = doctor();
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
      process.stderr.write(`tc0: ${e.message}\n`);
      return 2;
    }
    const what = e instanceof InternalError ? 'internal error (a bug)' : 'unexpected failure (a bug)';
    process.stderr.write(`tc0: ${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) process.exitCode = await main(process.argv.slice(2));
