/**
 * The three error kinds of the workbench. Exit codes are decided in one place (`src/cli.ts`):
 * a `SpecError` or `UsageError` is the user's to fix (exit 2); an `InternalError` is a bug
 * (exit 3). Everything a checker can legitimately answer (refuted, timeout, ...) is a verdict
 * value, never an exception.
 */

/** One problem in a spec file, located by file, line and dotted field path. */
export interface SpecProblem {
  readonly file: string;
  /** 1-based line, or 0 when the problem concerns the file as a whole. */
  readonly line: number;
  readonly column: number;
  /** Dotted path to the field, e.g. `checks.1.params.p`; empty for the whole document. */
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/** One problem on one line, control characters escaped (a spec's bytes never reach the terminal raw). */
export function formatProblem(p: SpecProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  const field = p.field ? ` ${p.field}:` : '';
  return printable(`${where}:${field} ${p.message} [${p.rule}]`);
}

/**
 * Text safe to print on a terminal: control characters (C0, DEL, C1; newlines too unless
 * `keepNewlines`) and bidirectional overrides become `\xNN` / `\u{NNNN}` escapes, so text from a
 * spec or a thrown error cannot move the cursor, recolour the screen or reorder what is shown.
 */
export function printable(text: string, keepNewlines = false): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === '\t' || (keepNewlines && c === '\n')) return c;
    const code = c.codePointAt(0)!;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** The specs are invalid; carries every problem found, not just the first. */
export class SpecError extends Error {
  constructor(readonly problems: readonly SpecProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'SpecError';
  }
}

/** Bad command-line usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A broken invariant inside the workbench: a bug, never the user's fault. */
export class InternalError extends Error {
  override name = 'InternalError';
}

export function assertNever(x: never, what = 'value'): never {
  throw new InternalError(`unexpected ${what}: ${JSON.stringify(x)}`);
}

/** The message of anything thrown, for verdicts that report a construction or model crash. */
export function describeThrown(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
