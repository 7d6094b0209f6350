module

/-!
# Threshold circuits

The circuits of the TypeScript side (`src/circuit/ir.ts`), with the same wire numbering:
wire 0 is constant false, wire 1 constant true, wires `2 .. 2 + numInputs - 1` are the input
bits, and gate `k` defines wire `base + k` where `base = 2 + numInputs`. Every gate is a weighted
threshold gate `[∑ wᵢ xᵢ ≥ t]` with integer weights.

Evaluation and depth are both computed by `run`, which walks the gates in order and extends an
environment `Nat → α` one wire at a time; the composition theorems of `TC0.Compose` are proved
once for `run` and used for both.
-/

@[expose] public noncomputable section

namespace TC0

/-- A weighted threshold gate `[∑ wᵢ xᵢ ≥ threshold]`; `inputs` lists (wire, weight) pairs. -/
structure Gate where
  inputs : List (Nat × Int)
  threshold : Int
  deriving DecidableEq, Repr

/-- A circuit: input width, gates in topological order, output wires. -/
structure Circuit where
  numInputs : Nat
  gates : List Gate
  outputs : List Nat
  deriving DecidableEq, Repr

/-- The first gate wire. -/
def Circuit.base (c : Circuit) : Nat := 2 + c.numInputs

/-- Sum of the weights of the inputs that are on. -/
def Gate.weightedSum (g : Gate) (val : Nat → Bool) : Int :=
  (g.inputs.map fun p => if val p.1 then p.2 else 0).sum

/-- The gate's output given the values of all wires. -/
def Gate.eval (g : Gate) (val : Nat → Bool) : Bool :=
  decide (g.threshold ≤ g.weightedSum val)

/-- The largest element of a list of naturals (0 for the empty list). -/
def maxList (l : List Nat) : Nat := l.foldr max 0

/-- The gate's depth given the depths of all wires: one more than its deepest input. -/
def Gate.depth (g : Gate) (d : Nat → Nat) : Nat :=
  maxList (g.inputs.map fun p => d p.1) + 1

/-- Runs gates in order: gate k defines wire `base + k` by `interp` from the earlier wires. -/
def run {α : Type} (interp : Gate → (Nat → α) → α) : List Gate → Nat → (Nat → α) → (Nat → α)
  | [], _, env => env
  | g :: gs, base, env => run interp gs (base + 1) (fun w => if w = base then interp g env else env w)

/-- Wire values for input bits `x` (input bit i is wire 2 + i). -/
def inputEnv (x : Nat → Bool) : Nat → Bool :=
  fun w => if w = 1 then true else if w < 2 then false else x (w - 2)

/-- Value of every wire. -/
def Circuit.values (c : Circuit) (x : Nat → Bool) : Nat → Bool :=
  run Gate.eval c.gates c.base (inputEnv x)

/-- The output bits. -/
def Circuit.eval (c : Circuit) (x : Nat → Bool) : List Bool :=
  c.outputs.map (c.values x)

theorem length_eval (c : Circuit) (x : Nat → Bool) : (c.eval x).length = c.outputs.length := by
  simp [Circuit.eval]

/-- Depth of every wire (constants and inputs have depth 0). -/
def Circuit.depths (c : Circuit) : Nat → Nat :=
  run Gate.depth c.gates c.base (fun _ => 0)

/-- Depth: the longest path from an input to an output, counted in gates. -/
def Circuit.depth (c : Circuit) : Nat := maxList (c.outputs.map c.depths)

/-- Size: the number of gates. -/
def Circuit.size (c : Circuit) : Nat := c.gates.length

/-- Gates read only earlier wires, starting at wire `b`. -/
def GatesWF : List Gate → Nat → Prop
  | [], _ => True
  | g :: gs, b => (∀ p ∈ g.inputs, p.1 < b) ∧ GatesWF gs (b + 1)

instance decGatesWF : (gs : List Gate) → (b : Nat) → Decidable (GatesWF gs b)
  | [], _ => isTrue trivial
  | g :: gs, b =>
    have := decGatesWF gs (b + 1)
    inferInstanceAs (Decidable ((∀ p ∈ g.inputs, p.1 < b) ∧ GatesWF gs (b + 1)))

/-- A well-formed circuit: gates read earlier wires only (so it is acyclic), outputs exist. -/
structure Circuit.WellFormed (c : Circuit) : Prop where
  gates : GatesWF c.gates c.base
  outputs : ∀ w ∈ c.outputs, w < c.base + c.gates.length

instance (c : Circuit) : Decidable c.WellFormed :=
  decidable_of_iff (GatesWF c.gates c.base ∧ ∀ w ∈ c.outputs, w < c.base + c.gates.length)
    ⟨fun ⟨a, b⟩ => ⟨a, b⟩, fun ⟨a, b⟩ => ⟨a, b⟩⟩

/-- Little-endian bits of `n`, `width` of them. -/
def bits (n width : Nat) : List Bool := (List.range width).map fun i => n.testBit i

/-- Evaluates on the input bits of the number `x` (bit i of `x` is input bit i). -/
def Circuit.evalNat (c : Circuit) (x : Nat) : List Bool := c.eval fun i => x.testBit i

/-! ## Basic facts -/

theorem le_maxList {a : Nat} {l : List Nat} (h : a ∈ l) : a ≤ maxList l := by
  induction l with
  | nil => cases h
  | cons b l ih =>
    simp only [maxList, List.foldr] at ih ⊢
    cases h with
    | head => exact Nat.le_max_left _ _
    | tail _ h => exact Nat.le_trans (ih h) (Nat.le_max_right _ _)

theorem maxList_le {m : Nat} {l : List Nat} (h : ∀ a ∈ l, a ≤ m) : maxList l ≤ m := by
  induction l with
  | nil => exact Nat.zero_le _
  | cons b l ih =>
    simp only [maxList, List.foldr] at ih ⊢
    exact Nat.max_le.mpr ⟨h b (List.mem_cons_self ..), ih fun a ha => h a (List.mem_cons_of_mem _ ha)⟩

/-- `run` leaves the wires below its base alone. -/
theorem run_below {α : Type} (I : Gate → (Nat → α) → α) (gs : List Gate) (b : Nat) (E : Nat → α)
    (w : Nat) (hw : w < b) : run I gs b E w = E w := by
  induction gs generalizing b E with
  | nil => rfl
  | cons g gs ih =>
    simp only [run]
    rw [ih (b + 1) _ (by omega)]
    simp [Nat.ne_of_lt hw]

theorem run_append {α : Type} (I : Gate → (Nat → α) → α) (gs hs : List Gate) (b : Nat) (E : Nat → α) :
    run I (gs ++ hs) b E = run I hs (b + gs.length) (run I gs b E) := by
  induction gs generalizing b E with
  | nil => rfl
  | cons g gs ih =>
    simp only [List.cons_append, run, ih, List.length_cons]
    congr 1
    omega

/-! ## List facts used throughout -/

theorem getD_append_left {α : Type} (l₁ l₂ : List α) (i : Nat) (d : α) (h : i < l₁.length) :
    (l₁ ++ l₂).getD i d = l₁.getD i d := by
  rw [List.getD_eq_getElem?_getD, List.getD_eq_getElem?_getD, List.getElem?_append_left h]

theorem getD_append_right {α : Type} (l₁ l₂ : List α) (i : Nat) (d : α) :
    (l₁ ++ l₂).getD (l₁.length + i) d = l₂.getD i d := by
  rw [List.getD_eq_getElem?_getD, List.getD_eq_getElem?_getD,
    List.getElem?_append_right (Nat.le_add_right _ _), Nat.add_sub_cancel_left]

theorem getD_of_length_le {α : Type} (l : List α) (i : Nat) (d : α) (h : l.length ≤ i) :
    l.getD i d = d := by
  rw [List.getD_eq_getElem?_getD, List.getElem?_eq_none h]
  rfl

theorem getD_mem_or {α : Type} (l : List α) (i : Nat) (d : α) : l.getD i d ∈ l ∨ l.getD i d = d := by
  by_cases h : i < l.length
  · left
    rw [List.getD_eq_getElem?_getD, List.getElem?_eq_getElem h]
    exact List.getElem_mem h
  · right
    exact getD_of_length_le l i d (by omega)

theorem getD_mem {α : Type} {l : List α} {i : Nat} (d : α) (h : i < l.length) : l.getD i d ∈ l := by
  simp [List.getD_eq_getElem?_getD, List.getElem?_eq_getElem h, List.getElem_mem]

theorem getD_default_irrel {α : Type} {l : List α} {i : Nat} (h : i < l.length) (d d' : α) :
    l.getD i d = l.getD i d' := by
  simp [List.getD_eq_getElem?_getD, List.getElem?_eq_getElem h]

theorem sum_append (l₁ l₂ : List Nat) : (l₁ ++ l₂).sum = l₁.sum + l₂.sum := by
  induction l₁ with
  | nil => simp
  | cons a l ih => simp only [List.cons_append, List.sum_cons, ih]; omega

theorem getD_map_range {β : Type} (f : Nat → β) {i k : Nat} (h : i < k) (d : β) :
    ((List.range k).map f).getD i d = f i := by
  simp [List.getD_eq_getElem?_getD, List.getElem?_map, List.getElem?_range h]

theorem getD_append_right_of_eq {α : Type} {l₁ l₂ : List α} {m : Nat} (h : l₁.length = m) (i : Nat)
    (d : α) : (l₁ ++ l₂).getD (m + i) d = l₂.getD i d := by
  subst h; exact getD_append_right l₁ l₂ i d

theorem getD_map' {α β : Type} (f : α → β) (l : List α) (i : Nat) (d : α) :
    (l.map f).getD i (f d) = f (l.getD i d) := by
  rw [List.getD_eq_getElem?_getD, List.getD_eq_getElem?_getD, List.getElem?_map]
  cases l[i]? <;> rfl

/-- Position `g * w + b` of the concatenation of words of `w` bits is bit `b` of word `g`. -/
theorem getD_append_of_eq {α : Type} {l₁ l₂ : List α} {i : Nat} (h : l₁.length = i) (d : α) :
    (l₁ ++ l₂).getD i d = l₂.getD 0 d := by
  subst h; simpa using getD_append_right l₁ l₂ 0 d

theorem inputEnv_getD (x : Nat → Bool) (l : List Nat) (i : Nat) :
    inputEnv x (l.getD i 0) = (l.map (inputEnv x)).getD i false :=
  (getD_map' (inputEnv x) l i 0).symm

theorem getD_flatten_uniform {α : Type} (w : Nat) (d : α) :
    ∀ (L : List (List α)), (∀ v ∈ L, v.length = w) → ∀ g b, b < w →
      L.flatten.getD (g * w + b) d = (L.getD g []).getD b d
  | [], _, g, b, _ => by simp
  | v :: L, h, 0, b, hb => by
    have hv := h v (List.mem_cons_self ..)
    rw [List.flatten_cons, Nat.zero_mul, Nat.zero_add, getD_append_left _ _ _ _ (by omega)]
    rfl
  | v :: L, h, g + 1, b, hb => by
    have hv := h v (List.mem_cons_self ..)
    have e : (g + 1) * w + b = v.length + (g * w + b) := by rw [hv, Nat.succ_mul]; omega
    rw [List.flatten_cons, e, getD_append_right,
      getD_flatten_uniform w d L (fun u hu => h u (List.mem_cons_of_mem _ hu)) g b hb]
    rfl

/-- Entry `j` of list `u` sits after the entries of the lists before it. -/
theorem getD_flatten_offset {α : Type} (d : α) :
    ∀ (L : List (List α)) (u j : Nat), j < (L.getD u []).length →
      L.flatten.getD (((L.take u).map List.length).sum + j) d = (L.getD u []).getD j d
  | [], u, j, h => by simp at h
  | v :: L, 0, j, h => by
    have h' : j < v.length := h
    rw [List.take_zero, List.map_nil, List.sum_nil, Nat.zero_add, List.flatten_cons,
      getD_append_left _ _ _ _ h']
    rfl
  | v :: L, u + 1, j, h => by
    have h' : j < (L.getD u []).length := h
    rw [List.take_succ_cons, List.map_cons, List.sum_cons, Nat.add_assoc, List.flatten_cons,
      getD_append_right, getD_flatten_offset d L u j h']
    rfl

theorem sum_map_const {α : Type} (l : List α) (c : Nat) : (l.map fun _ => c).sum = l.length * c := by
  induction l with
  | nil => simp
  | cons a l ih => simp only [List.map_cons, List.sum_cons, ih, List.length_cons, Nat.succ_mul]; omega

theorem sum_map_le_mul {α : Type} (l : List α) (f : α → Nat) (B : Nat) (h : ∀ a ∈ l, f a ≤ B) :
    (l.map f).sum ≤ l.length * B := by
  induction l with
  | nil => simp
  | cons a l ih =>
    have h₁ := h a (List.mem_cons_self ..)
    have h₂ := ih fun b hb => h b (List.mem_cons_of_mem _ hb)
    simp only [List.map_cons, List.sum_cons, List.length_cons, Nat.succ_mul]
    omega

theorem length_flatMap_const {α β : Type} (l : List α) (f : α → List β) (c : Nat)
    (h : ∀ a ∈ l, (f a).length = c) : (l.flatMap f).length = l.length * c := by
  rw [List.length_flatMap]
  rw [List.map_congr_left h, sum_map_const]

theorem map_range_getD {α : Type} {a : Nat} {l : List α} {d : α} (h : l.length = a) :
    (List.range a).map (fun b => l.getD b d) = l := by
  apply List.ext_getElem (by simp [h])
  intro i h₁ h₂
  simp [List.getD_eq_getElem?_getD, List.getElem?_eq_getElem h₂]

theorem map_eq_map_range {α β : Type} (l : List α) (f : α → β) (d : α) :
    l.map f = (List.range l.length).map fun i => f (l.getD i d) := by
  conv => lhs; rw [← map_range_getD (l := l) (d := d) rfl]
  rw [List.map_map]
  try rfl

theorem ext_getD {α : Type} {l₁ l₂ : List α} (d : α) (hl : l₁.length = l₂.length)
    (h : ∀ i < l₁.length, l₁.getD i d = l₂.getD i d) : l₁ = l₂ := by
  apply List.ext_getElem hl
  intro i h₁ h₂
  have := h i h₁
  rwa [List.getD_eq_getElem?_getD, List.getD_eq_getElem?_getD, List.getElem?_eq_getElem h₁,
    List.getElem?_eq_getElem h₂] at this

end TC0
