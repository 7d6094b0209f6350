/**
 * The paper view's "for every n" (issue 14 item 6): a theorem about a spec with sizes n says
 * "for every n (Lean)", a conditional one says that it holds if exactly the listed hypotheses
 * do, and the view counts which of the paper's claims are theorems for all parameters (proved or
 * conditional), not findings, sanity checks or instance-checked specs.
 */
import { describe, expect, it } from 'vitest';
import type { SpecEntry } from '../../src/report/model.js';
import { type DisplayStatus, forAllText, paperClaimsForAll } from '../../src/report/html.js';

const spec = (id: string, role: SpecEntry['role'], paperItem: string | null, parameters: string[], assumptions = 0): SpecEntry =>
  ({ id, role, paperItem, parameters, conditions: Array.from({ length: assumptions }, (_, i) => ({ id: `a${i}`, kind: 'assumption', status: 'literature' })) }) as unknown as SpecEntry;

describe('theorems for every n in the paper view', () => {
  it('says "for every n" when the spec is about sizes n', () => {
    expect(forAllText(spec('thm.x', 'main-theorem', 'main theorem', ['n', 'd', 'p', 'm']))).toBe('for every n (Lean)');
    expect(forAllText(spec('lean.compose', 'lemma', null, []))).toBe('for all parameters (Lean)');
  });

  it("counts the paper's claims that are theorems for all parameters, with their hypotheses", () => {
    const specs = [
      spec('thm.ta-in-tc0', 'main-theorem', 'main theorem', ['n'], 6),
      spec('thm.ta-cannot-fm', 'main-theorem', 'main theorem', ['n'], 4),
      spec('ta.layer', 'lemma', 'L-A1(3)', ['n']),
      spec('int.add', 'lemma', 'L-T1', ['p']),
      spec('lean.arch', 'lemma', null, []),
      spec('finding.x', 'finding', 'L-B2', ['n']),
      spec('sanity.x', 'sanity', null, []),
    ];
    const status = new Map<string, DisplayStatus>([
      ['thm.ta-in-tc0', 'conditional'],
      ['thm.ta-cannot-fm', 'conditional'],
      ['ta.layer', 'instances'],
      ['int.add', 'proved'],
      ['lean.arch', 'proved'],
      ['finding.x', 'finding'],
      ['sanity.x', 'sanity'],
    ]);
    const r = paperClaimsForAll(specs, status);
    expect(r.claims).toBe(4);
    expect(r.theorems.map((t) => t.id)).toEqual(['thm.ta-cannot-fm', 'thm.ta-in-tc0', 'int.add']);
    expect(r.theorems.find((t) => t.id === 'thm.ta-in-tc0')).toEqual({ id: 'thm.ta-in-tc0', status: 'conditional', conditions: 6 });
    // Instance checks are not "for all parameters", however many there are.
    status.set('thm.ta-in-tc0', 'instances');
    expect(paperClaimsForAll(specs, status).theorems.map((t) => t.id)).not.toContain('thm.ta-in-tc0');
  });
});
