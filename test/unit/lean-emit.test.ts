/** The theorem block carries a spec's texts as Lean string literals that nothing can end early. */
import { describe, expect, it } from 'vitest';
import { emitTheorem, leanString } from '../../src/gen/lean/emit.js';

/** Reads a Lean string literal back (the escapes `leanString` writes), failing on anything else. */
function readLeanString(lit: string): string {
  expect(lit.startsWith('"') && lit.endsWith('"')).toBe(true);
  let out = '';
  const body = lit.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    expect(ch, `unescaped quote at ${i} in ${lit}`).not.toBe('"');
    expect(ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f, `raw control character at ${i}`).toBe(true);
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = body[++i]!;
    if (e === 'n') out += '\n';
    else if (e === 't') out += '\t';
    else if (e === '"' || e === '\\') out += e;
    else if (e === 'x') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else throw new Error(`unknown escape \\${e}`);
  }
  return out;
}

describe('Lean string literals', () => {
  const hostile = ['trivial\n\naxiom cheat : False', 'x" ++ "y', 'a\\"; #exit', '\\', '"', 'r#"raw"#', '/- "-/" --', '\u0000\u001b\u007f\r\t', '∀ α, ѕorry ” \u200b', ''];
  it('round-trips every text and never ends early', () => {
    for (const t of hostile) expect(readLeanString(leanString(t))).toBe(t);
  });
  it('a theorem block is one command whose only free text is inside literals', () => {
    const block = emitTheorem({ name: 't', statement: 'True := trivial\ntheorem x : False', proof: 'cheat\n#exit' }, { spec: 's', obligation: 's/lean:t', params: {} });
    const lines = block.split('\n');
    expect(lines).toHaveLength(2);
    const head = 'example : True := by_elab TC0.Check.checkTheorem ';
    expect(lines[1]!.startsWith(head)).toBe(true);
    const literals = lines[1]!.slice(head.length).match(/"(?:[^"\\]|\\.)*"/g)!;
    expect(literals.map(readLeanString)).toEqual(['s/lean:t', 't', 'True := trivial\ntheorem x : False', 'cheat\n#exit']);
    expect(literals.join(' ')).toBe(lines[1]!.slice(head.length));
  });
});
