/**
 * The lean backend for real (slow: one Lean process, plus the library build on a machine that
 * has not built it yet). A sorry, by token or by sorryAx, or a false claim is an error, never
 * proved; a proved obligation's trust text names the axioms the audit found.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { detectLean } from '../../src/backend/lean.js';
import { verifyFixture } from '../helpers/cli.js';

const lean = await detectLean();

describe.skipIf(!lean.ok)('lean backend', () => {
  it('proves an instance and a library theorem; sorry and false claims are errors', () => {
    // A cold library build alone takes minutes on a busy machine.
    const r = verifyFixture('lean', ['--jobs', '1'], { timeoutMs: 1_500_000 });
    expect(r.code, r.stderr).not.toBe(-1);
    const report = JSON.parse(r.stdout) as Report;
    const status = (id: string) => report.obligations.find((o) => o.id === id);
    const inst = status('leanfix.add/lean/p=1')!;
    expect(inst.status, inst.trust).toBe('proved');
    expect(inst.checker).toMatch(/lean/);
    expect(inst.trust).toMatch(/axioms used: (none|[\w., ]+); \d+ constants of Lean's library taken as shipped .*; audited: /);
    expect(status('leanfix.theorems/lean:size_ok')?.status).toBe('proved');
    const hidden = status('leanfix.theorems/lean:hidden_sorry')!;
    expect(hidden.status).toBe('error');
    expect(hidden.trust).toMatch(/sorryAx/);
    const plain = status('leanfix.theorems/lean:plain_sorry')!;
    expect(plain.status).toBe('error');
    expect(plain.trust).toMatch(/sorryAx/);
    expect(status('leanfix.theorems/lean:false_claim')?.status).toBe('error');
    expect(report.summary.proved).toBe(2);
    expect(r.code).toBe(1);
  }, 1_800_000);
});
