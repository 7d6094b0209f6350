module

public import TC0.Arch.Family

/-!
# The float operations of architecture programs

`FloatOp` names the operations of the workbench's operations table (`specs/operations.yaml`),
which the programs of `specs/**/*.arch.yaml` are written in; `FloatOp.sig` gives their arities
(`none` for the iterated sum and product, which take any number of arguments). What an operation
computes is left to the arithmetic (`Arith FloatOp`): the theorems about programs hold for every
arithmetic whose operations have constant-depth polynomial-size circuits (`OpInTC0`).

`Program.typed_append` and `Program.typed_repeated` let a program assembled from blocks
(`TC0.Arch.Programs`, emitted by the workbench) be checked block by block, once for every number
of repetitions.
-/

@[expose] public noncomputable section

namespace TC0.Arch

/-- The operations of `specs/operations.yaml`. -/
inductive FloatOp where
  | add | sub | mul | div | neg | relu | select | lt | le | gt | ge | eq | ne | exp | sqrt
  | sum | prod
  deriving DecidableEq

/-- The arity of each operation; `none` for the iterated sum and product. -/
def FloatOp.sig : FloatOp → Option Nat
  | .add | .sub | .mul | .div | .lt | .le | .gt | .ge | .eq | .ne => some 2
  | .neg | .relu | .exp | .sqrt => some 1
  | .select => some 3
  | .sum | .prod => none

theorem Program.typed_append {Op : Type} [DecidableEq Op] {sig : Op → Option Nat} {ops : List Op}
    {p q : Program Op} (hp : p.typed sig ops = true) (hq : q.typed sig ops = true) :
    (p ++ q).typed sig ops = true := by
  simp only [Program.typed, List.all_append, Bool.and_eq_true] at hp hq ⊢
  exact ⟨hp, hq⟩

theorem Program.typed_repeated {Op : Type} [DecidableEq Op] {sig : Op → Option Nat} {ops : List Op}
    {block : Program Op} (h : block.typed sig ops = true) :
    ∀ m, (Program.repeated m block).typed sig ops = true
  | 0 => rfl
  | m + 1 => by
    rw [Program.repeated, List.replicate_succ, List.flatten_cons]
    exact Program.typed_append h (Program.typed_repeated h m)

end TC0.Arch
