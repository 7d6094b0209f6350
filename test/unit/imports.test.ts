/**
 * The import directions of docs/design.md ("Layout"), enforced: each folder may import only the
 * folders listed for it; "types" means `import type` only.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

type Rule = { readonly values: readonly string[]; readonly types: readonly string[] };
const RULES: Readonly<Record<string, Rule>> = {
  core: { values: [], types: [] },
  spec: { values: ['core'], types: [] },
  circuit: { values: ['core'], types: [] },
  model: { values: ['core', 'circuit'], types: [] },
  program: { values: ['core', 'spec', 'circuit', 'model'], types: [] },
  'gen/lean': { values: ['core', 'circuit', 'program'], types: ['spec'] },
  'gen/smt': { values: ['core', 'circuit'], types: ['spec'] },
  backend: { values: ['core'], types: [] },
  verify: { values: ['core', 'spec', 'circuit', 'model', 'program', 'gen/lean', 'gen/smt', 'backend'], types: [] },
  report: { values: ['core'], types: ['verify', 'spec'] },
  // The command line's helpers, like cli.ts, may use everything; nothing imports them but cli.ts.
  cli: { values: ['core', 'spec', 'circuit', 'model', 'gen/lean', 'gen/smt', 'backend', 'verify', 'report'], types: [] },
};

const SRC = join(ROOT, 'src');
const areaOf = (file: string): string => {
  const rel = relative(SRC, file).split('/');
  if (rel.length === 1) return rel[0]!; // cli.ts
  return rel[0] === 'gen' ? `gen/${rel[1]}` : rel[0]!;
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|mjs)$/.test(n) ? [p] : [];
  });
}

/** Every relative import of a file with whether it is type-only. */
function imports(file: string): Array<{ target: string; typeOnly: boolean }> {
  const text = readFileSync(file, 'utf8');
  const out: Array<{ target: string; typeOnly: boolean }> = [];
  const re = /(?:^|\n)\s*(import|export)(\s+type)?[^'";]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g;
  for (let m; (m = re.exec(text)); ) {
    const spec = m[3] ?? m[4]!;
    out.push({ target: resolve(dirname(file), spec), typeOnly: m[2] !== undefined });
  }
  return out;
}

describe('import directions (docs/design.md)', () => {
  it('every src folder imports only what it may', () => {
    const violations: string[] = [];
    for (const f of files(SRC)) {
      const from = areaOf(f);
      if (from === 'cli.ts') continue;
      const rule = RULES[from];
      expect(rule, `no rule for ${from}`).toBeDefined();
      for (const { target, typeOnly } of imports(f)) {
        const to = areaOf(target);
        if (to === from) continue;
        const ok = rule!.values.includes(to) || (typeOnly && rule!.types.includes(to));
        if (!ok) violations.push(`${relative(ROOT, f)} imports ${relative(ROOT, target)} (${from} -> ${to}${typeOnly ? ', type-only' : ''})`);
      }
    }
    expect(violations).toEqual([]);
  });
  it('the checker itself sees imports', () => {
    expect(imports(join(SRC, 'verify/run.ts')).length).toBeGreaterThan(3);
  });
});
