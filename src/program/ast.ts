/**
 * The architecture language: the abstract syntax of a program (an architecture written once, in
 * YAML, under `specs/**\/*.arch.yaml`; README "Writing an architecture" is the user's reference,
 * `load.ts` turns YAML into these values and validates them).
 *
 * Every interpreter (`semantics.ts` exact model, `gates.ts` gate-level circuit, `family.ts`
 * operator-level family, `depth.ts` / `size.ts` symbolic depth and size, `describe.ts` local
 * description) reads only these types. They are plain JSON data (no classes, no bigint, no
 * source positions: a loader keeps positions elsewhere), so a program can be sent to a worker
 * thread, hashed, or emitted to Lean as it is.
 *
 * Meaning, in one paragraph. A program has integer size parameters (`n`, `d`, ...) and sizes
 * derived from them (`h = d/2`); index sets (`i: 0..n-1`); input tensors and hard-wired weight
 * tensors with shapes; and steps. A `define` step gives a tensor `T[i, j]` element by element
 * by an expression over p-bit floats: every `op` node is one float operation of the operations
 * table (`Operation`), which rounds its exact result once; a `reduce` node is one iterated
 * operation (exact sum or product of all its terms, rounded once); a `const` node is an exact
 * real number (rationals, certified cos/sin/exp/sqrt) rounded once. So parentheses fix the
 * rounding order: `Q * (K1 * K2)` rounds `K1 * K2` first. A `call` step runs another program
 * (optionally `repeat` times, output fed back as input). Each subexpression is computed once
 * per valuation of the indices it mentions (with the indices their ranges depend on), and
 * identical subexpressions of one program instance are computed once: that is the cost model
 * the family, depth and size interpreters count.
 */

/** A name: a size, an index, a tensor, a step, a program or an operation. */
export type Name = string;

/**
 * An integer affine form `constant + sum coefficients[v] * v` over sizes and indices, e.g.
 * `j - i` is `{ constant: 0, coefficients: { i: -1, j: 1 } }`. Coefficients are non-zero.
 */
export interface Affine {
  readonly constant: number;
  readonly coefficients: Readonly<Record<Name, number>>;
}

/** A size parameter: values `min, min + step, min + 2 step, ...` (unbounded above). */
export interface SizeParam {
  readonly name: Name;
  readonly min: number;
  readonly step: number;
  readonly description?: string;
}

/**
 * A derived size `numerator / divisor`, e.g. `h = d/2`; `numerator` is affine in parameters and
 * earlier derived sizes, and the division is exact for every admissible value (checked).
 */
export interface DerivedSize {
  readonly name: Name;
  readonly numerator: Affine;
  readonly divisor: number;
}

/** An index set: the integers `lo..hi` (both ends included), affine in sizes. */
export interface IndexSet {
  readonly name: Name;
  readonly lo: Affine;
  readonly hi: Affine;
}

/** An input or weight tensor: dimension k has indices `0 .. shape[k] - 1` (affine in sizes). */
export interface TensorDecl {
  readonly name: Name;
  readonly shape: readonly Affine[];
}

/**
 * An index variable ranging over `lo..hi`, affine in sizes and in the indices bound before it
 * (`j <= i` is `{ index: 'j', lo: 0, hi: i }`). A binder of a step's left-hand side is one
 * dimension of the tensor it defines; a binder of a reduction term is summed over.
 */
export interface Binder {
  readonly index: Name;
  readonly lo: Affine;
  readonly hi: Affine;
}

/** An expression: the value of one tensor element, a p-bit float. */
export type Expr =
  /** `T[e1, ..., ek]`: an element of an input, weight or step tensor (k = its rank; 0 for a scalar). */
  | { readonly kind: 'read'; readonly tensor: Name; readonly at: readonly Affine[] }
  /** An exact real value rounded once to the nearest float (a maximal subexpression reading no tensor). */
  | { readonly kind: 'const'; readonly value: Real }
  /** One float operation of the operations table on its arguments (`a + b` is op `add`). */
  | { readonly kind: 'op'; readonly op: Name; readonly args: readonly Expr[] }
  /** One iterated operation (a variadic table entry: `sum`, `prod`) over every term's values, in order. */
  | { readonly kind: 'reduce'; readonly op: Name; readonly terms: readonly Term[] };

/** The values `body` takes as `binders` range over their (nested) ranges; no binders: one value. */
export interface Term {
  readonly binders: readonly Binder[];
  readonly body: Expr;
}

/** Comparison operators; a comparison is 1 when it holds, else 0. */
export type Comparison = '<' | '<=' | '==' | '!=' | '>=' | '>';

/**
 * An exact real expression (inside a `const`): sizes and indices are integers; `select(c, a, b)`
 * is `a` when `c != 0`; `x ^ y` needs an integer `y` or an exact rational root; `cos`, `sin`,
 * `exp`, `sqrt` are the real functions (certified enclosures, so the rounding is correct).
 */
export type Real =
  | { readonly kind: 'number'; readonly num: string; readonly den: string }
  | { readonly kind: 'var'; readonly name: Name }
  | { readonly kind: 'neg'; readonly arg: Real }
  | { readonly kind: 'arith'; readonly op: '+' | '-' | '*' | '/' | '^'; readonly left: Real; readonly right: Real }
  | { readonly kind: 'fn'; readonly fn: RealFunction; readonly arg: Real }
  | { readonly kind: 'compare'; readonly op: Comparison; readonly left: Real; readonly right: Real }
  | { readonly kind: 'select'; readonly cond: Real; readonly then: Real; readonly else: Real };

export const REAL_FUNCTIONS = ['cos', 'sin', 'exp', 'sqrt'] as const;
export type RealFunction = (typeof REAL_FUNCTIONS)[number];

export type Step =
  /** `name[binders] = body`: a tensor over the binders' ranges (no binders: a scalar). */
  | { readonly kind: 'define'; readonly name: Name; readonly binders: readonly Binder[]; readonly body: Expr }
  /**
   * `name = program(args, k = e)`: the callee's output. `sizes` gives every size parameter of the
   * callee, affine in the caller's sizes: those written `k = e` and those the loader read off the
   * arguments' shapes (a callee dimension that is a plain parameter). With `repeat` (an affine size
   * expression, at least 1), the callee runs that many times, each run on the previous one's output
   * and with weights of its own.
   */
  | {
      readonly kind: 'call';
      readonly name: Name;
      readonly program: Name;
      readonly args: readonly Name[];
      readonly sizes: Readonly<Record<Name, Affine>>;
      readonly repeat?: Affine;
    };

export interface Program {
  /** Lower-case words joined by `.` or `-`, unique among programs. */
  readonly name: Name;
  readonly title: string;
  readonly description?: string;
  readonly sizes: readonly SizeParam[];
  readonly derived: readonly DerivedSize[];
  readonly indices: readonly IndexSet[];
  readonly inputs: readonly TensorDecl[];
  /**
   * Hard-wired tensors. A program instance draws its weights, in declaration order, then those of
   * its calls in step order (each repetition in turn), from one seeded stream (README).
   */
  readonly weights: readonly TensorDecl[];
  /** In any order: each step may read the tensors of others, as long as there is no cycle. */
  readonly steps: readonly Step[];
  /** The step or input whose tensor the program computes. */
  readonly output: Name;
}

/**
 * One float operation a program can use (specs/operations.yaml): its exact semantics is a
 * registered model, its gate-level circuit a registered construction; both take `{ p }`, and
 * variadic operations `{ k, p }` with k the number of operands.
 */
export interface Operation {
  readonly name: Name;
  readonly arity: number | 'variadic';
  readonly model: Name;
  /** Absent: programs using it have no gate-level circuit (an error verdict naming the operation). */
  readonly construction?: Name;
  /** The depth symbol of the symbolic depth, e.g. `d_mul`. */
  readonly depth: Name;
  /**
   * The named assumption (specs/assumptions.yaml) that this operation is in TC0: its depth stays a
   * symbol in families instead of the construction's measured depth, and every spec about a program
   * using it must list the assumption.
   */
  readonly assumed?: Name;
  /** Extra construction parameters at which the depth is measured (e.g. `{ k: 2 }` for `sum`). */
  readonly depthAt?: Readonly<Record<Name, number>>;
}

/** A symbol bounding several operations' depths, e.g. the paper's `d_std` (used in depth claims). */
export interface DepthClass {
  readonly name: Name;
  readonly members: readonly Name[];
}

export interface OperationTable {
  readonly operations: readonly Operation[];
  readonly classes: readonly DepthClass[];
}

/** A program with every program it calls and the operations table: all an interpreter needs. */
export interface Bundle {
  readonly root: Name;
  readonly programs: Readonly<Record<Name, Program>>;
  readonly operations: OperationTable;
}
