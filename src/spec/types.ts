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
  readonly claims: Readonly<Partial<Record<MetricName, MetricClaim>>>;
  readonly checks: readonly Check[];
  readonly expect: Expectation;
  /** The spec's own YAML text, part of every obligation hash. */
  readonly source: string;
  /** The abstract constant of the paper (d_std, d_plus, ...) this spec's measured depth gives. */
  readonly paperConstant?: { readonly name: string; readonly note?: string };
  /** Where the `construction` and `model` fields are, for problems found when linking to code. */
  readonly fieldLocations: Readonly<Partial<Record<'construction' | 'model', Location>>>;
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

/** Names the code registers, so that specs can be checked against them without importing code. */
export interface KnownNames {
  readonly constructions: ReadonlySet<string>;
  readonly models: ReadonlySet<string>;
  readonly properties: ReadonlySet<string>;
  /** Models that have an SMT-LIB encoding (needed by z3 checks). */
  readonly smtModels: ReadonlySet<string>;
  /** Models that have a Lean encoding (needed by lean instance checks). */
  readonly leanModels: ReadonlySet<string>;
}

export interface SpecSet {
  readonly specs: readonly Spec[];
  readonly assumptions: ReadonlyMap<string, Assumption>;
  readonly dir: string;
  /** Entries of the spec folder that were skipped (a dangling symlink, a FIFO, `X.YAML`), in words. */
  readonly warnings: readonly SpecProblem[];
}
