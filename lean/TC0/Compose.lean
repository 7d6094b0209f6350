module

public import TC0.Circuit

/-!
# Sequential and parallel composition, wiring, layers

`seq c₁ c₂` feeds the outputs of `c₁` into the inputs of `c₂`; `par c₁ c₂` runs both on the same
inputs and concatenates their outputs. Both append the gates of `c₂` (with renamed wires) after
those of `c₁`. For well-formed circuits:

* `eval_seq`, `eval_par`: the composite computes the composition of the functions;
* `depth_seq_le`: depth of a sequential composition is at most the sum of the depths;
* `depth_par_le`: depth of a parallel composition is at most the larger depth;
* `size_seq`, `size_par`: sizes add up;
* `wellFormed_seq`, `wellFormed_par`: composites are well formed again.

Everything rests on one simulation lemma, `run_sim`: running renamed gates on one environment
tracks running the original gates on another, for any relation between wire values that every
gate preserves (equality for evaluation, "at most `D` more" for depth).

From these, the combinators the compiler of `TC0.Arch` builds every circuit from:

* `wires n ws`: no gates; its outputs are the wires `ws` of an `n`-input circuit (input bit `i`
  is wire `2 + i`, wire 0 is false, wire 1 is true): copying, reordering, dropping and constants;
  depth 0, size 0;
* `fetch n ws core`: `core` reading the wires `ws` of an `n`-input circuit (`seq` after `wires`);
* `parAll n cs`: all of `cs` side by side on the same `n` inputs, outputs in order (n-fold `par`):
  depth at most the largest depth (`depth_parAll_le`), size the sum (`size_parAll`);
* `extend c layer`: `c`, then `layer` reading every output of `c`, keeping those outputs in front
  (`eval_extend`: `c.eval x ++ layer.eval (c.eval x)`; depths and sizes add up).
-/

@[expose] public noncomputable section

namespace TC0

/-- Renames the wires a gate reads. -/
def Gate.remap (f : Nat → Nat) (g : Gate) : Gate :=
  ⟨g.inputs.map fun p => (f p.1, p.2), g.threshold⟩

/-- The simulation lemma: a relation `R` between wire values, established on the wires before
`b` (renamed by `f`), extends to every wire `run` defines, provided each gate preserves it. -/
theorem run_sim {α β : Type} (I : Gate → (Nat → α) → α) (J : Gate → (Nat → β) → β)
    (R : α → β → Prop) (f : Nat → Nat)
    (hgate : ∀ (g : Gate) (E' : Nat → α) (F' : Nat → β),
      (∀ p ∈ g.inputs, R (E' (f p.1)) (F' p.1)) → R (I (g.remap f) E') (J g F')) :
    ∀ (gs : List Gate) (b b' : Nat) (E : Nat → α) (F : Nat → β),
      GatesWF gs b →
      (∀ k, f (b + k) = b' + k) →
      (∀ w, w < b → f w < b') →
      (∀ w, w < b → R (E (f w)) (F w)) →
      ∀ w, w < b + gs.length → R (run I (gs.map (Gate.remap f)) b' E (f w)) (run J gs b F w) := by
  intro gs
  induction gs with
  | nil =>
    intro b b' E F _ _ _ hR w hw
    exact hR w (by simpa using hw)
  | cons g gs ih =>
    intro b b' E F hwf hf hlt hR w hw
    have hfb : f b = b' := by simpa using hf 0
    simp only [List.map_cons, run]
    refine ih (b + 1) (b' + 1) _ _ hwf.2 ?_ ?_ ?_ w (by simp at hw; omega)
    · intro k
      rw [show b + 1 + k = b + (k + 1) by omega, hf (k + 1)]
      omega
    · intro v hv
      by_cases hvb : v < b
      · have := hlt v hvb; omega
      · rw [show v = b by omega, hfb]; omega
    · intro v hv
      by_cases hvb : v < b
      · have h1 := hlt v hvb
        rw [if_neg (Nat.ne_of_lt h1), if_neg (Nat.ne_of_lt hvb)]
        exact hR v hvb
      · have hv' : v = b := by omega
        subst hv'
        rw [hfb, if_pos rfl, if_pos rfl]
        exact hgate g E F fun p hp => hR p.1 (hwf.1 p hp)

/-! ## Gates under renaming -/

theorem Gate.eval_remap (g : Gate) (f : Nat → Nat) (E F : Nat → Bool)
    (h : ∀ p ∈ g.inputs, E (f p.1) = F p.1) : (g.remap f).eval E = g.eval F := by
  simp only [Gate.eval, Gate.weightedSum, Gate.remap, List.map_map]
  congr 3
  apply List.map_congr_left
  intro p hp
  simp [h p hp]

theorem Gate.depth_remap_le (g : Gate) (f : Nat → Nat) (E F : Nat → Nat) (D : Nat)
    (h : ∀ p ∈ g.inputs, E (f p.1) ≤ D + F p.1) : (g.remap f).depth E ≤ D + g.depth F := by
  simp only [Gate.depth, Gate.remap, List.map_map]
  have : maxList (g.inputs.map ((fun p => E p.1) ∘ fun p => (f p.1, p.2))) ≤
      D + maxList (g.inputs.map fun p => F p.1) := by
    apply maxList_le
    intro a ha
    obtain ⟨p, hp, rfl⟩ := List.mem_map.mp ha
    exact Nat.le_trans (h p hp)
      (Nat.add_le_add_left (le_maxList (List.mem_map_of_mem (f := fun p => F p.1) hp)) D)
  omega

/-- Wires below the base have depth 0 in every circuit. -/
theorem depths_below (c : Circuit) (w : Nat) (hw : w < c.base) : c.depths w = 0 :=
  run_below _ _ _ _ w hw

theorem depths_output_le (c : Circuit) (w : Nat) (hw : w ∈ c.outputs) : c.depths w ≤ c.depth :=
  le_maxList (List.mem_map_of_mem hw)

/-! ## Sequential composition -/

/-- How `seq c₁ c₂` renames the wires of `c₂`: constants stay, input `i` becomes output `i` of
`c₁`, gate `k` moves after the gates of `c₁`. -/
def seqMap (c₁ c₂ : Circuit) (w : Nat) : Nat :=
  if w < 2 then w
  else if w < c₂.base then c₁.outputs.getD (w - 2) 0
  else w - c₂.base + (c₁.base + c₁.gates.length)

/-- `c₂` after `c₁`: the outputs of `c₁` are the inputs of `c₂`. -/
def seq (c₁ c₂ : Circuit) : Circuit where
  numInputs := c₁.numInputs
  gates := c₁.gates ++ c₂.gates.map (Gate.remap (seqMap c₁ c₂))
  outputs := c₂.outputs.map (seqMap c₁ c₂)

theorem size_seq (c₁ c₂ : Circuit) : (seq c₁ c₂).size = c₁.size + c₂.size := by
  simp [seq, Circuit.size]

theorem getD_map_of_lt {α β : Type} (f : α → β) (l : List α) (i : Nat) (h : i < l.length)
    (d : β) (d' : α) : (l.map f).getD i d = f (l.getD i d') := by
  induction l generalizing i with
  | nil => simp at h
  | cons a l ih =>
    cases i with
    | zero => simp
    | succ i => simpa using ih i (by simpa using h)

theorem getD_mem_of_lt {l : List Nat} {i : Nat} (h : i < l.length) : l.getD i 0 ∈ l := by
  induction l generalizing i with
  | nil => simp at h
  | cons a l ih =>
    cases i with
    | zero => simp
    | succ i => exact List.mem_cons_of_mem _ (ih (by simpa using h))

theorem seqMap_new (c₁ c₂ : Circuit) (k : Nat) :
    seqMap c₁ c₂ (c₂.base + k) = (c₁.base + c₁.gates.length) + k := by
  simp only [seqMap, Circuit.base] at *
  rw [if_neg (by omega), if_neg (by omega)]
  omega

theorem seqMap_lt (c₁ c₂ : Circuit) (h₁ : c₁.WellFormed) (harity : c₂.numInputs = c₁.outputs.length)
    (w : Nat) (hw : w < c₂.base) : seqMap c₁ c₂ w < c₁.base + c₁.gates.length := by
  unfold seqMap
  by_cases h2 : w < 2
  · rw [if_pos h2]; simp only [Circuit.base]; omega
  · rw [if_neg h2, if_pos hw]
    exact h₁.outputs _ (getD_mem_of_lt (by simp only [Circuit.base] at hw; omega))

/-- The general statement behind `depth_seq_le` and `eval_seq`: the composite tracks `c₂` on its
renamed wires, for any relation that the inputs satisfy and every gate preserves. -/
theorem seq_sim {α : Type} (I : Gate → (Nat → α) → α) (R : α → α → Prop) (c₁ c₂ : Circuit)
    (h₁ : c₁.WellFormed) (h₂ : c₂.WellFormed) (harity : c₂.numInputs = c₁.outputs.length)
    (E₀ F₀ : Nat → α)
    (hgate : ∀ (g : Gate) (E' F' : Nat → α),
      (∀ p ∈ g.inputs, R (E' (seqMap c₁ c₂ p.1)) (F' p.1)) → R (I (g.remap (seqMap c₁ c₂)) E') (I g F'))
    (hin : ∀ w, w < c₂.base → R (run I c₁.gates c₁.base E₀ (seqMap c₁ c₂ w)) (F₀ w)) :
    ∀ w, w < c₂.base + c₂.gates.length →
      R (run I (seq c₁ c₂).gates c₁.base E₀ (seqMap c₁ c₂ w)) (run I c₂.gates c₂.base F₀ w) := by
  intro w hw
  simp only [seq]
  rw [run_append]
  exact run_sim I I R (seqMap c₁ c₂) hgate c₂.gates c₂.base _ _ _ h₂.gates (seqMap_new c₁ c₂)
    (seqMap_lt c₁ c₂ h₁ harity) hin w hw

theorem depth_seq_le (c₁ c₂ : Circuit) (h₁ : c₁.WellFormed) (h₂ : c₂.WellFormed)
    (harity : c₂.numInputs = c₁.outputs.length) : (seq c₁ c₂).depth ≤ c₁.depth + c₂.depth := by
  have key := seq_sim Gate.depth (fun a b => a ≤ c₁.depth + b) c₁ c₂ h₁ h₂ harity (fun _ => 0)
    (fun _ => 0) (fun g E F h => Gate.depth_remap_le g _ E F _ h) (by
      intro w hw
      unfold seqMap
      by_cases h2 : w < 2
      · rw [if_pos h2, run_below _ _ _ _ _ (by simp only [Circuit.base]; omega)]; omega
      · rw [if_neg h2, if_pos hw]
        have hmem := getD_mem_of_lt (l := c₁.outputs) (i := w - 2)
          (by simp only [Circuit.base] at hw; omega)
        exact Nat.le_trans (depths_output_le c₁ _ hmem) (Nat.le_add_right _ _))
  apply maxList_le
  intro a ha
  simp only [seq, List.map_map, List.mem_map, Function.comp] at ha
  obtain ⟨w, hw, rfl⟩ := ha
  exact Nat.le_trans (key w (h₂.outputs w hw)) (Nat.add_le_add_left (depths_output_le c₂ w hw) _)

/-- Reads bit `i` of a list of output bits (false past the end). -/
def outBit (l : List Bool) (i : Nat) : Bool := l.getD i false

theorem eval_seq (c₁ c₂ : Circuit) (h₁ : c₁.WellFormed) (h₂ : c₂.WellFormed)
    (harity : c₂.numInputs = c₁.outputs.length) (x : Nat → Bool) :
    (seq c₁ c₂).eval x = c₂.eval (outBit (c₁.eval x)) := by
  have key := seq_sim Gate.eval (· = ·) c₁ c₂ h₁ h₂ harity (inputEnv x) (inputEnv (outBit (c₁.eval x)))
    (fun g E F h => Gate.eval_remap g _ E F h) (by
      intro w hw
      unfold seqMap
      by_cases h2 : w < 2
      · rw [if_pos h2, run_below _ _ _ _ _ (by simp only [Circuit.base]; omega)]
        simp [inputEnv, h2]
      · rw [if_neg h2, if_pos hw]
        have hi : w - 2 < c₁.outputs.length := by simp only [Circuit.base] at hw; omega
        simp only [inputEnv, if_neg (show ¬ w = 1 by omega), if_neg h2, outBit, Circuit.eval]
        rw [getD_map_of_lt _ _ _ hi _ 0]
        rfl)
  simp only [Circuit.eval, seq, List.map_map]
  apply List.map_congr_left
  intro w hw
  exact key w (h₂.outputs w hw)

/-- Renamed gates stay well formed when the renaming moves the gate wires by a fixed offset and
sends every earlier wire below the new start. -/
theorem gatesWF_remap (f : Nat → Nat) : ∀ (gs : List Gate) (b b' : Nat), GatesWF gs b →
    (∀ k, f (b + k) = b' + k) → (∀ w, w < b → f w < b') → GatesWF (gs.map (Gate.remap f)) b' := by
  intro gs
  induction gs with
  | nil => intros; trivial
  | cons g gs ih =>
    intro b b' hwf hf hlt
    refine ⟨?_, ih (b + 1) (b' + 1) hwf.2 ?_ ?_⟩
    · intro p hp
      obtain ⟨q, hq, rfl⟩ := List.mem_map.mp hp
      exact hlt q.1 (hwf.1 q hq)
    · intro k; rw [show b + 1 + k = b + (k + 1) by omega, hf (k + 1)]; omega
    · intro v hv
      by_cases hvb : v < b
      · have := hlt v hvb; omega
      · rw [show v = b by omega, show b = b + 0 by rfl, hf 0]; omega

theorem gatesWF_append : ∀ (gs hs : List Gate) (b : Nat), GatesWF gs b → GatesWF hs (b + gs.length) →
    GatesWF (gs ++ hs) b := by
  intro gs
  induction gs with
  | nil => intro hs b _ h; simpa using h
  | cons g gs ih =>
    intro hs b hg hh
    exact ⟨hg.1, ih hs (b + 1) hg.2 (by simpa [Nat.add_assoc, Nat.add_comm 1] using hh)⟩

theorem wellFormed_seq (c₁ c₂ : Circuit) (h₁ : c₁.WellFormed) (h₂ : c₂.WellFormed)
    (harity : c₂.numInputs = c₁.outputs.length) : (seq c₁ c₂).WellFormed := by
  refine ⟨?_, ?_⟩
  · exact gatesWF_append _ _ _ h₁.gates (gatesWF_remap (seqMap c₁ c₂) c₂.gates c₂.base _ h₂.gates
      (seqMap_new c₁ c₂) (seqMap_lt c₁ c₂ h₁ harity))
  · intro w hw
    simp only [seq, List.mem_map] at hw
    obtain ⟨v, hv, rfl⟩ := hw
    have := h₂.outputs v hv
    simp only [seq, Circuit.base, List.length_append, List.length_map] at *
    by_cases hvb : v < 2 + c₂.numInputs
    · have := seqMap_lt c₁ c₂ h₁ harity v hvb; simp only [Circuit.base] at this; omega
    · have := seqMap_new c₁ c₂ (v - (2 + c₂.numInputs))
      simp only [Circuit.base] at this
      rw [show 2 + c₂.numInputs + (v - (2 + c₂.numInputs)) = v by omega] at this
      rw [this]; omega

/-! ## Parallel composition -/

/-- How `par c₁ c₂` renames the wires of `c₂`: constants and inputs stay, gates move after those
of `c₁`. -/
def parMap (c₁ c₂ : Circuit) (w : Nat) : Nat :=
  if w < c₂.base then w else w + c₁.gates.length

/-- `c₁` and `c₂` side by side on the same inputs; outputs of `c₁` first. -/
def par (c₁ c₂ : Circuit) : Circuit where
  numInputs := c₁.numInputs
  gates := c₁.gates ++ c₂.gates.map (Gate.remap (parMap c₁ c₂))
  outputs := c₁.outputs ++ c₂.outputs.map (parMap c₁ c₂)

theorem size_par (c₁ c₂ : Circuit) : (par c₁ c₂).size = c₁.size + c₂.size := by
  simp [par, Circuit.size]

theorem par_sim {α : Type} (I : Gate → (Nat → α) → α) (R : α → α → Prop) (c₁ c₂ : Circuit)
    (h₂ : c₂.WellFormed) (hn : c₁.numInputs = c₂.numInputs) (E₀ F₀ : Nat → α)
    (hgate : ∀ (g : Gate) (E' F' : Nat → α),
      (∀ p ∈ g.inputs, R (E' (parMap c₁ c₂ p.1)) (F' p.1)) → R (I (g.remap (parMap c₁ c₂)) E') (I g F'))
    (hin : ∀ w, w < c₂.base → R (E₀ w) (F₀ w)) :
    ∀ w, w < c₂.base + c₂.gates.length →
      R (run I (par c₁ c₂).gates c₁.base E₀ (parMap c₁ c₂ w)) (run I c₂.gates c₂.base F₀ w) := by
  intro w hw
  have hb : c₁.base = c₂.base := by simp [Circuit.base, hn]
  simp only [par]
  rw [run_append]
  refine run_sim I I R (parMap c₁ c₂) hgate c₂.gates c₂.base _ _ _ h₂.gates ?_ ?_ ?_ w hw
  · intro k; simp only [parMap]; rw [if_neg (by omega), hb]; omega
  · intro v hv; simp only [parMap]; rw [if_pos hv, hb]; omega
  · intro v hv
    simp only [parMap]; rw [if_pos hv, run_below _ _ _ _ _ (by omega)]
    exact hin v hv

theorem depth_par_le (c₁ c₂ : Circuit) (h₁ : c₁.WellFormed) (h₂ : c₂.WellFormed)
    (hn : c₁.numInputs = c₂.numInputs) : (par c₁ c₂).depth ≤ max c₁.depth c₂.depth := by
  have key := par_sim Gate.depth (fun a b => a ≤ 0 + b) c₁ c₂ h₂ hn (fun _ => 0) (fun _ => 0)
    (fun g E F h => Gate.depth_remap_le g _ E F 0 h) (fun _ _ => Nat.le_refl _)
  unfold Circuit.depth
  rw [show (par c₁ c₂).outputs = c₁.outputs ++ c₂.outputs.map (parMap c₁ c₂) from rfl,
    List.map_append, List.map_map]
  apply maxList_le
  intro a ha
  rcases List.mem_append.mp ha with h | h <;> obtain ⟨w, hw, rfl⟩ := List.mem_map.mp h
  · -- an output of c₁: the gates of c₂ come after it
    have hlt := h₁.outputs w hw
    have : (par c₁ c₂).depths w = c₁.depths w := by
      unfold Circuit.depths
      show run Gate.depth (c₁.gates ++ c₂.gates.map (Gate.remap (parMap c₁ c₂))) c₁.base _ w = _
      rw [run_append, run_below _ _ _ _ _ hlt]
    rw [this]
    exact Nat.le_trans (depths_output_le c₁ w hw) (Nat.le_max_left _ _)
  · have := key w (h₂.outputs w hw)
    exact Nat.le_trans (by simpa using this) (Nat.le_trans (depths_output_le c₂ w hw) (Nat.le_max_right _ _))

theorem eval_par (c₁ c₂ : Circuit) (h₁ : c₁.WellFormed) (h₂ : c₂.WellFormed)
    (hn : c₁.numInputs = c₂.numInputs) (x : Nat → Bool) :
    (par c₁ c₂).eval x = c₁.eval x ++ c₂.eval x := by
  have key := par_sim Gate.eval (· = ·) c₁ c₂ h₂ hn (inputEnv x) (inputEnv x)
    (fun g E F h => Gate.eval_remap g _ E F h) (fun _ _ => rfl)
  unfold Circuit.eval
  rw [show (par c₁ c₂).outputs = c₁.outputs ++ c₂.outputs.map (parMap c₁ c₂) from rfl,
    List.map_append, List.map_map]
  congr 1
  · apply List.map_congr_left
    intro w hw
    have hlt := h₁.outputs w hw
    show run Gate.eval (c₁.gates ++ c₂.gates.map (Gate.remap (parMap c₁ c₂))) c₁.base (inputEnv x) w = _
    rw [run_append, run_below _ _ _ _ _ hlt]
    rfl
  · apply List.map_congr_left
    intro w hw
    exact key w (h₂.outputs w hw)

theorem wellFormed_par (c₁ c₂ : Circuit) (h₁ : c₁.WellFormed) (h₂ : c₂.WellFormed)
    (hn : c₁.numInputs = c₂.numInputs) : (par c₁ c₂).WellFormed := by
  have hb : c₁.base = c₂.base := by simp [Circuit.base, hn]
  have hbase : (par c₁ c₂).base = c₁.base := rfl
  refine ⟨?_, ?_⟩
  · show GatesWF (c₁.gates ++ c₂.gates.map (Gate.remap (parMap c₁ c₂))) (par c₁ c₂).base
    rw [hbase]
    refine gatesWF_append _ _ _ h₁.gates (gatesWF_remap (parMap c₁ c₂) c₂.gates c₂.base _ h₂.gates ?_ ?_)
    · intro k; simp only [parMap]; rw [if_neg (by omega), hb]; omega
    · intro v hv; simp only [parMap]; rw [if_pos hv, hb]; omega
  · intro w hw
    have hlen : (par c₁ c₂).gates.length = c₁.gates.length + c₂.gates.length := by simp [par]
    rw [hlen, hbase]
    rcases List.mem_append.mp hw with h | h
    · have := h₁.outputs w h; omega
    · obtain ⟨v, hv, rfl⟩ := List.mem_map.mp h
      have := h₂.outputs v hv
      simp only [parMap]
      split <;> omega


/-! ## Wiring -/

/-- A circuit without gates on `n` inputs whose outputs are the wires `ws`. -/
def wires (n : Nat) (ws : List Nat) : Circuit := ⟨n, [], ws⟩

theorem eval_wires (n : Nat) (ws : List Nat) (x : Nat → Bool) :
    (wires n ws).eval x = ws.map (inputEnv x) := rfl

theorem size_wires (n : Nat) (ws : List Nat) : (wires n ws).size = 0 := rfl

theorem maxList_eq_zero {l : List Nat} (h : ∀ a ∈ l, a = 0) : maxList l = 0 :=
  Nat.le_zero.mp (maxList_le fun a ha => Nat.le_of_eq (h a ha))

theorem depth_wires (n : Nat) (ws : List Nat) : (wires n ws).depth = 0 := by
  apply maxList_eq_zero
  intro a ha
  obtain ⟨w, _, rfl⟩ := List.mem_map.mp ha
  rfl

theorem wellFormed_wires {n : Nat} {ws : List Nat} (h : ∀ w ∈ ws, w < 2 + n) :
    (wires n ws).WellFormed :=
  ⟨trivial, fun w hw => by
    have := h w hw
    simp only [wires, Circuit.base, List.length_nil]
    omega⟩

/-- The wires of all `n` input bits, in order. -/
def ident (n : Nat) : List Nat := (List.range n).map (· + 2)

theorem inputEnv_add_two (x : Nat → Bool) (i : Nat) : inputEnv x (i + 2) = x i := by
  simp only [inputEnv, if_neg (show ¬ i + 2 = 1 by omega), if_neg (show ¬ i + 2 < 2 by omega),
    Nat.add_sub_cancel]

theorem inputEnv_two_add (x : Nat → Bool) (i : Nat) : inputEnv x (2 + i) = x i := by
  rw [Nat.add_comm]; exact inputEnv_add_two x i

theorem map_outBit_range (l : List Bool) : (List.range l.length).map (outBit l) = l := by
  apply List.ext_getElem (by simp)
  intro i h₁ h₂
  simp [outBit, List.getD_eq_getElem?_getD, List.getElem?_eq_getElem h₂]

theorem eval_wires_ident (l : List Bool) : (wires l.length (ident l.length)).eval (outBit l) = l := by
  rw [eval_wires, ident, List.map_map]
  conv => rhs; rw [← map_outBit_range l]
  apply List.map_congr_left
  intro i _
  exact inputEnv_add_two _ i

theorem wellFormed_wires_ident (n : Nat) : (wires n (ident n)).WellFormed :=
  wellFormed_wires fun w hw => by
    obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hw
    have := List.mem_range.mp hi
    omega

theorem length_ident (n : Nat) : (ident n).length = n := by simp [ident]

/-! ## A circuit reading chosen wires -/

/-- `core` reading the wires `ws` of an `n`-input circuit. -/
def fetch (n : Nat) (ws : List Nat) (core : Circuit) : Circuit := seq (wires n ws) core

theorem numInputs_fetch (n : Nat) (ws : List Nat) (core : Circuit) : (fetch n ws core).numInputs = n := rfl

theorem wellFormed_fetch {n : Nat} {ws : List Nat} {core : Circuit} (hws : ∀ w ∈ ws, w < 2 + n)
    (hc : core.WellFormed) (hk : core.numInputs = ws.length) : (fetch n ws core).WellFormed :=
  wellFormed_seq _ _ (wellFormed_wires hws) hc hk

theorem eval_fetch {n : Nat} {ws : List Nat} {core : Circuit} (hws : ∀ w ∈ ws, w < 2 + n)
    (hc : core.WellFormed) (hk : core.numInputs = ws.length) (x : Nat → Bool) :
    (fetch n ws core).eval x = core.eval (outBit (ws.map (inputEnv x))) :=
  eval_seq _ _ (wellFormed_wires hws) hc hk x

theorem depth_fetch_le {n : Nat} {ws : List Nat} {core : Circuit} (hws : ∀ w ∈ ws, w < 2 + n)
    (hc : core.WellFormed) (hk : core.numInputs = ws.length) : (fetch n ws core).depth ≤ core.depth := by
  have := depth_seq_le _ _ (wellFormed_wires hws) hc hk
  rwa [depth_wires, Nat.zero_add] at this

theorem size_fetch (n : Nat) (ws : List Nat) (core : Circuit) : (fetch n ws core).size = core.size := by
  simp [fetch, size_seq, size_wires]

theorem outputs_length_fetch (n : Nat) (ws : List Nat) (core : Circuit) :
    (fetch n ws core).outputs.length = core.outputs.length := by
  simp [fetch, seq]

/-! ## n-fold parallel composition -/

/-- The circuits `cs` side by side on the same `n` inputs; outputs in order. -/
def parAll (n : Nat) : List Circuit → Circuit
  | [] => wires n []
  | c :: cs => par c (parAll n cs)

/-- Every circuit of the list is well formed and reads `n` inputs. -/
def AllOn (n : Nat) (cs : List Circuit) : Prop := ∀ c ∈ cs, c.WellFormed ∧ c.numInputs = n

theorem AllOn.tail {n : Nat} {c : Circuit} {cs : List Circuit} (h : AllOn n (c :: cs)) : AllOn n cs :=
  fun d hd => h d (List.mem_cons_of_mem _ hd)

theorem wellFormed_parAll (n : Nat) :
    ∀ cs, AllOn n cs → (parAll n cs).WellFormed ∧ (parAll n cs).numInputs = n
  | [], _ => ⟨wellFormed_wires (by simp), rfl⟩
  | c :: cs, h =>
    have hc := h c (List.mem_cons_self ..)
    have ih := wellFormed_parAll n cs h.tail
    ⟨wellFormed_par c _ hc.1 ih.1 (by rw [hc.2, ih.2]), hc.2⟩

theorem eval_parAll (n : Nat) (x : Nat → Bool) :
    ∀ cs, AllOn n cs → (parAll n cs).eval x = (cs.map (·.eval x)).flatten
  | [], _ => rfl
  | c :: cs, h => by
    have hc := h c (List.mem_cons_self ..)
    have ih := wellFormed_parAll n cs h.tail
    rw [parAll, eval_par c _ hc.1 ih.1 (by rw [hc.2, ih.2]) x, eval_parAll n x cs h.tail]
    simp only [List.map_cons, List.flatten_cons]

theorem depth_parAll_le (n D : Nat) :
    ∀ cs, AllOn n cs → (∀ c ∈ cs, c.depth ≤ D) → (parAll n cs).depth ≤ D
  | [], _, _ => by rw [parAll, depth_wires]; exact Nat.zero_le _
  | c :: cs, h, hd => by
    have hc := h c (List.mem_cons_self ..)
    have ih := wellFormed_parAll n cs h.tail
    have hle := depth_par_le c _ hc.1 ih.1 (by rw [hc.2, ih.2])
    have h₁ := hd c (List.mem_cons_self ..)
    have h₂ := depth_parAll_le n D cs h.tail fun d hm => hd d (List.mem_cons_of_mem _ hm)
    exact Nat.le_trans hle (Nat.max_le.mpr ⟨h₁, h₂⟩)

theorem size_parAll (n : Nat) : ∀ cs : List Circuit, (parAll n cs).size = (cs.map Circuit.size).sum
  | [] => rfl
  | c :: cs => by rw [parAll, size_par, size_parAll n cs]; simp

theorem outputs_length_parAll (n : Nat) :
    ∀ cs : List Circuit, (parAll n cs).outputs.length = (cs.map (·.outputs.length)).sum
  | [] => rfl
  | c :: cs => by
    simp only [parAll, par, List.length_append, List.length_map, outputs_length_parAll n cs,
      List.map_cons, List.sum_cons]

/-! ## Layers that keep what came before -/

/-- `c`, then `layer` reading all outputs of `c`; the outputs of `c` come first, then the
layer's. -/
def extend (c layer : Circuit) : Circuit :=
  seq c (par (wires c.outputs.length (ident c.outputs.length)) layer)

theorem numInputs_extend (c layer : Circuit) : (extend c layer).numInputs = c.numInputs := rfl

theorem outputs_length_extend (c layer : Circuit) :
    (extend c layer).outputs.length = c.outputs.length + layer.outputs.length := by
  simp [extend, seq, par, wires, length_ident]

theorem wellFormed_extend {c layer : Circuit} (hc : c.WellFormed) (hl : layer.WellFormed)
    (hn : layer.numInputs = c.outputs.length) : (extend c layer).WellFormed :=
  wellFormed_seq _ _ hc (wellFormed_par _ _ (wellFormed_wires_ident _) hl hn.symm) rfl

theorem eval_extend {c layer : Circuit} (hc : c.WellFormed) (hl : layer.WellFormed)
    (hn : layer.numInputs = c.outputs.length) (x : Nat → Bool) :
    (extend c layer).eval x = c.eval x ++ layer.eval (outBit (c.eval x)) := by
  have hI := wellFormed_wires_ident c.outputs.length
  rw [extend, eval_seq _ _ hc (wellFormed_par _ _ hI hl hn.symm) rfl x, eval_par _ _ hI hl hn.symm]
  have hlen : c.outputs.length = (c.eval x).length := (length_eval c x).symm
  rw [hlen, eval_wires_ident]

theorem depth_extend_le {c layer : Circuit} (hc : c.WellFormed) (hl : layer.WellFormed)
    (hn : layer.numInputs = c.outputs.length) : (extend c layer).depth ≤ c.depth + layer.depth := by
  have hI := wellFormed_wires_ident c.outputs.length
  have h₁ := depth_seq_le _ _ hc (wellFormed_par _ _ hI hl hn.symm) rfl
  have h₂ := depth_par_le _ _ hI hl hn.symm
  rw [depth_wires, Nat.zero_max] at h₂
  exact Nat.le_trans h₁ (Nat.add_le_add_left h₂ _)

theorem size_extend (c layer : Circuit) : (extend c layer).size = c.size + layer.size := by
  simp [extend, size_seq, size_par, size_wires]

end TC0
