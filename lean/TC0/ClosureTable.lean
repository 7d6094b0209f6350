module

public import TC0.S5

/-!
# The closure problem's letters and the 120 padded words (finite facts by `decide`)

The letters `a = (0 1 2 3 4)` and `b = (0 1)` of the closure problem (`TC0/Closure.lean`), and
for each of the 120 permutations of five points a word of 15 letters with that permutation as
its product (`table`): a shortest word over `{a, b}` (breadth-first, `a` before `b`, as the
TypeScript `GENERATOR_WORDS`), padded with `a⁵` while the missing length is odd, then with `b`s
(`paddedWord` in `src/model/hardness.ts`; `test/unit/hardness.test.ts` fails when the two
disagree). Everything about the table is one closed Boolean statement, `table_ok`, checked by the
kernel (`decide +kernel`, no native code); `length_table`, `table_spec`, `idx_perm` and
`perm_idx_all` read its parts off. The module is separate from `TC0/Closure.lean` so that this
kernel evaluation, the slow part, is compiled (and cached) on its own.
-/

@[expose] public noncomputable section

namespace TC0.S5

/-- The two generators' letters. -/
inductive Letter where
  | a
  | b
  deriving DecidableEq, Repr

/-- `a = (0 1 2 3 4)`, `b = (0 1)`, as lists of images. -/
def gen : Letter → Perm
  | .a => [1, 2, 3, 4, 0]
  | .b => [1, 0, 2, 3, 4]

/-- The product of a word over `{a, b}`, left to right. -/
def value (w : List Letter) : Perm := prod (w.map gen)

/-- For each of the 120 permutations (in lexicographic order), a word of 15 letters with that
product: a shortest word over `{a, b}`, padded with `a⁵` and `b²`. -/
def table : List (Perm × List Letter) :=
[
  ([0, 1, 2, 3, 4], [.a, .a, .a, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([0, 1, 2, 4, 3], [.a, .a, .b, .a, .a, .a, .a, .a, .a, .a, .a, .b, .b, .b, .b]),
  ([0, 1, 3, 2, 4], [.a, .a, .a, .b, .a, .a, .a, .a, .a, .a, .a, .b, .b, .b, .b]),
  ([0, 1, 3, 4, 2], [.a, .a, .b, .a, .b, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([0, 1, 4, 2, 3], [.a, .a, .a, .a, .b, .a, .b, .a, .a, .a, .a, .b, .b, .b, .b]),
  ([0, 1, 4, 3, 2], [.a, .b, .a, .a, .b, .a, .a, .b, .a, .b, .b, .b, .b, .b, .b]),
  ([0, 2, 1, 3, 4], [.a, .a, .a, .a, .b, .a, .a, .a, .a, .a, .a, .b, .b, .b, .b]),
  ([0, 2, 1, 4, 3], [.a, .a, .b, .a, .a, .b, .a, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([0, 2, 3, 1, 4], [.a, .a, .a, .b, .a, .b, .a, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([0, 2, 3, 4, 1], [.a, .b, .a, .a, .a, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([0, 2, 4, 1, 3], [.a, .a, .b, .a, .b, .a, .a, .a, .b, .b, .b, .b, .b, .b, .b]),
  ([0, 2, 4, 3, 1], [.a, .a, .a, .b, .a, .a, .a, .b, .a, .a, .a, .a, .a, .b, .b]),
  ([0, 3, 1, 2, 4], [.b, .a, .b, .a, .a, .a, .a, .a, .a, .a, .a, .b, .b, .b, .b]),
  ([0, 3, 1, 4, 2], [.a, .b, .a, .a, .a, .b, .a, .b, .a, .b, .b, .b, .b, .b, .b]),
  ([0, 3, 2, 1, 4], [.b, .a, .b, .a, .a, .b, .a, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([0, 3, 2, 4, 1], [.a, .a, .a, .a, .b, .a, .a, .b, .a, .a, .a, .a, .a, .b, .b]),
  ([0, 3, 4, 1, 2], [.a, .b, .a, .b, .a, .a, .a, .a, .a, .b, .b, .b, .b, .b, .b]),
  ([0, 3, 4, 2, 1], [.a, .a, .a, .b, .a, .b, .a, .a, .b, .b, .b, .b, .b, .b, .b]),
  ([0, 4, 1, 2, 3], [.b, .a, .a, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([0, 4, 1, 3, 2], [.b, .a, .a, .b, .a, .a, .a, .a, .a, .a, .a, .b, .b, .b, .b]),
  ([0, 4, 2, 1, 3], [.b, .a, .a, .a, .b, .a, .a, .a, .a, .a, .a, .b, .b, .b, .b]),
  ([0, 4, 2, 3, 1], [.b, .a, .a, .b, .a, .b, .a, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([0, 4, 3, 1, 2], [.a, .a, .a, .a, .b, .a, .a, .b, .a, .b, .a, .a, .a, .a, .a]),
  ([0, 4, 3, 2, 1], [.b, .a, .b, .a, .a, .b, .a, .a, .b, .b, .b, .b, .b, .b, .b]),
  ([1, 0, 2, 3, 4], [.b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([1, 0, 2, 4, 3], [.a, .a, .b, .a, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([1, 0, 3, 2, 4], [.a, .a, .a, .b, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([1, 0, 3, 4, 2], [.a, .a, .b, .a, .b, .a, .a, .b, .a, .a, .a, .a, .a, .b, .b]),
  ([1, 0, 4, 2, 3], [.a, .a, .a, .a, .b, .a, .a, .b, .a, .b, .a, .b, .b, .b, .b]),
  ([1, 0, 4, 3, 2], [.a, .b, .a, .a, .b, .a, .a, .b, .a, .b, .a, .a, .a, .a, .a]),
  ([1, 2, 0, 3, 4], [.a, .a, .a, .a, .b, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([1, 2, 0, 4, 3], [.a, .a, .b, .a, .a, .b, .a, .b, .a, .a, .a, .a, .a, .b, .b]),
  ([1, 2, 3, 0, 4], [.a, .a, .b, .a, .a, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([1, 2, 3, 4, 0], [.a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([1, 2, 4, 0, 3], [.a, .a, .b, .a, .b, .a, .a, .a, .a, .a, .a, .a, .a, .b, .b]),
  ([1, 2, 4, 3, 0], [.a, .a, .a, .b, .a, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([1, 3, 0, 2, 4], [.b, .a, .b, .a, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([1, 3, 0, 4, 2], [.a, .a, .a, .b, .a, .a, .a, .b, .a, .b, .b, .b, .b, .b, .b]),
  ([1, 3, 2, 0, 4], [.a, .a, .b, .a, .a, .b, .a, .a, .a, .a, .a, .a, .a, .b, .b]),
  ([1, 3, 2, 4, 0], [.a, .a, .a, .a, .b, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([1, 3, 4, 0, 2], [.a, .b, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([1, 3, 4, 2, 0], [.a, .a, .a, .b, .a, .b, .a, .a, .a, .a, .a, .a, .a, .b, .b]),
  ([1, 4, 0, 2, 3], [.a, .b, .a, .b, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([1, 4, 0, 3, 2], [.b, .a, .a, .b, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([1, 4, 2, 0, 3], [.b, .a, .a, .a, .b, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([1, 4, 2, 3, 0], [.b, .a, .b, .a, .a, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([1, 4, 3, 0, 2], [.a, .a, .a, .a, .b, .a, .a, .b, .a, .b, .b, .b, .b, .b, .b]),
  ([1, 4, 3, 2, 0], [.b, .a, .b, .a, .a, .b, .a, .a, .a, .a, .a, .a, .a, .b, .b]),
  ([2, 0, 1, 3, 4], [.a, .b, .a, .b, .a, .a, .a, .a, .a, .a, .a, .b, .b, .b, .b]),
  ([2, 0, 1, 4, 3], [.b, .a, .a, .b, .a, .a, .b, .a, .a, .a, .a, .a, .a, .b, .b]),
  ([2, 0, 3, 1, 4], [.b, .a, .a, .a, .b, .a, .b, .a, .a, .a, .a, .a, .a, .b, .b]),
  ([2, 0, 3, 4, 1], [.b, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([2, 0, 4, 1, 3], [.a, .a, .a, .a, .b, .a, .a, .b, .a, .a, .a, .a, .a, .a, .a]),
  ([2, 0, 4, 3, 1], [.a, .a, .a, .b, .a, .a, .b, .a, .b, .b, .b, .b, .b, .b, .b]),
  ([2, 1, 0, 3, 4], [.a, .b, .a, .b, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([2, 1, 0, 4, 3], [.b, .a, .a, .b, .a, .a, .b, .a, .b, .b, .b, .b, .b, .b, .b]),
  ([2, 1, 3, 0, 4], [.a, .a, .b, .a, .a, .a, .b, .a, .a, .a, .a, .a, .a, .b, .b]),
  ([2, 1, 3, 4, 0], [.b, .a, .a, .a, .a, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([2, 1, 4, 0, 3], [.a, .a, .b, .a, .b, .a, .a, .b, .a, .b, .b, .b, .b, .b, .b]),
  ([2, 1, 4, 3, 0], [.a, .a, .a, .b, .a, .a, .b, .a, .a, .a, .a, .a, .a, .b, .b]),
  ([2, 3, 0, 1, 4], [.a, .a, .b, .a, .b, .a, .a, .a, .a, .b, .b, .b, .b, .b, .b]),
  ([2, 3, 0, 4, 1], [.a, .a, .a, .b, .a, .a, .a, .a, .a, .a, .a, .a, .a, .b, .b]),
  ([2, 3, 1, 0, 4], [.a, .a, .b, .a, .a, .b, .a, .b, .a, .b, .b, .b, .b, .b, .b]),
  ([2, 3, 1, 4, 0], [.a, .a, .a, .a, .b, .a, .b, .a, .a, .a, .a, .a, .a, .b, .b]),
  ([2, 3, 4, 0, 1], [.a, .a, .a, .a, .a, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([2, 3, 4, 1, 0], [.a, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([2, 4, 0, 1, 3], [.a, .b, .a, .a, .a, .a, .a, .a, .a, .b, .b, .b, .b, .b, .b]),
  ([2, 4, 0, 3, 1], [.a, .a, .a, .b, .a, .b, .a, .a, .a, .b, .b, .b, .b, .b, .b]),
  ([2, 4, 1, 0, 3], [.a, .b, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([2, 4, 1, 3, 0], [.b, .a, .b, .a, .a, .a, .b, .a, .a, .a, .a, .a, .a, .b, .b]),
  ([2, 4, 3, 0, 1], [.a, .a, .a, .a, .b, .a, .a, .a, .a, .a, .a, .a, .a, .b, .b]),
  ([2, 4, 3, 1, 0], [.a, .a, .a, .a, .b, .a, .a, .a, .b, .b, .b, .b, .b, .b, .b]),
  ([3, 0, 1, 2, 4], [.a, .b, .a, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([3, 0, 1, 4, 2], [.a, .a, .a, .b, .a, .b, .a, .a, .a, .a, .a, .a, .a, .a, .a]),
  ([3, 0, 2, 1, 4], [.a, .b, .a, .a, .b, .a, .a, .a, .a, .a, .a, .b, .b, .b, .b]),
  ([3, 0, 2, 4, 1], [.a, .b, .a, .b, .a, .a, .a, .b, .a, .a, .a, .a, .a, .b, .b]),
  ([3, 0, 4, 1, 2], [.b, .a, .b, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([3, 0, 4, 2, 1], [.a, .a, .a, .a, .b, .a, .a, .a, .b, .a, .a, .a, .a, .a, .a]),
  ([3, 1, 0, 2, 4], [.a, .b, .a, .a, .a, .b, .a, .a, .a, .a, .a, .b, .b, .b, .b]),
  ([3, 1, 0, 4, 2], [.a, .a, .a, .b, .a, .a, .b, .a, .b, .a, .a, .a, .a, .a, .a]),
  ([3, 1, 2, 0, 4], [.a, .b, .a, .a, .b, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([3, 1, 2, 4, 0], [.a, .b, .a, .b, .a, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([3, 1, 4, 0, 2], [.b, .a, .b, .a, .a, .a, .a, .a, .a, .b, .b, .b, .b, .b, .b]),
  ([3, 1, 4, 2, 0], [.b, .a, .a, .a, .b, .a, .b, .a, .a, .b, .b, .b, .b, .b, .b]),
  ([3, 2, 0, 1, 4], [.a, .a, .b, .a, .b, .a, .a, .b, .a, .a, .a, .a, .a, .a, .a]),
  ([3, 2, 0, 4, 1], [.a, .a, .a, .b, .a, .a, .b, .a, .a, .b, .b, .b, .b, .b, .b]),
  ([3, 2, 1, 0, 4], [.b, .a, .a, .b, .a, .a, .b, .a, .b, .a, .a, .a, .a, .a, .a]),
  ([3, 2, 1, 4, 0], [.a, .b, .a, .b, .a, .a, .b, .a, .a, .a, .a, .a, .a, .b, .b]),
  ([3, 2, 4, 0, 1], [.b, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([3, 2, 4, 1, 0], [.b, .a, .a, .b, .a, .a, .a, .a, .a, .b, .b, .b, .b, .b, .b]),
  ([3, 4, 0, 1, 2], [.a, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([3, 4, 0, 2, 1], [.a, .a, .b, .a, .a, .a, .a, .a, .a, .b, .b, .b, .b, .b, .b]),
  ([3, 4, 1, 0, 2], [.a, .a, .a, .b, .a, .a, .a, .a, .a, .b, .b, .b, .b, .b, .b]),
  ([3, 4, 1, 2, 0], [.a, .a, .b, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([3, 4, 2, 0, 1], [.a, .a, .a, .a, .b, .a, .b, .a, .a, .b, .b, .b, .b, .b, .b]),
  ([3, 4, 2, 1, 0], [.a, .a, .a, .a, .b, .a, .b, .a, .a, .b, .a, .a, .a, .a, .a]),
  ([4, 0, 1, 2, 3], [.a, .a, .a, .a, .a, .a, .a, .a, .a, .b, .b, .b, .b, .b, .b]),
  ([4, 0, 1, 3, 2], [.a, .a, .b, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([4, 0, 2, 1, 3], [.a, .a, .a, .b, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([4, 0, 2, 3, 1], [.a, .a, .b, .a, .b, .a, .a, .a, .a, .a, .a, .b, .b, .b, .b]),
  ([4, 0, 3, 1, 2], [.a, .a, .a, .a, .b, .a, .b, .a, .a, .a, .a, .a, .a, .a, .a]),
  ([4, 0, 3, 2, 1], [.a, .b, .a, .a, .b, .a, .a, .b, .a, .a, .a, .a, .a, .b, .b]),
  ([4, 1, 0, 2, 3], [.a, .a, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([4, 1, 0, 3, 2], [.a, .a, .b, .a, .a, .b, .a, .a, .a, .a, .a, .b, .b, .b, .b]),
  ([4, 1, 2, 0, 3], [.a, .a, .a, .b, .a, .b, .a, .a, .a, .a, .a, .b, .b, .b, .b]),
  ([4, 1, 2, 3, 0], [.a, .b, .a, .a, .a, .a, .a, .a, .a, .a, .a, .b, .b, .b, .b]),
  ([4, 1, 3, 0, 2], [.a, .b, .a, .b, .a, .a, .a, .b, .a, .b, .b, .b, .b, .b, .b]),
  ([4, 1, 3, 2, 0], [.a, .b, .a, .a, .b, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([4, 2, 0, 1, 3], [.b, .a, .b, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([4, 2, 0, 3, 1], [.a, .b, .a, .a, .a, .b, .a, .b, .a, .a, .a, .a, .a, .b, .b]),
  ([4, 2, 1, 0, 3], [.b, .a, .b, .a, .a, .b, .a, .a, .a, .a, .a, .b, .b, .b, .b]),
  ([4, 2, 1, 3, 0], [.a, .b, .a, .a, .a, .b, .a, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([4, 2, 3, 0, 1], [.a, .b, .a, .b, .a, .a, .a, .a, .a, .a, .a, .a, .a, .b, .b]),
  ([4, 2, 3, 1, 0], [.a, .b, .a, .a, .b, .a, .b, .a, .a, .a, .a, .a, .a, .b, .b]),
  ([4, 3, 0, 1, 2], [.b, .a, .a, .a, .a, .a, .a, .a, .a, .b, .b, .b, .b, .b, .b]),
  ([4, 3, 0, 2, 1], [.b, .a, .a, .b, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([4, 3, 1, 0, 2], [.b, .a, .a, .a, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b, .b]),
  ([4, 3, 1, 2, 0], [.b, .a, .a, .b, .a, .b, .a, .a, .a, .a, .a, .b, .b, .b, .b]),
  ([4, 3, 2, 0, 1], [.a, .b, .a, .b, .a, .a, .b, .a, .a, .b, .b, .b, .b, .b, .b]),
  ([4, 3, 2, 1, 0], [.a, .b, .a, .b, .a, .a, .b, .a, .a, .b, .a, .a, .a, .a, .a])]

/-- The permutation of entry `t`. -/
def perm (t : Nat) : Perm := (table.getD t ([], [])).1

/-- The padded word of entry `t`. -/
def padWord (t : Nat) : List Letter := (table.getD t ([], [])).2

/-- The entry of a permutation. -/
def idx (p : Perm) : Nat := table.findIdx fun e => e.1 == p

/-- All finite facts about the table, in one kernel evaluation: 120 entries; each a permutation
whose word has 15 letters and that permutation as its product; the entries distinct (`idx`
finds each at its own position); every list of five images below 5 that is a permutation is an
entry (all `5⁵` lists). -/
theorem table_ok :
    (table.length == 120 &&
      table.all (fun e => isPerm e.1 && e.2.length == 15 && value e.2 == e.1) &&
      (List.range 120).all (fun t => idx (perm t) == t) &&
      ((List.range 5).all fun a => (List.range 5).all fun b => (List.range 5).all fun c =>
        (List.range 5).all fun d => (List.range 5).all fun e =>
          !isPerm [a, b, c, d, e] || perm (idx [a, b, c, d, e]) == [a, b, c, d, e])) = true := by
  decide +kernel

theorem length_table : table.length = 120 := by
  have h := table_ok
  simp only [Bool.and_eq_true, beq_iff_eq] at h
  exact h.1.1.1

/-- Every entry is a permutation, its word has 15 letters and that permutation as its product. -/
theorem table_spec : table.all (fun e => isPerm e.1 && e.2.length == 15 && value e.2 == e.1) = true := by
  have h := table_ok
  simp only [Bool.and_eq_true, beq_iff_eq] at h
  exact h.1.1.2

/-- The entries are distinct. -/
theorem idx_perm : ∀ t < 120, idx (perm t) = t := by
  have h := table_ok
  simp only [Bool.and_eq_true, beq_iff_eq] at h
  intro t ht
  have := List.all_eq_true.mp h.1.2 t (List.mem_range.mpr ht)
  simpa using this

/-- Every permutation is an entry (checked on all `5⁵` lists of five images below 5). -/
theorem perm_idx_all : ((List.range 5).all fun a => (List.range 5).all fun b => (List.range 5).all fun c =>
    (List.range 5).all fun d => (List.range 5).all fun e =>
      !isPerm [a, b, c, d, e] || perm (idx [a, b, c, d, e]) == [a, b, c, d, e]) = true := by
  have h := table_ok
  simp only [Bool.and_eq_true, beq_iff_eq] at h
  exact h.2

end TC0.S5
