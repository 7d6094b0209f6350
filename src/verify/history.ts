/**
 * What happened to each obligation the last time it ran here: its hash, verdict, time and, for
 * verdicts the results store does not keep (errors, time-outs, solver unknowns), the outcome
 * itself. Two readers:
 * - estimates (`estimate.ts`): the scheduler's longest-first order and the live progress's ETA
 *   use the last time of an obligation id (across edits: the previous version's is the best guess);
 * - `tc0 report` and `tc0 show`, which run no checker: an obligation whose last run ended in an
 *   error or a time-out for exactly this hash is shown as that, not as "not yet checked".
 *
 * One file, `<store>/history.json`, rewritten atomically at the end of a run after merging with
 * what is on disk (a parallel run of other specs keeps its entries). It is a convenience, never a
 * verdict: an unreadable file is reported and ignored, and nothing `proved` ever comes from it.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Backend, Outcome, Status } from '../core/verdict.js';

const SCHEMA = 'tc0-history/1';

export interface HistoryEntry {
  readonly hash: string;
  readonly backend: Backend;
  readonly status: Status;
  readonly ms: number;
  readonly at: string;
  /** The outcome, kept only when it is not final (the store has final ones). */
  readonly outcome?: Outcome;
}

/** Named steps that are not obligations, e.g. `lean-library` (the library build). */
export interface StepEntry {
  readonly ms: number;
  readonly at: string;
}

interface HistoryFile {
  readonly schema: typeof SCHEMA;
  readonly obligations: Record<string, HistoryEntry>;
  readonly steps: Record<string, StepEntry>;
}

export class History {
  private readonly changed = new Map<string, HistoryEntry>();
  private readonly changedSteps = new Map<string, StepEntry>();
  private constructor(
    readonly file: string,
    private readonly data: HistoryFile,
    /** Why the file on disk could not be read, if it could not. */
    readonly problem: string | undefined,
  ) {}

  static fileIn(storeDir: string): string {
    return join(storeDir, 'history.json');
  }

  static load(storeDir: string): History {
    const file = History.fileIn(storeDir);
    const read = readHistory(file);
    return new History(file, 'data' in read ? read.data : empty(), 'problem' in read ? read.problem : undefined);
  }

  entry(id: string): HistoryEntry | undefined {
    return this.changed.get(id) ?? this.data.obligations[id];
  }

  /** The non-final outcome of the last run of exactly this obligation version, if any. */
  lastProblem(id: string, hash: string): { outcome: Outcome; ms: number; at: string } | undefined {
    const e = this.entry(id);
    return e && e.hash === hash && e.outcome ? { outcome: e.outcome, ms: e.ms, at: e.at } : undefined;
  }

  record(id: string, backend: Backend, hash: string, outcome: Outcome, ms: number, final: boolean): void {
    this.changed.set(id, { hash, backend, status: outcome.status, ms, at: new Date().toISOString(), ...(final ? {} : { outcome }) });
  }

  recordStep(name: string, ms: number): void {
    this.changedSteps.set(name, { ms, at: new Date().toISOString() });
  }

  step(name: string): StepEntry | undefined {
    return this.changedSteps.get(name) ?? this.data.steps[name];
  }

  /**
   * Takes in another store's history (`tc0 merge`): per obligation and per step, the later of the
   * two entries wins.
   */
  absorb(other: History): void {
    const theirs = { ...other.data.obligations, ...Object.fromEntries(other.changed) };
    for (const [id, e] of Object.entries(theirs)) {
      const mine = this.entry(id);
      if (!mine || mine.at < e.at) this.changed.set(id, e);
    }
    const steps = { ...other.data.steps, ...Object.fromEntries(other.changedSteps) };
    for (const [name, e] of Object.entries(steps)) {
      const mine = this.step(name);
      if (!mine || mine.at < e.at) this.changedSteps.set(name, e);
    }
  }

  /** Merges this run's entries into the file on disk (re-read first) and writes it atomically. */
  save(): void {
    if (this.changed.size === 0 && this.changedSteps.size === 0) return;
    const read = readHistory(this.file);
    const base = 'data' in read ? read.data : empty();
    const data: HistoryFile = {
      schema: SCHEMA,
      obligations: { ...base.obligations, ...Object.fromEntries(this.changed) },
      steps: { ...base.steps, ...Object.fromEntries(this.changedSteps) },
    };
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    writeFileSync(tmp, `${JSON.stringify(data)}\n`);
    renameSync(tmp, this.file);
  }
}

const empty = (): HistoryFile => ({ schema: SCHEMA, obligations: {}, steps: {} });

function readHistory(file: string): { data: HistoryFile } | { problem: string } | { missing: true } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { missing: true };
  }
  try {
    const d = JSON.parse(text) as Partial<HistoryFile>;
    if (d.schema !== SCHEMA || typeof d.obligations !== 'object' || d.obligations === null) return { problem: `${file}: not a ${SCHEMA} file` };
    return { data: { schema: SCHEMA, obligations: d.obligations, steps: d.steps ?? {} } };
  } catch (e) {
    return { problem: `${file}: unreadable (${(e as Error).message}); timings and last-run errors are not shown` };
  }
}
