/** The z3 backend for real (the z3-solver Wasm build), through the CLI. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { CONSTRUCTIONS } from '../../src/circuit/registry.js';
import { evaluatePorts } from '../../src/circuit/evaluate.js';
import { verifyFixture } from '../helpers/cli.js';

describe('z3 backend', () => {
  it('proves the adder, refutes the mutant with a counterexample the model reproduces, routes auto by size', () => {
    const r = verifyFixture('z3', ['--solvers', 'z3-wasm']);
    const report = JSON.parse(r.stdout) as Report;
    const byId = new Map(report.obligations.map((o) => [o.id, o]));
    for (const p of [16, 32]) {
      const o = byId.get(`z3.add/z3/p=${p}`)!;
      expect(o.status, o.trust).toBe('proved');
      expect(o.checker).toMatch(/^z3-wasm z3-solver \d+\.\d+\.\d+$/);
      expect(o.artifact).toMatch(/^artifacts\/smt\/.*\.smt2$/);
      const smt = readFileSync(join(r.dir, 'reports', o.artifact!), 'utf8');
      expect(smt).toContain('(check-sat)');
    }
    expect(byId.get('z3.add/model/p=4')?.route).toMatch(/8 input bits <= exhaustive budget 24/);
    expect(byId.get('z3.add/z3/p=20')?.status).toBe('proved');
    const wrong = byId.get('z3.wrong-add/z3/p=16')!;
    expect(wrong.status, `${wrong.trust} ${wrong.notes.join(' | ')}`).toBe('refuted');
    expect(wrong.expected).toBe(false);
    const cex = wrong.counterexample!;
    const a = BigInt(cex.inputs.a!.value);
    const b = BigInt(cex.inputs.b!.value);
    expect(BigInt(cex.model!.sum!.value)).toBe(a + b);
    const mutant = CONSTRUCTIONS.get('mutant.add-threshold-off')!.build({ p: 16 });
    const [out] = evaluatePorts(mutant, [a, b]);
    expect(out).toBe(BigInt(cex.circuit!.sum!.value));
    expect(out).not.toBe(a + b);
    const fm = byId.get('z3.float-mul/z3/p=4')!;
    expect(fm.status, fm.trust).toBe('proved');
    expect(readFileSync(join(r.dir, 'reports', fm.artifact!), 'utf8')).toContain('(_ to_fp');
    expect(report.tools.z3).toMatch(/z3-wasm/);
    expect(r.code).toBe(1);
    expect(existsSync(join(r.dir, 'reports/report.md'))).toBe(true);
  });
});
