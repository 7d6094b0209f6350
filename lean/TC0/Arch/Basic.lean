module

public import TC0.Compose

/-!
# The architecture language as data, and its semantics

A small core calculus into which the workbench's architecture programs (YAML, `src/program/`)
are emitted. A program is a list of steps; step `t` defines a tensor: for every index tuple of
its domain, one entry, a word of bits. The domain is a list of nested ranges whose bounds are
index expressions in the size parameters (`n`, `d`, ...) and the indices before them, so masks
such as `j ≤ i` are ranges. An entry is

* `weight`: a hard-wired word (the family's weights at this size),
* `embed pos`: a hard-wired word chosen by bit `pos` of the input word (the embedding), or
* `apply o terms`: operation `o` on arguments read from earlier tensors: the values of each term
  in turn, a term being a reference read at every tuple of its reduction ranges (extending the
  entry's index). With terms without ranges this is an element-wise operation (`o(a, b)`); with
  ranges, an iterated sum or product of all the values (`sum_l Q[i,l] * K[j,l]` is a step of
  products over `(i, j, l)`, then a sum step over `(i, j)` with one term reducing `l`);
* `copy r`: the entry a reference names (a view of an earlier tensor, re-indexed; no operation).

References name an earlier tensor by how many steps back it is (so a block of steps can be
repeated, `Program.repeated`) and its index by index expressions (affine in the indices in scope,
e.g. `j - i + n - 1` for a relative offset).

The semantics is over an abstract arithmetic (`Arith`): words of `width` bits and one function
per operation. It is total: a reference to a missing tensor or entry reads zero bits.
-/

@[expose] public noncomputable section

namespace TC0

/-- A value: a word of bits. -/
abbrev Word := List Bool

/-- `w` false bits. -/
def zeros (w : Nat) : Word := List.replicate w false

/-- `v` cut or padded with false bits to `w` bits. -/
def fit (w : Nat) (v : Word) : Word := (List.range w).map fun i => v.getD i false

theorem length_fit (w : Nat) (v : Word) : (fit w v).length = w := by simp [fit]

theorem length_zeros (w : Nat) : (zeros w).length = w := by simp [zeros]

namespace Arch

/-- Index expressions in the size parameters (`size k`) and the indices in scope (`var k`, the
`k`-th index of the tuple). -/
inductive Index where
  | lit (c : Nat)
  | size (k : Nat)
  | var (k : Nat)
  | add (a b : Index)
  | sub (a b : Index)
  | mul (a b : Index)
  | div (a : Index) (c : Nat)
  | mod (a : Index) (c : Nat)

/-- The value of an index expression at sizes `sz` and indices `env` (subtraction truncates). -/
def Index.eval (sz env : List Nat) : Index → Nat
  | .lit c => c
  | .size k => sz.getD k 0
  | .var k => env.getD k 0
  | .add a b => a.eval sz env + b.eval sz env
  | .sub a b => a.eval sz env - b.eval sz env
  | .mul a b => a.eval sz env * b.eval sz env
  | .div a c => a.eval sz env / c
  | .mod a c => a.eval sz env % c

/-- The indices `lo ≤ v < hi`. -/
structure Range where
  lo : Index
  hi : Index

/-- The values of a range, in increasing order. -/
def Range.vals (sz env : List Nat) (r : Range) : List Nat :=
  List.range' (r.lo.eval sz env) (r.hi.eval sz env - r.lo.eval sz env)

/-- All index tuples of nested ranges extending `env`, in lexicographic order; each range may
use the indices before it. -/
def tuples (sz : List Nat) : List Range → List Nat → List (List Nat)
  | [], env => [env]
  | r :: rs, env => (r.vals sz env).flatMap fun v => tuples sz rs (env ++ [v])

/-- An entry of the tensor `back` steps before (1: the previous step) at the given index. -/
structure Ref where
  back : Nat
  index : List Index

/-- A term of an application: the values of a reference as the indices of `red` range (no
`red`: one value). -/
structure Term where
  red : List Range
  ref : Ref

/-- How the entries of a step are computed. -/
inductive Body (Op : Type) where
  | weight
  | embed (pos : Index)
  | apply (op : Op) (terms : List Term)
  | copy (ref : Ref)

/-- A step: the tensor over the index tuples of `dom`. -/
structure Step (Op : Type) where
  dom : List Range
  body : Body Op

/-- A program: steps in order. -/
abbrev Program (Op : Type) := List (Step Op)

/-- `m` copies of a block of steps, one after the other (a block that refers back only inside
itself and to the step just before it reads the previous copy's last tensor). -/
def Program.repeated {Op : Type} (m : Nat) (block : Program Op) : Program Op :=
  (List.replicate m block).flatten

/-- The tensor a reference from step `t` names, if there is one. -/
def Ref.tensor (r : Ref) (t : Nat) : Option Nat :=
  if 0 < r.back ∧ r.back ≤ t then some (t - r.back) else none

/-- The number of arguments of an application with these terms at index `idx`. -/
def arity (sz : List Nat) (terms : List Term) (idx : List Nat) : Nat :=
  (terms.map fun t => (tuples sz t.red idx).length).sum

/-- The index tuple a reference reads at indices `env`. -/
def Ref.key (sz env : List Nat) (r : Ref) : List Nat := r.index.map (·.eval sz env)

/-- Where `key` is in a list of index tuples (the length of the list when it is absent). -/
def position (key : List Nat) : List (List Nat) → Nat
  | [] => 0
  | k :: ks => if k = key then 0 else position key ks + 1

/-! ## Semantics -/

/-- An arithmetic: values are words of `width` bits, `eval o args` applies operation `o` to the
argument words in order. The workbench's float operations (Chiang's p-bit floats) are one. -/
structure Arith (Op : Type) where
  width : Nat
  eval : Op → List Word → Word

/-- The tensors computed so far, in step order: each its index tuples and its entries. -/
abbrev State := List (List (List Nat) × List Word)

/-- Entry `key` of tensor `u`; zero bits when there is no such entry. -/
def State.read (S : State) (w u : Nat) (key : List Nat) : Word :=
  (S.getD u ([], [])).2.getD (position key (S.getD u ([], [])).1) (zeros w)

section Semantics

variable {Op : Type} (A : Arith Op) (sz : List Nat) (W : Nat → List Nat → Word) (input : List Bool)

/-- The value of a reference at indices `env`, after the tensors `S`. -/
def Ref.value (S : State) (env : List Nat) (r : Ref) : Word :=
  match r.tensor S.length with
  | some u => S.read A.width u (r.key sz env)
  | none => zeros A.width

/-- The arguments of an application at index `idx`: each term's reference at every tuple of its
reduction ranges extending `idx`. -/
def Body.args (S : State) (terms : List Term) (idx : List Nat) : List Word :=
  terms.flatMap fun t => (tuples sz t.red idx).map fun env => t.ref.value A sz S env

/-- Entry `idx` of step `t` after the tensors `S`. Weights are `W t idx`; the embedding of bit
`b` of the input is `W t (b :: idx)`. -/
def Body.value (t : Nat) (S : State) (idx : List Nat) : Body Op → Word
  | .weight => fit A.width (W t idx)
  | .embed pos => fit A.width (W t ((if input.getD (pos.eval sz idx) false then 1 else 0) :: idx))
  | .apply o terms => A.eval o (Body.args A sz S terms idx)
  | .copy r => r.value A sz S idx

/-- The tensor of a step after the tensors `S`. -/
def Step.eval (S : State) (s : Step Op) : List (List Nat) × List Word :=
  (tuples sz s.dom [], (tuples sz s.dom []).map fun idx => s.body.value A sz W input S.length S idx)

/-- Runs steps after the tensors `S`. -/
def Program.evalFrom : State → Program Op → State
  | S, [] => S
  | S, s :: ss => Program.evalFrom (S ++ [s.eval A sz W input S]) ss

/-- The semantics of a program at sizes `sz`, weights `W` and input word `input`: every tensor. -/
def Program.eval (p : Program Op) : State := p.evalFrom A sz W input []

end Semantics

end Arch

end TC0
