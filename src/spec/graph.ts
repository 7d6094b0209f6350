import type { SpecId } from '../core/ids.js';
import type { Spec } from './types.js';

/** Specs ordered so that every spec comes after the specs it uses (the set must be acyclic). */
export function topoOrder(specs: readonly Spec[]): Spec[] {
  const byId = new Map(specs.map((s) => [s.id as string, s]));
  const done = new Set<string>();
  const out: Spec[] = [];
  const visit = (s: Spec): void => {
    if (done.has(s.id)) return;
    done.add(s.id);
    for (const u of s.uses) {
      const d = byId.get(u);
      if (d) visit(d);
    }
    out.push(s);
  };
  for (const s of specs) visit(s);
  return out;
}

/** Every spec a spec depends on, directly or through others (excluding itself). */
export function transitiveUses(spec: Spec, specs: readonly Spec[]): SpecId[] {
  const byId = new Map(specs.map((s) => [s.id as string, s]));
  const seen = new Set<SpecId>();
  const stack = [...spec.uses];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(byId.get(id)?.uses ?? []));
  }
  return [...seen].sort();
}

/**
 * The trust base of a spec: the named assumptions it and everything it uses rest on, plus the
 * specs among its dependencies that are themselves taken from the literature (`assumed`).
 */
export function trustBase(spec: Spec, specs: readonly Spec[]): { assumptions: string[]; assumedSpecs: SpecId[] } {
  const byId = new Map(specs.map((s) => [s.id as string, s]));
  const deps = transitiveUses(spec, specs).map((id) => byId.get(id)!).filter(Boolean);
  const assumptions = new Set<string>(spec.assumptions);
  for (const d of deps) for (const a of d.assumptions) assumptions.add(a);
  return { assumptions: [...assumptions].sort(), assumedSpecs: deps.filter((d) => d.assumed).map((d) => d.id) };
}
