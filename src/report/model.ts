/**
 * The one report model every renderer reads (JSON, Markdown, HTML, JUnit). Building it is pure.
 * `report.json` is this model as is; its top-level keys and the fields of `summary`, `specs`
 * and `obligations` are the contract in docs/design.md ("tc0-report/1"); other keys are additions
 * (README "report.json" lists them).
 */
import { STATUSES, type CheckResult, type Counterexample, type Fit, type MetricsSummary, type SeriesRow, type Status, outcomeReason } from '../core/verdict.js';
import type { Assumption, Spec, SpecSet } from '../spec/types.js';
import type { ObligationResult } from '../verify/run.js';
import { type CheckedOn, type Condition, type DerivedStatus, type Scope, type SpecStatus, type Warning, SPEC_STATUSES, deriveStatuses } from './status.js';
import type { MutationReport } from '../verify/mutate.js';

import type { LeanDecl } from '../verify/lean-index.js';
import { relative, resolve, sep } from 'node:path';

export { SPEC_STATUSES, type CheckedOn, type Condition, type Scope, type SpecStatus, type Warning } from './status.js';

/**
 * What a spec is for the reader: one of the paper's main theorems, a lemma (or building block),
 * a documented finding about the paper (a claim kept as refuted), or a sanity check of the
 * checkers (a deliberately wrong circuit that must be refuted).
 */
export type SpecRole = 'main-theorem' | 'lemma' | 'finding' | 'sanity';

export interface SpecEntry {
  readonly id: string;
  readonly file: string;
  /** Line of the spec's `id` in its file. */
  readonly line: number;
  /** Its area: the spec folder's subfolder (`arithmetic`, `float`, ...), `theorems` for `thm.*`. */
  readonly area: string;
  /** The paper item it belongs to, read off `provenance.paper`: `L-A1(3)`, `main theorem`, or null. */
  readonly paperItem: string | null;
  readonly role: SpecRole;
  /** What holds, in one word: see `SPEC_STATUSES` and README "Statuses". */
  readonly status: SpecStatus;
  /** How far the checks reach: `all` parameters (a covering Lean theorem), `instances`, `sampled`, or `none`. */
  readonly scope: Scope;
  /** Which instances were checked, and how (theorems are not listed: they are not instances). */
  readonly checkedOn: readonly CheckedOn[];
  /** What the spec rests on that is not proved here: named assumptions and used specs not `proved`. */
  readonly conditions: readonly Condition[];
  /** Problems in what it builds on: used specs refuted, failed, partial, assumed or unchecked; assumptions refuted here. */
  readonly warnings: readonly Warning[];
  readonly expect: 'proved' | 'refuted';
  readonly uses: readonly string[];
  /** Specs (of the whole spec set) that use this one. */
  readonly usedBy: readonly string[];
  readonly assumptions: readonly string[];
  /** Named assumptions that this spec's refutation shows false. */
  readonly refutes: readonly string[];
  readonly title: string;
  readonly statement: string;
  readonly provenance: Spec['provenance'];
  /** Everything the spec rests on: named assumptions (own and inherited) and assumed specs used. */
  readonly trustBase: { readonly assumptions: readonly string[]; readonly assumedSpecs: readonly string[] };
  readonly assumed: boolean;
  readonly construction: string | null;
  readonly model: string | null;
  readonly paperConstant: Spec['paperConstant'] | null;
  /** Checkers that produced a proof for some obligation of this spec. */
  readonly provedBy: readonly string[];
  readonly counts: Readonly<Record<Status, number>>;
  /** How far the semantic checks (evaluation, Z3, Lean instances, properties) reach into each declared range. */
  readonly coverage: readonly CoverageRow[];
  /** The declared parameters, in order (a theorem about a spec with `n` holds for every n). */
  readonly parameters: readonly string[];
  /** In words, when some semantic check stops below the top of a declared range; else null. */
  readonly belowRange: string | null;
}

export interface CoverageRow {
  readonly parameter: string;
  readonly lo: number;
  readonly hi: number;
  /** Largest value any semantic obligation checked (proved or sampled), or null. */
  readonly checkedTo: number | null;
  /** Largest value a semantic obligation proved, or null. */
  readonly provedTo: number | null;
}

export interface ObligationEntry {
  readonly id: string;
  readonly spec: string;
  readonly backend: string;
  readonly kind: string;
  /** Index of the spec's check this obligation comes from (0-based, in file order). */
  readonly check: number;
  /** The registered property a `property` obligation checks. */
  readonly property: string | null;
  readonly params: Readonly<Record<string, number>>;
  readonly grid: Readonly<Record<string, readonly number[]>> | null;
  readonly status: Status;
  readonly expected: boolean;
  readonly expect: 'proved' | 'refuted';
  readonly cached: boolean;
  readonly ms: number;
  readonly metrics: MetricsSummary | null;
  readonly counterexample: Counterexample | null;
  readonly trust: string;
  readonly artifact: string | null;
  readonly checker: string | null;
  readonly route: string | null;
  readonly hash: string;
  readonly inputs: CheckResult['inputs'] | null;
  readonly sampled: number | null;
  readonly series: readonly SeriesRow[] | null;
  readonly fits: readonly Fit[] | null;
  /** The spec's metric claims this obligation checks (measure; Lean instances), as written. */
  readonly claims: Readonly<Partial<Record<string, { readonly max?: string; readonly constant?: boolean; readonly degree?: number }>>> | null;
  readonly table: CheckResult['table'] | null;
  readonly notes: readonly string[];
  /** Milliseconds per step (per solver, ...); with `ms`, the only fields that vary between runs. */
  readonly timings: Readonly<Record<string, number>> | null;
  /** Theorem obligations: the theorem as checked, and whether it covers the spec for all parameters. */
  readonly theorem: { readonly name: string; readonly statement: string; readonly proof: string; readonly covers: boolean } | null;
  /** Full names of the library declarations (`leanDeclarations`) the theorem's text mentions. */
  readonly leanRefs: readonly string[];
}

export interface Summary {
  readonly specs: number;
  readonly obligations: number;
  readonly proved: number;
  readonly refuted: number;
  readonly timeout: number;
  readonly unknown: number;
  readonly error: number;
  readonly skipped: number;
  readonly unexpected: number;
  readonly cached: number;
  /** Specs per status (every status present, zeros included). */
  readonly specStatuses: Readonly<Record<SpecStatus, number>>;
}

/** A named assumption, and the specs of this run whose refutation shows it false. */
export interface AssumptionEntry extends Assumption {
  readonly refutedBy: readonly string[];
}

/** One row of "the paper's constants, measured". */
export interface ConstantRow {
  readonly constant: string;
  readonly spec: string;
  readonly note: string | null;
  readonly status: SpecStatus;
  /** Every depth measured, over every measured instance (one value: constant over the range). */
  readonly depths: readonly number[];
  /** Where it was measured, e.g. `p = 2..16`. */
  readonly over: string;
  /** Size at the largest measured instance. */
  readonly size: number | null;
  readonly at: Readonly<Record<string, number>> | null;
}

/** How the run itself went, apart from the verdicts: what a reader must know to trust the rest. */
export interface RunInfo {
  /** The signal that stopped the run (`SIGINT`, `SIGTERM`, `SIGHUP`), or null when it ran to the end. */
  readonly interrupted: string | null;
  /** Final verdicts the results store could not keep (they are in this report; checked again next time). */
  readonly notStored: number;
  /** Entries of the spec folder that were skipped, and other warnings, one line each. */
  readonly warnings: readonly string[];
}

export const CLEAN_RUN: RunInfo = { interrupted: null, notStored: 0, warnings: [] };

/** Lines that say what was not normal about a run (empty for a clean run), for every renderer. */
export function runIncidents(run: RunInfo, obligations: readonly Pick<ObligationEntry, 'status'>[]): string[] {
  const out: string[] = [];
  if (run.interrupted) out.push(`The run was interrupted (${run.interrupted}): this report shows what finished; the rest is listed as skipped.`);
  if (run.notStored > 0) out.push(`The results store was not updated: ${run.notStored} verdict${run.notStored === 1 ? '' : 's'} could not be written; they are shown here and will be checked again.`);
  if (out.length > 0 && obligations.length === 0) out.push('No obligation finished.');
  return [...out, ...run.warnings.map((w) => `Warning: ${w}`)];
}

export interface Report {
  readonly schema: 'tc0-report/1';
  readonly generatedAt: string;
  readonly tools: { readonly node: string; readonly z3: string | null; readonly lean: string | null };
  readonly summary: Summary;
  readonly specs: readonly SpecEntry[];
  readonly obligations: readonly ObligationEntry[];
  readonly assumptions: readonly AssumptionEntry[];
  readonly constants: readonly ConstantRow[];
  readonly run: RunInfo;
  /** Mutation testing (`tc0 mutate`), or null when the reports were written by verify or report. */
  readonly mutation: MutationReport | null;
  /** Library declarations some theorem mentions: where they are and what they say. */
  readonly leanDeclarations: readonly LeanDecl[];
}

export interface ReportInput {
  readonly specSet: SpecSet;
  /** Specs the run covered (after --filter). */
  readonly specs: readonly Spec[];
  readonly results: readonly ObligationResult[];
  /** Trust base per spec id (see `spec/graph.ts`). */
  readonly trustBases: ReadonlyMap<string, SpecEntry['trustBase']>;
  readonly tools: Report['tools'];
  readonly generatedAt: string;
  readonly run?: RunInfo;
  readonly mutation?: MutationReport | null;
  /** The Lean library's declarations, for links from theorems (none: no links). */
  readonly leanIndex?: readonly LeanDecl[];
  /** Which library declarations a piece of Lean text mentions (see `verify/lean-index.ts`). */
  readonly mentions?: (text: string) => readonly LeanDecl[];
}

export function buildReport(input: ReportInput): Report {
  const order = new Map(input.results.map((r, i) => [r.obligation.id as string, i]));
  const obligations = [...input.results]
    .sort((a, b) => a.obligation.spec.localeCompare(b.obligation.spec) || (order.get(a.obligation.id)! - order.get(b.obligation.id)!))
    .map((r) => entryOf(r, input.mentions));
  const bySpec = new Map<string, ObligationEntry[]>();
  for (const o of obligations) bySpec.set(o.spec, [...(bySpec.get(o.spec) ?? []), o]);
  const usedBy = new Map<string, string[]>();
  for (const s of input.specSet.specs) for (const u of s.uses) usedBy.set(u, [...(usedBy.get(u) ?? []), s.id]);
  const trustOf = (s: Spec): SpecEntry['trustBase'] => input.trustBases.get(s.id) ?? { assumptions: s.assumptions, assumedSpecs: [] };
  const derived = deriveStatuses(
    input.specs.map((s) => ({ id: s.id, assumed: s.assumed, uses: s.uses, trustAssumptions: trustOf(s).assumptions, refutes: s.refutes })),
    obligations.map((o) => ({ ...o, exhaustive: o.inputs?.exhaustive ?? null, covers: o.theorem?.covers ?? false })),
    input.specSet.assumptions,
  );
  const specs = [...input.specs]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((s) => specEntry(s, bySpec.get(s.id) ?? [], trustOf(s), derived.specs.get(s.id)!, (usedBy.get(s.id) ?? []).sort(), input.specSet.dir));
  const refs = new Set(obligations.flatMap((o) => o.leanRefs));
  const count = (st: Status): number => obligations.filter((o) => o.status === st).length;
  return {
    schema: 'tc0-report/1',
    generatedAt: input.generatedAt,
    tools: input.tools,
    summary: {
      specs: specs.length,
      obligations: obligations.length,
      proved: count('proved'),
      refuted: count('refuted'),
      timeout: count('timeout'),
      unknown: count('unknown'),
      error: count('error'),
      skipped: count('skipped'),
      unexpected: obligations.filter((o) => !o.expected).length,
      cached: obligations.filter((o) => o.cached).length,
      specStatuses: Object.fromEntries(SPEC_STATUSES.map((st) => [st, specs.filter((s) => s.status === st).length])) as Record<SpecStatus, number>,
    },
    specs,
    obligations,
    assumptions: [...input.specSet.assumptions.values()].map((a) => ({ ...a, refutedBy: derived.refutedBy.get(a.id) ?? [] })),
    constants: constantRows(specs, obligations),
    run: input.run ?? CLEAN_RUN,
    mutation: input.mutation ?? null,
    leanDeclarations: (input.leanIndex ?? []).filter((d) => refs.has(d.name)),
  };
}

function constantRows(specs: readonly SpecEntry[], obligations: readonly ObligationEntry[]): ConstantRow[] {
  return specs
    .filter((s) => s.paperConstant)
    .map((s) => {
      const rows = obligations.filter((o) => o.spec === s.id && o.series).flatMap((o) => o.series!);
      const last = rows[rows.length - 1];
      const grids = obligations.filter((o) => o.spec === s.id && o.grid).map((o) => o.grid!);
      const over = grids
        .map((g) => Object.entries(g).map(([k, v]) => (v.length > 1 ? `${k} = ${Math.min(...v)}..${Math.max(...v)}` : `${k} = ${v[0]}`)).join(', '))
        .join('; ');
      return {
        constant: s.paperConstant!.name,
        spec: s.id,
        note: s.paperConstant!.note ?? null,
        status: s.status,
        depths: [...new Set(rows.map((r) => r.depth))].sort((a, b) => a - b),
        over: over || (s.assumed ? 'assumed from the literature' : 'not measured'),
        size: last?.size ?? null,
        at: last?.params ?? null,
      };
    })
    .sort((a, b) => a.constant.localeCompare(b.constant) || a.spec.localeCompare(b.spec));
}

function entryOf(r: ObligationResult, mentions: ReportInput['mentions']): ObligationEntry {
  const o = r.obligation;
  const out = r.result.outcome;
  const theorem = o.theorem ? { name: o.theorem.name, statement: o.theorem.statement.trim(), proof: o.theorem.proof.trim(), covers: o.covers === true } : null;
  return {
    id: o.id,
    spec: o.spec,
    backend: o.backend,
    kind: o.kind,
    check: o.checkIndex,
    property: o.property ?? null,
    params: o.params,
    grid: o.grid ?? null,
    status: out.status,
    expected: r.expected,
    expect: o.expect,
    cached: r.cached,
    ms: r.ms,
    metrics: r.result.metrics ?? null,
    counterexample: out.status === 'refuted' ? out.counterexample : null,
    trust: outcomeReason(out),
    artifact: r.result.artifact ?? null,
    checker: out.checker ? `${out.checker.name} ${out.checker.version}` : null,
    route: o.route ?? null,
    hash: r.hash,
    inputs: r.result.inputs ?? null,
    sampled: out.status === 'unknown' ? (out.sampled ?? null) : null,
    series: r.result.series ?? null,
    fits: r.result.fits ?? null,
    claims: o.claims ? Object.fromEntries(Object.entries(o.claims).map(([k, c]) => [k, { ...(c.max ? { max: c.max.text } : {}), ...(c.constant !== undefined ? { constant: c.constant } : {}), ...(c.degree !== undefined ? { degree: c.degree } : {}) }])) : null,
    table: r.result.table ?? null,
    notes: r.result.notes ?? [],
    timings: r.result.timings ?? null,
    theorem,
    leanRefs: theorem && mentions ? [...new Set(mentions(`${theorem.statement}\n${theorem.proof}`).map((d) => d.name))].sort() : [],
  };
}

/**
 * Coverage of the declared ranges by a spec's semantic obligations that ran (none: the spec has
 * no semantic check, or none of them ran: a skipped obligation, e.g. not yet checked, says nothing
 * about the range).
 */
export function coverageOf(s: Pick<Spec, 'parameters'>, obls: readonly Pick<ObligationEntry, 'kind' | 'status' | 'sampled' | 'params'>[]): CoverageRow[] {
  const semantic = obls.filter((o) => (o.kind === 'equivalence' || o.kind === 'property') && o.status !== 'skipped');
  if (semantic.length === 0) return [];
  const max = (os: typeof semantic, k: string): number | null => os.reduce<number | null>((m, o) => (o.params[k] === undefined ? m : Math.max(m ?? o.params[k]!, o.params[k]!)), null);
  const ran = semantic.filter((o) => o.status === 'proved' || (o.status === 'unknown' && o.sampled !== null));
  return Object.entries(s.parameters).map(([k, v]) => ({ parameter: k, lo: v.lo, hi: v.hi, checkedTo: max(ran, k), provedTo: max(ran.filter((o) => o.status === 'proved'), k) }));
}

export function belowRangeText(rows: readonly CoverageRow[]): string | null {
  const short = rows.filter((r) => r.checkedTo === null || r.checkedTo < r.hi);
  if (short.length === 0) return null;
  return `semantic checks stop below the declared range: ${short.map((r) => `${r.parameter} reaches ${r.checkedTo ?? 'nothing'} of ${r.lo}..${r.hi}`).join('; ')}`;
}

/** `p: proved up to 8, sampled up to 16 (declared 2..16)`. */
export function coverageText(rows: readonly CoverageRow[]): string {
  return rows
    .map((r) => `${r.parameter}: ${r.provedTo !== null ? `proved up to ${r.provedTo}` : 'nothing proved'}${r.checkedTo !== null && r.checkedTo !== r.provedTo ? `, sampled up to ${r.checkedTo}` : ''} (declared ${r.lo}..${r.hi})`)
    .join('; ');
}


/**
 * The paper item a provenance text names first: `main theorem` (when the text starts with it),
 * an item label like `L-A1(3)`, `L-T6` or `Thm 2`, or null (not a paper item).
 */
export function paperItemOf(paper: string): string | null {
  if (/^\s*(the\s+)?main theorem\b/i.test(paper)) return 'main theorem';
  const m = /\b(L-[A-Z]\d+(?:\(\d+\))?|Thm\.?\s*\d+|Lemma\s+\d+(?:\.\d+)*)/.exec(paper);
  return m ? m[1]!.replace(/\s+/g, ' ') : null;
}

/** See `SpecRole`: refuted-by-design specs are findings unless they are mutants with no paper item. */
export function roleOf(s: Pick<Spec, 'expect' | 'provenance' | 'construction'>): SpecRole {
  if (s.expect === 'refuted') return /^\s*none\b/i.test(s.provenance.paper) || s.construction?.startsWith('mutant.') ? 'sanity' : 'finding';
  return paperItemOf(s.provenance.paper) === 'main theorem' ? 'main-theorem' : 'lemma';
}

function areaOf(s: Spec, specsDir: string): string {
  if (s.id.startsWith('thm.')) return 'theorems';
  const rel = relative(resolve(specsDir), resolve(s.file)).split(sep);
  return rel.length > 1 && rel[0] !== '..' ? rel[0]! : s.id.split('.')[0]!;
}

function specEntry(s: Spec, obls: readonly ObligationEntry[], trust: SpecEntry['trustBase'], derived: DerivedStatus, usedBy: readonly string[], specsDir: string): SpecEntry {
  const counts = Object.fromEntries(STATUSES.map((st) => [st, obls.filter((o) => o.status === st).length])) as Record<Status, number>;
  const provedBy = [...new Set(obls.filter((o) => o.status === 'proved' && o.checker).map((o) => o.backend))].sort();
  return {
    id: s.id,
    file: s.file,
    line: s.location.line,
    area: areaOf(s, specsDir),
    paperItem: paperItemOf(s.provenance.paper),
    role: roleOf(s),
    status: derived.status,
    scope: derived.scope,
    checkedOn: derived.checkedOn,
    conditions: derived.conditions,
    warnings: derived.warnings,
    expect: s.expect,
    uses: s.uses,
    usedBy,
    assumptions: s.assumptions,
    refutes: s.refutes,
    title: s.title,
    statement: s.statement,
    provenance: s.provenance,
    trustBase: trust,
    assumed: s.assumed,
    construction: s.construction ?? null,
    model: s.model ?? null,
    paperConstant: s.paperConstant ?? null,
    provedBy,
    counts,
    coverage: coverageOf(s, obls),
    parameters: Object.keys(s.parameters),
    belowRange: belowRangeText(coverageOf(s, obls)),
  };
}
