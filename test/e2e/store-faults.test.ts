/**
 * Faults in the results store and its caches, through the real `tc0` entry point. However the
 * store fails, every verdict is still reported; a store that could not keep a verdict makes the
 * run exit 1 and say so; a broken entry is re-checked, never trusted, never a hang.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { linkCacheFile } from '../../src/verify/link.js';

const SPECS = join(ROOT, 'test/fixtures/store-faults/specs');
const verify = (store: string, out: string) => runCli(['verify', '--specs', SPECS, '--out', out, '--store', store, '--json'], { timeoutMs: 240_000 });
const report = (stdout: string) => JSON.parse(stdout) as Report;
const shards = (store: string) => readdirSync(store).filter((d) => /^[0-9a-f]{2}$/.test(d));

// Each test runs the real CLI (one of them redoes the ts-morph link analysis): minutes on a busy machine.
describe('results store faults', { timeout: 900_000 }, () => {
  // One clean run: 2 refuted (expected) + 3 proved, exit 0; its store is the starting point below.
  const dir = tempDir();
  const clean = verify(join(dir, 'store'), join(dir, 'out'));

  it('a clean run stores every final verdict', () => {
    expect(clean.code, clean.stderr).toBe(0);
    expect(report(clean.stdout).summary).toMatchObject({ obligations: 5, refuted: 2, proved: 3, unexpected: 0 });
    expect(shards(join(dir, 'store')).length).toBeGreaterThan(0);
  });

  it('a store that fails on every write mid-run: every verdict reported, the run says so, exit 1', () => {
    // A regular file where each verdict's folder must go: the up-front check passes (the store
    // folder itself is writable), every write of a verdict then fails.
    const store = join(tempDir(), 'store');
    mkdirSync(store);
    for (const f of readdirSync(join(dir, 'store'))) if (f.startsWith('link-')) cpSync(join(dir, 'store', f), join(store, f));
    for (const d of shards(join(dir, 'store'))) writeFileSync(join(store, d), 'not a folder');
    const r = verify(store, join(tempDir(), 'out'));
    expect(r.code, r.stderr).toBe(1);
    const rep = report(r.stdout);
    expect(rep.summary).toMatchObject({ obligations: 5, refuted: 2, proved: 3, unexpected: 0 });
    expect(rep.run.notStored).toBe(5);
    expect(r.stderr).toMatch(/the results store was not updated: 5 verdicts could not be written \(.*(EEXIST|ENOTDIR)/);
  });

  it('a verdict file replaced by a folder, or a FIFO: reported as corrupt, re-checked, replaced', () => {
    const store = join(tempDir(), 'store');
    cpSync(join(dir, 'store'), store, { recursive: true });
    const [a, b] = shards(store).flatMap((d) => readdirSync(join(store, d)).map((f) => join(store, d, f)));
    rmSync(a!);
    mkdirSync(a!);
    writeFileSync(join(a!, 'inside'), 'x');
    rmSync(b!);
    execFileSync('mkfifo', [b!]);
    const r = verify(store, join(tempDir(), 'out'));
    expect(r.code, r.stderr).toBe(0);
    expect(report(r.stdout).summary).toMatchObject({ obligations: 5, cached: 3, refuted: 2, proved: 3 });
    expect(r.stderr).toMatch(/is corrupt \(not a regular file \(a folder\)\)/);
    expect(r.stderr).toMatch(/is corrupt \(not a regular file \(a special file\)\)/);
    const again = verify(store, join(tempDir(), 'out'));
    expect(report(again.stdout).summary.cached).toBe(5);
  });

  it('a link cache with valid JSON but wrong content is recomputed, not trusted', () => {
    const store = join(tempDir(), 'store');
    mkdirSync(store);
    // The store may also hold analyses of other source trees (the tests share a link cache).
    const link = basename(linkCacheFile(join(ROOT, 'src'), join(dir, 'store')).file);
    const body = JSON.parse(readFileSync(join(dir, 'store', link), 'utf8')) as { names: unknown[] };
    writeFileSync(join(store, link), JSON.stringify({ ...body, names: [{ kind: 'construction' }] }));
    const r = verify(store, join(tempDir(), 'out'));
    expect(r.code, r.stderr).toBe(0);
    expect(report(r.stdout).summary.obligations).toBe(5);
    expect(existsSync(join(store, link))).toBe(true);
    expect((JSON.parse(readFileSync(join(store, link), 'utf8')) as { names: unknown[] }).names.length).toBeGreaterThan(1);
  });
});
