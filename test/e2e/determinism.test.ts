/**
 * Two `--no-cache` runs give the same report.json byte for byte, apart from the timing fields
 * (`generatedAt`, `obligations[].ms`, `obligations[].timings`): verdicts, hashes, notes,
 * counterexamples, sampled inputs and the order of obligations do not depend on the moment or on
 * which job finished first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyFixture } from '../helpers/cli.js';

/** report.json with the timing fields blanked, as text (so key order counts too). */
const withoutTimings = (text: string): string =>
  text.replace(/^(\s*"generatedAt": ).*$/m, '$1"-"').replace(/^(\s*"ms": )\d+,$/gm, '$10,').replace(/("timings": )(\{[^}]*\}|null)/g, '$1null');

describe('determinism', { timeout: 900_000 }, () => {
  it('two --no-cache runs differ only in timing fields', () => {
    const runs = [0, 1].map(() => verifyFixture('determinism', ['--no-cache', '--jobs', '2', '--solvers', 'z3-wasm']));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const [a, b] = runs.map((r) => readFileSync(join(r.dir, 'reports/report.json'), 'utf8'));
    expect(a).not.toBe(b); // the timings do differ ...
    expect(withoutTimings(a!)).toBe(withoutTimings(b!)); // ... and nothing else
    const report = JSON.parse(a!) as { summary: Record<string, number>; obligations: Array<{ notes: string[]; timings: unknown }> };
    expect(report.summary).toMatchObject({ obligations: 8, refuted: 2, unexpected: 0 });
    expect(report.obligations.some((o) => o.timings !== null)).toBe(true);
    for (const o of report.obligations) for (const n of o.notes) expect(n).not.toMatch(/\d+ ms/);
  });
});
