import type { SpecId } from '../core/ids.js';
import type { Params } from '../core/params.js';
import type { Expr } from '../core/expr.js';
import type { SpecProblem } from '../core/errors.js';

export type Expectation = 'proved' | 'refuted';
export type CheckBackend = 'auto' | 'model' | 'z3' | 'lean' | 'measure';
export type MetricName = 'depth' | 'size' | 'fanIn' | 'weight';

/** Where a field sits in its file, for messages that point at it. */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface MetricClaim {
  readonly max?: { readonly text: string; readonly expr: Expr };
  readonly constant?: boolean;
  readonly degree?: number;
}

export interface LeanTheorem {
  readonly name: string;
  readonly statement: string;
  readonly proof: string;
}

/** One check of a spec after normalisation: its parameter grid is expanded into instances. */
export interface Check {
  readonly index: number;
  readonly backend: CheckBackend;
  /** Values per parameter, in declaration order. */
  readonly grid: Readonly<Record<string, readonly number[]>>;
  /** Cartesian product of the grid. */
  readonly instances: readonly Params[];
  readonly property?: string;
  readonly theorem?: LeanTheorem;
  /** A theorem check that states the spec itself for all parameters (README "Statuses"). */
  readonly covers: boolean;
  readonly samples?: number;
  /** Largest exhaustive input size for this check, below the run's --budget. */
  readonly budget?: number;
  readonly timeout?: number;
  readonly expect: Expectation;
  /** Architecture properties: the other architecture or the construction compared with. */
  readonly against?: string;
  readonly note?: string;
  readonly location: Location;
}

export interface Parameter {
  readonly values: readonly number[];
  readonly lo: number;
  readonly hi: number;
  readonly description?: string;
}

export interface Provenance {
  readonly paper: string;
  readonly status: 'verified' | 'recalled' | 'reconstructed' | 'ours';
  readonly cite: readonly string[];
  readonly note?: string;
}

/** A validated, normalised spec. */
export interface Spec {
  readonly id: SpecId;
  readonly file: string;
  readonly location: Location;
  readonly title: string;
  readonly provenance: Provenance;
  readonly statement: string;
  readonly uses: readonly SpecId[];
  readonly assumptions: readonly string[];
  readonly assumed: boolean;
  /** Named assumptions that this spec's refutation shows false. */
  readonly refutes: readonly string[];
  readonly parameters: Readonly<Record<string, Parameter>>;
  readonly construction?: string;
  readonly model?: string;
  /** The architecture program the checks are about (instead of a construction and a model). */
  readonly architecture?: string;
  readonly claims: Readonly<Partial<Record<MetricName, MetricClaim>>>;
  readonly checks: readonly Check[];
  readonly expect: Expectation;
  /** The spec's own YAML text, part of every obligation hash. */
  readonly source: string;
  /** The abstract constant of the paper (d_std, d_plus, ...) this spec's measured depth gives. */
  readonly paperConstant?: { readonly name: string; readonly note?: string };
  /** Where the `construction` and `model` fields are, for problems found when linking to code. */
  readonly fieldLocations: Readonly<Partial<Record<'construction' | 'model' | 'architecture', Location>>>;
}

export interface Assumption {
  readonly id: string;
  readonly statement: string;
  readonly cite: readonly string[];
  /**
   * `open`: an open problem; `literature`: a published result, cited; `unproved`: a claim (e.g.
   * the paper's own) that this workbench does not prove; `ours`: a precise choice of ours, a
   * definition rather than a claim. Every one of them makes a proof that rests on it conditional.
   */
  readonly status: 'open' | 'literature' | 'unproved' | 'ours';
}

/**
 * A YAML document that is not a spec: an architecture program (`*.arch.yaml`) or the operations
 * table (`operations.yaml`), handed to the program loader with a way to point at its fields.
 */
export interface RawDocument {
  readonly file: string;
  readonly kind: 'architecture' | 'operations';
  readonly value: unknown;
  /** Where a field is; with `offset`, the character at that offset inside a one-line string field. */
  locate(path: ReadonlyArray<string | number>, offset?: number): Location;
}

/** What spec rules need to know about an architecture program. */
export interface ArchitectureInfo {
  /** Its size parameters (a spec naming it declares each, plus p, and w for gate-level checks). */
  readonly sizes: readonly string[];
  /** Assumptions of the assumed operations it uses (a spec naming it must list them). */
  readonly assumptions: readonly string[];
  /** Depth symbols and classes its depth claims may use (d_mul, d_std, ...). */
  readonly symbols: readonly string[];
  /** Whether it (or a program it calls) has weights (then gate-level checks need the seed w). */
  readonly weighted: boolean;
  /** The program with everything it calls, as data for the checks (a `Bundle` of src/program). */
  readonly bundle: unknown;
}

export interface ProgramLoad {
  readonly problems: readonly SpecProblem[];
  readonly architectures: ReadonlyMap<string, ArchitectureInfo>;
}

/** Validates architecture and operations documents (src/program/load.ts). */
export type ProgramLoader = (docs: readonly RawDocument[], assumptions: ReadonlySet<string>) => ProgramLoad;

/** Names the code registers, so that specs can be checked against them without importing code. */
export interface KnownNames {
  readonly constructions: ReadonlySet<string>;
  readonly models: ReadonlySet<string>;
  /** Registered properties and the parameters each reads (integers min..max). */
  readonly properties: ReadonlyMap<string, { readonly params: Readonly<Record<string, { readonly min: number; readonly max?: number }>> }>;
  /** Models that have an SMT-LIB encoding (needed by z3 checks). */
  readonly smtModels: ReadonlySet<string>;
  /** Models that have a Lean encoding (needed by lean instance checks). */
  readonly leanModels: ReadonlySet<string>;
  /** Loads architecture programs; without it, architecture documents are ignored. */
  readonly programs?: ProgramLoader;
  /** Properties an architecture spec may check (`uniformity`, ...), with their own parameters. */
  readonly architectureProperties?: ReadonlyMap<string, { readonly params: Readonly<Record<string, string>>; readonly against?: 'architecture' | 'construction' }>;
}

export interface SpecSet {
  readonly specs: readonly Spec[];
  readonly assumptions: ReadonlyMap<string, Assumption>;
  readonly architectures: ReadonlyMap<string, ArchitectureInfo>;
  readonly dir: string;
  /** Entries of the spec folder that were skipped (a dangling symlink, a FIFO, `X.YAML`), in words. */
  readonly warnings: readonly SpecProblem[];
}
