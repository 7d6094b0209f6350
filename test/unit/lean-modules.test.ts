/**
 * Library builds reuse every module that compiled, in later and concurrent builds (with a
 * stand-in for Lean that logs what it compiles: test/fixtures/fake-lean/lean.mjs).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LeanModule, type LeanToolchain, buildLibrary } from '../../src/backend/lean.js';
import { ROOT, tempDir } from '../helpers/cli.js';

const FAKE: LeanToolchain = { kind: 'native', command: [process.execPath, join(ROOT, 'test/fixtures/fake-lean/lean.mjs')], stdlib: [], version: 'fake 1', checker: { name: 'fake-lean', version: '1' }, notes: [] };
const mod = (name: string, source: string, imports: string[] = []): LeanModule => ({ name, file: `${name}.lean`, source, imports });

let log: string;
const compiled = (): string[] => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : []);
const saved = { staging: process.env.TC0_LEAN_STAGING, log: process.env.FAKE_LEAN_LOG };

beforeEach(() => {
  const dir = tempDir();
  process.env.TC0_LEAN_STAGING = join(dir, 'staging');
  log = join(dir, 'compiled.log');
  process.env.FAKE_LEAN_LOG = log;
});
afterEach(() => {
  for (const [k, v] of [['TC0_LEAN_STAGING', saved.staging], ['FAKE_LEAN_LOG', saved.log]] as const)
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
});

describe('library builds, module by module', { timeout: 120_000 }, () => {
  const a = mod('L.A', 'a');
  const b = mod('L.B', 'b', ['L.A']);
  const c = mod('L.C', 'c', ['L.B']);

  it('a changed module is compiled again with what imports it, nothing else', async () => {
    const first = await buildLibrary(FAKE, [a, b, c], 2, 60_000);
    expect(first.ok, first.problems.join('; ')).toBe(true);
    expect(compiled()).toEqual(['L/A.lean', 'L/B.lean', 'L/C.lean']);
    expect(readFileSync(join(first.oleanDir, 'L/C.olean'), 'utf8')).toContain('c');
    const again = await buildLibrary(FAKE, [a, mod('L.B', 'b changed', ['L.A']), c], 2, 60_000);
    expect(again.ok).toBe(true);
    expect(again.oleanDir).not.toBe(first.oleanDir);
    expect(compiled()).toEqual(['L/A.lean', 'L/B.lean', 'L/C.lean', 'L/B.lean', 'L/C.lean']);
    // The reused module is in the new library folder too.
    expect(readFileSync(join(again.oleanDir, 'L/A.olean'), 'utf8')).toContain('a');
    expect(existsSync(join(again.oleanDir, 'L/A.ilean'))).toBe(true);
  });

  it('a build that fails keeps the modules that compiled; the next one resumes after them', async () => {
    const failed = await buildLibrary(FAKE, [a, mod('L.B', 'b FAIL', ['L.A'])], 2, 60_000);
    expect(failed.ok).toBe(false);
    expect(failed.problems.join('; ')).toMatch(/fake failure/);
    const fixed = await buildLibrary(FAKE, [a, b], 2, 60_000);
    expect(fixed.ok).toBe(true);
    expect(compiled()).toEqual(['L/A.lean', 'L/B.lean', 'L/B.lean']);
  });

  it('two concurrent builds compile each module once', async () => {
    const slow = [mod('L.A', 'a SLOW'), mod('L.B', 'b SLOW', ['L.A'])];
    const [x, y] = await Promise.all([buildLibrary(FAKE, slow, 2, 60_000), buildLibrary(FAKE, slow, 2, 60_000)]);
    expect(x.ok && y.ok).toBe(true);
    expect(compiled().sort()).toEqual(['L/A.lean', 'L/B.lean']);
  });

  it('folders left by a process that is gone are removed; a stale lock is taken over', async () => {
    const root = process.env.TC0_LEAN_STAGING!;
    mkdirSync(join(root, 'build-abc123-999999999'), { recursive: true });
    mkdirSync(join(root, 'check-999999999-abc123'), { recursive: true });
    const build = await buildLibrary(FAKE, [a], 1, 60_000);
    expect(build.ok).toBe(true);
    expect(existsSync(join(root, 'build-abc123-999999999'))).toBe(false);
    expect(existsSync(join(root, 'check-999999999-abc123'))).toBe(false);
    // A lock held by a dead process does not block the next build of a changed module.
    const changed = mod('L.A', 'a2');
    const keyDir = join(root, 'modules-native');
    mkdirSync(keyDir, { recursive: true });
    const { moduleKeys } = await import('../../src/backend/lean-modules.js');
    const lock = join(keyDir, `${moduleKeys(FAKE.version, [changed]).get('L.A')}.lock`);
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), '999999999');
    const next = await buildLibrary(FAKE, [changed], 1, 60_000);
    expect(next.ok).toBe(true);
    expect(existsSync(lock)).toBe(false);
  });
});
