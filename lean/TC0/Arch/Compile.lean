module

public import TC0.Arch.Basic

/-!
# The compiler from programs to threshold circuits, and its correctness

`Program.compile C sz W n p` is one circuit for sizes `sz`, weights `W` and inputs of `n` bits,
parametric in circuits for the operations (`OpCircuits`: for every operation and number of
arguments, a circuit). Its outputs are the `n` input bits, then every entry of every tensor, in
step order and domain order, `width` bits each (`Layout`). Step by step, `extend` adds one layer:
all entries of the step side by side (`parAll`), each entry's circuit (`Body.node`) reading its
arguments' wires (`fetch`):

* `weight`: `constant`, the hard-wired word (no gates);
* `embed pos`: `choose`, the input bit `pos` selecting one of two hard-wired words (one gate);
* `apply o terms`: the circuit `C.circ o k` for the `k` arguments, reading each argument's
  wires (`Layout.entry`), or false wires where the semantics reads zeros;
* `copy r`: no gates, the wires of the entry `r` names.

For circuits that implement the arithmetic (`OpCircuits.Implements`) and a typed program
(`Program.typed`), the compiled circuit on `n` input bits, proved once for every program:

* is well formed and reads `n` bits (`wellFormed_compile`, `numInputs_compile`);
* computes the program's semantics: its outputs are the input bits, then the bits of every entry
  of every tensor (`eval_compile`);
* has depth at most `Program.depthBound D` when every admissible operation circuit has depth at
  most `D o` (`depth_compile_le`): the sum over the steps, independent of every size;
* has exactly `Program.size` gates (`size_compile`): the sum over steps and entries.

One induction over the steps carries the invariant `Inv` (the circuit so far is well formed and
outputs the input followed by every entry so far). Everything rests on the composition lemmas of
`TC0.Compose`.
-/

@[expose] public noncomputable section

namespace TC0.Arch

/-- Circuits for the operations on words of `width` bits: `circ o k` computes `o` on `k`
arguments, read from its `k * width` input bits in order. -/
structure OpCircuits (Op : Type) where
  width : Nat
  circ : Op → Nat → Circuit

/-- The index tuples of the tensors compiled so far, in step order. -/
abbrev Layout := List (List (List Nat))

/-- The number of entries of the first `u` tensors. -/
def Layout.offset (K : Layout) (u : Nat) : Nat := ((K.take u).map List.length).sum

/-- The number of entries of all tensors. -/
def Layout.count (K : Layout) : Nat := (K.map List.length).sum

/-- The `w` wires holding entry `key` of tensor `u`, in a circuit whose inputs are `n` input bits
and then the entries of `K`; false wires when there is no such entry. -/
def Layout.entry (K : Layout) (n w u : Nat) (key : List Nat) : List Nat :=
  if position key (K.getD u []) < (K.getD u []).length then
    (List.range w).map fun b => 2 + n + (K.offset u + position key (K.getD u [])) * w + b
  else List.replicate w 0

/-- The wires a reference reads at indices `env`. -/
def Ref.wires (K : Layout) (n w : Nat) (sz env : List Nat) (r : Ref) : List Nat :=
  match r.tensor K.length with
  | some u => K.entry n w u (r.key sz env)
  | none => List.replicate w 0

/-- The hard-wired word `v`: no gates, each output wire 1 (true) or 0 (false). -/
def constant (v : Word) : Circuit := wires 0 (v.map fun b => if b then 1 else 0)

/-- The wire of `choose` for a bit that is `a` when the input bit is false and `b` when it is
true: a constant, the input bit (wire 2), or its negation (wire 3). -/
def chooseWire : Bool → Bool → Nat
  | false, false => 0
  | true, true => 1
  | false, true => 2
  | true, false => 3

/-- One input bit choosing `v₁` (when true) or `v₀` (when false), bit by bit; one negation gate. -/
def choose (v₀ v₁ : Word) : Circuit := ⟨1, [⟨[(2, -1)], 0⟩], List.zipWith chooseWire v₀ v₁⟩

section Compiler

variable {Op : Type} (C : OpCircuits Op) (sz : List Nat) (W : Nat → List Nat → Word) (n : Nat)

/-- The circuit of entry `idx` of the next step (number `K.length`), and the wires it reads. -/
def Body.node (K : Layout) (idx : List Nat) : Body Op → Circuit × List Nat
  | .weight => (constant (fit C.width (W K.length idx)), [])
  | .embed pos =>
    (choose (fit C.width (W K.length (0 :: idx))) (fit C.width (W K.length (1 :: idx))),
      [if pos.eval sz idx < n then 2 + pos.eval sz idx else 0])
  | .apply o terms =>
    (C.circ o (arity sz terms idx),
      terms.flatMap fun t => (tuples sz t.red idx).flatMap fun env => t.ref.wires K n C.width sz env)
  | .copy r => (wires C.width (ident C.width), r.wires K n C.width sz idx)

/-- All entries of a step side by side, on the outputs so far. -/
def Step.layer (K : Layout) (s : Step Op) : Circuit :=
  parAll (n + K.count * C.width) ((tuples sz s.dom []).map fun idx =>
    fetch (n + K.count * C.width) (s.body.node C sz W n K idx).2 (s.body.node C sz W n K idx).1)

/-- Compiles steps after the circuit `c` of the tensors `K`. -/
def Program.compileFrom : Circuit → Layout → Program Op → Circuit
  | c, _, [] => c
  | c, K, s :: ss => Program.compileFrom (extend c (s.layer C sz W n K)) (K ++ [tuples sz s.dom []]) ss

/-- The compiled circuit on `n` input bits: its outputs are the input bits, then every entry of
every tensor. -/
def Program.compile (p : Program Op) : Circuit := p.compileFrom C sz W n (wires n (ident n)) []

end Compiler

/-! ## What the operation circuits must satisfy -/

/-- Operation `o` may take `k` arguments: its arity when it has one (`sig o = some a`), any number
when it is variadic (`sig o = none`: iterated sums and products). -/
def Admissible {Op : Type} (sig : Op → Option Nat) (o : Op) (k : Nat) : Prop :=
  ∀ a, sig o = some a → k = a

/-- `c` computes operation `o` of `A` on `k` arguments: well formed, `k * width` input bits,
`width` output bits, and the right word on every `k` words of `width` bits. -/
structure Computes {Op : Type} (A : Arith Op) (o : Op) (k : Nat) (c : Circuit) : Prop where
  wf : c.WellFormed
  inputs : c.numInputs = k * A.width
  outputs : c.outputs.length = A.width
  eval : ∀ args : List Word, args.length = k → (∀ a ∈ args, a.length = A.width) →
    c.eval (outBit args.flatten) = A.eval o args

/-- The circuits implement the operations `ops` of the arithmetic: same width, and every
admissible use of one of them computes. -/
structure OpCircuits.Implements {Op : Type} (C : OpCircuits Op) (A : Arith Op)
    (sig : Op → Option Nat) (ops : List Op) : Prop where
  width : C.width = A.width
  computes : ∀ o ∈ ops, ∀ k, Admissible sig o k → Computes A o k (C.circ o k)

/-- Every application in the step uses one of the operations `ops`, admissibly: an operation of
fixed arity element-wise on that many terms, a variadic one on anything. -/
def Step.typed {Op : Type} [DecidableEq Op] (sig : Op → Option Nat) (ops : List Op) (s : Step Op) : Bool :=
  match s.body with
  | .apply o terms =>
    decide (o ∈ ops) &&
      match sig o with
      | some a => terms.all (fun t => t.red.isEmpty) && terms.length == a
      | none => true
  | _ => true

/-- Every step is typed. -/
def Program.typed {Op : Type} [DecidableEq Op] (sig : Op → Option Nat) (ops : List Op)
    (p : Program Op) : Bool :=
  p.all (Step.typed sig ops)

/-- The depth the compiled step adds: none for weights, one gate for the embedding, the
operation's bound `D o` for an application. -/
def Body.depthBound {Op : Type} (D : Op → Nat) : Body Op → Nat
  | .weight => 0
  | .embed _ => 1
  | .apply o _ => D o
  | .copy _ => 0

/-- The program's depth bound: the sum over its steps. It does not depend on any size. -/
def Program.depthBound {Op : Type} (D : Op → Nat) (p : Program Op) : Nat :=
  (p.map fun s => s.body.depthBound D).sum

/-- The depth of an entry's circuit is at most this: none for weights, one gate for the
embedding, the operation circuit's depth for an application. -/
def Body.depthOf {Op : Type} (C : OpCircuits Op) (sz idx : List Nat) : Body Op → Nat
  | .weight => 0
  | .embed _ => 1
  | .apply o terms => (C.circ o (arity sz terms idx)).depth
  | .copy _ => 0

/-- The sum over the steps of the deepest entry circuit. -/
def Program.depthOf {Op : Type} (C : OpCircuits Op) (sz : List Nat) (p : Program Op) : Nat :=
  (p.map fun s => maxList ((tuples sz s.dom []).map fun idx => s.body.depthOf C sz idx)).sum

/-- The gates of entry `idx`'s circuit. -/
def Body.size {Op : Type} (C : OpCircuits Op) (sz idx : List Nat) : Body Op → Nat
  | .weight => 0
  | .embed _ => 1
  | .apply o terms => (C.circ o (arity sz terms idx)).size
  | .copy _ => 0

/-- The gates of the compiled program: the sum over steps and entries. -/
def Program.size {Op : Type} (C : OpCircuits Op) (sz : List Nat) (p : Program Op) : Nat :=
  (p.map fun s => ((tuples sz s.dom []).map fun idx => s.body.size C sz idx).sum).sum

/-- All bits of all entries, in order: what the compiled circuit outputs after the input. -/
def State.bits (S : State) : List Bool := ((S.map (·.2)).flatten).flatten

/-! # Correctness: the meta-theorem for one size -/

theorem offset_add_lt_count :
    ∀ (K : Layout) (u j : Nat), j < (K.getD u []).length → K.offset u + j < K.count
  | [], u, j, h => by simp at h
  | v :: K, 0, j, h => by
    have h' : j < v.length := h
    simp only [Layout.offset, Layout.count, List.take_zero, List.map_nil, List.sum_nil,
      List.map_cons, List.sum_cons]
    omega
  | v :: K, u + 1, j, h => by
    have := offset_add_lt_count K u j h
    simp only [Layout.offset, Layout.count, List.take_succ_cons, List.map_cons, List.sum_cons] at this ⊢
    omega

theorem fit_eq_self {w : Nat} {v : Word} (h : v.length = w) : fit w v = v := map_range_getD h

theorem map_inputEnv_zero (x : Nat → Bool) (w : Nat) : (List.replicate w 0).map (inputEnv x) = zeros w := by
  rw [List.map_replicate]
  rfl

/-! ## The parts of a step -/

theorem eval_constant (v : Word) (x : Nat → Bool) : (constant v).eval x = v := by
  rw [constant, eval_wires, List.map_map]
  conv => rhs; rw [← List.map_id v]
  apply List.map_congr_left
  intro b _
  cases b <;> rfl

theorem wellFormed_constant (v : Word) : (constant v).WellFormed :=
  wellFormed_wires fun w hw => by
    obtain ⟨b, _, rfl⟩ := List.mem_map.mp hw
    cases b <;> decide

theorem chooseWire_lt (a b : Bool) : chooseWire a b < 4 := by cases a <;> cases b <;> decide

theorem mem_zipWith_chooseWire : ∀ (l₁ l₂ : List Bool), ∀ w ∈ List.zipWith chooseWire l₁ l₂, w < 4
  | [], _, _, h => by simp at h
  | _ :: _, [], _, h => by simp at h
  | a :: l₁, b :: l₂, w, h => by
    rw [List.zipWith_cons_cons, List.mem_cons] at h
    rcases h with h | h
    · rw [h]; exact chooseWire_lt a b
    · exact mem_zipWith_chooseWire l₁ l₂ w h

theorem wellFormed_choose (v₀ v₁ : Word) : (choose v₀ v₁).WellFormed :=
  ⟨⟨fun p hp => by simp only [List.mem_singleton] at hp; rw [hp]; simp [choose, Circuit.base], trivial⟩,
    fun w hw => mem_zipWith_chooseWire v₀ v₁ w hw⟩

theorem zipWith_select (c : Bool) : ∀ (v₀ v₁ : Word), v₀.length = v₁.length →
    List.zipWith (fun a b => if c = true then b else a) v₀ v₁ = if c = true then v₁ else v₀
  | [], [], _ => by cases c <;> rfl
  | [], _ :: _, h => by simp at h
  | _ :: _, [], h => by simp at h
  | a :: v₀, b :: v₁, h => by
    rw [List.zipWith_cons_cons, zipWith_select c v₀ v₁ (by simpa using h)]
    cases c <;> rfl

theorem eval_choose (v₀ v₁ : Word) (h : v₀.length = v₁.length) (x : Nat → Bool) :
    (choose v₀ v₁).eval x = if x 0 = true then v₁ else v₀ := by
  have hval : ∀ a b : Bool,
      (choose v₀ v₁).values x (chooseWire a b) = if x 0 = true then b else a := by
    intro a b
    cases a <;> cases b <;> cases hx : x 0 <;>
      simp [Circuit.values, Circuit.base, choose, chooseWire, run, Gate.eval, Gate.weightedSum,
        inputEnv, hx]
  rw [Circuit.eval, show (choose v₀ v₁).outputs = List.zipWith chooseWire v₀ v₁ from rfl,
    List.map_zipWith]
  rw [← zipWith_select (x 0) v₀ v₁ h]
  congr
  funext a b
  exact hval a b

theorem depth_choose_le (v₀ v₁ : Word) : (choose v₀ v₁).depth ≤ 1 := by
  apply maxList_le
  intro a ha
  obtain ⟨w, _, rfl⟩ := List.mem_map.mp ha
  simp only [Circuit.depths, Circuit.base, choose, run]
  split
  · decide
  · exact Nat.zero_le _

/-! ## The invariant -/

/-- The circuit `c` of the tensors `S` reads the input and outputs it followed by every entry;
entries have `w` bits and one value per index tuple. -/
structure Inv (input : List Bool) (w : Nat) (c : Circuit) (S : State) : Prop where
  wf : c.WellFormed
  numInputs : c.numInputs = input.length
  outputs : c.outputs.length = input.length + Layout.count (S.map (·.1)) * w
  eval : c.eval (outBit input) = input ++ S.bits
  keys : ∀ t ∈ S, t.2.length = t.1.length
  widths : ∀ t ∈ S, ∀ v ∈ t.2, v.length = w

section Invariant

variable {Op : Type} [DecidableEq Op] {sig : Op → Option Nat} {ops : List Op} {A : Arith Op}
  {C : OpCircuits Op} (sz : List Nat) (W : Nat → List Nat → Word) (input : List Bool)

theorem offset_map_fst (S : State) (hk : ∀ t ∈ S, t.2.length = t.1.length) (u : Nat) :
    Layout.offset (S.map (·.1)) u = (((S.map (·.2)).take u).map List.length).sum := by
  have : S.map (fun t => t.1.length) = S.map (fun t => t.2.length) :=
    List.map_congr_left fun t ht => (hk t ht).symm
  simp only [Layout.offset, List.map_take, List.map_map]
  exact congrArg (fun l => (l.take u).sum) this

theorem length_read (S : State) (w u : Nat) (key : List Nat)
    (hw : ∀ t ∈ S, ∀ v ∈ t.2, v.length = w) : (S.read w u key).length = w := by
  unfold State.read
  rcases getD_mem_or (S.getD u ([], [])).2 (position key (S.getD u ([], [])).1) (zeros w) with h | h
  · rcases getD_mem_or S u ([], []) with hS | hS
    · exact hw _ hS _ h
    · rw [hS] at h; simp at h
  · rw [h, length_zeros]

theorem length_getD_snd (S : State) (u : Nat) (hk : ∀ t ∈ S, t.2.length = t.1.length) :
    (S.getD u ([], [])).2.length = (S.getD u ([], [])).1.length := by
  rcases getD_mem_or S u ([], []) with h | h
  · exact hk _ h
  · rw [h]; rfl

/-- The wires of an entry carry its value. -/
theorem map_entry (S : State) (w u : Nat) (key : List Nat)
    (hk : ∀ t ∈ S, t.2.length = t.1.length) (hw : ∀ t ∈ S, ∀ v ∈ t.2, v.length = w) :
    (Layout.entry (S.map (·.1)) input.length w u key).map (inputEnv (outBit (input ++ S.bits))) =
      S.read w u key := by
  have hK : (S.map (·.1)).getD u [] = (S.getD u ([], [])).1 := getD_map' (·.1) S u ([], [])
  have hV : (S.map (·.2)).getD u [] = (S.getD u ([], [])).2 := getD_map' (·.2) S u ([], [])
  have hvk := length_getD_snd S u hk
  unfold Layout.entry State.read
  rw [hK]
  generalize hj : position key (S.getD u ([], [])).1 = j
  split
  · rename_i hlt
    have hlt' : j < (S.getD u ([], [])).2.length := by omega
    have hmem : (S.getD u ([], [])).2.getD j [] ∈ (S.getD u ([], [])).2 := getD_mem [] hlt'
    have hS : S.getD u ([], []) ∈ S := by
      rcases getD_mem_or S u ([], []) with h | h
      · exact h
      · rw [h] at hlt'; simp at hlt'
    have hwj : ((S.getD u ([], [])).2.getD j []).length = w := hw _ hS _ hmem
    have hall : ∀ v ∈ (S.map (·.2)).flatten, v.length = w := by
      intro v hv
      obtain ⟨l, hl, hvl⟩ := List.mem_flatten.mp hv
      obtain ⟨t, ht, rfl⟩ := List.mem_map.mp hl
      exact hw t ht v hvl
    rw [List.map_map]
    rw [getD_default_irrel hlt' (zeros w) []]
    conv => rhs; rw [← fit_eq_self hwj, fit]
    apply List.map_congr_left
    intro b hb
    have hb' : b < w := List.mem_range.mp hb
    simp only [Function.comp]
    rw [show 2 + input.length + (Layout.offset (S.map (·.1)) u + j) * w + b =
        (input.length + ((Layout.offset (S.map (·.1)) u + j) * w + b)) + 2 by omega,
      inputEnv_add_two, outBit, getD_append_right, State.bits,
      getD_flatten_uniform w false _ hall _ b hb', offset_map_fst S hk u,
      getD_flatten_offset [] (S.map (·.2)) u j (by rw [hV]; exact hlt'), hV]
  · rename_i hge
    rw [map_inputEnv_zero, getD_of_length_le _ _ _ (by omega)]

omit [DecidableEq Op] in
/-- A reference's wires carry its value. -/
theorem map_ref_wires (S : State) (env : List Nat) (r : Ref)
    (hk : ∀ t ∈ S, t.2.length = t.1.length) (hw : ∀ t ∈ S, ∀ v ∈ t.2, v.length = A.width) :
    (r.wires (S.map (·.1)) input.length A.width sz env).map (inputEnv (outBit (input ++ S.bits))) =
      r.value A sz S env := by
  unfold Ref.wires Ref.value
  rw [List.length_map]
  cases r.tensor S.length with
  | none => exact map_inputEnv_zero _ _
  | some u => exact map_entry input S A.width u _ hk hw

omit [DecidableEq Op] in
theorem length_ref_value (S : State) (env : List Nat) (r : Ref)
    (hw : ∀ t ∈ S, ∀ v ∈ t.2, v.length = A.width) : (r.value A sz S env).length = A.width := by
  unfold Ref.value
  cases r.tensor S.length with
  | none => exact length_zeros _
  | some u => exact length_read S _ u _ hw

theorem length_ref_wires (K : Layout) (n w : Nat) (env : List Nat) (r : Ref) :
    (r.wires K n w sz env).length = w := by
  unfold Ref.wires
  split
  · unfold Layout.entry; split <;> simp
  · simp

theorem entry_lt (K : Layout) (n w u : Nat) (key : List Nat) :
    ∀ x ∈ K.entry n w u key, x < 2 + (n + K.count * w) := by
  intro x hx
  unfold Layout.entry at hx
  split at hx
  · rename_i hlt
    obtain ⟨b, hb, rfl⟩ := List.mem_map.mp hx
    have hb' := List.mem_range.mp hb
    have h₁ := offset_add_lt_count K u _ hlt
    have h₂ : (K.offset u + position key (K.getD u [])) * w + b <
        (K.offset u + position key (K.getD u []) + 1) * w := by
      rw [Nat.succ_mul]; omega
    have h₃ : (K.offset u + position key (K.getD u []) + 1) * w ≤ K.count * w :=
      Nat.mul_le_mul_right w h₁
    omega
  · obtain ⟨_, rfl⟩ := List.mem_replicate.mp hx; omega

theorem ref_wires_lt (K : Layout) (n w : Nat) (env : List Nat) (r : Ref) :
    ∀ x ∈ r.wires K n w sz env, x < 2 + (n + K.count * w) := by
  intro x hx
  unfold Ref.wires at hx
  split at hx
  · exact entry_lt K n w _ _ x hx
  · obtain ⟨_, rfl⟩ := List.mem_replicate.mp hx; omega

theorem flatten_flatMap_map {α β γ : Type} (l : List α) (f : α → List β) (g : α → β → List γ) :
    (l.flatMap fun a => (f a).map (g a)).flatten = l.flatMap fun a => (f a).flatMap (g a) := by
  induction l with
  | nil => rfl
  | cons a l ih =>
    rw [List.flatMap_cons, List.flatten_append, ih, List.flatMap_cons]
    congr 1

theorem sum_map_mul_const {α : Type} (l : List α) (f : α → Nat) (c : Nat) :
    (l.map fun a => f a * c).sum = (l.map f).sum * c := by
  induction l with
  | nil => simp
  | cons a l ih => simp only [List.map_cons, List.sum_cons, ih, Nat.add_mul]

/-- A typed application uses one of the operations, admissibly, at every index. -/
theorem typed_apply {o : Op} {terms : List Term} {dom : List Range}
    (hs : Step.typed sig ops ⟨dom, .apply o terms⟩ = true) (idx : List Nat) :
    o ∈ ops ∧ Admissible sig o (arity sz terms idx) := by
  simp only [Step.typed, Bool.and_eq_true, decide_eq_true_eq] at hs
  refine ⟨hs.1, fun a ha => ?_⟩
  have h₂ := hs.2
  rw [ha] at h₂
  simp only [Bool.and_eq_true, List.all_eq_true, List.isEmpty_iff, beq_iff_eq] at h₂
  unfold arity
  rw [List.map_congr_left (g := fun _ => 1) (fun t ht => by rw [h₂.1 t ht]; rfl), sum_map_const,
    h₂.2, Nat.mul_one]

/-- What the circuit of one entry satisfies. -/
structure NodeSpec (w N : Nat) (y : Nat → Bool) (nd : Circuit × List Nat) (v : Word) : Prop where
  wf : nd.1.WellFormed
  inputs : nd.1.numInputs = nd.2.length
  reads : ∀ x ∈ nd.2, x < 2 + N
  outputs : nd.1.outputs.length = w
  eval : nd.1.eval (outBit (nd.2.map (inputEnv y))) = v

theorem node_spec (hC : C.Implements A sig ops) (S : State) (s : Step Op) (hs : s.typed sig ops = true)
    {c : Circuit} (h : Inv input A.width c S) (idx : List Nat) :
    NodeSpec A.width (input.length + Layout.count (S.map (·.1)) * A.width)
      (outBit (input ++ S.bits)) (s.body.node C sz W input.length (S.map (·.1)) idx)
      (s.body.value A sz W input S.length S idx) := by
  have hwidth := hC.width
  have hlenK : (S.map (·.1)).length = S.length := List.length_map ..
  obtain ⟨dom, body⟩ := s
  cases body with
  | weight =>
    refine ⟨wellFormed_constant _, rfl, fun _ h => by simp [Body.node] at h, ?_, ?_⟩
    · simp [Body.node, constant, wires, length_fit, hwidth]
    · simp only [Body.node, Body.value, eval_constant, hlenK, hwidth]
  | embed pos =>
    have hfit : ∀ k, (fit C.width (W (S.map (·.1)).length (k :: idx))).length =
        (fit C.width (W (S.map (·.1)).length (1 :: idx))).length := by
      intro k; simp [length_fit]
    refine ⟨wellFormed_choose _ _, rfl, ?_, ?_, ?_⟩
    · intro x hx
      simp only [Body.node, List.mem_singleton] at hx
      split at hx <;> omega
    · simp [Body.node, choose, length_fit, hwidth]
    · simp only [Body.node, List.map_cons, List.map_nil]
      rw [eval_choose _ _ (hfit 0)]
      have hbit : outBit [inputEnv (outBit (input ++ S.bits))
          (if pos.eval sz idx < input.length then 2 + pos.eval sz idx else 0)] 0 =
          input.getD (pos.eval sz idx) false := by
        split
        · rename_i hlt
          rw [show 2 + pos.eval sz idx = pos.eval sz idx + 2 by omega, inputEnv_add_two]
          simp only [outBit, List.getD_cons_zero]
          exact getD_append_left _ _ _ _ hlt
        · rename_i hge
          simp only [outBit, List.getD_cons_zero]
          rw [getD_of_length_le _ _ _ (by omega)]
          rfl
      rw [hbit]
      simp only [Body.value, hlenK, hwidth]
      cases input.getD (pos.eval sz idx) false <;> rfl
  | apply o terms =>
    obtain ⟨hmem, hadm⟩ := typed_apply sz hs idx
    have hc := hC.computes o hmem _ hadm
    have hargs_len : (Body.args A sz S terms idx).length = arity sz terms idx := by
      unfold Body.args arity
      rw [List.length_flatMap]
      congr 1
      apply List.map_congr_left
      intro t _
      exact List.length_map ..
    have hargs_w : ∀ a ∈ Body.args A sz S terms idx, a.length = A.width := by
      intro a ha
      unfold Body.args at ha
      obtain ⟨t, _, ha⟩ := List.mem_flatMap.mp ha
      obtain ⟨env, _, rfl⟩ := List.mem_map.mp ha
      exact length_ref_value sz S env t.ref h.widths
    refine ⟨hc.wf, ?_, ?_, hc.outputs, ?_⟩
    · simp only [Body.node]
      rw [hc.inputs, List.length_flatMap, arity, ← sum_map_mul_const]
      congr 1
      apply List.map_congr_left
      intro t _
      rw [length_flatMap_const _ _ C.width fun env _ => length_ref_wires sz _ _ _ env t.ref, hwidth]
    · intro x hx
      simp only [Body.node] at hx
      obtain ⟨t, _, hx⟩ := List.mem_flatMap.mp hx
      obtain ⟨env, _, hx⟩ := List.mem_flatMap.mp hx
      have := ref_wires_lt sz _ _ _ env t.ref x hx
      rwa [hwidth] at this
    · simp only [Body.node, Body.value]
      have hread : (terms.flatMap fun t => (tuples sz t.red idx).flatMap fun env =>
          t.ref.wires (S.map (·.1)) input.length C.width sz env).map
            (inputEnv (outBit (input ++ S.bits))) = (Body.args A sz S terms idx).flatten := by
        rw [hwidth, Body.args, flatten_flatMap_map, List.map_flatMap]
        congr 1
        funext t
        rw [List.map_flatMap]
        congr 1
        funext env
        exact map_ref_wires sz input S env t.ref h.keys h.widths
      rw [hread]
      exact hc.eval _ hargs_len hargs_w

  | copy r =>
    have hlen := length_ref_wires sz (S.map (·.1)) input.length C.width idx r
    refine ⟨wellFormed_wires_ident _, by simp only [Body.node, wires]; rw [hlen], ?_, ?_, ?_⟩
    · intro x hx
      simp only [Body.node] at hx
      have := ref_wires_lt sz _ _ _ idx r x hx
      rwa [hwidth] at this
    · simp [Body.node, wires, length_ident, hwidth]
    · simp only [Body.node, Body.value]
      have hm := map_ref_wires sz input S idx r h.keys h.widths
      rw [← hwidth] at hm
      generalize hL : (r.wires (S.map (·.1)) input.length C.width sz idx).map
        (inputEnv (outBit (input ++ S.bits))) = L at hm ⊢
      have hl : L.length = C.width := by rw [← hL, List.length_map, hlen]
      rw [← hl, eval_wires_ident, hm]

/-- The circuit of a step's layer: what it reads, outputs, computes, and its depth and size. -/
theorem layer_spec (hC : C.Implements A sig ops) (S : State) (s : Step Op) (hs : s.typed sig ops = true)
    {c : Circuit} (h : Inv input A.width c S) :
    (s.layer C sz W input.length (S.map (·.1))).WellFormed ∧
    (s.layer C sz W input.length (S.map (·.1))).numInputs = c.outputs.length ∧
    (s.layer C sz W input.length (S.map (·.1))).outputs.length = (tuples sz s.dom []).length * A.width ∧
    (s.layer C sz W input.length (S.map (·.1))).eval (outBit (input ++ S.bits)) =
      (s.eval A sz W input S).2.flatten ∧
    (s.layer C sz W input.length (S.map (·.1))).depth ≤
      maxList ((tuples sz s.dom []).map fun idx => s.body.depthOf C sz idx) ∧
    (s.layer C sz W input.length (S.map (·.1))).size =
      ((tuples sz s.dom []).map fun idx => s.body.size C sz idx).sum := by
  have hwidth := hC.width
  have spec := node_spec sz W input hC S s hs h
  have hlayer : s.layer C sz W input.length (S.map (·.1)) =
      parAll (input.length + Layout.count (S.map (·.1)) * A.width) ((tuples sz s.dom []).map fun idx =>
        fetch (input.length + Layout.count (S.map (·.1)) * A.width)
          (s.body.node C sz W input.length (S.map (·.1)) idx).2
          (s.body.node C sz W input.length (S.map (·.1)) idx).1) := by
    rw [Step.layer, hwidth]
  rw [hlayer]
  have hall : AllOn (input.length + Layout.count (S.map (·.1)) * A.width) ((tuples sz s.dom []).map fun idx =>
      fetch (input.length + Layout.count (S.map (·.1)) * A.width)
        (s.body.node C sz W input.length (S.map (·.1)) idx).2
        (s.body.node C sz W input.length (S.map (·.1)) idx).1) := by
    intro f hf
    obtain ⟨idx, _, rfl⟩ := List.mem_map.mp hf
    exact ⟨wellFormed_fetch (spec idx).reads (spec idx).wf (spec idx).inputs, rfl⟩
  have hL := wellFormed_parAll _ _ hall
  refine ⟨hL.1, by rw [hL.2, h.outputs], ?_, ?_, ?_, ?_⟩
  · rw [outputs_length_parAll, List.map_map, ← sum_map_const (tuples sz s.dom []) A.width]
    congr 1
    apply List.map_congr_left
    intro idx _
    simp only [Function.comp, outputs_length_fetch, (spec idx).outputs]
  · rw [eval_parAll _ _ _ hall, List.map_map]
    congr 1
    apply List.map_congr_left
    intro idx _
    simp only [Function.comp]
    rw [eval_fetch (spec idx).reads (spec idx).wf (spec idx).inputs, (spec idx).eval]
  · apply depth_parAll_le _ _ _ hall
    intro f hf
    obtain ⟨idx, hidx, rfl⟩ := List.mem_map.mp hf
    refine Nat.le_trans (depth_fetch_le (spec idx).reads (spec idx).wf (spec idx).inputs) ?_
    refine Nat.le_trans ?_ (le_maxList (List.mem_map_of_mem (f := fun idx => s.body.depthOf C sz idx) hidx))
    obtain ⟨dom, body⟩ := s
    cases body with
    | weight => exact Nat.le_of_eq (depth_wires _ _)
    | embed pos => exact depth_choose_le _ _
    | apply o terms => exact Nat.le_refl _
    | copy r => exact Nat.le_of_eq (depth_wires _ _)
  · rw [size_parAll, List.map_map]
    congr 1
    apply List.map_congr_left
    intro idx _
    simp only [Function.comp, size_fetch]
    obtain ⟨dom, body⟩ := s
    cases body <;> rfl

theorem bits_append (S : State) (t : List (List Nat) × List Word) :
    (S ++ [t]).bits = S.bits ++ t.2.flatten := by
  simp [State.bits, List.flatten_append]

theorem inv_step (hC : C.Implements A sig ops) (S : State) (s : Step Op) (hs : s.typed sig ops = true)
    {c : Circuit} (h : Inv input A.width c S) :
    Inv input A.width (extend c (s.layer C sz W input.length (S.map (·.1)))) (S ++ [s.eval A sz W input S]) := by
  obtain ⟨hwf, hn, hlen, heval, -, -⟩ := layer_spec sz W input hC S s hs h
  have spec := node_spec sz W input hC S s hs h
  refine ⟨wellFormed_extend h.wf hwf hn, h.numInputs, ?_, ?_, ?_, ?_⟩
  · rw [outputs_length_extend, h.outputs, hlen]
    simp only [Layout.count, List.map_append, List.map_cons, List.map_nil, sum_append,
      List.sum_cons, List.sum_nil, Step.eval]
    rw [Nat.add_zero, Nat.add_mul]
    omega
  · rw [eval_extend h.wf hwf hn, h.eval, heval, bits_append, List.append_assoc]
  · intro t ht
    rcases List.mem_append.mp ht with ht | ht
    · exact h.keys t ht
    · rw [List.mem_singleton.mp ht]; simp [Step.eval]
  · intro t ht v hv
    rcases List.mem_append.mp ht with ht | ht
    · exact h.widths t ht v hv
    · rw [List.mem_singleton.mp ht] at hv
      obtain ⟨idx, _, rfl⟩ := List.mem_map.mp hv
      rw [← (spec idx).eval, length_eval, (spec idx).outputs]

theorem inv_init (w : Nat) : Inv input w (wires input.length (ident input.length)) [] where
  wf := wellFormed_wires_ident _
  numInputs := rfl
  outputs := by simp [wires, length_ident, Layout.count]
  eval := by rw [eval_wires_ident]; simp [State.bits]
  keys := by simp
  widths := by simp

end Invariant

/-! ## The compiled program -/

theorem inv_compileFrom {Op : Type} [DecidableEq Op] {sig : Op → Option Nat} {ops : List Op}
    {A : Arith Op} {C : OpCircuits Op} (sz : List Nat) (W : Nat → List Nat → Word) (input : List Bool)
    (hC : C.Implements A sig ops) :
    ∀ (p : Program Op), p.typed sig ops = true → ∀ (c : Circuit) (S : State), Inv input A.width c S →
      Inv input A.width (p.compileFrom C sz W input.length c (S.map (·.1))) (p.evalFrom A sz W input S) ∧
      (p.compileFrom C sz W input.length c (S.map (·.1))).depth ≤ c.depth + p.depthOf C sz ∧
      (p.compileFrom C sz W input.length c (S.map (·.1))).size = c.size + p.size C sz
  | [], _, c, S, h => ⟨h, by simp [Program.compileFrom, Program.depthOf],
      by simp [Program.compileFrom, Program.size]⟩
  | s :: ss, hp, c, S, h => by
    have hs : s.typed sig ops = true := by
      simp only [Program.typed, List.all_cons, Bool.and_eq_true] at hp; exact hp.1
    have hss : Program.typed sig ops ss = true := by
      simp only [Program.typed, List.all_cons, Bool.and_eq_true] at hp; exact hp.2
    obtain ⟨hwf, hn, _, _, hdepth, hsize⟩ := layer_spec sz W input hC S s hs h
    have h₁ := inv_step sz W input hC S s hs h
    have ⟨h₂, hd, hsz⟩ := inv_compileFrom sz W input hC ss hss _ _ h₁
    have hK : (S ++ [s.eval A sz W input S]).map (·.1) = S.map (·.1) ++ [tuples sz s.dom []] := by
      simp [Step.eval]
    rw [hK] at h₂ hd hsz
    have hde := depth_extend_le h.wf hwf hn
    refine ⟨h₂, ?_, ?_⟩
    · simp only [Program.compileFrom, Program.depthOf, List.map_cons, List.sum_cons]
      simp only [Program.depthOf] at hd
      omega
    · simp only [Program.compileFrom, Program.size, List.map_cons, List.sum_cons]
      simp only [Program.size] at hsz
      rw [hsz, size_extend, hsize, Nat.add_assoc]

section Compiled

variable {Op : Type} [DecidableEq Op] {sig : Op → Option Nat} {ops : List Op} {A : Arith Op}
  {C : OpCircuits Op} (sz : List Nat) (W : Nat → List Nat → Word)

theorem compile_spec (hC : C.Implements A sig ops) (p : Program Op) (hp : p.typed sig ops = true)
    (input : List Bool) :
    Inv input A.width (p.compile C sz W input.length) (p.eval A sz W input) ∧
    (p.compile C sz W input.length).depth ≤ p.depthOf C sz ∧
    (p.compile C sz W input.length).size = p.size C sz := by
  obtain ⟨h₁, h₂, h₃⟩ := inv_compileFrom sz W input hC p hp _ [] (inv_init input A.width)
  rw [depth_wires, Nat.zero_add] at h₂
  rw [size_wires, Nat.zero_add] at h₃
  exact ⟨h₁, h₂, h₃⟩

/-- The compiled circuit computes the program: its outputs are the input bits, then every bit of
every entry of every tensor of the semantics, in order. -/
theorem eval_compile (hC : C.Implements A sig ops) (p : Program Op) (hp : p.typed sig ops = true)
    (input : List Bool) :
    (p.compile C sz W input.length).eval (outBit input) = input ++ (p.eval A sz W input).bits :=
  (compile_spec sz W hC p hp input).1.eval

theorem wellFormed_compile (hC : C.Implements A sig ops) (p : Program Op) (hp : p.typed sig ops = true)
    (n : Nat) : (p.compile C sz W n).WellFormed := by
  have := (compile_spec sz W hC p hp (List.replicate n false)).1.wf
  rwa [List.length_replicate] at this

theorem numInputs_compile (hC : C.Implements A sig ops) (p : Program Op) (hp : p.typed sig ops = true)
    (n : Nat) : (p.compile C sz W n).numInputs = n := by
  have := (compile_spec sz W hC p hp (List.replicate n false)).1.numInputs
  rwa [List.length_replicate] at this

/-- The compiled circuit outputs the input and then `width` bits per entry. -/
theorem outputs_length_compile (hC : C.Implements A sig ops) (p : Program Op) (hp : p.typed sig ops = true)
    (input : List Bool) :
    (p.compile C sz W input.length).outputs.length = input.length + (p.eval A sz W input).bits.length := by
  rw [← length_eval _ (outBit input), eval_compile sz W hC p hp, List.length_append]

theorem size_compile (hC : C.Implements A sig ops) (p : Program Op) (hp : p.typed sig ops = true) (n : Nat) :
    (p.compile C sz W n).size = p.size C sz := by
  have := (compile_spec sz W hC p hp (List.replicate n false)).2.2
  rwa [List.length_replicate] at this

theorem depthOf_le_depthBound (D : Op → Nat)
    (hD : ∀ o ∈ ops, ∀ k, Admissible sig o k → (C.circ o k).depth ≤ D o) :
    ∀ (p : Program Op), p.typed sig ops = true → p.depthOf C sz ≤ p.depthBound D
  | [], _ => Nat.le_refl _
  | s :: ss, hp => by
    have hs : s.typed sig ops = true := by
      simp only [Program.typed, List.all_cons, Bool.and_eq_true] at hp; exact hp.1
    have hss : Program.typed sig ops ss = true := by
      simp only [Program.typed, List.all_cons, Bool.and_eq_true] at hp; exact hp.2
    have ih := depthOf_le_depthBound D hD ss hss
    have hstep : maxList ((tuples sz s.dom []).map fun idx => s.body.depthOf C sz idx) ≤
        s.body.depthBound D := by
      apply maxList_le
      intro a ha
      obtain ⟨idx, _, rfl⟩ := List.mem_map.mp ha
      obtain ⟨dom, body⟩ := s
      cases body with
      | weight => exact Nat.le_refl _
      | embed pos => exact Nat.le_refl _
      | apply o terms =>
        obtain ⟨hmem, hadm⟩ := typed_apply sz hs idx
        exact hD o hmem _ hadm
      | copy r => exact Nat.le_refl _
    simp only [Program.depthOf, Program.depthBound, List.map_cons, List.sum_cons] at ih ⊢
    omega

/-- The depth of the compiled circuit is at most the program's depth bound, for every size. -/
theorem depth_compile_le (hC : C.Implements A sig ops) (p : Program Op) (hp : p.typed sig ops = true)
    (D : Op → Nat) (hD : ∀ o ∈ ops, ∀ k, Admissible sig o k → (C.circ o k).depth ≤ D o) (n : Nat) :
    (p.compile C sz W n).depth ≤ p.depthBound D := by
  have := (compile_spec sz W hC p hp (List.replicate n false)).2.1
  rw [List.length_replicate] at this
  exact Nat.le_trans this (depthOf_le_depthBound sz D hD p hp)

end Compiled

end TC0.Arch
