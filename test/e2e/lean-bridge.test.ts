/**
 * The bridge for real (slow: one Lean process, plus the library build where it is not built yet;
 * run it under `/work/tools/with-lean 1` or the like): the bridge block of a transformer at
 * n = 1, generated from its TypeScript family, is proved by the checker; the same block with one
 * multiplication more in the family (what a change on either side that breaks the
 * correspondence amounts to) is an error, never proved.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../src/program/ast.js';
import { buildLibrary, checkLeanFile, detectLean, readLibrary } from '../../src/backend/lean.js';
import { LIBRARY_ROOT, assemble, blockNamespace, parseChecker, verdictTag } from '../../src/gen/lean/emit.js';
import { bridgeBlock, bridgeData } from '../../src/gen/lean/bridge.js';
import { loadSpecs } from '../../src/spec/load.js';
import { knownNames } from '../../src/verify/session.js';
import { ROOT } from '../helpers/cli.js';

const lean = await detectLean();

describe.skipIf(!lean.ok)('the bridge, checked by Lean', () => {
  it("proves the family's numbers for softmax-transformer at n = 1 and refuses one multiplication more", async () => {
    if (!lean.ok) return;
    const tc = lean.toolchain;
    const dir = join(ROOT, 'lean');
    const modules = readLibrary(dir, LIBRARY_ROOT).filter((m) => m.name !== LIBRARY_ROOT);
    const lib = await buildLibrary(tc, modules, 1, 1_500_000);
    expect(lib.ok, lib.problems.join('; ')).toBe(true);
    const set = loadSpecs(join(ROOT, 'specs'), knownNames(), ROOT);
    const bundle = set.architectures.get('softmax-transformer')!.bundle as Bundle;
    const data = bridgeData(bundle, { n: 1, d: 1, m: 1 });
    const shapes = data.family.shapes.map((s) => (s.op === 'mul' ? { ...s, count: s.count + 1 } : s));
    const good = 'e2e/lean:bridge/n=1';
    const bad = 'e2e/lean:bridge/n=1/one-more-mul';
    const file = assemble(
      [bridgeBlock(data, good, blockNamespace(good), 'softmax-transformer'), bridgeBlock({ ...data, family: { ...data.family, shapes } }, bad, blockNamespace(bad), 'softmax-transformer, perturbed')],
      'bridge e2e',
      modules.map((m) => m.name),
      parseChecker(readFileSync(join(dir, 'Checker.lean'), 'utf8')),
    );
    const run = await checkLeanFile(tc, 'Bridge', file.text, lib.oleanDir, 1_500_000);
    const verdict = (id: string): string | undefined => run.messages.find((m) => m.text.startsWith(`${verdictTag(id)}\n`))?.text.split('\n')[1];
    expect(verdict(good), run.messages.map((m) => m.text).join('\n')).toBe('proved');
    expect(verdict(bad)).toBe('error');
    // Lean's own complaint sits in the perturbed block: its tally does not evaluate to true.
    const [s, e] = file.ranges[1]!;
    expect(run.messages.some((m) => m.severity === 'error' && m.line >= s && m.line <= e && !m.text.startsWith(verdictTag(bad)))).toBe(true);
  }, 1_800_000);
});
