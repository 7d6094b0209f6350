/**
 * The attack corpus (test/fixtures/lean-attacks): hostile theorem specs, one per technique, that
 * try to get a false or unchecked statement reported as proved. All of them are checked in one
 * Lean process (--jobs 1), which the checker keeps apart; each must come out `error` with a
 * reason that names what was found. The two honest specs beside them (a helper theorem and a
 * generated instance that hostile proofs try to use) are proved.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { detectLean } from '../../src/backend/lean.js';
import { verifyFixture } from '../helpers/cli.js';

const lean = await detectLean();

/** What each attack's reason must mention (a person reading it learns what was refused). */
const REASONS: Record<string, RegExp> = {
  'close-statement': /statement: not a single Lean term/,
  'close-proof': /proof: not a single Lean term/,
  'end-namespace': /proof: not a single Lean term/,
  'exit-command': /proof: not a single Lean term/,
  'set-option-command': /proof: not a single Lean term/,
  'set-option-tactic': /set_option/,
  'set-option-term': /set_option/,
  'sorry-in-string': /sorryAx/,
  'raw-string': /sorryAx/,
  'comment-in-string': /sorryAx/,
  'sorry-ax-dotted': /sorryAx/,
  'native-decide': /native_decide/,
  'decide-native': /native/,
  'decide-native-config': /configuration value|native/,
  'of-reduce-bool': /Lean\.ofReduceBool \(native evaluation/,
  'trust-compiler': /Lean\.trustCompiler \(native evaluation/,
  'kernel-off-decide': /set_option/,
  'instance-injection': /proof: not a single Lean term/,
  'notation-injection': /proof: not a single Lean term/,
  'variable-include': /proof: not a single Lean term/,
  'scoped-injection': /proof: not a single Lean term/,
  'guard-msgs': /proof: not a single Lean term/,
  'unicode-sorry': /proof/,
  'unicode-quote': /proof: not a single Lean term/,
  'unsafe-term': /unsafe/,
  'by-elab': /by_elab.*runs meta code/,
  'run-tac': /run_tac.*runs meta code/,
  'partial-def': /proof: not a single Lean term/,
  'opaque-def': /proof: not a single Lean term/,
  'malformed-statement': /statement: not a single Lean term/,
  'not-a-prop': /statement: it is not a proposition/,
  'forged-verdict': /sorryAx/,
  'false-decide': /decide/,
  'universe-statement': /universe/,
  'instance-constant': /declared in the checked file outside this check/,
  'uses-helper': /Unknown (identifier|constant)/i,
  'unsafe-cast': /unsafe/,
  'checker-constant': /declared in the checked file outside this check/,
  'unterminated-comment': /statement: not a single Lean term/,
  'nul-in-text': /proof: not a single Lean term/,
};

describe.skipIf(!lean.ok)('lean attack corpus', () => {
  it('every hostile theorem spec is an error with a reason; the honest ones are proved', () => {
    // A cold library build alone takes minutes on a busy machine.
    const r = verifyFixture('lean-attacks', ['--jobs', '1'], { timeoutMs: 1_500_000 });
    expect(r.code, r.stderr).not.toBe(-1);
    const report = JSON.parse(r.stdout) as Report;
    const byId = new Map(report.obligations.map((o) => [o.id, o]));
    for (const [attack, reason] of Object.entries(REASONS)) {
      const o = byId.get(`attack.${attack}/lean:t`);
      expect(o, attack).toBeDefined();
      expect(o!.status, `${attack}: ${o!.trust}`).toBe('error');
      expect(o!.trust, attack).toMatch(reason);
    }
    const attacks = report.obligations.filter((o) => !['attack.helper', 'attack.instance'].includes(o.spec));
    expect(attacks.length).toBe(Object.keys(REASONS).length);
    expect(byId.get('attack.helper/lean:t')?.status).toBe('proved');
    expect(byId.get('attack.helper/lean:t')?.trust).toMatch(/axioms used: none/);
    const inst = byId.get('attack.instance/lean/p=1')!;
    expect(inst.status, inst.trust).toBe('proved');
    expect(existsSync('/tmp/tc0-attack-by-elab')).toBe(false);
    // The artifact of an obligation is exactly what was checked for it: one call of the checker, the texts as literals.
    const artifact = readFileSync(join(r.dir, 'reports', 'artifacts', 'lean', 'attack_close_proof_lean_t.lean'), 'utf8');
    expect(artifact).toContain('example : True := by_elab TC0.Check.checkTheorem "attack.close-proof/lean:t" "t" "(2 : Nat) + 2 = 5" "cheat.elim\\n\\naxiom cheat : False"');
    expect(artifact).not.toMatch(/^axiom/m);
    expect(r.code).toBe(1);
  }, 1_800_000);
});
