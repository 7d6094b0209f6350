/**
 * Progress output: a single self-updating line on a terminal, one plain line per finished
 * obligation elsewhere (CI logs). Unexpected results are always printed in full.
 */
import { printable } from '../core/errors.js';
import type { ObligationResult } from './run.js';

export interface ProgressSink {
  result(r: ObligationResult, done: number, total: number): void;
  message(line: string): void;
  end(): void;
}

const fmt = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

export function createProgress(stream: NodeJS.WriteStream, quiet: boolean): ProgressSink {
  if (quiet) return { result: () => {}, message: (l) => void process.stderr.write(`${printable(l)}\n`), end: () => {} };
  const tty = stream.isTTY === true;
  let live = false;
  const clear = (): void => {
    if (live) stream.write('\r\x1b[2K');
    live = false;
  };
  return {
    result(r, done, total) {
      const o = r.result.outcome;
      const line = `${o.status.padEnd(8)} ${r.obligation.id}${r.cached ? ' (cached)' : ` (${fmt(r.ms)})`}`;
      if (!tty) {
        stream.write(`[${done}/${total}] ${line}${r.expected ? '' : '  UNEXPECTED'}\n`);
        if (!r.expected && o.status !== 'proved') stream.write(`         ${printable('reason' in o ? o.reason : o.trust)}\n`);
        return;
      }
      clear();
      if (!r.expected) stream.write(`UNEXPECTED ${line}: ${printable('reason' in o ? o.reason : o.trust)}\n`);
      const width = Math.max(20, (stream.columns ?? 100) - 1);
      stream.write(`[${done}/${total}] ${line}`.slice(0, width));
      live = true;
    },
    message(l) {
      clear();
      stream.write(`${printable(l)}\n`);
    },
    end() {
      clear();
    },
  };
}
