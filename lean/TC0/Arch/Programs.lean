module

public import TC0.Arch.Ops

/-!
# Architecture programs (generated: do not edit)

Emitted by the workbench (`src/gen/lean/arch.ts`) from the programs of `specs/**/*.arch.yaml`;
`test/unit/lean-programs.test.ts` fails when this file and the programs disagree (it rewrites the
file when run with `-u`). For each program `P`: the term `P` of the core calculus, `P_typed` (every
operation is used at its arity, checked by `decide` block by block) and `P_tc0`, the meta-theorem
`Decider.tc0` instantiated: every language a decider running `P` decides is in TC0.
-/

@[expose] public noncomputable section

namespace TC0.Arch.Programs

open TC0 TC0.Arch

/-- The program `ta-transformer` in the core calculus: `Decider.sizes` lists `n`, `d`; repeated blocks run `m` times. -/
def taTransformer (m : Nat) : Program FloatOp :=
  [
    ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .embed (.var 0)⟩,
    ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .copy ⟨1, [.var 0, .var 1]⟩⟩] ++
  (Program.repeated m ([
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨5, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨8, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨11, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨14, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨10, [.var 0, .var 2]⟩⟩, ⟨[], ⟨7, [.var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨14, [.var 0, .var 3]⟩⟩, ⟨[], ⟨1, [.var 1, .var 2, .var 3]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2, .var 3]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 1, .var 2]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], .apply .exp [⟨[], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨11, [.var 1, .var 0]⟩⟩, ⟨[], ⟨8, [.var 2, .var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨3, [.var 0, .var 2, .var 3]⟩⟩, ⟨[], ⟨1, [.var 1, .var 2, .var 3]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], ⟨1, [.var 0, .var 1, .var 2, .var 3]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .div [⟨[], ⟨1, [.var 0, .var 1]⟩⟩, ⟨[], ⟨4, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .add [⟨[], ⟨27, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sub [⟨[], ⟨4, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨1, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sqrt [⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .div [⟨[], ⟨6, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .select [⟨[], ⟨4, [.var 0]⟩⟩, ⟨[], ⟨2, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .relu [⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .add [⟨[], ⟨8, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sub [⟨[], ⟨4, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨1, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sqrt [⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .div [⟨[], ⟨6, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .select [⟨[], ⟨4, [.var 0]⟩⟩, ⟨[], ⟨2, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩]))

/-- `ta-transformer` uses its operations at their arities, for every repetition count. -/
theorem taTransformer_typed (m : Nat) : (taTransformer m).typed FloatOp.sig [.add, .div, .exp, .mul, .relu, .select, .sqrt, .sub, .sum] = true := by
  unfold taTransformer
  exact (Program.typed_append (by decide) (Program.typed_repeated (by decide) m))

/-- Every language a decider running `ta-transformer` decides is in TC0, over any arithmetic whose operations
it uses have constant-depth polynomial-size circuits, with polynomially bounded sizes and precision. -/
theorem taTransformer_tc0 {A : Nat → Arith FloatOp}
    (h_add : OpInTC0 FloatOp.sig A .add)
    (h_div : OpInTC0 FloatOp.sig A .div)
    (h_exp : OpInTC0 FloatOp.sig A .exp)
    (h_mul : OpInTC0 FloatOp.sig A .mul)
    (h_relu : OpInTC0 FloatOp.sig A .relu)
    (h_select : OpInTC0 FloatOp.sig A .select)
    (h_sqrt : OpInTC0 FloatOp.sig A .sqrt)
    (h_sub : OpInTC0 FloatOp.sig A .sub)
    (h_sum : OpInTC0 FloatOp.sig A .sum) (m : Nat) (D : Decider FloatOp)
    (hprog : D.prog = taTransformer m) (hsizes : ∃ K, ∀ n k, (D.sizes n).getD k 0 ≤ (n + 2) ^ K)
    (hprec : PolyBounded D.prec) {L : Language} (hL : D.Decides A L) : TC0 L :=
  Decider.tc0 (ops := [.add, .div, .exp, .mul, .relu, .select, .sqrt, .sub, .sum]) (fun o ho => by
      simp only [List.mem_cons, List.not_mem_nil, or_false] at ho
      rcases ho with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl <;> assumption)
    D (by rw [hprog]; exact taTransformer_typed m) hsizes hprec hL

/-- The program `rope-ta-transformer` in the core calculus: `Decider.sizes` lists `n`, `d`; repeated blocks run `m` times. -/
def ropeTaTransformer (m : Nat) : Program FloatOp :=
  [
    ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .embed (.var 0)⟩,
    ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .copy ⟨1, [.var 0, .var 1]⟩⟩] ++
  (Program.repeated m ([
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨5, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨8, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨11, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨14, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .sub (.mul (.lit 2) (.size 0)) (.lit 1)⟩, ⟨.lit 0, .div (.size 1) 2⟩, ⟨.lit 0, .lit 2⟩, ⟨.lit 0, .lit 2⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .div (.size 1) 2⟩, ⟨.lit 0, .lit 2⟩, ⟨.lit 0, .lit 2⟩], .apply .mul [⟨[], ⟨1, [.sub (.add (.size 0) (.var 1)) (.add (.lit 1) (.var 0)), .var 2, .var 3, .var 4]⟩⟩, ⟨[], ⟨11, [.var 1, .add (.mul (.lit 2) (.var 2)) (.var 4)]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .div (.size 1) 2⟩, ⟨.lit 0, .lit 2⟩], .apply .sum [⟨[⟨.lit 0, .lit 2⟩], ⟨1, [.var 0, .var 1, .var 2, .var 3, .var 4]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .div (.size 1) 2⟩, ⟨.lit 0, .lit 2⟩, ⟨.lit 0, .lit 2⟩], .apply .mul [⟨[], ⟨3, [.sub (.add (.size 0) (.var 1)) (.add (.lit 1) (.var 0)), .var 2, .var 3, .var 4]⟩⟩, ⟨[], ⟨10, [.var 1, .add (.mul (.lit 2) (.var 2)) (.var 4)]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .div (.size 1) 2⟩, ⟨.lit 0, .lit 2⟩], .apply .sum [⟨[⟨.lit 0, .lit 2⟩], ⟨1, [.var 0, .var 1, .var 2, .var 3, .var 4]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .div (.size 1) 2⟩, ⟨.lit 0, .lit 2⟩], .apply .mul [⟨[], ⟨3, [.var 0, .var 1, .var 3, .var 4]⟩⟩, ⟨[], ⟨1, [.var 0, .var 2, .var 3, .var 4]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .div (.size 1) 2⟩, ⟨.lit 0, .lit 2⟩], .apply .mul [⟨[], ⟨19, [.var 0, .add (.mul (.lit 2) (.var 3)) (.var 4)]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1, .var 2, .var 3, .var 4]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .div (.size 1) 2⟩, ⟨.lit 0, .lit 2⟩], ⟨1, [.var 0, .var 1, .var 2, .var 3, .var 4]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 1, .var 2]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], .apply .exp [⟨[], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨16, [.var 1, .var 0]⟩⟩, ⟨[], ⟨13, [.var 2, .var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨3, [.var 0, .var 2, .var 3]⟩⟩, ⟨[], ⟨1, [.var 1, .var 2, .var 3]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], ⟨1, [.var 0, .var 1, .var 2, .var 3]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .div [⟨[], ⟨1, [.var 0, .var 1]⟩⟩, ⟨[], ⟨4, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .add [⟨[], ⟨32, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sub [⟨[], ⟨4, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨1, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sqrt [⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .div [⟨[], ⟨6, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .select [⟨[], ⟨4, [.var 0]⟩⟩, ⟨[], ⟨2, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .relu [⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .add [⟨[], ⟨8, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sub [⟨[], ⟨4, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨1, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sqrt [⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .div [⟨[], ⟨6, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .select [⟨[], ⟨4, [.var 0]⟩⟩, ⟨[], ⟨2, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩]))

/-- `rope-ta-transformer` uses its operations at their arities, for every repetition count. -/
theorem ropeTaTransformer_typed (m : Nat) : (ropeTaTransformer m).typed FloatOp.sig [.add, .div, .exp, .mul, .relu, .select, .sqrt, .sub, .sum] = true := by
  unfold ropeTaTransformer
  exact (Program.typed_append (by decide) (Program.typed_repeated (by decide) m))

/-- Every language a decider running `rope-ta-transformer` decides is in TC0, over any arithmetic whose operations
it uses have constant-depth polynomial-size circuits, with polynomially bounded sizes and precision. -/
theorem ropeTaTransformer_tc0 {A : Nat → Arith FloatOp}
    (h_add : OpInTC0 FloatOp.sig A .add)
    (h_div : OpInTC0 FloatOp.sig A .div)
    (h_exp : OpInTC0 FloatOp.sig A .exp)
    (h_mul : OpInTC0 FloatOp.sig A .mul)
    (h_relu : OpInTC0 FloatOp.sig A .relu)
    (h_select : OpInTC0 FloatOp.sig A .select)
    (h_sqrt : OpInTC0 FloatOp.sig A .sqrt)
    (h_sub : OpInTC0 FloatOp.sig A .sub)
    (h_sum : OpInTC0 FloatOp.sig A .sum) (m : Nat) (D : Decider FloatOp)
    (hprog : D.prog = ropeTaTransformer m) (hsizes : ∃ K, ∀ n k, (D.sizes n).getD k 0 ≤ (n + 2) ^ K)
    (hprec : PolyBounded D.prec) {L : Language} (hL : D.Decides A L) : TC0 L :=
  Decider.tc0 (ops := [.add, .div, .exp, .mul, .relu, .select, .sqrt, .sub, .sum]) (fun o ho => by
      simp only [List.mem_cons, List.not_mem_nil, or_false] at ho
      rcases ho with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl <;> assumption)
    D (by rw [hprog]; exact ropeTaTransformer_typed m) hsizes hprec hL

/-- The program `softmax-transformer` in the core calculus: `Decider.sizes` lists `n`, `d`; repeated blocks run `m` times. -/
def softmaxTransformer (m : Nat) : Program FloatOp :=
  [
    ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .embed (.var 0)⟩,
    ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .copy ⟨1, [.var 0, .var 1]⟩⟩] ++
  (Program.repeated m ([
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨4, [.var 0, .var 2]⟩⟩, ⟨[], ⟨3, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨6, [.var 0, .var 2]⟩⟩, ⟨[], ⟨4, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨8, [.var 0, .var 2]⟩⟩, ⟨[], ⟨5, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨5, [.var 0, .var 2]⟩⟩, ⟨[], ⟨3, [.var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], .apply .exp [⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 0⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 2]⟩⟩, ⟨[], ⟨7, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 0⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .div [⟨[], ⟨1, [.var 0, .var 1]⟩⟩, ⟨[], ⟨3, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .add [⟨[], ⟨19, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sub [⟨[], ⟨4, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨1, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sqrt [⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .div [⟨[], ⟨6, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .select [⟨[], ⟨4, [.var 0]⟩⟩, ⟨[], ⟨2, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .relu [⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .add [⟨[], ⟨8, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sub [⟨[], ⟨4, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨1, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sqrt [⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .div [⟨[], ⟨6, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .select [⟨[], ⟨4, [.var 0]⟩⟩, ⟨[], ⟨2, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩]))

/-- `softmax-transformer` uses its operations at their arities, for every repetition count. -/
theorem softmaxTransformer_typed (m : Nat) : (softmaxTransformer m).typed FloatOp.sig [.add, .div, .exp, .mul, .relu, .select, .sqrt, .sub, .sum] = true := by
  unfold softmaxTransformer
  exact (Program.typed_append (by decide) (Program.typed_repeated (by decide) m))

/-- Every language a decider running `softmax-transformer` decides is in TC0, over any arithmetic whose operations
it uses have constant-depth polynomial-size circuits, with polynomially bounded sizes and precision. -/
theorem softmaxTransformer_tc0 {A : Nat → Arith FloatOp}
    (h_add : OpInTC0 FloatOp.sig A .add)
    (h_div : OpInTC0 FloatOp.sig A .div)
    (h_exp : OpInTC0 FloatOp.sig A .exp)
    (h_mul : OpInTC0 FloatOp.sig A .mul)
    (h_relu : OpInTC0 FloatOp.sig A .relu)
    (h_select : OpInTC0 FloatOp.sig A .select)
    (h_sqrt : OpInTC0 FloatOp.sig A .sqrt)
    (h_sub : OpInTC0 FloatOp.sig A .sub)
    (h_sum : OpInTC0 FloatOp.sig A .sum) (m : Nat) (D : Decider FloatOp)
    (hprog : D.prog = softmaxTransformer m) (hsizes : ∃ K, ∀ n k, (D.sizes n).getD k 0 ≤ (n + 2) ^ K)
    (hprec : PolyBounded D.prec) {L : Language} (hL : D.Decides A L) : TC0 L :=
  Decider.tc0 (ops := [.add, .div, .exp, .mul, .relu, .select, .sqrt, .sub, .sum]) (fun o ho => by
      simp only [List.mem_cons, List.not_mem_nil, or_false] at ho
      rcases ho with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl <;> assumption)
    D (by rw [hprog]; exact softmaxTransformer_typed m) hsizes hprec hL

/-- The program `causal-transformer` in the core calculus: `Decider.sizes` lists `n`, `d`; repeated blocks run `m` times. -/
def causalTransformer (m : Nat) : Program FloatOp :=
  [
    ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .embed (.var 0)⟩,
    ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .copy ⟨1, [.var 0, .var 1]⟩⟩] ++
  (Program.repeated m ([
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨4, [.var 0, .var 2]⟩⟩, ⟨[], ⟨3, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨6, [.var 0, .var 2]⟩⟩, ⟨[], ⟨4, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨8, [.var 0, .var 2]⟩⟩, ⟨[], ⟨5, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .add (.lit 1) (.var 0)⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨5, [.var 0, .var 2]⟩⟩, ⟨[], ⟨3, [.var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .add (.lit 1) (.var 0)⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .add (.lit 1) (.var 0)⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .add (.lit 1) (.var 0)⟩], .apply .exp [⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .add (.lit 1) (.var 0)⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .add (.lit 1) (.var 0)⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 2]⟩⟩, ⟨[], ⟨7, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .add (.lit 1) (.var 0)⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .div [⟨[], ⟨1, [.var 0, .var 1]⟩⟩, ⟨[], ⟨3, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .add [⟨[], ⟨19, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sub [⟨[], ⟨4, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨1, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sqrt [⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .div [⟨[], ⟨6, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .select [⟨[], ⟨4, [.var 0]⟩⟩, ⟨[], ⟨2, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .relu [⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .add [⟨[], ⟨8, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sub [⟨[], ⟨4, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨1, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sqrt [⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .div [⟨[], ⟨6, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .select [⟨[], ⟨4, [.var 0]⟩⟩, ⟨[], ⟨2, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩]))

/-- `causal-transformer` uses its operations at their arities, for every repetition count. -/
theorem causalTransformer_typed (m : Nat) : (causalTransformer m).typed FloatOp.sig [.add, .div, .exp, .mul, .relu, .select, .sqrt, .sub, .sum] = true := by
  unfold causalTransformer
  exact (Program.typed_append (by decide) (Program.typed_repeated (by decide) m))

/-- Every language a decider running `causal-transformer` decides is in TC0, over any arithmetic whose operations
it uses have constant-depth polynomial-size circuits, with polynomially bounded sizes and precision. -/
theorem causalTransformer_tc0 {A : Nat → Arith FloatOp}
    (h_add : OpInTC0 FloatOp.sig A .add)
    (h_div : OpInTC0 FloatOp.sig A .div)
    (h_exp : OpInTC0 FloatOp.sig A .exp)
    (h_mul : OpInTC0 FloatOp.sig A .mul)
    (h_relu : OpInTC0 FloatOp.sig A .relu)
    (h_select : OpInTC0 FloatOp.sig A .select)
    (h_sqrt : OpInTC0 FloatOp.sig A .sqrt)
    (h_sub : OpInTC0 FloatOp.sig A .sub)
    (h_sum : OpInTC0 FloatOp.sig A .sum) (m : Nat) (D : Decider FloatOp)
    (hprog : D.prog = causalTransformer m) (hsizes : ∃ K, ∀ n k, (D.sizes n).getD k 0 ≤ (n + 2) ^ K)
    (hprec : PolyBounded D.prec) {L : Language} (hL : D.Decides A L) : TC0 L :=
  Decider.tc0 (ops := [.add, .div, .exp, .mul, .relu, .select, .sqrt, .sub, .sum]) (fun o ho => by
      simp only [List.mem_cons, List.not_mem_nil, or_false] at ho
      rcases ho with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl <;> assumption)
    D (by rw [hprog]; exact causalTransformer_typed m) hsizes hprec hL

/-- The program `rope-transformer` in the core calculus: `Decider.sizes` lists `n`, `d`; repeated blocks run `m` times. -/
def ropeTransformer (m : Nat) : Program FloatOp :=
  [
    ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .embed (.var 0)⟩,
    ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .copy ⟨1, [.var 0, .var 1]⟩⟩] ++
  (Program.repeated m ([
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨5, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨8, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .sub (.mul (.lit 2) (.size 0)) (.lit 1)⟩, ⟨.lit 0, .div (.size 1) 2⟩, ⟨.lit 0, .lit 2⟩, ⟨.lit 0, .lit 2⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .div (.size 1) 2⟩, ⟨.lit 0, .lit 2⟩, ⟨.lit 0, .lit 2⟩], .apply .mul [⟨[], ⟨1, [.sub (.add (.size 0) (.var 1)) (.add (.lit 1) (.var 0)), .var 2, .var 3, .var 4]⟩⟩, ⟨[], ⟨5, [.var 1, .add (.mul (.lit 2) (.var 2)) (.var 4)]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .div (.size 1) 2⟩, ⟨.lit 0, .lit 2⟩], .apply .sum [⟨[⟨.lit 0, .lit 2⟩], ⟨1, [.var 0, .var 1, .var 2, .var 3, .var 4]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩, ⟨.lit 0, .div (.size 1) 2⟩, ⟨.lit 0, .lit 2⟩], .apply .mul [⟨[], ⟨10, [.var 0, .add (.mul (.lit 2) (.var 2)) (.var 3)]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1, .var 2, .var 3]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .div (.size 1) 2⟩, ⟨.lit 0, .lit 2⟩], ⟨1, [.var 0, .var 1, .var 2, .var 3]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 0⟩], .apply .exp [⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 0⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 2]⟩⟩, ⟨[], ⟨10, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 0⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .div [⟨[], ⟨1, [.var 0, .var 1]⟩⟩, ⟨[], ⟨3, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .add [⟨[], ⟨22, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sub [⟨[], ⟨4, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨1, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sqrt [⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .div [⟨[], ⟨6, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .select [⟨[], ⟨4, [.var 0]⟩⟩, ⟨[], ⟨2, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .relu [⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1, .var 2]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .add [⟨[], ⟨8, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .sub [⟨[], ⟨4, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨1, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sum [⟨[⟨.lit 0, .size 1⟩], ⟨1, [.var 0, .var 1]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .mul [⟨[], ⟨2, [.var 0]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩], .apply .sqrt [⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .div [⟨[], ⟨6, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, [.var 0]⟩⟩]⟩,
      ⟨[], .weight⟩,
      ⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩], .apply .select [⟨[], ⟨4, [.var 0]⟩⟩, ⟨[], ⟨2, [.var 0, .var 1]⟩⟩, ⟨[], ⟨1, []⟩⟩]⟩]))

/-- `rope-transformer` uses its operations at their arities, for every repetition count. -/
theorem ropeTransformer_typed (m : Nat) : (ropeTransformer m).typed FloatOp.sig [.add, .div, .exp, .mul, .relu, .select, .sqrt, .sub, .sum] = true := by
  unfold ropeTransformer
  exact (Program.typed_append (by decide) (Program.typed_repeated (by decide) m))

/-- Every language a decider running `rope-transformer` decides is in TC0, over any arithmetic whose operations
it uses have constant-depth polynomial-size circuits, with polynomially bounded sizes and precision. -/
theorem ropeTransformer_tc0 {A : Nat → Arith FloatOp}
    (h_add : OpInTC0 FloatOp.sig A .add)
    (h_div : OpInTC0 FloatOp.sig A .div)
    (h_exp : OpInTC0 FloatOp.sig A .exp)
    (h_mul : OpInTC0 FloatOp.sig A .mul)
    (h_relu : OpInTC0 FloatOp.sig A .relu)
    (h_select : OpInTC0 FloatOp.sig A .select)
    (h_sqrt : OpInTC0 FloatOp.sig A .sqrt)
    (h_sub : OpInTC0 FloatOp.sig A .sub)
    (h_sum : OpInTC0 FloatOp.sig A .sum) (m : Nat) (D : Decider FloatOp)
    (hprog : D.prog = ropeTransformer m) (hsizes : ∃ K, ∀ n k, (D.sizes n).getD k 0 ≤ (n + 2) ^ K)
    (hprec : PolyBounded D.prec) {L : Language} (hL : D.Decides A L) : TC0 L :=
  Decider.tc0 (ops := [.add, .div, .exp, .mul, .relu, .select, .sqrt, .sub, .sum]) (fun o ho => by
      simp only [List.mem_cons, List.not_mem_nil, or_false] at ho
      rcases ho with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl <;> assumption)
    D (by rw [hprog]; exact ropeTransformer_typed m) hsizes hprec hL

end TC0.Arch.Programs
