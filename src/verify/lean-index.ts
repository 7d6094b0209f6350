/**
 * An index of the hand-written Lean library's declarations (name, kind, file, line, signature,
 * docstring), read off the source text, so that the report can link every library name a
 * theorem's statement or proof mentions to where it is defined. It is for reading only: what
 * Lean accepted is decided by the checker, never by this index.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface LeanDecl {
  /** Full name, namespaces included (`TC0.tc0_closed`). */
  readonly name: string;
  readonly kind: string;
  /** Path relative to the project root (`lean/TC0/Complexity.lean`). */
  readonly file: string;
  readonly line: number;
  /** The declaration's head, up to `:=` or `where` (at most a few lines). */
  readonly signature: string;
  readonly doc?: string;
}

const DECL = /^(?:@\[[^\]]*\]\s*)?(?:(?:private|protected|noncomputable|public|partial|unsafe)\s+)*(theorem|lemma|def|abbrev|structure|inductive|class|instance)\s+([^\s:({[]+)/;

/** Declarations of one Lean source text (pure). */
export function leanDeclarations(file: string, text: string): LeanDecl[] {
  const lines = text.split('\n');
  const spaces: string[] = [];
  const out: LeanDecl[] = [];
  let doc: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const ns = /^namespace\s+([\w.]+)/.exec(l);
    if (ns) spaces.push(ns[1]!);
    const end = /^end\s+([\w.]+)/.exec(l);
    if (end && spaces[spaces.length - 1] === end[1]) spaces.pop();
    if (/^\s*\/--/.test(l)) {
      const start = i;
      while (i < lines.length && !lines[i]!.includes('-/')) i++;
      doc = lines.slice(start, i + 1).join(' ').replace(/^\s*\/--\s*/, '').replace(/\s*-\/.*$/, '').replace(/\s+/g, ' ').trim();
      continue;
    }
    const m = DECL.exec(l);
    if (m) {
      const head: string[] = [];
      for (let j = i; j < Math.min(lines.length, i + 6); j++) {
        const cut = lines[j]!.search(/:=|\bwhere\b/);
        head.push(cut >= 0 ? lines[j]!.slice(0, cut) : lines[j]!);
        if (cut >= 0) break;
      }
      const local = m[2]!;
      const name = local.startsWith('_root_.') ? local.slice(7) : [...spaces, local].join('.');
      out.push({ name, kind: m[1]!, file, line: i + 1, signature: head.join('\n').trimEnd(), ...(doc ? { doc } : {}) });
    }
    if (l.trim() !== '') doc = undefined;
  }
  return out;
}

/** Every declaration of the `.lean` files under `dir`, paths relative to `root`. */
export function indexLeanLibrary(dir: string, root: string): LeanDecl[] {
  const walk = (d: string): string[] =>
    readdirSync(d)
      .sort()
      .flatMap((n) => {
        const p = join(d, n);
        return statSync(p).isDirectory() ? walk(p) : n.endsWith('.lean') ? [p] : [];
      });
  return walk(dir).flatMap((f) => leanDeclarations(relative(root, f), readFileSync(f, 'utf8')));
}

/**
 * The declarations a piece of Lean text mentions: every identifier that is a declaration's full
 * name or a suffix of it after a namespace (with `open TC0`, `tc0_closed` is `TC0.tc0_closed`;
 * `h.of_reduces` is a field-notation use of `NC1Hard.of_reduces`).
 */
export function mentioned(text: string, decls: readonly LeanDecl[]): LeanDecl[] {
  const words = new Set(text.match(/[A-Za-z_][\w'.₀-₉]*/g) ?? []);
  const parts = new Set([...words].flatMap((w) => w.split('.').map((_, i, a) => a.slice(i).join('.'))));
  return decls.filter((d) => {
    const segs = d.name.split('.');
    // A suffix of at least the last segment; a lone last segment only when it is not a common word.
    for (let i = 0; i < segs.length; i++) {
      const suffix = segs.slice(i).join('.');
      if (parts.has(suffix) && (i < segs.length - 1 || segs[i]!.length > 2)) return true;
    }
    return false;
  });
}
