/**
 * Fixture scenarios through the real `tc0` entry point: a folder of specs in, a summary out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { CONSTRUCTIONS } from '../../src/circuit/registry.js';
import { evaluatePorts } from '../../src/circuit/evaluate.js';
import { runCli, verifyFixture } from '../helpers/cli.js';

const summaryOf = (stdout: string) => (JSON.parse(stdout) as Report).summary;

describe('tc0 verify on fixtures', () => {
  it('a folder with one invalid spec: exit 2, file and line named, nothing checked', () => {
    const r = verifyFixture('single-invalid');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/test\/fixtures\/single-invalid\/specs\/bad\.yaml:10:5: checks\.0\.backend: /);
    expect(r.stderr).toMatch(/Nothing was checked/);
    expect(r.stdout).toBe('');
  });

  it('the broken folder: exit 2 with every file named', () => {
    const r = verifyFixture('broken');
    expect(r.code).toBe(2);
    for (const f of ['01-yaml-syntax', '03-unknown-field', '07-cycle', '10-out-of-range', '16-missing-param']) expect(r.stderr).toContain(`${f}.yaml:`);
  });

  it('a wrong construction is refuted with a counterexample that reproduces by hand', () => {
    const r = verifyFixture('wrong-construction');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.summary).toMatchObject({ obligations: 1, refuted: 1, unexpected: 1 });
    const o = report.obligations[0]!;
    expect(o.status).toBe('refuted');
    const cex = o.counterexample!;
    const a = BigInt(cex.inputs.a!.value);
    const b = BigInt(cex.inputs.b!.value);
    // By hand: the model's answer is a + b, the circuit's is something else ...
    expect(BigInt(cex.model!.sum!.value)).toBe(a + b);
    expect(BigInt(cex.circuit!.sum!.value)).not.toBe(a + b);
    // ... and evaluating the construction gate by gate on these inputs gives the reported output.
    const circuit = CONSTRUCTIONS.get('mutant.add-threshold-off')!.build({ p: 3 });
    expect(evaluatePorts(circuit, [a, b])).toEqual([BigInt(cex.circuit!.sum!.value)]);
    expect(cex.inputs.a!.bits).toHaveLength(3);
    const md = readFileSync(join(r.dir, 'reports/report.md'), 'utf8');
    expect(md).toContain('### Counterexample: wrong.add/model/p=3');
  });

  it('a construction or model that throws gives errors there and the rest is still checked', () => {
    const r = verifyFixture('throwing');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    const status = (id: string) => report.obligations.find((o) => o.id === id)?.status;
    expect(status('throwing.construction/model/p=1')).toBe('proved');
    expect(status('throwing.construction/model/p=2')).toBe('error');
    expect(report.obligations.find((o) => o.id === 'throwing.construction/model/p=3')?.trust).toMatch(/refusing p = 3/);
    expect(status('throwing.model/model/p=2')).toBe('error');
    expect(report.specs.find((s) => s.id === 'throwing.good')?.status).toBe('instances');
    expect(report.summary).toMatchObject({ proved: 4, error: 3, unexpected: 3 });
  });

  it('a runaway construction is stopped at the time limit', () => {
    const r = verifyFixture('loops', ['--timeout', '2']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.obligations.map((o) => o.status)).toEqual(['timeout']);
  });

  it('usage errors exit 2', () => {
    expect(runCli(['verify', '--backend', 'coq']).code).toBe(2);
    expect(runCli(['verify', '--jobs', '0']).code).toBe(2);
    expect(runCli(['verify', '--bogus']).code).toBe(2);
    expect(runCli(['frobnicate']).code).toBe(2);
    expect(runCli(['--help']).code).toBe(0);
  });

  it('a second run answers everything from the store; --ci fails on a miss', () => {
    const first = verifyFixture('throwing');
    const second = runCliIn(first.dir, 'throwing', []);
    expect(summaryOf(second.stdout)).toMatchObject({ cached: 4, proved: 4 });
    const ci = runCliIn(first.dir, 'wrong-construction', ['--ci']);
    expect(ci.code).toBe(1);
    expect((JSON.parse(ci.stdout) as Report).obligations[0]!.trust).toMatch(/--ci: no stored verdict/);
  });
});

function runCliIn(dir: string, fixture: string, extra: readonly string[]) {
  return runCli(['verify', '--specs', join('test/fixtures', fixture, 'specs'), '--out', join(dir, 'reports'), '--store', join(dir, 'store'), '--json', ...extra]);
}
