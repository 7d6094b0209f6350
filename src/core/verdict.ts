/**
 * The closed verdict vocabulary (Why3-like) and the evidence each verdict carries.
 *
 * A backend run always ends in an `Outcome` value; exceptions are reserved for bugs.
 * - `proved`: a checker established the claim for this exact instance/artifact.
 * - `refuted`: a counterexample exists and was replayed on the exact model before reporting.
 * - `timeout` / `unknown`: no answer (a sampled run with no disagreement is `unknown` with
 *   `sampled` set: evidence, never a proof).
 * - `error`: the check could not be carried out (a construction threw, an encoding bug, a crash,
 *   a forbidden construct in Lean).
 * - `skipped`: the backend is unavailable or the construction is not implemented.
 * `cached` is not a status but a flag on the obligation result.
 */

export const STATUSES = ['proved', 'refuted', 'timeout', 'unknown', 'error', 'skipped'] as const;
export type Status = (typeof STATUSES)[number];

/** Backends an obligation can run on. `auto` in a spec is resolved to `model` or `z3` by the planner. */
export const BACKENDS = ['model', 'z3', 'lean', 'measure'] as const;
export type Backend = (typeof BACKENDS)[number];

/** Who checked: the name and exact version of the tool, part of every cache key. */
export interface Checker {
  readonly name: string;
  readonly version: string;
}

/** One port value of a counterexample, in three readings. */
export interface PortValue {
  /** Unsigned value of the port's bits, decimal. */
  readonly value: string;
  /** The bits, most significant first. */
  readonly bits: string;
  /** The model's reading of the bits (a signed integer, a float `<m,e> = 1.5`, ...), if it has one. */
  readonly text?: string;
}

/** A concrete disagreement, reported only after the model reproduced it. */
export interface Counterexample {
  readonly inputs: Readonly<Record<string, PortValue>>;
  /** What the circuit computed (absent for property checks without a circuit). */
  readonly circuit?: Readonly<Record<string, PortValue>>;
  /** What the model says. */
  readonly model?: Readonly<Record<string, PortValue>>;
  /** For property checks: what fails, in words (e.g. `round(9/20) = 1/2 but literal sticky gives 5/8`). */
  readonly note?: string;
  /** The parameter instance where it fails (measure and property checks). */
  readonly params?: Readonly<Record<string, number>>;
}

interface OutcomeBase {
  readonly checker: Checker | null;
}

export type Outcome =
  | (OutcomeBase & { readonly status: 'proved'; readonly trust: string })
  | (OutcomeBase & { readonly status: 'refuted'; readonly trust: string; readonly counterexample: Counterexample })
  | (OutcomeBase & { readonly status: 'unknown'; readonly reason: string; readonly sampled?: number })
  | (OutcomeBase & { readonly status: 'timeout' | 'error' | 'skipped'; readonly reason: string });

/** Circuit metrics as they appear in reports (weights can exceed 2^53, hence a decimal string). */
export interface MetricsSummary {
  readonly depth: number;
  readonly size: number;
  readonly maxFanIn: number;
  readonly maxWeight: string;
  readonly wires: number;
}

/** One row of a measurement series: the parameters and what was measured there. */
export interface SeriesRow {
  readonly params: Readonly<Record<string, number>>;
  readonly depth: number;
  readonly size: number;
  readonly maxFanIn: number;
  readonly maxWeight: string;
  /** Extra per-row numbers a family reports (e.g. operator counts). */
  readonly extra?: Readonly<Record<string, number>>;
}

/** A fitted growth law `size ~ c * x^degree` for one varying parameter. */
export interface Fit {
  readonly parameter: string;
  readonly metric: 'size' | 'depth';
  /** Least-squares slope of log(metric) against log(x) over the upper half of the range. */
  readonly degree: number;
  /** When the metric is exactly a polynomial in x over the range: its coefficients, lowest first. */
  readonly exact?: readonly string[];
}

/** Everything a backend returns for one obligation. */
export interface CheckResult {
  readonly outcome: Outcome;
  readonly metrics?: MetricsSummary;
  readonly series?: readonly SeriesRow[];
  readonly fits?: readonly Fit[];
  /** Path of the checked artifact (SMT-LIB or Lean file), relative to the output folder. */
  readonly artifact?: string | null;
  /** How many inputs an evaluation covered, and whether that was all of them. */
  readonly inputs?: { readonly checked: number; readonly exhaustive: boolean; readonly inputBits: number };
  /** Backend-specific notes for the report (e.g. which solver of several answered); no timings. */
  readonly notes?: readonly string[];
  /** Milliseconds per step (e.g. per solver). Timings live only here and in `ms`, never in text. */
  readonly timings?: Readonly<Record<string, number>>;
  /** Measured numbers a property reports, one row per case or size (e.g. worst error per p). */
  readonly table?: ReadonlyArray<Readonly<Record<string, string | number>>>;
}

export function outcomeReason(o: Outcome): string {
  switch (o.status) {
    case 'proved':
    case 'refuted':
      return o.trust;
    case 'unknown':
    case 'timeout':
    case 'error':
    case 'skipped':
      return o.reason;
  }
}
