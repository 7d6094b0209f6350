/**
 * The text syntax of program steps and size expressions (README "Writing an architecture"),
 * parsed into an untyped tree with source offsets; `resolve.ts` turns it into the AST.
 *
 *   step    := NAME [ '[' binder (',' binder)* ']' ] '=' rhs
 *   rhs     := [ 'repeat' '(' expr ')' ] PROGRAM '(' args ')'  |  expr
 *   binder  := INDEX [ 'in' expr '..' expr | ('<=' | '<' | '>=' | '>') expr ]
 *   expr    := sum [ ('<' | '<=' | '==' | '!=' | '>=' | '>') sum ]
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := '-' unary | power
 *   power   := atom [ '^' unary ]
 *   atom    := NUMBER | NAME | NAME '[' expr (',' expr)* ']' | NAME '(' terms ')' | '(' expr ')'
 *   terms   := term ((',' | ';') term)*        term := expr [ 'for' binder (',' binder)* ]
 *
 * After `for`, commas separate binders; a further term then needs `;`.
 */
import { Rational } from '../core/rational.js';

/** A syntax error at an offset of the parsed text. */
export class SyntaxProblem extends Error {
  constructor(
    readonly offset: number,
    message: string,
    readonly rule = 'syntax',
  ) {
    super(message);
  }
}

export type Syn =
  | { readonly kind: 'num'; readonly value: Rational; readonly at: number }
  | { readonly kind: 'name'; readonly name: string; readonly at: number }
  | { readonly kind: 'index'; readonly name: string; readonly args: readonly Syn[]; readonly at: number }
  | { readonly kind: 'call'; readonly name: string; readonly terms: readonly SynTerm[]; readonly at: number }
  | { readonly kind: 'neg'; readonly arg: Syn; readonly at: number }
  | { readonly kind: 'bin'; readonly op: '+' | '-' | '*' | '/' | '^'; readonly left: Syn; readonly right: Syn; readonly at: number }
  | { readonly kind: 'cmp'; readonly op: '<' | '<=' | '==' | '!=' | '>=' | '>'; readonly left: Syn; readonly right: Syn; readonly at: number };

export interface SynTerm {
  readonly body: Syn;
  readonly binders: readonly SynBinder[];
}

export interface SynBinder {
  readonly name: string;
  readonly at: number;
  /** No bound: the index set's whole range. */
  readonly bound?: { readonly op: 'in'; readonly lo: Syn; readonly hi: Syn } | { readonly op: '<=' | '<' | '>=' | '>'; readonly value: Syn };
}

export type SynStep =
  | { readonly kind: 'define'; readonly name: string; readonly at: number; readonly binders: readonly SynBinder[]; readonly body: Syn }
  | {
      readonly kind: 'call';
      readonly name: string;
      readonly at: number;
      readonly program: string;
      readonly programAt: number;
      readonly repeat?: Syn;
      readonly args: ReadonlyArray<{ readonly name: string; readonly at: number }>;
      readonly sizes: ReadonlyArray<{ readonly name: string; readonly at: number; readonly value: Syn }>;
    };

interface Token {
  readonly text: string;
  readonly at: number;
  readonly kind: 'num' | 'name' | 'program' | 'sym' | 'end';
}

const PROGRAM_NAME = /[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*/y;
const SYMBOLS = ['..', '<=', '>=', '==', '!=', '<', '>', '+', '-', '*', '/', '^', '(', ')', '[', ']', ',', ';', '='];

function tokenize(src: string, programs: ReadonlySet<string>): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /\d+(?:\.\d+)?/y;
    num.lastIndex = i;
    const nm = num.exec(src);
    // `1..n`: a number followed by `..` is an integer.
    if (nm) {
      let text = nm[0];
      if (text.includes('.') && src.startsWith('..', i + text.indexOf('.'))) text = text.slice(0, text.indexOf('.'));
      out.push({ text, at: i, kind: 'num' });
      i += text.length;
      continue;
    }
    // A call of a known program (names may have dots and dashes: `ta-block(X)`).
    PROGRAM_NAME.lastIndex = i;
    const pm = PROGRAM_NAME.exec(src);
    if (pm && programs.has(pm[0]) && /^\s*\(/.test(src.slice(i + pm[0].length))) {
      out.push({ text: pm[0], at: i, kind: 'program' });
      i += pm[0].length;
      continue;
    }
    const id = /[A-Za-z_][A-Za-z0-9_]*/y;
    id.lastIndex = i;
    const im = id.exec(src);
    if (im) {
      out.push({ text: im[0], at: i, kind: 'name' });
      i += im[0].length;
      continue;
    }
    const sym = SYMBOLS.find((s) => src.startsWith(s, i));
    if (!sym) throw new SyntaxProblem(i, `unexpected character '${c}'`);
    out.push({ text: sym, at: i, kind: 'sym' });
    i += sym.length;
  }
  out.push({ text: '', at: src.length, kind: 'end' });
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: readonly Token[]) {}

  peek(k = 0): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)]!;
  }
  next(): Token {
    return this.toks[Math.min(this.i++, this.toks.length - 1)]!;
  }
  is(text: string, k = 0): boolean {
    const t = this.peek(k);
    return (t.kind === 'sym' || t.kind === 'name') && t.text === text;
  }
  expect(text: string, what = `'${text}'`): Token {
    const t = this.next();
    if (t.text !== text || t.kind === 'num') throw new SyntaxProblem(t.at, `expected ${what}, found ${describe(t)}`);
    return t;
  }
  name(what: string): Token {
    const t = this.next();
    if (t.kind !== 'name') throw new SyntaxProblem(t.at, `expected ${what}, found ${describe(t)}`);
    return t;
  }
  end(): void {
    const t = this.peek();
    if (t.kind !== 'end') throw new SyntaxProblem(t.at, `unexpected ${describe(t)}`);
  }

  expr(): Syn {
    const left = this.sum();
    const t = this.peek();
    if (t.kind === 'sym' && ['<', '<=', '==', '!=', '>=', '>'].includes(t.text)) {
      this.next();
      const right = this.sum();
      return { kind: 'cmp', op: t.text as '<', left, right, at: t.at };
    }
    return left;
  }
  sum(): Syn {
    let left = this.product();
    while (this.is('+') || this.is('-')) {
      const t = this.next();
      left = { kind: 'bin', op: t.text as '+', left, right: this.product(), at: t.at };
    }
    return left;
  }
  product(): Syn {
    let left = this.unary();
    while (this.is('*') || this.is('/')) {
      const t = this.next();
      left = { kind: 'bin', op: t.text as '*', left, right: this.unary(), at: t.at };
    }
    return left;
  }
  unary(): Syn {
    if (this.is('-')) {
      const t = this.next();
      return { kind: 'neg', arg: this.unary(), at: t.at };
    }
    const base = this.atom();
    if (this.is('^')) {
      const t = this.next();
      return { kind: 'bin', op: '^', left: base, right: this.unary(), at: t.at };
    }
    return base;
  }
  atom(): Syn {
    const t = this.next();
    if (t.kind === 'num') return { kind: 'num', value: decimal(t.text), at: t.at };
    if (t.kind === 'sym' && t.text === '(') {
      const e = this.expr();
      this.expect(')');
      return e;
    }
    if (t.kind === 'program') throw new SyntaxProblem(t.at, `program '${t.text}' can only be called as a whole step: NAME = ${t.text}(...)`);
    if (t.kind === 'name') {
      if (this.is('[')) {
        this.next();
        const args = this.is(']') ? [] : this.list(() => this.expr());
        this.expect(']');
        return { kind: 'index', name: t.text, args, at: t.at };
      }
      if (this.is('(')) {
        this.next();
        const terms = this.terms();
        this.expect(')');
        return { kind: 'call', name: t.text, terms, at: t.at };
      }
      return { kind: 'name', name: t.text, at: t.at };
    }
    throw new SyntaxProblem(t.at, `expected a number, a name or '(', found ${describe(t)}`);
  }
  terms(): SynTerm[] {
    const out: SynTerm[] = [];
    for (;;) {
      const body = this.expr();
      let binders: SynBinder[] = [];
      if (this.is('for')) {
        this.next();
        binders = this.list(() => this.binder());
      }
      out.push({ body, binders });
      if (this.is(';') || (binders.length === 0 && this.is(','))) {
        this.next();
        continue;
      }
      return out;
    }
  }
  list<T>(item: () => T): T[] {
    const out = [item()];
    while (this.is(',')) {
      this.next();
      out.push(item());
    }
    return out;
  }
  binder(): SynBinder {
    const t = this.name('an index name');
    if (this.is('in')) {
      this.next();
      const lo = this.sum();
      this.expect('..', "'..' (a range lo..hi)");
      const hi = this.sum();
      return { name: t.text, at: t.at, bound: { op: 'in', lo, hi } };
    }
    for (const op of ['<=', '<', '>=', '>'] as const)
      if (this.is(op)) {
        this.next();
        return { name: t.text, at: t.at, bound: { op, value: this.sum() } };
      }
    return { name: t.text, at: t.at };
  }
}

const describe = (t: Token): string => (t.kind === 'end' ? 'the end of the text' : `'${t.text}'`);

/** `0.25` -> 1/4, exactly. */
function decimal(text: string): Rational {
  const [whole, frac = ''] = text.split('.');
  return Rational.of(BigInt(whole! + frac), 10n ** BigInt(frac.length));
}

/** Parses one expression (a shape, a size, a range end). */
export function parseExpression(src: string): Syn {
  const p = new Parser(tokenize(src, new Set()));
  const e = p.expr();
  p.end();
  return e;
}

/** Parses `lo..hi`. */
export function parseRange(src: string): { lo: Syn; hi: Syn } {
  const p = new Parser(tokenize(src, new Set()));
  const lo = p.sum();
  p.expect('..', "'..' (a range lo..hi)");
  const hi = p.sum();
  p.end();
  return { lo, hi };
}

/** Parses one step line; `programs` are the names a call may name. */
export function parseStep(src: string, programs: ReadonlySet<string>): SynStep {
  const p = new Parser(tokenize(src, programs));
  const head = p.next();
  if (head.kind !== 'name') throw new SyntaxProblem(head.at, `a step starts with the name of the tensor it defines, found ${describe(head)}`);
  let binders: SynBinder[] = [];
  if (p.is('[')) {
    p.next();
    binders = p.is(']') ? [] : p.list(() => p.binder());
    p.expect(']');
  }
  p.expect('=', "'=' after the step's name");
  let repeat: Syn | undefined;
  if (p.is('repeat') && p.is('(', 1)) {
    p.next();
    p.next();
    repeat = p.expr();
    p.expect(')');
    if (p.peek().kind !== 'program' && p.peek().kind !== 'name') throw new SyntaxProblem(p.peek().at, 'repeat(...) is followed by a program call');
  }
  const callee = p.peek();
  // `lyer-norm(X)`: a dotted or dashed name called like a program, but no program has that name.
  const unknown = /^([a-z][a-z0-9]*(?:[.-][a-z0-9]+)+)\s*\(/.exec(src.slice(callee.at));
  if (callee.kind !== 'program' && (unknown || repeat)) {
    const name = unknown?.[1] ?? callee.text;
    throw new SyntaxProblem(callee.at, `unknown program '${name}'${programs.size > 0 ? ` (programs: ${[...programs].sort().join(', ')})` : ''}`, 'program-known');
  }
  if (callee.kind === 'program') {
    if (binders.length > 0) throw new SyntaxProblem(head.at, `a call step defines the callee's output tensor: write ${head.text} = ${callee.text}(...) without indices`);
    p.next();
    const args: Array<{ name: string; at: number }> = [];
    const sizes: Array<{ name: string; at: number; value: Syn }> = [];
    p.expect('(', "'(' after the program name");
    if (!p.is(')'))
      p.list(() => {
        const a = p.name('a tensor name or a size binding k = ...');
        if (p.is('=')) {
          p.next();
          sizes.push({ name: a.text, at: a.at, value: p.sum() });
        } else if (sizes.length > 0) throw new SyntaxProblem(a.at, 'tensor arguments come before size bindings');
        else args.push({ name: a.text, at: a.at });
      });
    p.expect(')');
    p.end();
    return { kind: 'call', name: head.text, at: head.at, program: callee.text, programAt: callee.at, ...(repeat ? { repeat } : {}), args, sizes };
  }
  const body = p.expr();
  p.end();
  return { kind: 'define', name: head.text, at: head.at, binders, body };
}
