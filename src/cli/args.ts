/**
 * The command table's vocabulary: a command declares its flags once (name, type, help, default,
 * allowed values) and gets from it the parser, the validation of every value, `--help` and the
 * "did you mean" for a mistyped flag or value. Every problem is a `UsageError` of one line.
 */
import { UsageError, printable } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';

export type FlagType =
  /** present or not */
  | 'boolean'
  /** any text (a folder, a pattern) */
  | 'string'
  /** a whole number from `min` (default 0) to `max` */
  | 'int'
  /** a positive decimal number of seconds, at most `max` */
  | 'seconds'
  /** comma-separated names, each one of `choices` */
  | 'list';

export interface Flag {
  readonly name: string;
  readonly type: FlagType;
  readonly help: string;
  /** What the value is, in the help (`DIR`, `N`, `LIST`). */
  readonly metavar?: string;
  readonly short?: string;
  readonly default?: string | number | boolean;
  readonly min?: number;
  readonly max?: number;
  readonly choices?: readonly string[];
  /** The noun for one item of a list flag in messages (`backend`). */
  readonly item?: string;
}

export interface Positional {
  readonly name: string;
  readonly required: boolean;
  /** Takes every remaining argument (the last positional only). */
  readonly variadic?: boolean;
}

export type Value = string | number | boolean | readonly string[];

/** Parsed arguments of one command; reading an undeclared flag is a bug, not a user error. */
export class Args {
  constructor(
    readonly command: string,
    private readonly values: ReadonlyMap<string, Value>,
    /** Flags the user gave (as opposed to defaults). */
    readonly given: ReadonlySet<string>,
    readonly positionals: readonly string[],
  ) {}

  private get(name: string): Value | undefined {
    return this.values.get(name);
  }
  str(name: string): string | undefined {
    const v = this.get(name);
    return v === undefined ? undefined : String(v);
  }
  bool(name: string): boolean {
    return this.get(name) === true;
  }
  num(name: string): number | undefined {
    const v = this.get(name);
    return v === undefined ? undefined : Number(v);
  }
  list(name: string): readonly string[] | undefined {
    const v = this.get(name);
    return v === undefined ? undefined : (v as readonly string[]);
  }
}

export const HELP_FLAG: Flag = { name: 'help', short: 'h', type: 'boolean', help: 'show this help' };

const flagText = (f: Flag): string => `${f.short ? `-${f.short}, ` : ''}--${f.name}${f.metavar ? ` ${f.metavar}` : f.type === 'boolean' ? '' : ' VALUE'}`;

function parseValue(f: Flag, raw: string): Value {
  const where = `--${f.name}`;
  switch (f.type) {
    case 'boolean':
      throw new UsageError(`${where} takes no value (got '${printable(raw)}')`);
    case 'string':
      if (raw === '') throw new UsageError(`${where} needs a value`);
      if (f.choices && !f.choices.includes(raw)) throw new UsageError(`${where}: unknown ${f.item ?? 'value'} '${printable(raw)}'${didYouMean(raw, f.choices)} (known: ${f.choices.join(', ')})`);
      return raw;
    case 'int': {
      const n = /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
      const min = f.min ?? 0;
      const max = f.max ?? Number.MAX_SAFE_INTEGER;
      if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${where} needs a whole number from ${min} to ${max}, got '${printable(raw)}'`);
      return n;
    }
    case 'seconds': {
      const n = /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : Number.NaN;
      const max = f.max ?? Number.MAX_SAFE_INTEGER;
      if (!(n > 0) || n > max) throw new UsageError(`${where} needs a number of seconds above 0 and at most ${max}, got '${printable(raw)}'`);
      return n;
    }
    case 'list': {
      const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
      if (items.length === 0) throw new UsageError(`${where} needs a comma-separated list${f.choices ? ` of ${f.choices.join(', ')}` : ''}`);
      if (f.choices)
        for (const it of items)
          if (!f.choices.includes(it)) throw new UsageError(`${where}: unknown ${f.item ?? 'value'} '${printable(it)}'${didYouMean(it, f.choices)} (known: ${f.choices.join(', ')})`);
      return items;
    }
  }
}

/**
 * Parses `argv` against the declared flags: `--name value`, `--name=value`, `-x value`, booleans
 * without a value, `--` ending the flags. Defaults fill what was not given.
 */
export function parseArgs(command: string, flags: readonly Flag[], positionals: readonly Positional[], argv: readonly string[]): Args {
  const byName = new Map(flags.map((f) => [f.name, f]));
  const byShort = new Map(flags.filter((f) => f.short).map((f) => [f.short!, f]));
  const values = new Map<string, Value>();
  const given = new Set<string>();
  const pos: string[] = [];
  const names = flags.map((f) => f.name);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      pos.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      pos.push(a);
      continue;
    }
    const long = a.startsWith('--');
    const eq = a.indexOf('=');
    const key = long ? a.slice(2, eq > 0 ? eq : undefined) : a.slice(1, eq > 0 ? eq : undefined);
    const f = long ? byName.get(key) : byShort.get(key);
    if (!f) {
      const typed = long ? `--${key}` : `-${key}`;
      throw new UsageError(`unknown flag ${printable(typed)}${didYouMean(key, names, (s) => `--${s}`)} (tc0 ${command} --help lists the flags)`);
    }
    let raw: string | undefined = eq > 0 ? a.slice(eq + 1) : undefined;
    if (f.type === 'boolean') {
      if (raw !== undefined) parseValue(f, raw);
      values.set(f.name, true);
    } else {
      if (raw === undefined) {
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`--${f.name} needs a value${f.metavar ? ` (${f.metavar})` : ''}`);
        raw = next;
        i++;
      }
      values.set(f.name, parseValue(f, raw));
    }
    given.add(f.name);
  }
  for (const f of flags) if (!values.has(f.name) && f.default !== undefined) values.set(f.name, f.default);
  if (!values.get('help')) {
    const required = positionals.filter((p) => p.required).length;
    if (pos.length < required) throw new UsageError(`missing ${positionals.slice(pos.length).filter((p) => p.required).map((p) => `<${p.name}>`).join(' ')} (usage: tc0 ${command} ${usageLine(positionals)})`);
    if (pos.length > positionals.length && !positionals.at(-1)?.variadic) throw new UsageError(`unexpected argument${pos.length - positionals.length > 1 ? 's' : ''} ${printable(pos.slice(positionals.length).join(' '))}${positionals.length === 0 ? ` (tc0 ${command} takes flags only)` : ''}`);
  }
  return new Args(command, values, given, pos);
}

function usageLine(positionals: readonly Positional[]): string {
  return [...positionals.map((p) => `${p.required ? `<${p.name}>` : `[${p.name}]`}${p.variadic ? '...' : ''}`), '[flags]'].join(' ');
}

/** `tc0 CMD --help`: usage, what it does, and every flag with its default. */
export function helpText(cmd: { readonly name: string; readonly summary: string; readonly details?: string; readonly positionals: readonly Positional[]; readonly flags: readonly Flag[] }): string {
  const width = Math.max(...cmd.flags.map((f) => flagText(f).length)) + 2;
  const rows = cmd.flags.map((f) => {
    const dflt = f.default !== undefined && f.default !== false ? ` (default ${f.default})` : '';
    const lines = `${f.help}${dflt}`.split('\n');
    return `  ${flagText(f).padEnd(width)}${lines[0]}${lines.slice(1).map((l) => `\n  ${' '.repeat(width)}${l}`).join('')}`;
  });
  return [`tc0 ${cmd.name}: ${cmd.summary}`, '', `Usage: tc0 ${cmd.name} ${usageLine(cmd.positionals)}`, ...(cmd.details ? ['', cmd.details] : []), '', 'Flags:', ...rows].join('\n');
}
