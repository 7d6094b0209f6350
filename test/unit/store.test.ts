import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultStore } from '../../src/verify/store.js';
import { tempDir } from '../helpers/cli.js';
import type { CheckResult } from '../../src/core/verdict.js';

const proved: CheckResult = { outcome: { status: 'proved', checker: { name: 't', version: '1' }, trust: 'test' } };
const entry = (result: CheckResult) => ({ obligation: 'x/model/p=1', result, ms: 3, at: '2026-01-01T00:00:00Z' });
const H = 'ab'.repeat(32);

describe('results store', () => {
  it('returns what it stored, and only final verdicts are stored', () => {
    const s = new ResultStore(tempDir(), 'read-write');
    expect(s.get(H).kind).toBe('miss');
    expect(s.put(H, entry(proved))).toBe(true);
    const hit = s.get(H);
    expect(hit.kind === 'hit' && hit.entry.result.outcome.status).toBe('proved');
    expect(s.put('cd'.repeat(32), entry({ outcome: { status: 'timeout', checker: null, reason: 'slow' } }))).toBe(false);
    expect(s.put('ef'.repeat(32), entry({ outcome: { status: 'error', checker: null, reason: 'boom' } }))).toBe(false);
    expect(s.put('0a'.repeat(32), entry({ outcome: { status: 'unknown', checker: null, reason: 'solver' } }))).toBe(false);
    expect(s.put('0b'.repeat(32), entry({ outcome: { status: 'unknown', checker: null, reason: 'sampled', sampled: 9 } }))).toBe(true);
  });
  it('detects truncated and edited files, discards them and keeps the others', () => {
    const dir = tempDir();
    const s = new ResultStore(dir, 'read-write');
    const other = 'cd'.repeat(32);
    s.put(H, entry(proved));
    s.put(other, entry(proved));
    const file = join(dir, 'ab', `${H}.json`);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, text.length / 2));
    const bad = s.get(H);
    expect(bad.kind).toBe('corrupt');
    expect(bad.kind === 'corrupt' && bad.reason).toMatch(/truncated/);
    expect(readdirSync(join(dir, 'ab'))).toEqual([]);
    s.put(H, entry(proved));
    writeFileSync(file, readFileSync(file, 'utf8').replace('"proved"', '"refuted"'));
    const edited = s.get(H);
    expect(edited.kind === 'corrupt' && edited.reason).toMatch(/checksum/);
    expect(s.get(other).kind).toBe('hit');
  });
  it('never throws: an entry that is a folder is corrupt; a failing write is counted and reported', () => {
    const dir = tempDir();
    const s = new ResultStore(dir, 'read-write');
    mkdirSync(join(dir, 'ab', `${H}.json`), { recursive: true });
    const got = s.get(H);
    expect(got.kind === 'corrupt' && got.reason).toMatch(/not a regular file \(a folder\)/);
    expect(s.put(H, entry(proved))).toBe(true);
    rmSync(join(dir, 'cd'), { recursive: true, force: true });
    writeFileSync(join(dir, 'cd'), 'a file where a folder should be');
    expect(s.put('cd'.repeat(32), entry(proved))).toBe(false);
    expect(s.writeFailures).toBe(1);
    expect(s.firstWriteFailure).toMatch(/EEXIST|ENOTDIR/);
    expect(new ResultStore(join(dir, 'cd', 'x'), 'read-write').problem()).toMatch(/cannot/);
    expect(new ResultStore(join(dir, 'cd'), 'read-only').problem()).toMatch(/not a folder/);
    expect(new ResultStore(join(dir, 'missing'), 'read-only').problem()).toBeUndefined();
  });
  it('never writes in read-only mode and ignores everything when off', () => {
    const dir = tempDir();
    expect(new ResultStore(dir, 'read-only').put(H, entry(proved))).toBe(false);
    new ResultStore(dir, 'read-write').put(H, entry(proved));
    expect(new ResultStore(dir, 'read-only').get(H).kind).toBe('hit');
    expect(new ResultStore(dir, 'off').get(H).kind).toBe('miss');
  });
});
