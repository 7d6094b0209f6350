module

public import TC0.Complexity

/-!
# Permutations of five points, Barrington's commutator, the S5 word problem

A permutation is the list of the images of `0, …, 4` (`[1, 2, 3, 4, 0]` is the cycle
`(0 1 2 3 4)`); products are read left to right, as the workbench's permutation programs run
(`mul p q` applies `p` first). Facts about concrete permutations are proved by `decide`.

The S5 word problem (is the product of a word of permutations the identity?) is a `Language`
through a 15-bit code per letter (three bits per image). Its NC1-hardness (Barrington 1989) is
a cited fact: theorems take it as a hypothesis.
-/

@[expose] public noncomputable section

namespace TC0.S5

abbrev Perm := List Nat

def apply (p : Perm) (i : Nat) : Nat := p.getD i i
def one : Perm := [0, 1, 2, 3, 4]
/-- `p` first, then `q`. -/
def mul (p q : Perm) : Perm := one.map fun i => apply q (apply p i)
def inv (p : Perm) : Perm := one.map fun i => (one.find? fun j => apply p j == i).getD i
/-- `a b a⁻¹ b⁻¹`, read left to right. -/
def commutator (a b : Perm) : Perm := mul (mul (mul a b) (inv a)) (inv b)
def isPerm (p : Perm) : Bool := p.length == 5 && one.all fun i => p.contains i
/-- The orbit of 0 meets all five points: a 5-cycle. -/
def orbit (p : Perm) : List Nat := (List.range 5).map fun k => (List.range k).foldl (fun x _ => apply p x) 0
def isFiveCycle (p : Perm) : Bool := isPerm p && one.all fun i => (orbit p).contains i

/-- Barrington's key fact: the commutator of the 5-cycles (0 1 2 3 4) and (0 2 4 3 1) is a
5-cycle (so AND of two programs is their commutator). -/
theorem commutator_fiveCycle :
    isFiveCycle [1, 2, 3, 4, 0] = true ∧ isFiveCycle [2, 0, 4, 1, 3] = true ∧
      isFiveCycle (commutator [1, 2, 3, 4, 0] [2, 0, 4, 1, 3]) = true := by
  decide

theorem commutator_value : commutator [1, 2, 3, 4, 0] [2, 0, 4, 1, 3] = [2, 4, 1, 0, 3] := by
  decide

/-- The product of a word, left to right. -/
def prod : List Perm → Perm
  | [] => one
  | p :: w => mul p (prod w)

/-- Three bits per image. -/
def code : Code Perm where
  width := 15
  enc p := (List.range 5).flatMap fun i => (List.range 3).map fun b => (apply p i).testBit b
  enc_length p := by simp; rfl

/-- The S5 word problem as a language of bit strings. -/
def wordProblem : Language := code.lang fun w => (∀ p ∈ w, isPerm p = true) ∧ prod w = one

end TC0.S5
