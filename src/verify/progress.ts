/**
 * Progress output of a run, in two forms:
 * - live, on a terminal: a block redrawn a few times a second with the steps under way (the Lean
 *   library build, module by module), the obligations running now with their elapsed time, and a
 *   bar with done / total, unexpected count, elapsed time and an ETA from the past timings of the
 *   obligations still to run (`history.ts`); finished unexpected results are printed above it;
 * - plain, elsewhere (CI logs, pipes): one line per finished obligation and per step change.
 * Both end with the slowest obligations. Colours follow FORCE_COLOR / NO_COLOR, else the terminal.
 * An unexpected result's reason is printed once per distinct cause, however many share it.
 */
import { formatMs } from '../core/duration.js';
import { printable } from '../core/errors.js';
import type { Backend } from '../core/verdict.js';
import type { Obligation } from './plan.js';
import type { ObligationResult } from './run.js';

export interface ProgressSink {
  /** The obligations that will run (the rest come from the store), before any starts. */
  plan(toRun: readonly Obligation[], total: number): void;
  started(o: Obligation): void;
  result(r: ObligationResult, done: number, total: number): void;
  /** A named step that is not an obligation; `null` ends it. */
  step(name: string, text: string | null): void;
  message(line: string): void;
  end(): void;
}

export interface ProgressOptions {
  /** `--json`: no progress at all, messages only. */
  readonly quiet: boolean;
  /** Obligations run at once (for the ETA). */
  readonly jobs: number;
  /** Expected time of an obligation, and whether it is known from a past run. */
  readonly estimate: (o: Obligation) => { readonly ms: number; readonly known: boolean };
  /** Expected time of a named step (the library build), when known. */
  readonly stepEstimate?: (name: string) => number | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => number;
  /** Redraw period of the live display. */
  readonly refreshMs?: number;
}

/** Whether to colour output: FORCE_COLOR wins (unless 0/false), then NO_COLOR, then a terminal. */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** Whether to draw the live display: a terminal, not CI, not a dumb terminal. */
export function useLive(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && env.TERM !== 'dumb' && (env.CI === undefined || env.CI === '' || env.CI === 'false' || env.CI === '0');
}

type Paint = (s: string) => string;
const sgr = (on: boolean, code: string): Paint => (on ? (s) => `\x1b[${code}m${s}\x1b[0m` : (s) => s);

function palette(on: boolean) {
  return {
    green: sgr(on, '32'),
    red: sgr(on, '31'),
    boldRed: sgr(on, '1;31'),
    yellow: sgr(on, '33'),
    magenta: sgr(on, '35'),
    cyan: sgr(on, '36'),
    dim: sgr(on, '2'),
    bold: sgr(on, '1'),
  };
}

const SLOWEST = 5;

export function createProgress(stream: NodeJS.WriteStream, opts: ProgressOptions): ProgressSink {
  const env = opts.env ?? process.env;
  if (opts.quiet) return { plan() {}, started() {}, result() {}, step() {}, message: (l) => void stream.write(`${printable(l)}\n`), end() {} };
  const now = opts.now ?? Date.now;
  const c = palette(useColour(stream, env));
  const live = useLive(stream, env);
  const t0 = now();

  const running = new Map<string, { o: Obligation; since: number }>();
  const steps = new Map<string, { text: string; since: number }>();
  const estimates = new Map<string, { ms: number; known: boolean }>();
  const pending = new Set<string>();
  const finished: ObligationResult[] = [];
  const causes = new Map<string, { first: string; more: number }>();
  let done = 0;
  let total = 0;
  let unexpected = 0;
  // Before the plan (while obligations are prepared) there is no bar to draw yet.
  let planned = false;

  const statusWord = (r: ObligationResult): string => {
    const s = r.result.outcome.status.padEnd(8);
    if (!r.expected) return c.boldRed(s);
    switch (r.result.outcome.status) {
      case 'proved':
        return c.green(s);
      case 'refuted':
        return c.magenta(s);
      case 'unknown':
        return c.yellow(s);
      case 'skipped':
        return c.dim(s);
      default:
        return c.red(s);
    }
  };
  const reasonOf = (r: ObligationResult): string => {
    const o = r.result.outcome;
    // Reasons can quote spec text: never let it move the cursor or recolour the terminal.
    return printable('reason' in o ? o.reason : o.trust);
  };
  /** The reason to print for an unexpected result: in full once per cause, then a pointer. */
  const cause = (r: ObligationResult): { text: string; repeat: boolean } => {
    const key = `${r.result.outcome.status}\u0000${reasonOf(r)}`;
    const seen = causes.get(key);
    if (seen) {
      seen.more++;
      return { text: `same cause as ${seen.first}`, repeat: true };
    }
    causes.set(key, { first: r.obligation.id, more: 0 });
    return { text: reasonOf(r), repeat: false };
  };

  // ---- the live block ----------------------------------------------------------------------
  let drawn = 0; // lines of the block on screen
  let timer: NodeJS.Timeout | undefined;
  const width = (): number => Math.max(40, (stream.columns ?? 100) - 1);
  const fit = (s: string): string => (s.length > width() ? `${s.slice(0, width() - 1)}…` : s);
  const erase = (): void => {
    if (drawn === 0) return;
    stream.write(`${drawn > 1 ? `\x1b[${drawn - 1}A` : ''}\r\x1b[J`);
    drawn = 0;
  };
  const eta = (): string => {
    const t = now();
    let work = 0;
    let longest = 0;
    let known = 0;
    let counted = 0;
    const add = (ms: number): void => {
      work += ms;
      longest = Math.max(longest, ms);
    };
    for (const id of pending) {
      const e = estimates.get(id)!;
      add(e.ms);
      counted++;
      if (e.known) known++;
    }
    for (const { o, since } of running.values()) {
      const e = estimates.get(o.id) ?? { ms: 0, known: false };
      add(Math.max(0, e.ms - (t - since)));
      counted++;
      if (e.known) known++;
    }
    for (const [name, st] of steps) {
      const ms = opts.stepEstimate?.(name);
      if (ms !== undefined) add(Math.max(0, ms - (t - st.since)));
    }
    if (counted === 0) return '';
    if (known === 0) return ' · no ETA yet (no past timings)';
    const left = Math.max(work / Math.max(1, opts.jobs), longest);
    return ` · ETA ${left < 1000 ? '< 1 s' : `~${formatMs(left)}`}${known < counted ? ` (${counted - known} without past timings)` : ''}`;
  };
  const bar = (): string => {
    const n = 24;
    const filled = total === 0 ? n : Math.round((done / total) * n);
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    const tail = `${done}/${total} ${pct}%${unexpected > 0 ? ` · ${unexpected} unexpected` : ''} · ${formatMs(now() - t0)}${eta()}`;
    const room = width() - n - 1;
    return `${c.cyan('█'.repeat(filled))}${c.dim('░'.repeat(n - filled))} ${tail.length > room ? `${tail.slice(0, room - 1)}…` : tail}`;
  };
  const draw = (): void => {
    if (!live) return;
    const t = now();
    const lines: string[] = [];
    for (const [name, st] of steps) lines.push(c.yellow(fit(`  ◆ ${name}: ${st.text} (${formatMs(t - st.since)})`)));
    const rows = [...running.values()].sort((a, b) => a.since - b.since);
    const room = Math.max(3, Math.min(8, (stream.rows ?? 24) - lines.length - 3));
    for (const { o, since } of rows.slice(0, room)) lines.push(fit(`  ▸ ${o.backend.padEnd(7)} ${o.id}  ${formatMs(t - since)}`));
    if (rows.length > room) lines.push(c.dim(`  … and ${rows.length - room} more running`));
    if (planned) lines.push(bar());
    erase();
    stream.write(lines.join('\n'));
    drawn = lines.length;
  };
  const above = (text: string): void => {
    erase();
    stream.write(`${text}\n`);
    draw();
  };
  const ensureTimer = (): void => {
    if (!live || timer) return;
    timer = setInterval(draw, opts.refreshMs ?? 250);
    timer.unref();
  };

  return {
    plan(toRun, t) {
      planned = true;
      total = t;
      for (const o of toRun) {
        estimates.set(o.id, opts.estimate(o));
        pending.add(o.id);
      }
      ensureTimer();
      draw();
    },
    started(o) {
      pending.delete(o.id);
      running.set(o.id, { o, since: now() });
      draw();
    },
    result(r, d, t) {
      done = d;
      total = t;
      pending.delete(r.obligation.id);
      running.delete(r.obligation.id);
      if (!r.cached) finished.push(r);
      if (!r.expected) unexpected++;
      const line = `${statusWord(r)} ${r.obligation.id}${r.cached ? c.dim(' (cached)') : ` (${formatMs(r.ms)})`}`;
      if (!live) {
        stream.write(`[${d}/${t}] ${line}${r.expected ? '' : c.boldRed('  UNEXPECTED')}\n`);
        if (!r.expected && r.result.outcome.status !== 'proved') stream.write(`         ${cause(r).text}\n`);
        return;
      }
      if (!r.expected) {
        const why = cause(r);
        if (!why.repeat) above(`${c.boldRed('UNEXPECTED')} ${line}: ${why.text}`);
      }
      draw();
    },
    step(name, text) {
      if (text === null) steps.delete(name);
      else {
        const prev = steps.get(name);
        if (!live && prev?.text !== text) stream.write(`${name}: ${text}\n`);
        steps.set(name, { text, since: prev?.since ?? now() });
      }
      ensureTimer();
      draw();
    },
    message(l) {
      if (live) above(printable(l));
      else stream.write(`${printable(l)}\n`);
    },
    end() {
      if (timer) clearInterval(timer);
      timer = undefined;
      erase();
      const out: string[] = [];
      for (const { first, more } of causes.values()) if (more > 0 && live) out.push(c.boldRed(`UNEXPECTED: ${more} more with the same cause as ${first}`));
      const slow = finished.filter((r) => r.ms > 0).sort((a, b) => b.ms - a.ms).slice(0, SLOWEST);
      if (slow.length > 0) {
        out.push(c.bold(`slowest obligation${slow.length === 1 ? '' : 's'}:`));
        for (const r of slow) out.push(`  ${formatMs(r.ms).padStart(12)}  ${r.obligation.id}`);
      }
      if (out.length > 0) stream.write(`${out.join('\n')}\n`);
    },
  };
}
