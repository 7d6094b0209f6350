module

public import TC0.Arch.Compile
public import TC0.Complexity

/-!
# Deciding a language with a program, and the meta-theorem: it is in TC0

A `Decider` is a program run as a circuit family: at input length `n` it has sizes `sizes n`
(`n` itself, `d`, ...), precision `prec n`, weights `weights n`; the input word is read by the
program's `embed` steps; the answer is bit `bit n` of entry `out n` of the last tensor (for float
outputs, e.g., the sign bit of `Y[n-1, 0]`). `Decider.Decides A L`: the answer is true exactly on
the words of `L`.

`Decider.tc0`, the meta-theorem, proved once for every program: if every operation the program
uses has constant-depth polynomial-size circuits at every precision (`OpInTC0`: depth at most a
constant, at most `(k + p + 2)^e` gates on `k` arguments at precision `p`), the sizes and the
precision are polynomial in `n`, and the program is typed, then every language it decides is in
`TC0`. The family is the compiled circuit (`Program.compile`) followed by the readout: its depth
is at most `Program.depthBound` (`depth_compile_le`), its size `Program.size`, which the degree
bookkeeping below bounds by a power of `n + 2`:

* `Index.deg`: index expressions grow polynomially (`Index.eval_le`);
* `domDeg`: nested ranges have polynomially many tuples with polynomially bounded indices
  (`tuples_bound`); so does every reduction, so every operation has polynomially many arguments;
* `Program.size_le`: the compiled size is at most `(n + 2)^(Program.sizeDeg ...)`.
-/

@[expose] public noncomputable section

namespace TC0.Arch

/-! ## Degrees of index expressions and domains -/

/-- A degree of an index expression: with sizes at most `(n + 2)^K` and indices at most
`(n + 2)^E`, its value is at most `(n + 2)^(e.deg K E)` (`Index.eval_le`). -/
def Index.deg (K E : Nat) : Index → Nat
  | .lit c => c
  | .size _ => K
  | .var _ => E
  | .add a b => max (a.deg K E) (b.deg K E) + 1
  | .sub a _ => a.deg K E
  | .mul a b => a.deg K E + b.deg K E
  | .div a _ => a.deg K E
  | .mod a _ => a.deg K E

theorem Index.eval_le {sz env : List Nat} {n K E : Nat} (hsz : ∀ k, sz.getD k 0 ≤ (n + 2) ^ K)
    (henv : ∀ k, env.getD k 0 ≤ (n + 2) ^ E) : ∀ e : Index, e.eval sz env ≤ (n + 2) ^ (e.deg K E)
  | .lit c => le_pow_self c n
  | .size k => hsz k
  | .var k => henv k
  | .add a b => add_le_pow (Index.eval_le hsz henv a) (Index.eval_le hsz henv b)
  | .sub a _ => Nat.le_trans (Nat.sub_le _ _) (Index.eval_le hsz henv a)
  | .mul a b => mul_le_pow (Index.eval_le hsz henv a) (Index.eval_le hsz henv b)
  | .div a _ => Nat.le_trans (Nat.div_le_self _ _) (Index.eval_le hsz henv a)
  | .mod a _ => Nat.le_trans (Nat.mod_le _ _) (Index.eval_le hsz henv a)

/-- Degrees of nested ranges entered with indices at most `(n + 2)^E`: a bound on every index
of their tuples, and on the number of tuples (`tuples_bound`). -/
def domDeg (K : Nat) : List Range → Nat → Nat × Nat
  | [], E => (E, 0)
  | r :: rs, E =>
    ((domDeg K rs (max E (r.hi.deg K E))).1, r.hi.deg K E + (domDeg K rs (max E (r.hi.deg K E))).2)

theorem getD_append_singleton_le {env : List Nat} {v B : Nat} (henv : ∀ k, env.getD k 0 ≤ B)
    (hv : v ≤ B) : ∀ k, (env ++ [v]).getD k 0 ≤ B := by
  intro k
  by_cases h : k < env.length
  · rw [getD_append_left _ _ _ _ h]; exact henv k
  · rw [show k = env.length + (k - env.length) by omega, getD_append_right]
    cases hk : k - env.length with
    | zero => exact hv
    | succ i => simp

theorem tuples_bound {sz : List Nat} {n K : Nat} (hsz : ∀ k, sz.getD k 0 ≤ (n + 2) ^ K) :
    ∀ (rs : List Range) (E : Nat) (env : List Nat), (∀ k, env.getD k 0 ≤ (n + 2) ^ E) →
      (tuples sz rs env).length ≤ (n + 2) ^ (domDeg K rs E).2 ∧
      ∀ idx ∈ tuples sz rs env, ∀ k, idx.getD k 0 ≤ (n + 2) ^ (domDeg K rs E).1
  | [], E, env, henv => ⟨by simp [tuples, domDeg], fun idx h => by
      simp only [tuples, List.mem_singleton] at h; rw [h]; exact henv⟩
  | r :: rs, E, env, henv => by
    have hhi := Index.eval_le hsz henv r.hi
    have hv : ∀ v ∈ r.vals sz env, ∀ k, (env ++ [v]).getD k 0 ≤ (n + 2) ^ max E (r.hi.deg K E) := by
      intro v hv
      have := List.mem_range'_1.mp hv
      exact getD_append_singleton_le
        (fun k => Nat.le_trans (henv k) (pow_mono n (Nat.le_max_left _ _)))
        (Nat.le_trans (by omega) (Nat.le_trans hhi (pow_mono n (Nat.le_max_right _ _))))
    refine ⟨?_, ?_⟩
    · simp only [tuples, domDeg, List.length_flatMap]
      have hsum := sum_map_le_mul (r.vals sz env) (fun v => (tuples sz rs (env ++ [v])).length)
        ((n + 2) ^ (domDeg K rs (max E (r.hi.deg K E))).2)
        fun v hmem => (tuples_bound hsz rs _ (env ++ [v]) (hv v hmem)).1
      have hlen : (r.vals sz env).length ≤ (n + 2) ^ r.hi.deg K E := by
        simp only [Range.vals, List.length_range']; omega
      exact Nat.le_trans hsum (mul_le_pow hlen (Nat.le_refl _))
    · intro idx hidx
      simp only [tuples, List.mem_flatMap] at hidx
      obtain ⟨v, hvm, hidx⟩ := hidx
      exact (tuples_bound hsz rs _ (env ++ [v]) (hv v hvm)).2 idx hidx

/-! ## The size of the compiled program is polynomial -/

/-- An exponent bounding the gates of a step: with sizes at most `(n + 2)^K`, precision at most
`(n + 2)^P` and operation circuits of at most `(k + p + 2)^e` gates. -/
def Step.sizeDeg {Op : Type} (K P e : Nat) (s : Step Op) : Nat :=
  (domDeg K s.dom 0).2 +
    match s.body with
    | .weight => 0
    | .embed _ => 0
    | .apply _ terms =>
      (max (max ((terms.map fun t => (domDeg K t.red (domDeg K s.dom 0).1).2).sum + terms.length) P + 1) 1 + 1) * e
    | .copy _ => 0

/-- An exponent bounding the gates of a program (`Program.size_le`). -/
def Program.sizeDeg {Op : Type} (K P e : Nat) (p : Program Op) : Nat :=
  (p.map (Step.sizeDeg K P e)).sum + p.length

section Size

variable {Op : Type} [DecidableEq Op] {sig : Op → Option Nat} {ops : List Op} (C : OpCircuits Op)
  (sz : List Nat)

theorem Step.size_le {n K P e p : Nat} (hsz : ∀ k, sz.getD k 0 ≤ (n + 2) ^ K) (hp : p ≤ (n + 2) ^ P)
    (hC : ∀ o ∈ ops, ∀ k, Admissible sig o k → (C.circ o k).size ≤ (k + p + 2) ^ e)
    (s : Step Op) (hs : s.typed sig ops = true) :
    ((tuples sz s.dom []).map fun idx => s.body.size C sz idx).sum ≤ (n + 2) ^ s.sizeDeg K P e := by
  have hdom := tuples_bound hsz s.dom 0 [] (fun k => by simp)
  obtain ⟨dom, body⟩ := s
  have hbody : ∀ idx ∈ tuples sz dom [], body.size C sz idx ≤ (n + 2) ^ (Step.sizeDeg K P e ⟨dom, body⟩ - (domDeg K dom 0).2) := by
    intro idx hidx
    cases body with
    | weight => exact Nat.zero_le _
    | embed pos => exact Nat.le_trans (Nat.le_of_eq (Nat.pow_zero _).symm) (pow_mono n (Nat.zero_le _))
    | apply o terms =>
      obtain ⟨hmem, hadm⟩ := typed_apply sz hs idx
      have hk : arity sz terms idx ≤ (n + 2) ^ ((terms.map fun t => (domDeg K t.red (domDeg K dom 0).1).2).sum + terms.length) :=
        sum_le_pow n _ _ terms fun t _ => (tuples_bound hsz t.red _ idx (hdom.2 idx hidx)).1
      have h₁ := add_le_pow (add_le_pow hk hp) (show 2 ≤ (n + 2) ^ 1 by simp)
      have h₂ := Nat.pow_le_pow_left h₁ e
      rw [← Nat.pow_mul] at h₂
      simp only [Step.sizeDeg, Nat.add_sub_cancel_left]
      exact Nat.le_trans (hC o hmem _ hadm) h₂
    | copy r => exact Nat.zero_le _
  have hsum := sum_map_le_mul _ _ _ hbody
  have := mul_le_pow hdom.1 (Nat.le_refl ((n + 2) ^ (Step.sizeDeg K P e ⟨dom, body⟩ - (domDeg K dom 0).2)))
  rw [show (domDeg K dom 0).2 + (Step.sizeDeg K P e ⟨dom, body⟩ - (domDeg K dom 0).2) =
    Step.sizeDeg K P e ⟨dom, body⟩ by simp only [Step.sizeDeg]; omega] at this
  exact Nat.le_trans hsum this

/-- The compiled program has at most `(n + 2)^(Program.sizeDeg K P e)` gates. -/
theorem Program.size_le {n K P e p : Nat} (hsz : ∀ k, sz.getD k 0 ≤ (n + 2) ^ K) (hp : p ≤ (n + 2) ^ P)
    (hC : ∀ o ∈ ops, ∀ k, Admissible sig o k → (C.circ o k).size ≤ (k + p + 2) ^ e)
    (prog : Program Op) (hprog : prog.typed sig ops = true) :
    prog.size C sz ≤ (n + 2) ^ prog.sizeDeg K P e := by
  unfold Program.size Program.sizeDeg
  apply sum_le_pow
  intro s hs
  exact Step.size_le C sz hsz hp hC s (List.all_eq_true.mp hprog s hs)

end Size

/-! ## Deciders -/

/-- A program as a circuit family: sizes, precision and weights at each input length `n`; the
answer is bit `bit n` of entry `out n` of the last tensor. -/
structure Decider (Op : Type) where
  prog : Program Op
  sizes : Nat → List Nat
  prec : Nat → Nat
  weights : Nat → Nat → List Nat → Word
  out : Nat → List Nat
  bit : Nat → Nat

/-- The answer of the decider on a word, with the arithmetic `A p` at precision `p`. -/
def Decider.answer {Op : Type} (A : Nat → Arith Op) (D : Decider Op) (input : List Bool) : Bool :=
  let S := D.prog.eval (A (D.prec input.length)) (D.sizes input.length) (D.weights input.length) input
  (S.read (A (D.prec input.length)).width (S.length - 1) (D.out input.length)).getD (D.bit input.length) false

/-- The decider answers true exactly on the words of `L`. -/
def Decider.Decides {Op : Type} (A : Nat → Arith Op) (D : Decider Op) (L : Language) : Prop :=
  ∀ w, D.answer A w = true ↔ L w

/-- Operation `o` has constant-depth, polynomial-size circuits: at every precision `p`, for every
admissible number `k` of arguments, a circuit computing it with depth at most `d` and at most
`(k + p + 2)^e` gates. This is the form of the operation-circuit lemmas of the literature
(Chiang 2024 for p-bit float arithmetic; Hesse, Allender, Barrington 2002 for division and
iterated multiplication). -/
def OpInTC0 {Op : Type} (sig : Op → Option Nat) (A : Nat → Arith Op) (o : Op) : Prop :=
  ∃ d e : Nat, ∀ p k, Admissible sig o k →
    ∃ c : Circuit, Computes (A p) o k c ∧ c.depth ≤ d ∧ c.size ≤ (k + p + 2) ^ e

/-- The tensors of a program's semantics have the index tuples of its steps. -/
theorem map_fst_evalFrom {Op : Type} (A : Arith Op) (sz : List Nat) (W : Nat → List Nat → Word)
    (input : List Bool) : ∀ (p : Program Op) (S : State),
    (p.evalFrom A sz W input S).map (·.1) = S.map (·.1) ++ p.map fun s => tuples sz s.dom []
  | [], S => by simp [Program.evalFrom]
  | s :: ss, S => by
    rw [Program.evalFrom, map_fst_evalFrom A sz W input ss]
    simp [Step.eval]

theorem Program.length_eval {Op : Type} (A : Arith Op) (sz : List Nat) (W : Nat → List Nat → Word)
    (input : List Bool) (p : Program Op) : (p.eval A sz W input).length = p.length := by
  have := congrArg List.length (map_fst_evalFrom A sz W input p [])
  simpa using this

section Meta

variable {Op : Type} [DecidableEq Op] {sig : Op → Option Nat} {ops : List Op}
  {A : Nat → Arith Op}

/-- Circuits for all operations of `ops` at every precision, chosen from `OpInTC0`, with one
depth bound per operation and one degree for all of them. -/
theorem exists_opCircuits (hops : ∀ o ∈ ops, OpInTC0 sig A o) :
    ∃ (C : Nat → OpCircuits Op) (D : Op → Nat) (e : Nat),
      (∀ p, (C p).Implements (A p) sig ops) ∧
      (∀ p, ∀ o ∈ ops, ∀ k, Admissible sig o k → ((C p).circ o k).depth ≤ D o) ∧
      (∀ p, ∀ o ∈ ops, ∀ k, Admissible sig o k → ((C p).circ o k).size ≤ (k + p + 2) ^ e) := by
  classical
  have spec : ∀ o (h : o ∈ ops) p k, Admissible sig o k →
      ∃ c : Circuit, Computes (A p) o k c ∧ c.depth ≤ Classical.choose (hops o h) ∧
        c.size ≤ (k + p + 2) ^ Classical.choose (Classical.choose_spec (hops o h)) :=
    fun o h => Classical.choose_spec (Classical.choose_spec (hops o h))
  let E : Op → Nat := fun o => if h : o ∈ ops then Classical.choose (Classical.choose_spec (hops o h)) else 0
  let circ : Nat → Op → Nat → Circuit := fun p o k =>
    if h : o ∈ ops ∧ Admissible sig o k then Classical.choose (spec o h.1 p k h.2) else wires 0 []
  have hcirc : ∀ p o (h : o ∈ ops) k (hk : Admissible sig o k),
      Computes (A p) o k (circ p o k) ∧ (circ p o k).depth ≤ Classical.choose (hops o h) ∧
        (circ p o k).size ≤ (k + p + 2) ^ E o := by
    intro p o h k hk
    have hc := Classical.choose_spec (spec o h p k hk)
    simp only [circ, E, dif_pos (And.intro h hk), dif_pos h]
    exact hc
  refine ⟨fun p => ⟨(A p).width, circ p⟩,
    fun o => if h : o ∈ ops then Classical.choose (hops o h) else 0,
    maxList (ops.map E), fun p => ⟨rfl, fun o h k hk => (hcirc p o h k hk).1⟩, ?_, ?_⟩
  · intro p o h k hk
    simp only [dif_pos h]
    exact (hcirc p o h k hk).2.1
  · intro p o h k hk
    refine Nat.le_trans (hcirc p o h k hk).2.2 (Nat.pow_le_pow_right (by omega) ?_)
    exact le_maxList (List.mem_map_of_mem h)

/-- The wire of the answer bit among the outputs of the compiled program (words of `w` bits). -/
def Decider.answerWire (D : Decider Op) (w n : Nat) : Nat :=
  let K : Layout := D.prog.map fun s => tuples (D.sizes n) s.dom []
  (K.entry n w (K.length - 1) (D.out n)).getD (D.bit n) 0

/-- The circuit of a decider at input length `n`: the compiled program, then the answer bit. -/
def Decider.circuit (C : Nat → OpCircuits Op) (D : Decider Op) (n : Nat) : Circuit :=
  seq (D.prog.compile (C (D.prec n)) (D.sizes n) (D.weights n) n)
    (wires (D.prog.compile (C (D.prec n)) (D.sizes n) (D.weights n) n).outputs.length
      [D.answerWire (C (D.prec n)).width n])

/-- What the decider's circuit is: well formed on `n` inputs, no deeper than the program's depth
bound, as large as the compiled program, and it outputs the answer. -/
theorem Decider.circuit_spec {C : Nat → OpCircuits Op} (hC : ∀ p, (C p).Implements (A p) sig ops)
    (D : Decider Op) (htyped : D.prog.typed sig ops = true) (n : Nat) :
    (D.circuit C n).WellFormed ∧ (D.circuit C n).numInputs = n ∧
    (D.circuit C n).size = D.prog.size (C (D.prec n)) (D.sizes n) ∧
    (∀ Dop : Op → Nat, (∀ o ∈ ops, ∀ k, Admissible sig o k → ((C (D.prec n)).circ o k).depth ≤ Dop o) →
      (D.circuit C n).depth ≤ D.prog.depthBound Dop) ∧
    ∀ input : List Bool, input.length = n → (D.circuit C n).eval (outBit input) = [D.answer A input] := by
  have hw := (hC (D.prec n)).width
  have hkeys : ∀ input : List Bool,
      (D.prog.eval (A (D.prec n)) (D.sizes n) (D.weights n) input).map (·.1) =
        D.prog.map fun s => tuples (D.sizes n) s.dom [] := by
    intro input
    have := map_fst_evalFrom (A (D.prec n)) (D.sizes n) (D.weights n) input D.prog []
    simpa using this
  have hinv := (compile_spec (D.sizes n) (D.weights n) (hC (D.prec n)) D.prog htyped
    (List.replicate n false)).1
  rw [List.length_replicate] at hinv
  have hc := hinv.wf
  have hwire : ∀ x ∈ [D.answerWire (C (D.prec n)).width n],
      x < 2 + (D.prog.compile (C (D.prec n)) (D.sizes n) (D.weights n) n).outputs.length := by
    intro x hx
    rw [List.mem_singleton] at hx
    subst hx
    rw [hinv.outputs, hkeys, ← hw, List.length_replicate]
    unfold Decider.answerWire
    rcases getD_mem_or (Layout.entry (D.prog.map fun s => tuples (D.sizes n) s.dom []) n
      (C (D.prec n)).width ((D.prog.map fun s => tuples (D.sizes n) s.dom []).length - 1) (D.out n))
      (D.bit n) 0 with h | h
    · exact entry_lt _ _ _ _ _ _ h
    · rw [h]; omega
  have hr := wellFormed_wires hwire
  have hnum : (D.circuit C n).numInputs = n := by
    have := hinv.numInputs
    rw [List.length_replicate] at this
    exact this
  refine ⟨wellFormed_seq _ _ hc hr rfl, hnum, ?_, ?_, ?_⟩
  · simp only [Decider.circuit, size_seq, size_wires, Nat.add_zero]
    exact size_compile (D.sizes n) (D.weights n) (hC (D.prec n)) D.prog htyped n
  · intro Dop hD
    have := depth_seq_le _ _ hc hr rfl
    rw [depth_wires, Nat.add_zero] at this
    exact Nat.le_trans this (depth_compile_le (D.sizes n) (D.weights n) (hC (D.prec n)) D.prog htyped Dop hD n)
  · intro input hn
    subst hn
    rw [Decider.circuit, eval_seq _ _ hc hr rfl, eval_compile _ _ (hC _) _ htyped, eval_wires,
      List.map_cons, List.map_nil]
    have hS := (compile_spec (D.sizes input.length) (D.weights input.length) (hC (D.prec input.length))
      D.prog htyped input).1
    have hent := map_entry input (D.prog.eval (A (D.prec input.length)) (D.sizes input.length)
      (D.weights input.length) input) (A (D.prec input.length)).width
      ((D.prog.eval (A (D.prec input.length)) (D.sizes input.length) (D.weights input.length) input).length - 1)
      (D.out input.length) hS.keys hS.widths
    rw [hkeys] at hent
    simp only [Decider.answer, Decider.answerWire]
    rw [hw, ← hent, inputEnv_getD, Program.length_eval, List.length_map]

/-- **The meta-theorem.** A typed program whose operations all have constant-depth,
polynomial-size circuits, run with polynomially bounded sizes and precision, decides only
languages in TC0. -/
theorem Decider.tc0 (hops : ∀ o ∈ ops, OpInTC0 sig A o) (D : Decider Op)
    (htyped : D.prog.typed sig ops = true)
    (hsizes : ∃ K, ∀ n k, (D.sizes n).getD k 0 ≤ (n + 2) ^ K) (hprec : PolyBounded D.prec)
    {L : Language} (hL : D.Decides A L) : TC0 L := by
  obtain ⟨C, Dop, e, hC, hdepth, hsize⟩ := exists_opCircuits hops
  obtain ⟨K, hK⟩ := hsizes
  obtain ⟨P, hP⟩ := hprec
  have spec := D.circuit_spec hC htyped
  let F : Family := ⟨D.circuit C, fun n => (spec n).1, fun n => (spec n).2.1⟩
  refine ⟨F, ?_, ⟨D.prog.depthBound Dop, fun n => (spec n).2.2.2.1 Dop (hdepth _)⟩,
    ⟨D.prog.sizeDeg K P e, fun n => ?_⟩⟩
  · intro w
    rw [← hL w]
    show outBit ((D.circuit C w.length).eval (outBit w)) 0 = true ↔ _
    rw [(spec w.length).2.2.2.2 w rfl]
    rfl
  · show (D.circuit C n).size ≤ _
    rw [(spec n).2.2.1]
    exact Program.size_le (C (D.prec n)) (D.sizes n) (hK n) (hP n) (hsize _) D.prog htyped

end Meta

end TC0.Arch
